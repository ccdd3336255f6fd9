"""The desk's start page: each language's home on the agent desk.

Agents start every call here: the search field has the focus, the pages editors pinned
(`desk: pinned:`) and every section are one click away, and the pages the agent opened
lately are listed by the browser (kept in its local storage, never sent anywhere).
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from dataclasses import dataclass

from mkdocs.structure.nav import Link as NavLink
from mkdocs.structure.nav import Navigation

from kb_builder.helpcentre.view import Link
from kb_builder.i18n import coverage_page, strings
from kb_builder.i18n.plan import SitePlan

HOME = "index.md"
TEMPLATE = "kb/desk-start.html"


@dataclass(frozen=True)
class StartView:
    pinned: tuple[Link, ...]
    sections: tuple[Link, ...]


def pinned_problems(pinned: list[str], plan: SitePlan) -> list[str]:
    """A message for every `desk: pinned:` entry that names no article, with a suggestion."""
    known = sorted({variant.rel for variant in plan})
    problems = []
    for entry in pinned:
        rel = entry.strip().lstrip("/")
        if rel in known:
            continue
        close = difflib.get_close_matches(rel, known, n=1)
        hint = f" Did you mean '{close[0]}'?" if close else ""
        problems.append(
            f"desk: pinned: '{entry}' is not an article. Write a path inside a language "
            f"folder, such as 'scripts/index.md' for content/<lang>/scripts/index.md.{hint}"
        )
    return problems


def is_start(rel: str) -> bool:
    """Whether a page (path inside its language folder) is a language's home."""
    return rel == HOME


def start_view(
    lang: str, pinned: list[str], plan: SitePlan, url_of: Callable[[str], str | None]
) -> StartView:
    """Pinned pages and top-level sections of one language, each once, in order."""
    links = []
    for entry in dict.fromkeys(entry.strip().lstrip("/") for entry in pinned):
        link = _link(plan, lang, entry, url_of)
        if link is not None:
            links.append(link)
    sections = []
    for variant in plan:
        rel = variant.rel
        if variant.lang != lang or not rel.endswith("/" + HOME) or rel.count("/") != 1:
            continue
        link = _link(plan, lang, rel, url_of)
        if link is not None:
            front = variant.document.front
            sections.append((front.order if front.order is not None else 1 << 30, link))
    sections.sort(key=lambda pair: (pair[0], pair[1].title.casefold()))
    return StartView(tuple(links), tuple(link for _, link in sections))


def _link(plan: SitePlan, lang: str, rel: str, url_of: Callable[[str], str | None]) -> Link | None:
    variant = plan.variant(lang, rel)
    if variant is None:
        return None
    url = url_of(variant.docs_path)
    if url is None:
        return None
    front = variant.document.front
    return Link(front.title, url, front.description)


def add_to_menus(nav: Navigation, navigations: dict[str, Navigation], url: str) -> None:
    """Put the editors' coverage page in every language's desk menu, outside reading order.

    The page is one for all languages at the site root, so MkDocs chains it between two
    languages' pages; it gets no previous/next links of its own, and each language's menu
    ends with a link to it, named in that language.
    """
    for page in nav.pages:
        if page.file.src_uri == coverage_page.PAGE:
            page.previous_page = None
            page.next_page = None
    for lang, navigation in navigations.items():
        if any(isinstance(item, NavLink) and item.url == url for item in navigation.items):
            continue
        navigation.items.append(NavLink(strings.translate(lang, "coverage.title"), url))
