"""The desk's phrase index: every say phrase of a language, for search results of their own.

Phrases are read from each page's finished HTML (say blocks rendered, FAQ answers wrapped)
and written once per language to `assets/kb/desk/phrases/<lang>.json`, which the desk's
search script downloads when the search opens. A record holds the phrase as the copy button
copies it, the article's title, the heading above the phrase and the address of that heading.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass
from html.parser import HTMLParser
from pathlib import Path

from kb_builder.desk.placeholders import phrase_regions
from kb_builder.htmltext import UI_ATTRIBUTE, VOID, visible_text

INDEX_DIR = "assets/kb/desk/phrases"
"""Site path of the phrase index files, one `<lang>.json` per language."""

_HEADING = re.compile(r"<h([1-6])\b([^>]*)>(.*?)</h\1\s*>", re.S | re.I)
_ID = re.compile(r'\bid="([^"]*)"')
_SAY_START = re.compile(r"<(div|details)\b[^>]*\sdata-kb-say(?=[\s>=])[^>]*>")
_LABEL = re.compile(
    r"<(p|summary)\b(?=[^>]*\bkb-say__label\b)(?![^>]*\b" + UI_ATTRIBUTE + r"\b)[^>]*>(.*?)</\1>",
    re.S,
)
_BREAKS = {"p": 2, "br": 1, "li": 1, "ul": 1, "ol": 1, "div": 1, "blockquote": 2, "dd": 1}


@dataclass(frozen=True)
class Phrase:
    """One say phrase, as the desk's search shows and copies it."""

    text: str
    """The phrase as copied: paragraphs apart by a blank line, placeholders in brackets."""
    title: str
    """The article's title."""
    heading: str
    """The heading above the phrase, or the say block's own label; '' at the top."""
    url: str
    """Site-relative address of the article, with the heading's anchor when there is one."""


class _PhraseText(HTMLParser):
    """Text of a phrase as a browser's `innerText` gives it: paragraphs and line breaks."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.pending = 0
        self.skipping = 0

    def _break(self, count: int) -> None:
        self.pending = max(self.pending, count)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.skipping or tag == "button" or any(name == UI_ATTRIBUTE for name, _ in attrs):
            if tag not in VOID:
                self.skipping += 1
            return
        self._break(_BREAKS.get(tag, 0))

    def handle_endtag(self, tag: str) -> None:
        if self.skipping:
            self.skipping -= 1
            return
        self._break(_BREAKS.get(tag, 0) if tag != "br" else 0)

    def handle_data(self, data: str) -> None:
        if self.skipping:
            return
        text = re.sub(r"\s+", " ", data)
        if not text.strip() and not self.parts:
            return
        if self.pending and self.parts:
            self.parts.append("\n" * self.pending)
        self.pending = 0
        self.parts.append(text)


def phrase_text(fragment: str) -> str:
    """The text of a phrase's HTML, as desk.js copies it from the page."""
    parser = _PhraseText()
    parser.feed(fragment)
    parser.close()
    lines = [" ".join(line.split()) for line in "".join(parser.parts).split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def page_phrases(html: str, title: str, url: str) -> list[Phrase]:
    """Every say phrase of a rendered page, with the heading it comes under."""
    regions = phrase_regions(html)
    if not regions:
        return []
    headings = []
    for match in _HEADING.finditer(html):
        found = _ID.search(match.group(2))
        text = visible_text(match.group(3))
        headings.append((match.start(), found.group(1) if found else "", text))
    phrases = []
    for start, end in regions:
        text = phrase_text(html[start:end])
        if not text:
            continue
        anchor, heading = "", ""
        for position, ident, words in headings:
            if position > start:
                break
            if ident:
                anchor, heading = ident, words
        blocks = list(_SAY_START.finditer(html, 0, start))
        if blocks:
            block = blocks[-1]
            label = _LABEL.search(html, block.end(), start)
            if label is not None:
                heading = visible_text(label.group(2)) or heading
        phrases.append(Phrase(text, title, heading, f"{url}#{anchor}" if anchor else url))
    return phrases


def page_of(url: str) -> str:
    """The page address of a phrase's address (without the heading's anchor)."""
    return url.split("#", 1)[0]


def merge(
    old: list[dict[str, str]], rendered: dict[str, list[Phrase]], pages: list[str]
) -> list[dict[str, str]]:
    """An index from the last build's records and the phrases of the pages rendered again
    (`rendered`: page address -> its phrases now, maybe none), without pages that are gone,
    in the order of `pages` (the site's pages as MkDocs renders them), as a full build
    writes it. For previews that render only the pages an edit changed."""
    position = {page: number for number, page in enumerate(pages)}
    kept = [r for r in old if page_of(str(r.get("url", ""))) not in rendered]
    fresh = [asdict(item) for items in rendered.values() for item in items]
    records = [r for r in kept + fresh if page_of(str(r.get("url", ""))) in position]
    # Stable: the phrases of one page keep their order.
    records.sort(key=lambda r: position[page_of(str(r.get("url", "")))])
    return records


def read_index(site_dir: Path, lang: str) -> list[dict[str, str]]:
    """The records of a language's index as the last build wrote it ([] when unreadable)."""
    try:
        data = json.loads((site_dir / INDEX_DIR / f"{lang}.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    records = data.get("phrases") if isinstance(data, dict) else None
    return [r for r in records if isinstance(r, dict)] if isinstance(records, list) else []


def write_index(
    site_dir: Path, phrases: dict[str, list[Phrase] | list[dict[str, str]]]
) -> list[Path]:
    """Write one JSON file per language (an empty list for a language without phrases)."""
    folder = site_dir / INDEX_DIR
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for lang, items in phrases.items():
        path = folder / f"{lang}.json"
        records = [item if isinstance(item, dict) else asdict(item) for item in items]
        path.write_text(
            json.dumps(
                {"lang": lang, "phrases": records}, ensure_ascii=False, separators=(",", ":")
            ),
            encoding="utf-8",
        )
        written.append(path)
    return written
