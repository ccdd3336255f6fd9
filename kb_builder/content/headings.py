"""Headings of an article's Markdown and the anchors the build will give them.

Read from the source rather than the rendered page, so work that needs another page's
anchors (links into translations, FAQ checks, changed sections) can run before that page is
rendered. The anchors match what the `toc` extension produces with kb's Unicode slugs,
including explicit `{#id}` attributes and `_1`, `_2` suffixes for repeated headings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kb_builder.content.slugs import slug

_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
_ATX = re.compile(r"^\s{0,3}(#{1,6})\s+(.+?)\s*(?:#+\s*)?$")
_ATTRS = re.compile(r"\s*\{([^}]*)\}\s*$")
_ID = re.compile(r"#([^\s}]+)")
_MARKS = ("#", "`", "~")


@dataclass(frozen=True)
class Heading:
    level: int
    text: str
    anchor: str
    offset: int
    """Line offset inside the body (0-based)."""


def headings(body: str) -> list[Heading]:
    """ATX headings outside fenced code, with their final anchors."""
    found: list[Heading] = []
    used: set[str] = set()
    fence: str | None = None
    for offset, line in enumerate(body.split("\n")):
        if line.lstrip()[:1] not in _MARKS:
            continue  # most lines: neither a heading nor a fence
        opening = _FENCE.match(line)
        if opening:
            marker = opening.group(1)[0]
            if fence is None:
                fence = marker
            elif fence == marker:
                fence = None
            continue
        if fence is not None:
            continue
        match = _ATX.match(line)
        if not match:
            continue
        text = match.group(2)
        explicit = None
        attrs = _ATTRS.search(text)
        if attrs:
            id_match = _ID.search(attrs.group(1))
            explicit = id_match.group(1) if id_match else None
            text = text[: attrs.start()]
        anchor = explicit or _unique(slug(text), used)
        used.add(anchor)
        found.append(Heading(len(match.group(1)), text.strip(), anchor, offset))
    return found


def _unique(anchor: str, used: set[str]) -> str:
    if anchor not in used:
        return anchor
    number = 1
    while f"{anchor}_{number}" in used:
        number += 1
    return f"{anchor}_{number}"
