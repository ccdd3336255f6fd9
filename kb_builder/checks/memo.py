"""Link findings of pages that a preview rebuild (`mkdocs serve --dirty`) did not render
again, kept from the last build while nothing they could point at has changed.

What a link check finds on a page depends on the page's own links and on the rest of the
site: which addresses exist, which anchors each page has, in which language and state each
article is published. That rest is summed up in one key per build (`world_key`); a page whose
record is the very one checked last time (kept by the preview) and whose world is the same
gets last time's findings without being checked again.
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


def world_key(context: Context, page_keys: dict[str, int]) -> int:
    """Everything outside a page that its findings depend on, as one number."""
    plan = context.plan
    variants = tuple(
        (
            path,
            variant.status,
            variant.document.lang,
            variant.document.shown_path,
            variant.document.is_public,
            variant.article.original_language,
        )
        for path, variant in sorted(plan.variants.items())
    )
    documents = tuple(
        sorted(
            document.shown_path
            for article in context.catalog
            for document in article.documents.values()
        )
    )
    return hash(
        (
            plan.audience,
            plan.languages,
            variants,
            documents,
            tuple(sorted(context.sitemap.dests.items(), key=lambda item: item[0])),
            tuple(sorted(page_keys.items())),
            context.site_path,
            context.site_host,
            context.collect_external,
        )
    )


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
        self.world = world_key(context, current)

    def known(self, dest: str, page: BuiltPage) -> _Checked | None:
        kept = self.pages.get(dest)
        if kept is not None and kept.page is page and kept.world == self.world:
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
