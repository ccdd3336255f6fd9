"""What lets a query typed in another language show the reader's own page: every indexed
page names its article and the language sites that have a page of it (Pagefind filters)."""

from __future__ import annotations

from sitekit import page
from test_search_build import fragments

SITE = {
    "en/index.md": page("Help", "Start here."),
    "en/pricing/discounts.md": page("Asking for a discount", "When a discount is possible."),
    "en/refunds.md": page("Refunds", "A refund takes three days."),
    "el/index.md": page("Βοήθεια", "Ξεκινήστε εδώ."),
    "el/pricing/discounts.md": page("Όταν ζητάτε έκπτωση", "Πότε είναι δυνατή η έκπτωση."),
}


def by_url(site, lang: str) -> dict[str, dict]:  # type: ignore[no-untyped-def]
    return {record["url"]: record for record in fragments(site, lang)}


def test_pages_carry_their_article_and_the_languages_that_have_it(build_site) -> None:  # type: ignore[no-untyped-def]
    built = build_site(SITE)
    assert built.ok, built.logs
    english = by_url(built.site, "en")
    greek = by_url(built.site, "el")
    discounts = english["/en/pricing/discounts/"]["filters"]
    assert discounts["article"] == ["pricing/discounts.md"]
    # On every language's site, as most articles: no list to download.
    assert "site" not in discounts
    # The Greek translation is found in the Greek index by the same article filter.
    assert greek["/el/pricing/discounts/"]["filters"]["article"] == ["pricing/discounts.md"]
    # Not translated into Greek: the Greek site shows the original, and its index lacks it.
    assert english["/en/refunds/"]["filters"]["article"] == ["refunds.md"]
    assert "/el/refunds/" not in greek
