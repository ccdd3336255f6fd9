"""Breadcrumbs: the way from the language's home page to the page being read."""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from dataclasses import dataclass

from kb_builder.i18n.plan import PageVariant, SitePlan

INDEX = "index.md"


@dataclass(frozen=True)
class Crumb:
    title: str
    url: str | None
    """Site-relative URL; None for the page being read, which is not a link."""


def breadcrumbs(
    variant: PageVariant,
    plan: SitePlan,
    home_title: str,
    url_of: Callable[[str], str | None],
) -> tuple[Crumb, ...]:
    """Home, each enclosing section that has a page, then the page itself.

    Empty on the language's home page. Folders without an `index.md` have no page to go
    to and are skipped, as the menu skips them.
    """
    if variant.rel == INDEX:
        return ()
    home = url_of(f"{variant.lang}/{INDEX}")
    crumbs = [Crumb(home_title, home)] if home is not None else []
    folders = variant.rel.split("/")[:-1]
    if posixpath.basename(variant.rel) == INDEX:
        folders = folders[:-1]  # a section's own page is the last crumb, not a parent
    for depth in range(1, len(folders) + 1):
        section = plan.variant(variant.lang, "/".join([*folders[:depth], INDEX]))
        url = url_of(section.docs_path) if section is not None else None
        if section is not None and url is not None:
            crumbs.append(Crumb(section.document.front.title, url))
    crumbs.append(Crumb(variant.document.front.title, None))
    return tuple(crumbs)
