"""One navigation per language, cut from the navigation MkDocs builds for the whole site.

MkDocs sees `content/en/`, `content/el/` ... as top-level sections. Readers must only see
their own language: each language's section becomes a navigation of its own, sorted by
`order` then file name, with section titles taken from each folder's `index.md` in that
language, and previous/next links that stay inside the language.

Every page carries its menu in its HTML, so a full menu on every page makes the build grow
with the square of the site. `Menus` gives each page its own top-level section in full and
every other top-level section as a single entry that leads to the section's index page,
which is what Material's `navigation.prune` does one level down (it never prunes the
top-level sections that `navigation.sections` shows).
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable

from markupsafe import Markup, escape
from mkdocs.structure import StructureItem
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from kb_builder.i18n.plan import SitePlan

UNORDERED = 1 << 30
SCOPES = ("section", "language")
"""How much of the menu each page carries: its own top-level section, or all of it."""


def split_navigation(nav: Navigation, plan: SitePlan) -> dict[str, Navigation]:
    """Return a navigation per language code."""
    navigations: dict[str, Navigation] = {}
    for item in nav.items:
        lang = _language_of(item)
        if lang is None or lang not in plan.languages or not isinstance(item, Section):
            continue
        titler = _section_titler(plan, lang)
        children = _arrange(item.children, plan, titler)
        for child in children:
            child.parent = None
        pages = _pages(children)
        _link_previous_next(pages)
        language_nav = Navigation(children, pages)
        language_nav.homepage = next(
            (page for page in pages if page.file.src_uri == f"{lang}/index.md"), None
        )
        navigations[lang] = language_nav
    return navigations


def _language_of(item: StructureItem) -> str | None:
    page = _first_page(item)
    if page is None or "/" not in page.file.src_uri:
        return None
    return page.file.src_uri.split("/", 1)[0]


def _first_page(item: StructureItem) -> Page | None:
    if isinstance(item, Page):
        return item
    for child in getattr(item, "children", None) or ():
        found = _first_page(child)
        if found is not None:
            return found
    return None


def _folder(section: Section) -> str:
    """The docs folder a section stands for (`el/complaints`)."""
    for child in section.children:
        if isinstance(child, Page):
            return posixpath.dirname(child.file.src_uri)
    for child in section.children:
        if isinstance(child, Section):
            return posixpath.dirname(_folder(child))
    return ""


def _section_titler(plan: SitePlan, lang: str) -> Callable[[Section], str]:
    def title(section: Section) -> str:
        folder = _folder(section)
        variant = plan.get(f"{folder}/index.md")
        if variant is not None:
            return escape(variant.document.front.title)
        name = posixpath.basename(folder).replace("-", " ").replace("_", " ")
        return Markup.escape(name.capitalize())

    return title


def _sort_key(item: StructureItem, plan: SitePlan) -> tuple[int, int, str]:
    if isinstance(item, Page):
        variant = plan.get(item.file.src_uri)
        order = _order(variant)
        return (0 if item.file.name == "index" else 1, order, item.file.src_uri)
    if isinstance(item, Section):
        variant = plan.get(f"{_folder(item)}/index.md")
        return (1, _order(variant), _folder(item))
    return (2, UNORDERED, str(getattr(item, "title", "")))


def _order(variant: object) -> int:
    if variant is None:
        return UNORDERED
    original = variant.article.original  # type: ignore[attr-defined]
    # Order is the original's decision, so translators need not repeat it.
    if original is not None and original.front.order is not None:
        return int(original.front.order)
    return UNORDERED


def _arrange(
    items: list[StructureItem], plan: SitePlan, titler: Callable[[Section], str]
) -> list[StructureItem]:
    for item in items:
        if isinstance(item, Section):
            item.title = titler(item)
            item.children = _arrange(item.children, plan, titler)
    return sorted(items, key=lambda item: _sort_key(item, plan))


def _pages(items: list[StructureItem]) -> list[Page]:
    pages: list[Page] = []
    for item in items:
        if isinstance(item, Page):
            pages.append(item)
        elif isinstance(item, Section):
            pages.extend(_pages(item.children))
    return pages


def _link_previous_next(pages: list[Page]) -> None:
    for index, page in enumerate(pages):
        page.previous_page = pages[index - 1] if index > 0 else None
        page.next_page = pages[index + 1] if index + 1 < len(pages) else None


class Menus:
    """The navigation each page is rendered with, per language and top-level section.

    Navigations are built once per build and shared by every page of a section, so the
    cost is one small object per section, not per page.
    """

    def __init__(self, navigations: dict[str, Navigation], scope: str = "section") -> None:
        if scope not in SCOPES:
            raise ValueError(f"unknown navigation scope {scope!r}")
        self.navigations = navigations
        self.scope = scope
        self._closed: dict[int, Section] = {}
        self._cache: dict[tuple[str, int], Navigation] = {}

    def for_page(self, lang: str, page: Page | None) -> Navigation | None:
        """The navigation for `page` in `lang`; `page=None` for pages outside the menu."""
        navigation = self.navigations.get(lang)
        if navigation is None or self.scope == "language":
            return navigation
        top = _top_level(page) if page is not None else None
        if not isinstance(top, Section) or not any(item is top for item in navigation.items):
            top = None
        key = (lang, id(top))
        cached = self._cache.get(key)
        if cached is None:
            cached = self._cache[key] = self._pruned(navigation, top)
        return cached

    def _pruned(self, navigation: Navigation, open_section: Section | None) -> Navigation:
        items = [
            item if item is open_section or not isinstance(item, Section) else self._close(item)
            for item in navigation.items
        ]
        pruned = Navigation(items, navigation.pages)
        pruned.homepage = navigation.homepage
        return pruned

    def _close(self, section: Section) -> Section:
        closed = self._closed.get(id(section))
        if closed is None:
            # The entry keeps the section's title and leads to its index page (or first
            # page). The page keeps its real parent, so breadcrumbs and `active` are
            # unaffected, and the closed entry is never active.
            entry = entry_page(section)
            closed = self._closed[id(section)] = Section(section.title, [entry] if entry else [])
        return closed


def _top_level(item: StructureItem) -> StructureItem:
    while item.parent is not None:
        item = item.parent
    return item


def entry_page(section: Section) -> Page | None:
    """The page a section leads to: its index page, else its first page."""
    return _index_page(section) or _first_page(section)


def _index_page(section: Section) -> Page | None:
    for child in section.children:
        if isinstance(child, Page) and child.is_index:
            return child
    return None
