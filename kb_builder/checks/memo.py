"""Link findings of pages that a preview rebuild (`mkdocs serve --dirty`) did not render
again, kept from the last build while nothing they could point at has changed.

What a link check finds on a page depends on the page's own links and on the rest of the
site: which addresses exist, which anchors each page has, in which language and state each
article is published. That rest is summed up once per build (`world_parts`); a page whose
record is the very one checked last time (kept by the preview) and whose world is the same
gets last time's findings without being checked again.

A world that only grew (a new article: new pages, addresses and files, nothing that was
there changed or went) cannot break a link that worked: a kept page with no findings keeps
having none. Pages with findings are checked again (a new page may be what they missed).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kb_builder.checks.model import BuiltPage, Context, ExternalUse, Problem


def page_key(page: BuiltPage) -> int:
    """What other pages' links can see of `page`, taken when it is read (before the checks
    add the theme's ids to it on demand)."""
    return hash(
        (
            page.url,
            page.dest,
            page.src_uri,
            page.template,
            frozenset(page.ids),
            tuple(page.headings),
            page.ids_complete,
        )
    )


def world_parts(context: Context, page_keys: dict[str, int]) -> tuple[int, frozenset[tuple]]:
    """The world as settings that must stay the same (one number) and a set of facts
    (pages, files, addresses) that may only grow for kept findings to hold."""
    plan = context.plan
    facts: set[tuple] = {
        (
            "variant",
            path,
            variant.status,
            variant.document.lang,
            variant.document.shown_path,
            variant.document.is_public,
            variant.article.original_language,
        )
        for path, variant in plan.variants.items()
    }
    facts.update(
        ("document", document.shown_path)
        for article in context.catalog
        for document in article.documents.values()
    )
    facts.update(("dest", dest, value) for dest, value in context.sitemap.dests.items())
    facts.update(("page", dest, key) for dest, key in page_keys.items())
    fixed = hash(
        (
            plan.audience,
            plan.languages,
            context.site_path,
            context.site_host,
            context.collect_external,
        )
    )
    return fixed, frozenset(facts)


@dataclass
class _Checked:
    page: BuiltPage
    world: int
    problems: tuple[Problem, ...]
    external: tuple[ExternalUse, ...]


@dataclass
class CheckMemo:
    """Findings per page (by output path) of the last preview build's link checks."""

    keys: dict[int, int] = field(default_factory=dict)
    """`page_key` of each record, by `id()`; the records themselves are held in `pages`."""
    pages: dict[str, _Checked] = field(default_factory=dict)
    world: int | None = None
    _last_world: int | None = None
    _fixed: int | None = None
    _facts: frozenset[tuple] = frozenset()
    _grown: bool = False
    """Whether this build's world is the last one's with facts added, none changed."""

    def start(self, context: Context) -> None:
        """Work out this build's world; call before asking `known`."""
        current = {}
        for dest, page in context.pages.items():
            kept = self.pages.get(dest)
            if kept is not None and kept.page is page and id(page) in self.keys:
                current[dest] = self.keys[id(page)]
            else:
                current[dest] = page_key(page)
        self.keys = {id(context.pages[dest]): key for dest, key in current.items()}
        fixed, facts = world_parts(context, current)
        self._grown = fixed == self._fixed and self._facts < facts
        self._last_world, self._fixed, self._facts = self.world, fixed, facts
        self.world = hash((fixed, facts))

    def known(self, dest: str, page: BuiltPage) -> _Checked | None:
        kept = self.pages.get(dest)
        if kept is None or kept.page is not page:
            return None
        if kept.world == self.world:
            return kept
        if self._grown and kept.world == self._last_world and not kept.problems:
            kept.world = self.world
            return kept
        return None

    def store(
        self,
        dest: str,
        page: BuiltPage,
        problems: list[Problem],
        external: list[ExternalUse],
    ) -> None:
        assert self.world is not None
        self.pages[dest] = _Checked(page, self.world, tuple(problems), tuple(external))

    def finish(self, context: Context) -> None:
        """Forget pages that are no longer built."""
        for dest in set(self.pages) - set(context.pages):
            del self.pages[dest]
