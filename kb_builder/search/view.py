"""What the templates see as `kb_search`: whether to draw the search box, what to tag on the
page for Pagefind, and the settings the browser script reads."""

from __future__ import annotations

from dataclasses import dataclass

from kb_builder.i18n import strings
from kb_builder.i18n.languages import LanguageSet
from kb_builder.search.index import bundle_dir, words_dir
from kb_builder.search.pages import SearchRecord

STRING_KEYS = (
    "search.label",
    "search.scope.all",
    "search.scope.hint",
    "search.results.none",
    "search.results.other",
    "search.corrected",
    "search.also",
    "search.found_via",
    "search.open_here",
    "search.internal",
    "search.more",
    "search.keys",
    "search.unavailable",
)
"""kb's interface strings the search script needs, in the page's language."""

PLURAL_KEYS = (
    "search.results.one",
    "search.results.two",
    "search.results.few",
    "search.results.many",
)
"""Plural forms a language may add to `search.results.other` (CLDR categories, as the
browser's Intl.PluralRules names them): Polish needs `one`, `few` and `many`."""

RANKING = {
    # Matches in the title and the one-line description say more about what a page is about
    # than matches deep in its text: "the answer on top". See bench/search for the figures.
    "metaWeights": {"title": 8.0, "description": 3.0, "section": 0.5},
}
"""Pagefind ranking options (documented under "Customize ranking")."""


@dataclass(frozen=True)
class SearchView:
    enabled: bool
    record: SearchRecord | None = None
    """Set on pages that go into their language's index."""
    client: dict[str, object] | None = None
    """What the search script reads (see `client_config`)."""
    every_language: dict[str, dict[str, str]] | None = None
    """On a page for every language (the 404 page): each searchable language's strings for
    the script, so that the page's own script can switch the box to the reader's language
    before the search script reads its settings."""


def client_config(lang: str, languages: LanguageSet, indexed: tuple[str, ...]) -> dict[str, object]:
    """Settings for the browser: the page's language, every searchable language, strings.

    Paths are relative to the site root; the template adds the root as seen from the page.
    """
    return {
        "lang": lang,
        "languages": [
            {
                "code": language.code,
                "name": language.name,
                "bundle": bundle_dir(language.code) + "/",
                "words": words_dir(language.code) + "/",
            }
            for language in languages
            if language.code in indexed
        ],
        "ranking": RANKING,
        "strings": strings_for(lang),
    }


def strings_for(lang: str) -> dict[str, str]:
    """The search script's strings in `lang`."""
    table = {key.removeprefix("search."): strings.translate(lang, key) for key in STRING_KEYS}
    # Only the language's own plural forms: English "one" must not stand in for Polish "one".
    # A language kb_builder has no strings for is shown in English, plural forms included.
    own = strings.table(lang) or strings.table(strings.FALLBACK)
    for key in PLURAL_KEYS:
        text = own.get(key)
        if text:
            table[key.removeprefix("search.")] = text
    return table
