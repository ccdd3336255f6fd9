"""In a real browser, with the repository's look (mkdocs.yml): axe-core finds no serious or
critical problem on the public pages a customer meets, in English and Greek, on a phone and
a desktop, in the light and the dark scheme; a cold page load asks no other host for
anything; on a phone the home page starts with search and the most asked questions."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from browser import axe_script, serve, type_text
from repolook import repository_look
from sitekit import LANGUAGES, BuiltSite, build_files, page

pytestmark = pytest.mark.browser

HOME_EN = """Welcome to Vellora help. Our team wrote these pages so you can sort things out
yourself, any time of day.

## Sections

**[Bills](bills/index.md).** Bills and payments.

**[Mobile](mobile/index.md).** Plans and roaming.

## Most asked questions

- [How long does a refund take?](bills/faq.md#how-long-does-a-refund-take)
- [Can I pay by card?](bills/faq.md#can-i-pay-by-card)
- [Does my plan work abroad?](mobile/roaming.md)
"""
HOME_EL = """Καλώς ήρθατε στη βοήθεια της Vellora. Εδώ θα βρείτε απαντήσεις όλο το εικοσιτετράωρο.

## Συχνές ερωτήσεις

- [Πόσο διαρκεί μια επιστροφή χρημάτων;](bills/faq.md#πόσο-διαρκεί-μια-επιστροφή-χρημάτων)
- [Λειτουργεί το πρόγραμμά μου στο εξωτερικό;](mobile/roaming.md)
"""
FAQ_EN = """Answers to what customers ask us most about bills.

## How long does a refund take?

Three working days. See [how refunds work](refunds.md) for the details.

## Can I pay by card?

Yes, any debit or credit card.
"""
FAQ_EL = """Απαντήσεις σε ό,τι μας ρωτούν συχνότερα για τους λογαριασμούς.

## Πόσο διαρκεί μια επιστροφή χρημάτων;

Τρεις εργάσιμες ημέρες. Δείτε [πώς γίνονται οι επιστροφές](refunds.md).

## Μπορώ να πληρώσω με κάρτα;

Ναι, με οποιαδήποτε χρεωστική ή πιστωτική κάρτα.
"""
REFUNDS_EN = """A refund goes back to the card or account you paid with.

## When the refund arrives

Most refunds arrive in **three working days**. If yours has not, read the
[bills FAQ](faq.md) or [start again](../index.md).

!!! note
    Bank transfers can take a little longer.

| Paid by | Refund in |
|---|---|
| card | 3 days |
| bank transfer | 5 days |
"""
REFUNDS_EL = """Η επιστροφή χρημάτων γίνεται στην κάρτα ή στον λογαριασμό με τον οποίο πληρώσατε.

## Πότε φτάνει η επιστροφή

Οι περισσότερες επιστροφές φτάνουν σε **τρεις εργάσιμες ημέρες**. Δείτε τις
[συχνές ερωτήσεις](faq.md).
"""
SITE = {
    "en/index.md": page("Vellora help", HOME_EN),
    "en/bills/index.md": page("Bills", "Everything about your bill.", order=1),
    "en/bills/faq.md": page("Bills FAQ", FAQ_EN, type="faq"),
    "en/bills/refunds.md": page("How refunds work", REFUNDS_EN),
    "en/mobile/index.md": page("Mobile", "Plans, roaming and SIM cards.", order=2),
    "en/mobile/roaming.md": page("Using your phone abroad", "Roaming works in the EU."),
    "en/broadband/index.md": page("Broadband", "Home internet.", order=3),
    "en/tv/index.md": page("TV", "Channels and boxes.", order=4),
    "el/index.md": page("Βοήθεια Vellora", HOME_EL),
    "el/bills/index.md": page("Λογαριασμοί", "Όλα για τον λογαριασμό σας."),
    "el/bills/faq.md": page("Συχνές ερωτήσεις για λογαριασμούς", FAQ_EL, type="faq"),
    "el/bills/refunds.md": page("Πώς γίνονται οι επιστροφές χρημάτων", REFUNDS_EL),
    "el/mobile/index.md": page("Κινητή", "Προγράμματα, περιαγωγή και κάρτες SIM."),
    # el/mobile/roaming.md is missing: the Greek site shows the English page (fallback).
}
PAGES = {
    "home": "{lang}/",
    "article": "{lang}/bills/refunds/",
    "faq": "{lang}/bills/faq/",
    "search": "{lang}/bills/refunds/",
    "404": "{lang}/no-such-page/",
    "fallback": "{lang}/mobile/roaming/",
}
QUERIES = {"en": "refund", "el": "επιστροφή"}
SCHEMES = ("light", "dark")
WIDTHS = (390, 1280)
BLOCKING = ("serious", "critical")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    settings = {
        "site_name": "Help",
        "site_url": "https://help.example.com/",
        "plugins": {"kb": {"languages": LANGUAGES}},
        **repository_look(),
    }
    built = build_files(tmp_path_factory.mktemp("look"), SITE, settings)
    assert built.ok, built.logs
    return built


@pytest.fixture(scope="module")
def base(site: BuiltSite) -> Iterator[str]:
    with serve(site.site, not_found_page=True) as url:
        yield url


def _open(tab: Any, base: str, name: str, lang: str) -> None:
    tab.goto(base + PAGES[name].format(lang=lang))
    tab.wait_for_load_state("networkidle")
    if name == "search":
        tab.keyboard.press("/")
        type_text(tab, QUERIES[lang])
        tab.wait_for_selector(".kb-search__item", timeout=10_000)


def _problems(tab: Any, axe: str) -> list[str]:
    tab.add_script_tag(content=axe)
    violations = tab.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
    )
    found = []
    for violation in violations:
        if violation["impact"] not in BLOCKING:
            continue
        for node in violation["nodes"]:
            checks = node.get("any") or node.get("all") or node.get("none") or [{}]
            message = checks[0].get("message", "")
            found.append(f"{violation['id']} {json.dumps(node['target'])}: {message}")
    return found


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", ["en", "el"])
def test_no_serious_accessibility_problems(chromium, base, lang, width, scheme) -> None:
    axe = axe_script()
    context = chromium.new_context(
        viewport={"width": width, "height": 844}, color_scheme=scheme, locale="en-GB"
    )
    try:
        tab = context.new_page()
        report = []
        for name in PAGES:
            _open(tab, base, name, lang)
            expected = "dark" if scheme == "dark" else "light"
            assert tab.evaluate("getComputedStyle(document.body).colorScheme") == expected
            report += [f"{name} ({tab.url}): {problem}" for problem in _problems(tab, axe)]
        assert not report, "\n".join(report)
    finally:
        context.close()


def test_the_tested_pages_are_what_they_say(site: BuiltSite) -> None:
    # The fallback page shows the English original; the 404 page is the site's own.
    assert 'lang="en"' in site.html("el/mobile/roaming/")
    assert "kb-notice" in site.html("el/mobile/roaming/")
    assert (site.site / "404.html").is_file()


def _expected_miss(url: str, path: str) -> bool:
    # The missing page itself, and word lists the site does not have: search.js asks for
    # the list of a word's first two letters, and a 404 means no word starts with them.
    return url.endswith(path) or "/pagefind/words/" in url


@pytest.mark.parametrize("path", ["en/", "el/bills/faq/", "en/bills/refunds/", "el/nope/"])
def test_cold_page_load_asks_no_other_host(chromium, base, path) -> None:
    own = urlsplit(base).netloc
    context = chromium.new_context(viewport={"width": 390, "height": 844})
    requests: list[str] = []
    failed: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    context.on(
        "response",
        lambda response: (
            failed.append(response.url)
            if response.status >= 400 and not _expected_miss(response.url, path)
            else None
        ),
    )
    try:
        tab = context.new_page()
        tab.goto(base + path)
        tab.wait_for_load_state("networkidle")
        # Searching loads Pagefind and its index: from the site too.
        tab.keyboard.press("/")
        greek = tab.evaluate("document.documentElement.lang") == "el"
        type_text(tab, "κάρτα" if greek else "card")
        # Results or none (the 404 page may show Greek and search English): either way,
        # the search has loaded what it needs.
        tab.wait_for_selector("[data-kb-search][data-kb-query]", state="attached")
        tab.wait_for_load_state("networkidle")
    finally:
        context.close()
    others = [url for url in requests if urlsplit(url).scheme in ("http", "https")]
    assert others and all(urlsplit(url).netloc == own for url in others), requests
    assert not [url for url in requests if urlsplit(url).scheme not in ("http", "https", "data")]
    assert not failed, failed


@pytest.mark.parametrize("lang", ["en", "el"])
def test_phone_home_starts_with_search_and_questions(chromium, base, lang) -> None:
    context = chromium.new_context(viewport={"width": 390, "height": 844}, locale="en-GB")
    try:
        tab = context.new_page()
        tab.goto(base + f"{lang}/")
        field = tab.locator("[data-kb-search-field]")
        question = tab.locator(".kb-home > h2 + ul a").first
        welcome = tab.locator(".kb-home__welcome")
        for element in (field, question, tab.locator(".kb-home__card").last):
            box = element.bounding_box()
            assert box is not None and box["y"] + box["height"] <= 844, element
        assert welcome.bounding_box()["y"] > question.bounding_box()["y"]
        # Typing in the page's field searches with kb's search.
        field.click()
        type_text(tab, QUERIES[lang])
        tab.wait_for_selector(".kb-search__item")
        assert tab.locator("[data-kb-search]").get_attribute("data-kb-query") == QUERIES[lang]
        first = tab.locator(".kb-search__item a.md-search-result__link").first
        assert "/bills/" in first.get_attribute("href")
    finally:
        context.close()


def test_home_field_by_keyboard(chromium, base) -> None:
    context = chromium.new_context(viewport={"width": 1280, "height": 844})
    try:
        tab = context.new_page()
        tab.goto(base + "en/")
        tab.focus("[data-kb-search-field]")
        tab.keyboard.press("Tab")  # Tab passes the field by, to the search button
        assert tab.evaluate("document.activeElement.classList.contains('kb-home__button')")
        tab.focus("[data-kb-search-field]")
        tab.keyboard.type("refund")  # the first key hands over; the rest follow it
        tab.wait_for_selector(".kb-search__item")
        box = tab.locator("[data-kb-search] .md-search__input")
        assert box.input_value() == "refund"
        assert tab.locator("[data-kb-search-field]").input_value() == ""
    finally:
        context.close()


def test_home_field_without_javascript_sends_the_query(chromium, base) -> None:
    context = chromium.new_context(java_script_enabled=False)
    try:
        tab = context.new_page()
        tab.goto(base + "en/")
        tab.fill("[data-kb-search-field]", "refund")
        tab.press("[data-kb-search-field]", "Enter")
        tab.wait_for_url("**/en/?q=refund")
    finally:
        context.close()


def test_axe_is_required_when_the_browser_is(monkeypatch, tmp_path: Path) -> None:
    import browser

    monkeypatch.setattr(browser, "AXE", tmp_path / "missing")
    monkeypatch.setenv("KB_REQUIRE_BROWSER", "1")
    with pytest.raises(pytest.fail.Exception, match="axe-core"):
        browser.axe_script()
