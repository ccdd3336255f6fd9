"""Keep links to headings working across translations and fallbacks.

An English article shown on the Greek site (a fallback) links to `faq/#can-i-pay-by-card`,
but the Greek FAQ's heading is `#μπορώ-να-πληρώσω-με-κάρτα`. Translations keep the original's
headings in the same order, so when the two heading lists line up, the anchor is carried
across by position; when they don't, the link is left alone for the link checker to report.
"""

from __future__ import annotations

import functools
import posixpath
import re
from collections.abc import Callable
from urllib.parse import unquote

from kb_builder.content.headings import headings
from kb_builder.content.model import Document
from kb_builder.i18n.plan import PageVariant, SitePlan


@functools.lru_cache(maxsize=1 << 14)
def _anchors_of(body: str) -> tuple[str, ...]:
    # Kept between the rebuilds of `mkdocs serve`: most bodies do not change from one save
    # to the next, and every page's anchors are asked for on every preview rebuild.
    return tuple(heading.anchor for heading in headings(body))


_HREF = re.compile(r'(<a\s[^>]*?href=")([^"#]*)#([^"]+)(")')


class AnchorMap:
    """Anchors per document, computed once per build and shared by every page."""

    def __init__(self, plan: SitePlan) -> None:
        self.plan = plan
        self._anchors: dict[tuple[str, str], list[str]] = {}

    def anchors(self, document: Document) -> list[str]:
        key = (document.lang, document.rel)
        if key not in self._anchors:
            self._anchors[key] = list(_anchors_of(document.body))
        return self._anchors[key]

    def carry(self, target: PageVariant, anchor: str, reader_lang: str) -> str | None:
        """The anchor on `target` that stands for `anchor`, or None when there is none."""
        shown = self.anchors(target.document)
        if anchor in shown:
            return anchor
        others = [target.article.documents.get(reader_lang), target.article.original]
        for other in others:
            if other is None or other is target.document:
                continue
            theirs = self.anchors(other)
            if anchor in theirs and len(theirs) == len(shown):
                return shown[theirs.index(anchor)]
        return None


def retarget_links(
    html: str,
    page_url: str,
    reader_lang: str,
    resolve: Callable[[str], PageVariant | None],
    anchors: AnchorMap,
) -> str:
    """Rewrite `href="...#anchor"` in a rendered page so the anchor exists on the target.

    `page_url` is the page's site-relative URL (`el/complaints/`); `resolve` maps a
    site-relative URL to the variant published there.
    """

    def replace(match: re.Match[str]) -> str:
        prefix, path, fragment, suffix = match.groups()
        if not path and f'id="{fragment}"' in html:
            return match.group(0)  # a heading of this very page (the permalinks)
        if ":" in path.split("/", 1)[0] or path.startswith("//"):
            return match.group(0)  # another site, or `mailto:` and the like
        target_url = _join(page_url, path)
        variant = resolve(target_url)
        if variant is None:
            return match.group(0)
        anchor = unquote(fragment)
        carried = anchors.carry(variant, anchor, reader_lang)
        if carried is None or carried == anchor:
            return match.group(0)
        return f"{prefix}{path}#{carried}{suffix}"

    return _HREF.sub(replace, html)


def _join(page_url: str, href_path: str) -> str:
    """Site-relative URL of a link written on the page at `page_url`."""
    if not href_path:
        return page_url
    base = page_url if page_url.endswith("/") else posixpath.dirname(page_url) + "/"
    joined = posixpath.normpath(posixpath.join(base, unquote(href_path)))
    if joined == ".":
        return ""
    return joined + "/" if href_path.endswith("/") else joined
