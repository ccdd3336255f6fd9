"""In a real browser: what a customer does around an article. The 404 page in the
address's language, the contact offer under a search that finds nothing, and
"was this page helpful?" sending its answer to the site owner's endpoint."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qs

import pytest
from browser import serve, type_text
from sitekit import BuiltSite, run_build
from test_helpcentre import CONTACT, SITE, write_project

pytestmark = pytest.mark.browser

ENDPOINT = "https://feedback.example.com/kb"


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("helpcentre-site")
    kb = {"contact": CONTACT, "feedback": {"endpoint": ENDPOINT}}
    built: BuiltSite = run_build(root, write_project(root, SITE, kb))
    assert built.ok, built.logs
    with serve(built.site, not_found_page=True) as url:
        yield url


@pytest.fixture
def tab(chromium: Any) -> Iterator[Any]:
    context = chromium.new_context(locale="en-GB", viewport={"width": 390, "height": 844})
    yield context.new_page()
    context.close()


def visible_text(tab: Any, selector: str) -> list[str]:
    return tab.eval_on_selector_all(
        selector, "els => els.filter(e => e.offsetParent !== null).map(e => e.innerText.trim())"
    )


@pytest.mark.parametrize(
    ("path", "lang", "title"),
    [
        ("el/no-such-page/", "el", "Η σελίδα δεν βρέθηκε"),
        ("pl/money/gone", "pl", "Nie znaleziono strony"),
        ("nothing-here", "en", "Page not found"),
    ],
)
def test_the_404_page_speaks_the_language_of_the_address(
    base: str, tab: Any, path: str, lang: str, title: str
) -> None:
    response = tab.goto(base + path)
    assert response.status == 404
    assert tab.evaluate("document.documentElement.lang") == lang
    assert visible_text(tab, "section.kb-notfound h1") == [title]
    assert tab.title().startswith(title)
    # The contact details shown (page and footer) are this language's only.
    tel = {"en": "tel:+442079460321", "el": "tel:+302100000321", "pl": "tel:+48220000321"}[lang]
    shown = tab.eval_on_selector_all(
        "a[href^='tel:']", "links => links.filter(a => a.offsetParent !== null).map(a => a.href)"
    )
    assert shown and set(shown) == {tel}


def test_the_404_page_searches_in_the_language_of_the_address(base: str, tab: Any) -> None:
    tab.goto(base + "el/no-such-page/")
    box = tab.locator("[data-kb-search]")
    tab.keyboard.press("/")
    assert box.locator(".md-search__input").get_attribute("placeholder") == "Αναζήτηση"
    assert box.locator(".kb-search__status").inner_text() == (
        "Πληκτρολογήστε για να αρχίσει η αναζήτηση"
    )
    type_text(tab, "επιστροφες")
    tab.wait_for_function(
        "() => document.querySelector('[data-kb-search]').getAttribute('data-kb-query')"
    )
    first = box.locator("#kb-search-results > li.md-search-result__item").first
    # The Greek page itself, found in the Greek index: not the English one found through it.
    assert first.locator("a").first.get_attribute("href").endswith("/el/money/refunds/")
    assert first.locator(".kb-search__via").count() == 0
    assert "αποτέλεσμ" in box.locator(".kb-search__status").inner_text()  # "1 αποτέλεσμα"
    # A search that finds nothing offers this language's contact details only.
    tab.keyboard.press("Control+A")
    type_text(tab, "ξξξψψψ")
    tab.wait_for_function(
        "() => document.querySelector('[data-kb-search]').getAttribute('data-kb-query') === 'ξξξψψψ'"
    )
    offer = visible_text(tab, "[data-kb-search-contact] p")
    assert offer == ["Δεν βρήκατε αυτό που ψάχνετε; Η ομάδα μας μπορεί να βοηθήσει:"], offer
    assert tab.locator("[data-kb-search-contact] a[href='tel:+302100000321']").is_visible()
    # An address in no language: the default language's box, as before.
    tab.goto(base + "nothing-here")
    assert tab.locator(".md-search__input").get_attribute("placeholder") == "Search"


def test_a_search_that_finds_nothing_offers_the_contact_details(base: str, tab: Any) -> None:
    tab.goto(base + "el/money/")
    offer = tab.locator("[data-kb-search-contact]")
    tab.keyboard.press("/")
    type_text(tab, "ξξξψψψ")
    tab.wait_for_function(
        "() => document.querySelector('[data-kb-search]').getAttribute('data-kb-query')"
    )
    assert offer.is_visible()
    assert "Δεν βρήκατε αυτό που ψάχνετε;" in offer.inner_text()
    assert offer.locator("a[href='tel:+302100000321']").is_visible()
    # Emptying the box takes the offer away with the results.
    tab.keyboard.press("Control+A")
    tab.keyboard.press("Backspace")
    tab.wait_for_function(
        "() => !document.querySelector('[data-kb-search]').hasAttribute('data-kb-query')"
    )
    assert not offer.is_visible()


def test_was_this_helpful_posts_the_answer_to_the_endpoint(base: str, tab: Any) -> None:
    # The site owner's endpoint, answered here (no server of ours, no network).
    tab.route(ENDPOINT, lambda route: route.fulfill(status=204, body=""))
    tab.goto(base + "el/money/refunds/")
    form = tab.locator("form[name=feedback]")
    assert form.is_visible()
    assert form.locator("legend").inner_text() == "Σας βοήθησε αυτή η σελίδα;"
    with tab.expect_request(ENDPOINT) as request:
        form.get_by_role("button", name="Όχι, δεν με βοήθησε").click()
    assert request.value.method == "POST"
    assert parse_qs(request.value.post_data) == {
        "page": ["/el/money/refunds/"],
        "lang": ["el"],
        "title": ["Επιστροφές χρημάτων"],
        "rating": ["0"],
    }
    note = form.locator(".md-feedback__note [data-md-value='0']")
    assert note.is_visible()
    assert "Λυπούμαστε που η σελίδα δεν σας βοήθησε." in note.inner_text()
    assert note.locator("a[href='#kb-contact']").is_visible()
    assert tab.evaluate("document.querySelector('form[name=feedback] fieldset').disabled")
