"""Fingerprints of source articles: what a translation records as `source_hash`.

A translation is current while its source says the same thing it said when the translation
was made. Only what a translator translates counts (the title, the description and the
body), and only after normalising what an editor's tools change without changing meaning:
Unicode form, line endings, trailing whitespace and runs of blank lines. So re-saving a
file on Windows or tidying blank lines keeps every translation current, while changing a
word makes them stale.

The same normalised text is cut into parts (title, description, introduction, one per `##`
section) so that, given an older version of the source, we can say which parts changed.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass

ALGORITHM = "sha256"
"""Prefix of the hashes kb_builder writes: `sha256:<64 hex digits>`."""

TITLE = "title"
DESCRIPTION = "description"
INTRODUCTION = "introduction"
SECTION = "section"

CHANGED = "changed"
ADDED = "added"
REMOVED = "removed"

_H2 = re.compile(r"^ {0,3}##(?:[ \t]+(?P<text>.*?))?(?:[ \t]+#+)?[ \t]*$")
_FENCE = re.compile(r"^ {0,3}(?P<fence>`{3,}|~{3,})")


def normalise(text: str) -> str:
    """NFC, LF line ends, no trailing whitespace, one blank line at most between blocks."""
    text = unicodedata.normalize("NFC", text)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines: list[str] = []
    blank = False
    for line in text.split("\n"):
        line = line.rstrip()
        if not line:
            blank = bool(lines)
            continue
        if blank:
            lines.append("")
            blank = False
        lines.append(line)
    return "\n".join(lines)


def normalise_line(text: str) -> str:
    """A one-line front matter value: NFC, inner runs of whitespace as one space."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def fingerprint(title: str, description: str, body: str) -> str:
    """The `source_hash` of an article with this title, description and body."""
    canonical = (
        f"title: {normalise_line(title)}\n"
        f"description: {normalise_line(description)}\n\n"
        f"{normalise(body)}\n"
    )
    return f"{ALGORITHM}:{hashlib.sha256(canonical.encode('utf-8')).hexdigest()}"


def is_own_hash(value: str) -> bool:
    """Whether a recorded hash was written by kb_builder (and so can be compared at all)."""
    algorithm, _, digest = value.partition(":")
    return algorithm == ALGORITHM and len(digest) == 64


@dataclass(frozen=True)
class Part:
    """One part of an article that a translator works through: a heading and its text."""

    kind: str
    """`title`, `description`, `introduction` (text before the first `##`) or `section`."""
    heading: str | None
    """The `##` heading's text for a section; None for the other kinds."""
    text: str

    @property
    def key(self) -> tuple[str, str | None]:
        return (self.kind, self.heading)


@dataclass(frozen=True)
class PartChange:
    """A part of the source that differs from the version a translation was made from."""

    kind: str
    heading: str | None
    change: str
    """`changed`, `added` (only in the current source) or `removed` (only in the old one)."""

    def describe(self) -> str:
        """English wording for terminals and logs: `section "Refunds" changed`."""
        name = f'section "{self.heading}"' if self.kind == SECTION else self.kind
        return f"{name} {self.change}"


def parts(title: str, description: str, body: str) -> list[Part]:
    """Title, description, introduction and `##` sections of an article, normalised."""
    found = [
        Part(TITLE, None, normalise_line(title)),
        Part(DESCRIPTION, None, normalise_line(description)),
    ]
    heading: str | None = None
    kind = INTRODUCTION
    lines: list[str] = []
    fence: str | None = None
    for line in normalise(body).split("\n"):
        opened = _FENCE.match(line)
        if fence is not None:
            if opened and _closes(fence, opened["fence"], line):
                fence = None
        elif opened:
            fence = opened["fence"]
        else:
            match = _H2.match(line)
            if match is not None:
                found.append(Part(kind, heading, _strip_blank("\n".join(lines))))
                kind, heading, lines = SECTION, (match["text"] or "").strip(), []
                continue
        lines.append(line)
    found.append(Part(kind, heading, _strip_blank("\n".join(lines))))
    return [part for part in found if part.kind != INTRODUCTION or part.text]


def _closes(fence: str, candidate: str, line: str) -> bool:
    """A closing fence: the same character, at least as long, and nothing after it."""
    rest = line.strip()[len(candidate) :]
    return candidate[0] == fence[0] and len(candidate) >= len(fence) and not rest.strip()


def _strip_blank(text: str) -> str:
    return text.strip("\n")


def compare(old: list[Part], new: list[Part]) -> list[PartChange]:
    """Which parts of `new` differ from `old`, in reading order; removed parts last.

    Sections are matched by heading; a heading that appears more than once is matched by
    its occurrence, so the second "Example" is compared with the old second "Example".
    """
    before = dict(_keyed(old))
    after = _keyed(new)
    changes: list[PartChange] = []
    seen = set()
    for key, part in after:
        seen.add(key)
        previous = before.get(key)
        if previous is None:
            changes.append(PartChange(part.kind, part.heading, ADDED))
        elif previous.text != part.text:
            changes.append(PartChange(part.kind, part.heading, CHANGED))
    for key, part in _keyed(old):
        if key not in seen:
            changes.append(PartChange(part.kind, part.heading, REMOVED))
    return changes


def _keyed(found: list[Part]) -> list[tuple[tuple[str, str | None, int], Part]]:
    counts: dict[tuple[str, str | None], int] = {}
    keyed = []
    for part in found:
        index = counts.get(part.key, 0)
        counts[part.key] = index + 1
        keyed.append(((part.kind, part.heading, index), part))
    return keyed
