"""In a real browser: the root sends readers to their language; FAQ links open the question."""

from __future__ import annotations

import pytest
from browser import serve
from sitekit import page

pytestmark = pytest.mark.browser

FAQ = "## How long does a refund take?\n\nThree days.\n\n## Can I pay by card?\n\nYes, any card.\n"
SITE = {
    "en/index.md": page("Home", "See the [FAQ](faq.md#can-i-pay-by-card)."),
    "en/faq.md": page("FAQ", FAQ, type="faq"),
    "el/index.md": page("Αρχική"),
    "pl/index.md": page("Strona główna"),
}


def test_link_to_a_question_opens_it(build_site, browser_page) -> None:
    built = build_site(SITE)
    with serve(built.site) as base:
        browser_page.goto(base + "en/faq/#can-i-pay-by-card")
        card = browser_page.locator(
            "details.kb-faq__item", has=browser_page.locator("#can-i-pay-by-card")
        )
        refund = browser_page.locator(
            "details.kb-faq__item", has=browser_page.locator("#how-long-does-a-refund-take")
        )
        assert card.evaluate("d => d.open") is True
        assert refund.evaluate("d => d.open") is False
        # Following a link from another page opens it too.
        browser_page.goto(base + "en/")
        browser_page.click("text=FAQ >> nth=-1")
        browser_page.wait_for_url("**/en/faq/#can-i-pay-by-card")
        assert card.evaluate("d => d.open") is True


def test_expand_all_then_collapse_all(build_site, browser_page) -> None:
    built = build_site(SITE)
    with serve(built.site) as base:
        browser_page.goto(base + "en/faq/")
        toggle = browser_page.locator("[data-kb-faq-toggle]")
        assert toggle.inner_text() == "Expand all answers"
        toggle.click()
        assert browser_page.locator("details.kb-faq__item:not([open])").count() == 0
        assert toggle.inner_text() == "Collapse all answers"
        toggle.click()
        assert browser_page.locator("details.kb-faq__item[open]").count() == 0


def test_root_sends_reader_to_browser_language(build_site, chromium) -> None:
    built = build_site(SITE)
    with serve(built.site) as base:
        for locale, expected in (("el-GR", "el/"), ("pl", "pl/"), ("de-DE", "en/")):
            context = chromium.new_context(locale=locale)
            tab = context.new_page()
            tab.goto(base)
            tab.wait_for_url(base + expected)
            context.close()


def test_root_prefers_the_language_the_reader_chose(build_site, chromium) -> None:
    built = build_site(SITE)
    with serve(built.site) as base:
        context = chromium.new_context(locale="el-GR")
        tab = context.new_page()
        tab.goto(base + "?choose")
        assert tab.url == base + "?choose"  # the list stays for readers who asked for it
        tab.click('.kb-chooser a[data-kb-lang="pl"]')
        tab.wait_for_url(base + "pl/")
        tab.goto(base)
        tab.wait_for_url(base + "pl/")
        context.close()


def test_switcher_goes_to_the_same_article(build_site, browser_page) -> None:
    built = build_site(
        {**SITE, "el/faq.md": page("Συχνές ερωτήσεις", "## Πόσο;\n\nΤρεις.\n", type="faq")}
    )
    with serve(built.site) as base:
        browser_page.goto(base + "en/faq/")
        browser_page.hover(".kb-switcher .md-header__button")
        browser_page.click('.kb-switcher a[hreflang="el"]')
        browser_page.wait_for_url(base + "el/faq/")
        assert browser_page.locator("html").get_attribute("lang") == "el"
        assert browser_page.locator("h1").inner_text() == "Συχνές ερωτήσεις"
