"""In a real browser: search that forgives typos at the end of words, queries typed in
another of the site's languages, and words the pages do not use (synonyms)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from browser import TIMERS, built_and_served
from sitekit import LANGUAGES, page
from test_browser_search import search

pytestmark = pytest.mark.browser

SITE = {
    "en/index.md": page("Help", "Vellora help centre."),
    "en/complaints.md": page(
        "Complaints", "How Vellora handles a complaint, and how long a complaint takes."
    ),
    "en/pricing/discounts.md": page(
        "Asking for a discount", "When a discount is possible, and why we ask the reason first."
    ),
    "en/refunds.md": page("Refunds", "A refund reaches your card within three working days."),
    "el/index.md": page("Βοήθεια", "Κέντρο βοήθειας της Vellora."),
    "el/complaints.md": page("Παράπονα", "Πώς χειρίζεται η Vellora ένα παράπονο."),
    "el/pricing/discounts.md": page("Όταν ζητάτε έκπτωση", "Πότε είναι δυνατή μια έκπτωση."),
    "pl/index.md": page("Pomoc", "Centrum pomocy Vellora."),
    "pl/complaints.md": page("Reklamacje", "Jak Vellora rozpatruje reklamację."),
    "pl/pricing/discounts.md": page(
        "Gdy prosisz o rabat",
        "Kiedy rabat jest możliwy i dlaczego pytamy o powód. Zniżki dla stałych klientów.",
    ),
    "pl/synonyms.yml": "- [rabat, upust, obniżka ceny, zniżka]\n",
    "en/synonyms.yml": "- [refund, money back]\n- [complaint, grievance]\n",
    "hu/index.md": page("Súgó", "A Vellora súgója."),
    "hu/complaints.md": page("Panaszok", "Hogyan kezeli a Vellora a panaszt."),
    "hu/pricing/discounts.md": page("Ha kedvezményt kér", "Mikor lehetséges a kedvezmény."),
}


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    settings = {
        "site_name": "Test help",
        "site_url": "https://help.example.com/",
        "theme": {"name": "material", "features": ["navigation.indexes"]},
        "plugins": [{"kb": {"languages": LANGUAGES}}],
    }
    with built_and_served(tmp_path_factory.mktemp("forgiving-site"), SITE, settings) as url:
        yield url


def word_lists_fetched(tab: Any) -> list[str]:
    """From now on, the word lists the page asks for, as `<lang>/<file>.json`."""
    names: list[str] = []
    marker = "/pagefind/words/"
    tab.on(
        "request",
        lambda request: (
            names.append(request.url.split(marker)[-1]) if marker in request.url else None
        ),
    )
    return names


def first_item(tab: Any) -> Any:
    return tab.locator("#kb-search-results > li.md-search-result__item").first


def test_a_typo_in_the_last_letter_is_corrected_and_said(base: str, tab: Any) -> None:
    tab.goto(base + "en/")
    # 'complaimt' starts like 'complaint': it used to be taken for another ending.
    assert search(tab, "complaimt ")[0] == "/en/complaints/"
    assert tab.locator(".kb-search__note").inner_text() == "Showing results for “complaint”"
    tab.goto(base + "pl/")
    assert search(tab, "reklamacjs ")[0] == "/pl/complaints/"


def test_english_typed_on_the_polish_site_shows_the_polish_article(base: str, tab: Any) -> None:
    tab.goto(base + "pl/")
    assert search(tab, "discount ")[0] == "/pl/pricing/discounts/"
    item = first_item(tab)
    assert item.get_attribute("lang") == "pl"
    assert item.locator("h1").inner_text() == "Gdy prosisz o rabat"
    assert item.locator(".kb-search__via").inner_text() == "Znalezione przez „discount”"
    assert item.locator(".kb-search__lang").count() == 0
    assert tab.locator(".kb-search__note").is_hidden()


def test_a_page_found_through_another_language_is_shown_without_a_pause(
    base: str, tab: Any
) -> None:
    # Its text is downloaded while the search runs: the pause for the next key (40 ms,
    # before results that still need a download) would only delay it.
    tab.add_init_script(TIMERS)
    tab.goto(base + "pl/")
    pauses_after_last_key = (
        "window.__timers.filter((t) => t.ms === 40 && t.at >= window.__lastKey).length"
    )
    # A Polish word: its results are downloaded after the pause.
    assert search(tab, "reklamacje")[0] == "/pl/complaints/"
    assert tab.evaluate(pauses_after_last_key) == 1
    # The English program is loaded by a first query typed in English.
    assert search(tab, "complaint")[0] == "/pl/complaints/"
    assert search(tab, "discount")[0] == "/pl/pricing/discounts/"
    assert tab.evaluate(pauses_after_last_key) == 0


def test_greek_typed_on_the_english_site_shows_the_english_article(base: str, tab: Any) -> None:
    tab.goto(base + "en/")
    assert search(tab, "εκπτωση ")[0] == "/en/pricing/discounts/"
    assert first_item(tab).locator(".kb-search__via").inner_text() == "Found via “εκπτωση”"


def test_without_a_translation_the_original_is_shown_with_its_language(base: str, tab: Any) -> None:
    tab.goto(base + "hu/")
    assert search(tab, "refund ")[0] == "/en/refunds/"
    item = first_item(tab)
    assert item.locator(".kb-search__lang").inner_text() == "English"
    assert item.locator("a.kb-search__here").get_attribute("href") == "/hu/refunds/"


def test_a_brand_word_every_language_has_stays_in_the_reader_language(base: str, tab: Any) -> None:
    tab.goto(base + "pl/")
    found = search(tab, "Vellora ")
    assert found and all(url.startswith("/pl/") for url in found)
    assert tab.locator(".kb-search__via").count() == 0


def test_synonyms_find_the_pages_that_use_another_word(base: str, tab: Any) -> None:
    tab.goto(base + "en/")
    assert search(tab, "money back ")[0] == "/en/refunds/"
    assert search(tab, "grievance ")[0] == "/en/complaints/"
    assert tab.locator(".kb-search__note").inner_text() == "Showing results for “complaint”"
    tab.goto(base + "pl/")
    assert search(tab, "upust ")[0] == "/pl/pricing/discounts/"


def test_a_synonym_near_a_site_word_does_not_send_the_search_elsewhere(base: str, tab: Any) -> None:
    # 'znizka' is one letter from the page's 'zniżki', and a phrase of the synonyms file:
    # the reader's language knows it, so no other language's word list is fetched for it.
    tab.goto(base + "pl/")
    lists = word_lists_fetched(tab)
    assert search(tab, "znizka ")[0] == "/pl/pricing/discounts/"
    fetched = [name for name in lists if name.endswith(".json")]
    assert fetched and all(name.startswith("pl/") for name in fetched), fetched
    assert tab.locator(".kb-search__via").count() == 0


def test_another_language_is_asked_about_words_of_its_own_script_only(base: str, tab: Any) -> None:
    # A Latin word cannot be in the Greek word list, nor a Greek word in the Polish one: on
    # a host that answers a missing file with the whole 404 page, asking costs that page.
    lists = word_lists_fetched(tab)
    tab.goto(base + "pl/")
    assert search(tab, "discount ")[0] == "/pl/pricing/discounts/"
    asked = {name.split("/")[0] for name in lists if name.endswith(".json")}
    assert asked == {"pl", "en", "hu"}, lists
    lists.clear()
    tab.goto(base + "en/")
    assert search(tab, "εκπτωση ")[0] == "/en/pricing/discounts/"
    asked = {name.split("/")[0] for name in lists if name.endswith(".json")}
    assert asked == {"en", "el"}, lists


def test_synonyms_files_are_not_published(base: str, tab: Any) -> None:
    response = tab.goto(base + "pl/synonyms.yml")
    assert response is not None and response.status == 404


def test_a_token_that_is_not_a_word_is_not_asked_about_in_other_languages(
    base: str, tab: Any
) -> None:
    # The word lists hold letters only ('e-mail' is 'e' and 'mail' there): asking another
    # language about 'e-mail' fetched the list of words starting 'e-', which never exists.
    tab.goto(base + "pl/")
    lists = word_lists_fetched(tab)
    assert search(tab, "e-mail reklamacje ")[0] == "/pl/complaints/"
    fetched = [name for name in lists if name.endswith(".json")]
    assert fetched and all(name.startswith("pl/") for name in fetched), fetched
