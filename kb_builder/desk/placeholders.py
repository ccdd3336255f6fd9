"""Placeholders in say phrases: `[name]`, `[όνομα]`, `[date]` are for the agent to fill in.

Square brackets that Markdown did not turn into a link stay in the page as text. On the desk
they are wrapped in `<span class="kb-slot">` so they look like fill-in fields; the brackets
stay in the text, so a copied phrase still shows the agent what to replace.
"""

from __future__ import annotations

import re

PHRASE_START = re.compile(r"<div\b[^>]*\bdata-kb-say-phrase\b[^>]*>")
_DIV = re.compile(r"<(/?)div\b", re.I)
_PIECES = re.compile(r"(<[^>]*>)")
_OPENING = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)")
SLOT = re.compile(r"\[(?=[^\]]*[^\W\d_])[^\[\]<>\n]{1,60}\]")
"""Bracketed text with at least one letter: `[name]`, `[imię]`, not `[1]` or `[ ]`."""
_LITERAL = frozenset({"a", "code", "pre", "kbd", "samp"})
"""Inside these, brackets are the author's text or a link, not a field to fill in."""


def phrase_regions(html: str) -> list[tuple[int, int]]:
    """(start, end) of the inside of every say phrase element of a page."""
    regions = []
    for match in PHRASE_START.finditer(html):
        depth = 1
        for div in _DIV.finditer(html, match.end()):
            depth += -1 if div.group(1) else 1
            if depth == 0:
                regions.append((match.end(), div.start()))
                break
    return regions


def mark_fragment(fragment: str) -> str:
    """Wrap the placeholders of one phrase's HTML, leaving links and code alone."""
    out = []
    literal = 0
    for piece in _PIECES.split(fragment):
        if piece.startswith("<"):
            tag = _OPENING.match(piece)
            if tag and tag.group(2).lower() in _LITERAL and not piece.endswith("/>"):
                literal += -1 if tag.group(1) else 1
                literal = max(literal, 0)
            out.append(piece)
        elif literal or "[" not in piece:
            out.append(piece)
        else:
            out.append(SLOT.sub(lambda m: f'<span class="kb-slot">{m.group(0)}</span>', piece))
    return "".join(out)


def mark(html: str) -> str:
    """The page with the placeholders of every say phrase marked as fill-in fields."""
    regions = phrase_regions(html)
    if not regions:
        return html
    out = []
    position = 0
    for start, end in regions:
        out.append(html[position:start])
        out.append(mark_fragment(html[start:end]))
        position = end
    out.append(html[position:])
    return "".join(out)
