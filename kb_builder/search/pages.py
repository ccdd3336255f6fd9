"""Which pages go into which language's search index, and what each result shows.

Decided from the site plan alone, so it is the same for the plugin and for tests, and
needs neither MkDocs nor Pagefind.
"""

from __future__ import annotations

import functools
import posixpath
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

from markupsafe import escape

from kb_builder.i18n.plan import PageVariant, SitePlan


@dataclass(frozen=True)
class SearchRecord:
    """One indexed page: what the templates tag for Pagefind (`data-pagefind-meta`)."""

    lang: str
    title: str
    description: str
    section: str
    """Title of the section the page is in, in the page's language ('' at the top)."""
    kind: str
    """`article`, `faq` (a FAQ page's questions are shown as results of their own) or
    `section` (a folder's own page, an overview of its articles: it names their topics, so
    it ranks below them unless its title is what was typed)."""
    internal: bool
    """Only on the agent desk; results say so, so nobody reads it out to a customer."""
    article: str = ""
    """The article's path below its language folder (`complaints/faq.md`), the same in
    every language: a query typed in another language finds the reader's page by it."""
    sites: tuple[str, ...] = ()
    """Languages whose site has a page of the article (translated or not), so that a result
    in another language links to the reader's page only where there is one; empty when
    every language has one (most articles: nothing to download)."""
    cited: int = 0
    """How many other pages of its language link to the article (to any part of it): among
    close matches, an article the knowledge base refers to comes before one nobody links
    to."""
    basis: tuple[str, ...] = ()
    """For an internal page: the public articles its opening paragraph links to (`This
    script puts the public article ... into words`), paths as in `article`. On the agent
    desk, such an article comes before the internal page built on it when both are found
    and the article says what was searched: the customer's answer first, the wording next."""


def is_indexed(variant: PageVariant) -> bool:
    """Whether the page goes into the index of its site's language.

    A fallback page shows the untranslated source text. The source language's index already
    holds that text, stemmed by the right rules; indexing it again under the page's language
    would stem English with Greek rules, show English excerpts to a Greek query, and list the
    same article twice when a reader searches every language. Readers find it in the source
    language (the "all languages" switch), and the result links to their own language's page.
    """
    return not variant.is_fallback


def indexed_languages(plan: SitePlan) -> tuple[str, ...]:
    """Languages with at least one page of their own, in configured order.

    A language whose pages are all fallbacks gets no index of its own (Pagefind would index
    the whole of every page when none is marked); its readers search the other languages.
    """
    have = {variant.lang for variant in plan if is_indexed(variant)}
    return tuple(lang for lang in plan.languages if lang in have)


def section_title(variant: PageVariant, plan: SitePlan) -> str:
    """Title of the nearest section above the page, as the reader's navigation names it."""
    folder = variant.article.folder
    if variant.article.is_index:
        # A section's own page is not "in" itself: its section is the one above.
        folder = posixpath.dirname(folder)
    while folder:
        index = plan.variant(variant.lang, f"{folder}/index.md")
        if index is not None:
            return index.document.front.title
        folder = posixpath.dirname(folder)
    return ""


def search_record(
    variant: PageVariant, plan: SitePlan, cited: Mapping[str, int] | None = None
) -> SearchRecord | None:
    """The record of an indexed page; None for a page that stays out of the index.
    `cited`: links to each page from other pages, by docs path (see `citations`)."""
    if not is_indexed(variant):
        return None
    front = variant.document.front
    return SearchRecord(
        lang=variant.lang,
        title=front.title,
        description=front.description,
        section=section_title(variant, plan),
        kind="faq" if front.type == "faq" else "section" if variant.article.is_index else "article",
        internal=not variant.document.is_public,
        article=variant.rel,
        sites=_sites(variant, plan),
        basis=() if variant.document.is_public else basis(variant, plan),
        cited=(cited or {}).get(variant.docs_path, 0),
    )


_LINK = re.compile(r"\]\(\s*<?([^)\s#>]+\.md)>?(?:\s+\"[^\"]*\")?\s*\)")


def opening_paragraph(body: str) -> str:
    """The lead of a Markdown body: its first block of text before the first heading that
    is not an admonition, a list, a quote or a table ('' when a heading comes first)."""
    for block in re.split(r"\n\s*\n", body.replace("\r\n", "\n")):
        text = block.strip()
        if text.startswith("#"):
            break
        if text and not text.startswith(("!!!", "???", "-", "*", ">", "|", "<", "```", " ")):
            return text
    return ""


def basis(variant: PageVariant, plan: SitePlan) -> tuple[str, ...]:
    """Public articles of the page's language that its opening paragraph links to, as a
    whole (a link to one of their sections does not count)."""
    folder = posixpath.dirname(variant.rel)
    found = []
    for target in _LINK.findall(opening_paragraph(variant.document.body)):
        if "://" in target or target.startswith("/"):
            continue
        rel = posixpath.normpath(posixpath.join(folder, target))
        linked = plan.variant(variant.lang, rel)
        if linked is not None and linked.document.is_public and rel not in found:
            found.append(rel)
    return tuple(found)


def links(variant: PageVariant) -> frozenset[str]:
    """Pages of the same language (paths inside the language folder) that the page's text
    links to, each once; not itself."""
    return _links(variant.document.body, variant.rel)


@functools.lru_cache(maxsize=1 << 14)
def _links(body: str, rel: str) -> frozenset[str]:
    # Kept between the rebuilds of `mkdocs serve`: asked of every page on every rebuild.
    folder = posixpath.dirname(rel)
    found = set()
    for target in _ANY_LINK.findall(body):
        if "://" in target or target.startswith(("/", "mailto:")):
            continue
        linked = posixpath.normpath(posixpath.join(folder, target))
        if linked != rel:
            found.add(linked)
    return frozenset(found)


_ANY_LINK = re.compile(r"\]\(\s*<?([^)\s#>]+\.md)")


def citations(plan: SitePlan) -> dict[str, int]:
    """For every indexed page (docs path): how many other indexed pages of its language
    link to it."""
    counts: Counter[str] = Counter()
    for variant in plan:
        if not is_indexed(variant):
            continue
        for rel in links(variant):
            target = plan.variant(variant.lang, rel)
            if target is not None and is_indexed(target):
                counts[target.docs_path] += 1
    return dict(counts)


def _sites(variant: PageVariant, plan: SitePlan) -> tuple[str, ...]:
    have = tuple(sibling.lang for sibling in plan.siblings(variant))
    return () if len(have) == len(plan.languages) else have


BODY_MARK = "<div data-pagefind-body>"
"""How theme/main.html opens the part of a page that search indexes."""
_DIV = re.compile(r"<(/?)div\b", re.I)


def search_document(html: str, lang: str) -> str:
    """A written page cut down to what Pagefind reads: its language and the indexed part.

    Menus, header and footer are most of a page, and Pagefind reads every byte of what it
    indexes; the index made from the cut-down page is the same. A page without the marked
    part, or whose part cannot be cut out with certainty, is given whole.
    """
    start = html.find(BODY_MARK)
    if start < 0:
        return html
    depth = 0
    for match in _DIV.finditer(html, start):
        depth += -1 if match.group(1) else 1
        if depth == 0:
            end = html.find(">", match.end())
            if end < 0:
                break
            return (
                f'<!DOCTYPE html>\n<html lang="{escape(lang)}"><head><meta charset="utf-8">'
                f"</head><body>{html[start : end + 1]}</body></html>\n"
            )
    return html
