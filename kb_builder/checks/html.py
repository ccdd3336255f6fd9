"""Read the links and anchors out of a built page, fast.

MkDocs and Material write regular HTML, so compiled patterns find the tags that matter
without building a tree: a full parser is several times slower, and this runs over every
page of every language. Comments and the bodies of `<script>` and `<style>` are skipped, so
text that merely looks like a tag is never taken for a link.

Two readers: `scan` takes ids, headings and links from an article's own HTML (small);
`scan_links` takes only links from the theme's part of a page (header, navigation, footer),
which is most of each page and repeats on every one of them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import NamedTuple

from kb_builder.htmltags import ANY_TAG, SKIP, attributes, tags

_LINK_TAG = re.compile(
    # The lookahead turns away most tags (`</div>`, `<span`, `<path`) with one test.
    r"<(?=[!abefilmostuv])"
    rf"(?:{SKIP}|(a|area|link|img|iframe|frame|embed|source|track|audio|video|object|form"
    r"|button|input|base|meta|image|use|feimage|animate|set)(\s[^>]*))>",
    re.S | re.I,
)

LINK_ATTRIBUTES: dict[str, tuple[str, ...]] = {
    "a": ("href", "xlink:href"),
    "area": ("href",),
    "link": ("href",),
    "img": ("src", "srcset"),
    "script": ("src",),
    "iframe": ("src",),
    "frame": ("src",),
    "embed": ("src",),
    "source": ("src", "srcset"),
    "track": ("src",),
    "audio": ("src",),
    "video": ("src", "poster"),
    "object": ("data",),
    "form": ("action",),
    "button": ("formaction",),
    "input": ("formaction", "src"),
    "base": ("href",),
    "image": ("href", "xlink:href"),
    "use": ("href", "xlink:href"),
    "feimage": ("href", "xlink:href"),
}
"""Attributes that make the browser follow, fetch or submit to an address, per tag.

Three more places hold addresses and are read by `_special`: `<meta http-equiv=refresh
content="0; url=...">`, the HTML of `<iframe srcdoc>`, and SVG animations that set a link
(`<animate attributeName=href values=...>`, `<set ... to=...>`)."""

ANYWHERE = ("href", "xlink:href")
"""Attributes that make any element a link: SVG and MathML elements follow `href`."""

_ANIMATED = ("values", "to", "from")
_REFRESH_URL = re.compile(r"^\s*[\d.]*\s*[;,]?\s*(?:url\s*=\s*)?(.*)$", re.S | re.I)

_NOT_FETCHED = {"preconnect", "dns-prefetch"}
"""`<link rel>` values whose address is a hint about a host, not a page or a file."""

MEMO_LIMIT = 200_000
"""Most tags `scan_links` remembers, to bound memory on very large sites."""

HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})


class HtmlLink(NamedTuple):
    """One address in a page, as the browser reads it (character references decoded)."""

    url: str
    tag: str
    attr: str
    hreflang: str
    """`data-kb-lang` or `hreflang`: the language the author says the target is in."""
    switcher: bool
    """Carries `data-kb-lang`: a switcher or chooser entry, across languages on purpose."""
    rel: str


@dataclass(slots=True)
class ScannedPage:
    ids: set[str] = field(default_factory=set)
    headings: list[str] = field(default_factory=list)
    """Ids of headings in document order (for hints about numbered anchors)."""
    links: list[HtmlLink] = field(default_factory=list)


def _add_links(links: list[HtmlLink], tag: str, attrs: dict[str, str]) -> None:
    names = LINK_ATTRIBUTES.get(tag, ANYWHERE)
    if tag in ("meta", "iframe", "animate", "set"):
        _special(links, tag, attrs)
    rel = attrs.get("rel", "")
    if tag == "link" and _NOT_FETCHED.intersection(rel.lower().split()):
        return
    kb_lang = attrs.get("data-kb-lang")
    hreflang = kb_lang or attrs.get("hreflang", "")
    switcher = kb_lang is not None
    for attr in names:
        value = attrs.get(attr)
        if value is None:
            continue
        if attr == "srcset":
            for url in _srcset(value):
                links.append(HtmlLink(url, tag, attr, hreflang, switcher, rel))
        else:
            links.append(HtmlLink(value, tag, attr, hreflang, switcher, rel))


def _special(links: list[HtmlLink], tag: str, attrs: dict[str, str]) -> None:
    """Addresses a browser follows that are not a plain attribute value."""
    if tag == "meta":
        if attrs.get("http-equiv", "").strip().lower() == "refresh":
            match = _REFRESH_URL.match(attrs.get("content", ""))
            url = match.group(1).strip().strip("'\"") if match else ""
            if url:
                links.append(HtmlLink(url, tag, "content", "", False, ""))
    elif tag == "iframe":
        if "srcdoc" in attrs:
            # The frame's document is HTML written into the attribute: read it as a page.
            links.extend(scan(attrs["srcdoc"]).links)
    elif attrs.get("attributename", "").strip().lower() in ANYWHERE:
        for attr in _ANIMATED:
            for url in attrs.get(attr, "").split(";") if attr in attrs else ():
                if url.strip():
                    links.append(HtmlLink(url.strip(), tag, attr, "", False, ""))


def scan(page: str, start: int = 0, end: int | None = None) -> ScannedPage:
    """Ids, heading ids and links of `page[start:end]`."""
    result = ScannedPage()
    add_id = result.ids.add
    links = result.links
    stop = len(page) if end is None else end
    for script, script_attrs, tag, raw in ANY_TAG.findall(page, start, stop):
        if not tag:
            tag, raw = script, script_attrs
        if not tag or "=" not in raw:
            continue
        if (raw.count('"') | raw.count("'")) & 1:
            return _scan_carefully(page, start, stop)
        tag = tag.lower()
        attrs = attributes(raw)
        anchor = attrs.get("id")
        if anchor is not None:
            add_id(anchor)
            if tag in HEADINGS:
                result.headings.append(anchor)
        if tag == "a" and "name" in attrs:
            add_id(attrs["name"])
        _add_links(links, tag, attrs)
    return result


def _scan_carefully(page: str, start: int, end: int) -> ScannedPage:
    """`scan` for a page with a '>' inside a quoted attribute value (rare, slower)."""
    result = ScannedPage()
    for tag, raw in tags(ANY_TAG, page, start, end):
        attrs = attributes(raw)
        anchor = attrs.get("id")
        if anchor is not None:
            result.ids.add(anchor)
            if tag in HEADINGS:
                result.headings.append(anchor)
        if tag == "a" and "name" in attrs:
            result.ids.add(attrs["name"])
        _add_links(result.links, tag, attrs)
    return result


def scan_links(
    page: str, start: int = 0, end: int | None = None, memo: dict | None = None
) -> list[HtmlLink]:
    """Only the links of `page[start:end]`; ids there are read later, if a link needs them.

    `memo` (kept across pages by the caller) maps a tag's text to its links: the theme
    writes the same tags on page after page, so each is read once per build, and a page
    costs little more than one pass of the pattern.
    """
    stop = len(page) if end is None else end
    memo = {} if memo is None else memo
    links: list[HtmlLink] = []
    for match in _LINK_TAG.findall(page, start, stop):
        found = memo.get(match)
        if found is None:
            if len(memo) >= MEMO_LIMIT:  # a site whose theme tags rarely repeat: start over
                memo.clear()
            found = memo[match] = _links_of(match)
        if found is _CAREFUL:
            return _scan_links_carefully(page, start, stop)
        if found:
            links.extend(found)
    return links


_CAREFUL: tuple[HtmlLink, ...] = (HtmlLink("", "", "", "", False, ""),)
"""Marks a tag that must be read again with its context (a '>' inside a quoted value)."""


def _links_of(match: tuple[str, str, str, str]) -> tuple[HtmlLink, ...]:
    script, script_attrs, tag, raw = match
    if not tag:
        tag, raw = script, script_attrs
    if not tag or "=" not in raw:
        return ()
    if (raw.count('"') | raw.count("'")) & 1:
        return _CAREFUL  # a '>' inside a quoted value: the tag must be read with its context
    links: list[HtmlLink] = []
    _add_links(links, tag.lower(), attributes(raw))
    return tuple(links)


def _scan_links_carefully(page: str, start: int, end: int) -> list[HtmlLink]:
    links: list[HtmlLink] = []
    for tag, raw in tags(_LINK_TAG, page, start, end):
        _add_links(links, tag, attributes(raw))
    return links


_MENU = '<nav class="md-nav md-nav--primary"'
_AFTER_MENU = (
    '<div class="md-sidebar md-sidebar--secondary"',
    '<div class="md-content"',
)
"""What Material writes right after the primary sidebar (the table of contents, else the
article), with only the sidebar's closing tags in between."""
_CLOSING_DIVS = re.compile(r"(?:\s|</div>)*")


def material_menu(page: str, start: int = 0, end: int | None = None) -> tuple[int, int] | None:
    """Where Material's navigation menu (`md-nav--primary`) is in the page, if it is there."""
    stop = len(page) if end is None else end
    first = page.find(_MENU, start, stop)
    if first < 0:
        return None
    # The menu nests a <nav> per section; its own end is the last </nav> before what
    # Material writes next, which is found without walking every section.
    found = [at for at in (page.find(marker, first, stop) for marker in _AFTER_MENU) if at >= 0]
    if found:
        after = min(found)
        closing = page.rfind("</nav>", first, after)
        if closing >= 0 and _CLOSING_DIVS.fullmatch(page, closing + len("</nav>"), after):
            return first, closing + len("</nav>")
    return _nested_end(page, first, stop)


def _nested_end(page: str, first: int, stop: int) -> tuple[int, int] | None:
    depth, position = 0, first
    while True:
        opening = page.find("<nav", position + 1, stop)
        closing = page.find("</nav>", position + 1, stop)
        if closing < 0:
            return None
        if 0 <= opening < closing:
            depth, position = depth + 1, opening
        elif depth == 0:
            return first, closing + len("</nav>")
        else:
            depth, position = depth - 1, closing


def _srcset(value: str) -> list[str]:
    """Addresses of a `srcset` (`a.png 1x, b.png 2x`)."""
    urls = []
    for candidate in re.split(r",\s+|,(?=\S+\s+\d)", value.strip()):
        parts = candidate.split()
        if parts:
            urls.append(parts[0])
    return urls
