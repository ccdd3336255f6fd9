""" "Copy link for the customer": the public address of the article a desk page shows.

The public site's addresses are the desk's with the public `site_url` in front (both builds
read the same content with the same settings). Only languages in which the public site has
the article itself count: not a language showing an untranslated original, and never a page
the public build leaves out.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urljoin

from kb_builder.i18n.languages import LanguageSet
from kb_builder.i18n.plan import PageVariant, SitePlan


@dataclass(frozen=True)
class PublicLink:
    code: str
    name: str
    url: str
    """The full public address."""


@dataclass(frozen=True)
class ShareView:
    links: tuple[PublicLink, ...]
    selected: str
    """Language offered first: the page's own, when the article is public in it."""


def share_view(
    variant: PageVariant,
    public_plan: SitePlan,
    public_site_url: str | None,
    languages: LanguageSet,
    url_of: Callable[[str], str | None],
) -> ShareView | None:
    """The public addresses of the page's article, or None when customers cannot read it."""
    if not public_site_url:
        return None
    links = []
    for language in languages:
        public = public_plan.variant(language.code, variant.rel)
        if public is None or public.is_fallback:
            continue
        url = url_of(public.docs_path)
        if url is None:
            continue
        address = urljoin(public_site_url, "" if url in (".", "./") else url)
        links.append(PublicLink(language.code, language.name, address))
    if not links:
        return None
    codes = [link.code for link in links]
    return ShareView(tuple(links), variant.lang if variant.lang in codes else codes[0])
