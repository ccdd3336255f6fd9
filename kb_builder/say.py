"""'Say this' blocks: a phrase the agent reads to the customer, with a one-click copy button.

Editors write an admonition of type `say`:

    !!! say
        I'm sorry to hear that. Tell me what happened, and take your time.

`!!! say "Custom label"` keeps the editor's label, and `??? say` (pymdownx.details) makes it
collapsible. Python-Markdown renders these as `<div class="admonition say">` or
`<details class="say">`; this module turns that HTML into a labelled box whose phrase sits in
its own element (so the copy button copies exactly the phrase) and whose default label and
button speak the page's language.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape, unescape
from html.parser import HTMLParser

from mkdocs.exceptions import PluginError

from kb_builder.htmltext import UI_ATTRIBUTE, VOID
from kb_builder.i18n import strings

_MAYBE_SAY = re.compile(r'class="[^"]*\bsay\b')
DEFAULT_TITLE = "Say"
"""The title Python-Markdown gives a `say` admonition without one of its own."""


@dataclass(frozen=True)
class SayLabels:
    """Interface strings of a say block in one language, as plain text (escaped here)."""

    label: str
    copy: str
    copied: str
    failed: str


@dataclass
class _Block:
    tag: str
    attrs: list[tuple[str, str | None]]
    start: int
    body_start: int
    depth: int
    title: tuple[int, int] | None = None
    title_inner: tuple[int, int] | None = None
    end_tag: tuple[int, int] = (-1, -1)
    """Start and end of the closing tag; (-1, -1) while the block is open."""


def _classes(attrs: list[tuple[str, str | None]]) -> list[str]:
    return next((value or "" for name, value in attrs if name == "class"), "").split()


def _is_say(tag: str, attrs: list[tuple[str, str | None]]) -> bool:
    classes = _classes(attrs)
    if "say" not in classes:
        return False
    return (tag == "div" and "admonition" in classes) or tag == "details"


class _SayBlocks(HTMLParser):
    """Offsets of the outermost say blocks of a fragment, and of their titles.

    Open elements are kept on a stack and an end tag closes up to its match, so a stray tag
    in a title (`!!! say "Ask for a <manager>"`) cannot throw the rest of the page off.
    """

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=False)
        self.source = source
        self._line_starts = [0] + [m.end() for m in re.finditer("\n", source)]
        self.open: list[str] = []
        self.blocks: list[_Block] = []
        self._current: _Block | None = None
        self._title_open: int | None = None
        self._seen_child = False

    def _offset(self) -> int:
        line, column = self.getpos()
        return self._line_starts[line - 1] + column

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID:
            self._seen_child = self._seen_child or self._current is not None
            return
        start = self._offset()
        end = start + len(self.get_starttag_text() or "")
        self.open.append(tag)
        depth = len(self.open)
        block = self._current
        if block is None:
            if _is_say(tag, attrs):
                self._current = _Block(tag, attrs, start, end, depth)
                self._seen_child = False
            return
        if depth == block.depth + 1 and not self._seen_child:
            wanted = "summary" if block.tag == "details" else "p"
            if tag == wanted and (tag == "summary" or "admonition-title" in _classes(attrs)):
                self._title_open = start
                block.title_inner = (end, end)
            self._seen_child = True

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._current is not None:
            self._seen_child = True

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID or tag not in self.open:
            return
        start = self._offset()
        end = self.source.index(">", start) + 1
        while self.open:
            closed = self.open.pop()
            depth = len(self.open) + 1
            block = self._current
            if block is not None and closed == tag:
                if self._title_open is not None and depth == block.depth + 1:
                    inner_start = block.title_inner[0] if block.title_inner else start
                    block.title = (self._title_open, end)
                    block.title_inner = (inner_start, start)
                    self._title_open = None
                elif depth == block.depth:
                    block.end_tag = (start, end)
                    self.blocks.append(block)
                    self._current = None
            if closed == tag:
                break


def _find_blocks(html: str) -> list[_Block]:
    parser = _SayBlocks(html)
    parser.feed(html)
    parser.close()
    return [block for block in parser.blocks if block.end_tag[0] >= 0]


def _start_tag(tag: str, attrs: list[tuple[str, str | None]], extra_class: str, *flags: str) -> str:
    parts = [tag]
    has_class = False
    for name, value in attrs:
        if name == "class":
            value = f"{value} {extra_class}".strip() if value else extra_class
            has_class = True
        parts.append(name if value is None else f'{name}="{escape(value, quote=True)}"')
    if not has_class:
        parts.append(f'class="{extra_class}"')
    parts.extend(flags)
    return "<" + " ".join(parts) + ">"


def _title(html: str, block: _Block, labels: SayLabels) -> str:
    if block.title is None or block.title_inner is None:
        return ""
    inner = html[block.title_inner[0] : block.title_inner[1]]
    tag = "summary" if block.tag == "details" else "p"
    base = "" if tag == "summary" else "admonition-title "
    if unescape(inner).strip() == DEFAULT_TITLE:
        # The default title is interface text: translate it and keep it out of copied text.
        return (
            f'<{tag} class="{base}kb-say__label" {UI_ATTRIBUTE} data-pagefind-ignore>'
            f"{escape(labels.label)}</{tag}>"
        )
    return f'<{tag} class="{base}kb-say__label">{inner}</{tag}>'


def _button(labels: SayLabels) -> str:
    return (
        f'<button type="button" class="kb-say__copy" data-kb-say-copy {UI_ATTRIBUTE} '
        f'data-pagefind-ignore data-copy="{escape(labels.copy)}" '
        f'data-copied="{escape(labels.copied)}" data-failed="{escape(labels.failed)}">'
        f"{escape(labels.copy)}</button>"
    )


def render_say(html: str, labels: SayLabels) -> str:
    """Turn every say admonition of a page into a labelled box with a copy button."""
    if not _MAYBE_SAY.search(html):
        return html
    blocks = _find_blocks(html)
    if not blocks:
        return html
    out: list[str] = []
    position = 0
    for block in blocks:
        body_start = block.title[1] if block.title else block.body_start
        body = html[body_start : block.end_tag[0]].strip("\n")
        out.append(html[position : block.start])
        out.append(_start_tag(block.tag, block.attrs, "kb-say", "data-kb-say"))
        title = _title(html, block, labels)
        if title:
            out.append("\n" + title)
        out.append("\n" + _button(labels))
        out.append(f'\n<div class="kb-say__phrase" data-kb-say-phrase>\n{body}\n</div>')
        out.append(f'\n<p class="kb-say__status" role="status" {UI_ATTRIBUTE}></p>\n')
        out.append(html[block.end_tag[0] : block.end_tag[1]])
        position = block.end_tag[1]
    out.append(html[position:])
    return "".join(out)


def labels_for(lang: str) -> SayLabels:
    """The say block's label and button texts in `lang` (kb_builder/i18n/ui/<lang>.yml)."""
    return SayLabels(
        label=strings.translate(lang, "say.label"),
        copy=strings.translate(lang, "say.copy"),
        copied=strings.translate(lang, "say.copied"),
        failed=strings.translate(lang, "say.copy_failed"),
    )


def render_quotes(html: str) -> str:
    """Turn every say block into an ordinary quotation, for the public site.

    Customers see the phrase as a quotation: no "Say this" label and no copy button. An
    editor's own label is kept as the quotation's caption; the default one, which speaks
    to agents, is dropped.
    """
    if not _MAYBE_SAY.search(html):
        return html
    out: list[str] = []
    position = 0
    for block in _find_blocks(html):
        body_start = block.title[1] if block.title else block.body_start
        body = html[body_start : block.end_tag[0]].strip("\n")
        quote = f"<blockquote>\n{body}\n</blockquote>"
        caption = ""
        if block.title_inner is not None:
            inner = html[block.title_inner[0] : block.title_inner[1]]
            if unescape(inner).strip() not in ("", DEFAULT_TITLE):
                caption = inner
        out.append(html[position : block.start])
        if caption:
            out.append(
                f'<figure class="kb-quote">\n<figcaption class="kb-quote__caption">{caption}'
                f"</figcaption>\n{quote}\n</figure>"
            )
        else:
            out.append(quote.replace("<blockquote>", '<blockquote class="kb-quote">', 1))
        position = block.end_tag[1]
    out.append(html[position:])
    return "".join(out)


_AGENT_ONLY_TAG = re.compile(r"<[A-Za-z][^<>]*?\sclass=\"[^\"]*\bagent-only\b", re.S)


def check_no_agent_only(html: str, src_uri: str) -> None:
    """Fail the public build if a block marked agent-only is still in a page's HTML.

    `kb_builder.agent_only` removes them while Markdown is converted; what it cannot see
    (a raw HTML block without `markdown="1"`) would otherwise be published.
    """
    if _AGENT_ONLY_TAG.search(html):
        raise PluginError(
            f"{src_uri}: a block marked 'agent-only' is written in raw HTML, which the public "
            "build cannot leave out, so nothing was published. Write it as '!!! say "
            'agent-only\', or add markdown="1" to the HTML element.'
        )
