"""Turn a rendered FAQ page into expandable questions with stable, shareable anchors.

Works on the HTML Python-Markdown produced, after the table of contents gave every H2 its
id: each top-level H2 and what follows it, up to the next H2, becomes
`<details><summary><h2 id=...>`. The heading stays a heading (for the table of contents,
search sub-results and screen readers) and its id stays the link target.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

from kb_builder.htmltext import visible_text

VOID = {
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
_HEADERLINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.S)


@dataclass(frozen=True)
class FaqItem:
    anchor: str
    question_html: str
    answer_html: str

    @property
    def question_text(self) -> str:
        return plain_text(_HEADERLINK.sub("", self.question_html))

    @property
    def answer_text(self) -> str:
        return plain_text(self.answer_html)


def plain_text(html: str) -> str:
    """Text of an HTML fragment, whitespace collapsed (for JSON-LD and search).

    kb_builder's own interface inside an answer (a say block's label and copy button) is
    not part of the answer, so it is left out.
    """
    return visible_text(html)


class _TopLevelHeadings(HTMLParser):
    """Offsets of the top-level <h2> elements of a fragment."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=False)
        self._line_starts = [0]
        for match in re.finditer("\n", source):
            self._line_starts.append(match.end())
        self.depth = 0
        self.headings: list[tuple[int, int, str]] = []
        self._open: tuple[int, str] | None = None

    def _offset(self) -> int:
        line, column = self.getpos()
        return self._line_starts[line - 1] + column

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID:
            return
        if self.depth == 0 and tag == "h2":
            self._open = (self._offset(), dict(attrs).get("id") or "")
        self.depth += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        return

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        self.depth = max(0, self.depth - 1)
        if self.depth == 0 and tag == "h2" and self._open is not None:
            start, anchor = self._open
            end = self._offset() + len("</h2>")
            self.headings.append((start, end, anchor))
            self._open = None


def split_questions(html: str) -> tuple[str, list[FaqItem]]:
    """The intro before the first question, and every question with its answer."""
    parser = _TopLevelHeadings(html)
    parser.feed(html)
    parser.close()
    headings = parser.headings
    if not headings:
        return html, []
    items = []
    for index, (start, end, anchor) in enumerate(headings):
        answer_end = headings[index + 1][0] if index + 1 < len(headings) else len(html)
        items.append(FaqItem(anchor, html[start:end], html[end:answer_end].strip()))
    return html[: headings[0][0]].strip(), items


def render_faq(html: str, expand_label: str, collapse_label: str) -> tuple[str, list[FaqItem]]:
    """The page body with every question as an expandable item (labels already escaped)."""
    intro, items = split_questions(html)
    if not items:
        return html, []
    parts = [intro, '<div class="kb-faq">']
    parts.append(
        '<p class="kb-faq__tools"><button type="button" class="md-button kb-faq__toggle" '
        f'data-kb-faq-toggle data-expand="{expand_label}" data-collapse="{collapse_label}">'
        f"{expand_label}</button></p>"
    )
    for item in items:
        # A link inside <summary> is a control inside a control: the question's permanent
        # link moves to the start of its answer (the heading keeps its id).
        permalink = _HEADERLINK.search(item.question_html)
        question = _HEADERLINK.sub("", item.question_html)
        link = permalink.group(0) if permalink else ""
        parts.append(
            f'<details class="kb-faq__item"><summary>{question}</summary>'
            f'<div class="kb-faq__answer">{link}{item.answer_html}</div></details>'
        )
    parts.append("</div>")
    return "\n".join(part for part in parts if part), items
