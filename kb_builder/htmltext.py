"""The text a reader sees in a fragment of rendered HTML, without kb_builder's own interface.

Text built from pages (FAQ JSON-LD answers, for example) must carry what the author wrote,
not the "Copy phrase" button or the translated "Say this" label that kb_builder adds around
it. Elements marked with `data-kb-ui`, buttons, scripts and heading permalinks are skipped.
"""

from __future__ import annotations

from html.parser import HTMLParser

UI_ATTRIBUTE = "data-kb-ui"
"""Marks an element as interface chrome added by kb_builder, not content."""

VOID = frozenset(
    {
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "source",
        "track",
        "wbr",
    }
)
INLINE = frozenset(
    {
        "a",
        "abbr",
        "b",
        "bdi",
        "bdo",
        "cite",
        "code",
        "del",
        "dfn",
        "em",
        "i",
        "ins",
        "kbd",
        "mark",
        "q",
        "s",
        "samp",
        "small",
        "span",
        "strong",
        "sub",
        "sup",
        "time",
        "u",
        "var",
    }
)
_SKIPPED_TAGS = frozenset({"button", "script", "style", "template"})


def _is_skipped(tag: str, attrs: list[tuple[str, str | None]]) -> bool:
    if tag in _SKIPPED_TAGS:
        return True
    for name, value in attrs:
        if name == UI_ATTRIBUTE:
            return True
        if name == "class" and value and "headerlink" in value.split():
            return True
    return False


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.open: list[str] = []
        self.skip_from: int | None = None
        """Depth of the outermost skipped element that is open, if any."""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in INLINE:
            self.parts.append(" ")
        if tag in VOID:
            return
        self.open.append(tag)
        if self.skip_from is None and _is_skipped(tag, attrs):
            self.skip_from = len(self.open)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in INLINE:
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag not in INLINE:
            self.parts.append(" ")
        if tag not in self.open:
            return
        while self.open:
            closed = self.open.pop()
            if self.skip_from is not None and len(self.open) < self.skip_from:
                self.skip_from = None
            if closed == tag:
                break

    def handle_data(self, data: str) -> None:
        if self.skip_from is None:
            self.parts.append(data)


def visible_text(html: str) -> str:
    """Text of an HTML fragment, whitespace collapsed, kb_builder's interface left out."""
    parser = _Text()
    parser.feed(html)
    parser.close()
    return " ".join("".join(parser.parts).split())
