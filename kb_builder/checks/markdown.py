"""Remember each Markdown link as the editor wrote it, before MkDocs rewrites it.

MkDocs turns `[x](../pricing/faq.md#zniżki)` into `<a href="../../pricing/faq/#zniżki">`.
The checks read the built page, but findings must quote what is in the file, and find its
line. Two tree processors bracket MkDocs' own (`relpath`, priority 0): the first notes
every link and image, the second pairs each with the address MkDocs made of it.
"""

from __future__ import annotations

import html
import xml.etree.ElementTree as etree

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor
from markdown.util import AMP_SUBSTITUTE

_KEYS = {"a": "href", "img": "src"}


def _clean(value: str) -> str:
    """The address as the browser will read it from the finished page."""
    if AMP_SUBSTITUTE in value:
        value = value.replace(AMP_SUBSTITUTE, "&")
    return html.unescape(value) if "&" in value else value


class LinkRecorder(Extension):
    """A Markdown extension; `take()` returns (built, written) address pairs since last call."""

    def __init__(self) -> None:
        super().__init__()
        self._pairs: list[tuple[str, str]] = []

    def extendMarkdown(self, md: Markdown) -> None:
        before = _Before(md)
        md.treeprocessors.register(before, "kb_links_written", 0.5)
        md.treeprocessors.register(_After(md, before, self._pairs), "kb_links_built", -0.5)

    def take(self) -> list[tuple[str, str]]:
        pairs = list(self._pairs)
        self._pairs.clear()
        return pairs


class _Before(Treeprocessor):
    def __init__(self, md: Markdown) -> None:
        super().__init__(md)
        self.seen: list[tuple[etree.Element, str, str]] = []

    def run(self, root: etree.Element) -> None:
        self.seen = []
        for element in root.iter():
            key = _KEYS.get(element.tag)  # type: ignore[arg-type]
            if key is not None:
                value = element.get(key)
                if value is not None:
                    self.seen.append((element, key, value))


class _After(Treeprocessor):
    def __init__(self, md: Markdown, before: _Before, pairs: list[tuple[str, str]]) -> None:
        super().__init__(md)
        self.before = before
        self.pairs = pairs

    def run(self, root: etree.Element) -> None:
        for element, key, written in self.before.seen:
            built = element.get(key)
            if built is not None:
                self.pairs.append((_clean(built), _clean(written)))
        self.before.seen = []
