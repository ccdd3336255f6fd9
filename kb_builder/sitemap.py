"""The entries of `sitemap.xml`: every page written in a language, with its translations.

MkDocs renders the sitemap from the `sitemap.xml` template of the theme and gzips the same
output into `sitemap.xml.gz`; kb_builder's template (theme/sitemap.xml) renders these entries.

- Only pages of this build are listed, so the public sitemap has only public pages.
- Each page lists every language it is written in as `hreflang` alternates, itself included,
  plus `x-default`: the article's original (in whatever language it was written), or for
  the language home pages the root language chooser, which sends readers to their own
  language.
- Fallback pages (another version's text under a language's address, with a notice) are
  left out: they are copies of that version's page, not translations.
- An article limited to some languages (`languages:`) has pages only there, so it is
  listed only there.
- `lastmod` is the page's `reviewed` date, when it has one.

The XML is written here rather than in a template loop: at a few thousand pages Jinja took
a tenth of a second per build, which a preview pays on every save.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urljoin

from markupsafe import escape

from kb_builder.i18n.plan import FALLBACK, PageVariant, SitePlan

X_DEFAULT = "x-default"
HOME = "index.md"
"""A language's home page, relative to its folder."""


@dataclass(frozen=True)
class Alternate:
    hreflang: str
    href: str


@dataclass(frozen=True)
class SitemapEntry:
    loc: str
    lastmod: str | None = None
    alternates: tuple[Alternate, ...] = ()


def sitemap_entries(
    plan: SitePlan,
    url_of: Callable[[str], str | None],
    site_url: str | None,
    root_url: str | None = None,
) -> list[SitemapEntry]:
    """Sitemap entries; none without `site_url`, because a sitemap needs absolute addresses.

    `url_of` maps a docs path (`el/faq.md`) to its site-relative URL; `root_url` is the
    language chooser's (usually ''), or None when the site has none.
    """
    if not site_url:
        return []
    base = site_url if site_url.endswith("/") else site_url + "/"
    root = urljoin(base, root_url) if root_url is not None else None

    clusters: dict[str, list[tuple[PageVariant, str]]] = {}
    for variant in plan:
        url = url_of(variant.docs_path)
        if variant.status != FALLBACK and url is not None:
            clusters.setdefault(variant.rel, []).append((variant, urljoin(base, url)))

    entries: list[SitemapEntry] = []
    if root is not None:
        entries.append(SitemapEntry(root, None, _alternates(clusters.get(HOME, []), root)))
    for rel, versions in clusters.items():
        default = root if rel == HOME and root is not None else _original_url(versions)
        alternates = _alternates(versions, default)
        for variant, url in versions:
            reviewed = variant.document.front.reviewed
            entries.append(
                SitemapEntry(url, reviewed.isoformat() if reviewed else None, alternates)
            )
    return entries


def _alternates(versions: list[tuple[PageVariant, str]], default: str) -> tuple[Alternate, ...]:
    """hreflang links of a page written in several languages; none for a single language."""
    if len(versions) < 2:
        return ()
    links = tuple(Alternate(variant.lang, url) for variant, url in versions)
    return (*links, Alternate(X_DEFAULT, default))


def _original_url(versions: list[tuple[PageVariant, str]]) -> str:
    """An article's page in its original's language (the first listed, should it have none
    there, which `languages:` allows)."""
    for variant, url in versions:
        if variant.lang == variant.article.original_language:
            return url
    return versions[0][1]


HEADER = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
    ' xmlns:xhtml="http://www.w3.org/1999/xhtml">'
)


def render(entries: list[SitemapEntry]) -> str:
    """The sitemap as XML; empty without entries (MkDocs then writes no sitemap)."""
    if not entries:
        return ""
    lines = [HEADER]
    for entry in entries:
        lines.append(f"  <url>\n    <loc>{escape(entry.loc)}</loc>")
        if entry.lastmod:
            lines.append(f"    <lastmod>{escape(entry.lastmod)}</lastmod>")
        for alt in entry.alternates:
            lines.append(
                f'    <xhtml:link rel="alternate" hreflang="{escape(alt.hreflang)}"'
                f' href="{escape(alt.href)}"/>'
            )
        lines.append("  </url>")
    lines.append("</urlset>\n")
    return "\n".join(lines)
