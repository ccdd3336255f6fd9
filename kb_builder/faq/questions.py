"""The questions of a FAQ page, read from its Markdown, for checks that run before rendering."""

from __future__ import annotations

import re
from dataclasses import dataclass

from kb_builder.content.model import Document
from kb_builder.content.slugs import slug
from kb_builder.findings import Finding

_FENCE = re.compile(r"^(```|~~~)")
_H2 = re.compile(r"^##(?!#)\s+(.+?)\s*#*\s*$")
_ATTR_ID = re.compile(r"\s*\{[^}]*#([^\s}]+)[^}]*\}\s*$")


@dataclass(frozen=True)
class Question:
    text: str
    anchor: str
    line: int
    """Line in the file, for findings."""
    answer: str
    """The Markdown under the question, up to the next question."""


def questions(document: Document) -> list[Question]:
    """Every H2 of the body (outside code blocks) with the text under it."""
    found: list[tuple[str, str, int]] = []
    answers: list[list[str]] = []
    in_fence = False
    for offset, line in enumerate(document.body.split("\n")):
        if _FENCE.match(line.lstrip()):
            in_fence = not in_fence
        match = None if in_fence else _H2.match(line)
        if match:
            text = match.group(1)
            explicit = _ATTR_ID.search(text)
            anchor = explicit.group(1) if explicit else slug(text)
            text = _ATTR_ID.sub("", text)
            found.append((text, anchor, document.body_line + offset))
            answers.append([])
        elif answers:
            answers[-1].append(line)
    return [
        Question(text, anchor, line, "\n".join(answer).strip())
        for (text, anchor, line), answer in zip(found, answers, strict=True)
    ]


def check_faq(document: Document) -> list[Finding]:
    """A FAQ page needs questions, and every question an answer."""
    items = questions(document)
    path = document.shown_path
    if not items:
        return [
            Finding(
                path,
                document.front.lines.get("type"),
                "a FAQ page without questions",
                "Write each question as a '## ' heading with its answer below it",
                kind="faq",
            )
        ]
    findings = []
    seen: dict[str, int] = {}
    for item in items:
        if not item.answer:
            findings.append(
                Finding(
                    path,
                    item.line,
                    f"the question '{item.text}' has no answer",
                    "Write the answer under the question",
                    kind="faq",
                )
            )
        if item.anchor in seen:
            findings.append(
                Finding(
                    path,
                    item.line,
                    f"the question '{item.text}' repeats the question on line {seen[item.anchor]}",
                    "Merge the two, or word them differently",
                    kind="faq",
                )
            )
        seen.setdefault(item.anchor, item.line)
    return findings
