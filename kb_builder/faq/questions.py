"""The questions of a FAQ page, read from its Markdown, for checks that run before rendering."""

from __future__ import annotations

from dataclasses import dataclass

from kb_builder.content.headings import headings
from kb_builder.content.model import Document
from kb_builder.findings import Finding


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
    lines = document.body.split("\n")
    h2 = [heading for heading in headings(document.body) if heading.level == 2]
    found = []
    for index, heading in enumerate(h2):
        end = h2[index + 1].offset if index + 1 < len(h2) else len(lines)
        answer = "\n".join(lines[heading.offset + 1 : end]).strip()
        found.append(
            Question(heading.text, heading.anchor, document.body_line + heading.offset, answer)
        )
    return found


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
        key = " ".join(item.text.split()).casefold()
        if key in seen:
            findings.append(
                Finding(
                    path,
                    item.line,
                    f"the question '{item.text}' repeats the question on line {seen[key]}",
                    "Merge the two, or word them differently",
                    kind="faq",
                )
            )
        seen.setdefault(key, item.line)
    return findings
