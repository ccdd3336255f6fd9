"""In a real browser: the agent desk on a call.

The start page, phrases copied from search results with the keyboard, placeholders, "Copy
link for the customer", the desk's look on a phone and on paper, and axe-core's verdict.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from browser import serve, type_text
from playwright.sync_api import expect
from sitekit import LANGUAGES, BuiltSite, page, run_build

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parent.parent
AXE = REPO / ".venv" / "node_modules" / "axe-core" / "axe.min.js"
ESCALATE_EN = "I'm passing you to [name], who will call you by [date]."
ESCALATE_EL = "Σας συνδέω με τον/την [όνομα], που θα σας καλέσει έως [date]."
LONG = "\n\n".join(
    f"Paragraph {n} of the guide, long enough to fill a line or two." for n in range(60)
)
SITE = {
    "en/index.md": page("Help", "Welcome, customers."),
    "el/index.md": page("Βοήθεια", "Καλώς ήρθατε."),
    "en/scripts/index.md": page("Call scripts", "All scripts.", audience="internal"),
    "el/scripts/index.md": page("Σενάρια κλήσεων", "Όλα τα σενάρια.", audience="internal"),
    "en/scripts/escalation.md": page(
        "When and how to escalate",
        "Read the [guide](../guide.md) first, then escalate.\n\n"
        "## What to tell the customer\n\n!!! say\n    " + ESCALATE_EN + "\n\n"
        "## Refunds\n\n!!! say\n    I can refund you today.\n",
        audience="internal",
    ),
    "el/scripts/escalation.md": page(
        "Πότε και πώς κλιμακώνεις",
        "Διάβασε πρώτα τον [οδηγό](../guide.md).\n\n"
        "## Τι λες στον πελάτη\n\n!!! say\n    " + ESCALATE_EL + "\n",
        audience="internal",
    ),
    "en/guide.md": page("Guide", "## Apologise\n\n!!! say\n    I'm sorry, [name].\n\n" + LONG),
    "el/guide.md": page("Οδηγός", "## Συγγνώμη\n\n!!! say\n    Λυπάμαι, [όνομα].\n"),
}
EXTENSIONS = ["admonition", "attr_list", "md_in_html", "pymdownx.details", "toc"]
PALETTE = [
    {
        "media": f"(prefers-color-scheme: {media})",
        "scheme": scheme,
        "primary": "deep orange",
        "accent": "amber",
        "toggle": {"icon": "material/weather-night", "name": "Switch"},
    }
    for media, scheme in (("light", "default"), ("dark", "slate"))
]
"""As mkdocs.internal.yml has it: light and dark, following the agent's device."""


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    root = tmp_path_factory.mktemp("desk-tools")
    for rel, content in SITE.items():
        target = root / "content" / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")
    kb = {
        "languages": LANGUAGES,
        "audience": "internal",
        "desk": {
            "pinned": ["scripts/index.md", "scripts/escalation.md"],
            "public_site_url": "https://help.example.com/",
        },
    }
    settings = {
        "site_name": "Agent desk",
        "site_url": "https://desk.example.com/",
        "docs_dir": "content",
        "theme": {"name": "material", "features": ["navigation.indexes"], "palette": PALETTE},
        "plugins": [{"kb": kb}],
        "markdown_extensions": EXTENSIONS,
    }
    config = root / "mkdocs.yml"
    config.write_text(yaml.safe_dump(settings, allow_unicode=True), encoding="utf-8")
    built = run_build(root, config)
    assert built.ok, built.logs
    return built


@pytest.fixture
def served(desk: BuiltSite) -> Iterator[str]:
    with serve(desk.site) as base:
        yield base


@pytest.fixture
def tab(chromium: Any) -> Iterator[Any]:
    """A desktop-sized page that may use the clipboard."""
    context = chromium.new_context(locale="en-GB", viewport={"width": 1280, "height": 900})
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page_ = context.new_page()
    try:
        yield page_
    finally:
        context.close()


@pytest.fixture
def phone(chromium: Any) -> Iterator[Any]:
    context = chromium.new_context(locale="en-GB", viewport={"width": 390, "height": 844})
    page_ = context.new_page()
    try:
        yield page_
    finally:
        context.close()


def clipboard(tab: Any) -> str:
    return tab.evaluate("navigator.clipboard.readText()")


def search_for(tab: Any, text: str) -> None:
    type_text(tab, text)
    expect(tab.locator(".kb-phrase").first).to_be_visible()


# -- the start page ----------------------------------------------------------------------


def test_start_page_has_the_search_focused_and_pinned_pages(served, tab) -> None:
    tab.goto(served + "en/")
    tab.wait_for_function("document.activeElement.matches('[data-kb-search] input')")
    pinned = tab.locator(".kb-desk-start__pinned a")
    expect(pinned).to_have_count(2)
    expect(pinned.nth(1)).to_contain_text("When and how to escalate")
    pinned.nth(1).click()
    tab.wait_for_url("**/en/scripts/escalation/")
    # Back on the start page, the page just opened is listed first under "Recently opened".
    tab.goto(served + "en/")
    recent = tab.locator("[data-kb-desk-recent] a")
    expect(recent).to_have_count(1)
    expect(recent.first).to_have_text("When and how to escalate")
    assert recent.first.get_attribute("href") == "/en/scripts/escalation/"
    expect(tab.locator("[data-kb-desk-recent-none]")).to_be_hidden()
    # The Greek start page lists only Greek pages, and speaks Greek.
    tab.goto(served + "el/")
    expect(tab.locator("[data-kb-desk-recent] a")).to_have_count(0)
    expect(tab.locator("[data-kb-desk-recent-none]")).to_be_visible()
    expect(tab.locator(".kb-desk-start h2").first).to_have_text("Καρφιτσωμένα")


def test_recent_pages_stay_in_the_browser(served, tab) -> None:
    requests: list[str] = []
    tab.goto(served + "en/scripts/escalation/")
    tab.on("request", lambda request: requests.append(request.url))
    tab.goto(served + "en/")
    stored = tab.evaluate("localStorage.getItem('kb.desk.recent')")
    assert '"url":"/en/scripts/escalation/"' in stored
    # Nothing about the pages opened leaves the browser: no request carries it.
    assert not [url for url in requests if "recent" in url or "escalation" in url[len(served) :]]


# -- phrases from search -----------------------------------------------------------------


def test_arrow_and_enter_copy_exactly_the_phrase_without_opening_a_page(served, tab) -> None:
    tab.goto(served + "en/")
    tab.wait_for_function("document.activeElement.matches('[data-kb-search] input')")
    search_for(tab, "escal")
    first = tab.locator(".kb-phrase").first
    expect(first.locator(".kb-phrase__source")).to_have_text(
        "When and how to escalate › What to tell the customer"
    )
    # The placeholders are marked in the result too.
    expect(first.locator(".kb-slot")).to_have_text(["[name]", "[date]"])
    tab.keyboard.press("ArrowDown")
    assert tab.evaluate("document.activeElement.classList.contains('kb-phrase')")
    tab.keyboard.press("Enter")
    expect(first.locator(".kb-phrase__action")).to_have_text("Copied")
    assert clipboard(tab) == ESCALATE_EN
    assert tab.url == served + "en/"


def test_shift_enter_copies_the_best_phrase_in_greek(served, tab) -> None:
    tab.goto(served + "el/")
    tab.wait_for_function("document.activeElement.matches('[data-kb-search] input')")
    tab.evaluate("navigator.clipboard.writeText('nothing yet')")
    type_text(tab, "κλιμακωση")
    tab.keyboard.press("Shift+Enter")
    tab.wait_for_function("navigator.clipboard.readText().then(t => t !== 'nothing yet')")
    assert clipboard(tab) == ESCALATE_EL
    assert tab.url == served + "el/"


def test_copy_button_on_the_page_keeps_the_placeholders(served, tab) -> None:
    tab.goto(served + "en/scripts/escalation/")
    slot = tab.locator(".kb-say__phrase .kb-slot").first
    expect(slot).to_have_text("[name]")
    # Shown as a field to fill in: its own background, not plain text.
    assert slot.evaluate("e => getComputedStyle(e).backgroundColor") != "rgba(0, 0, 0, 0)"
    tab.locator(".kb-say__copy").first.click()
    expect(tab.locator(".kb-say__copy").first).to_have_text("Copied")
    assert clipboard(tab) == ESCALATE_EN


# -- copy link for the customer ----------------------------------------------------------


def test_copy_link_gives_the_public_address_in_the_chosen_language(served, tab) -> None:
    tab.goto(served + "el/guide/")
    button = tab.locator("[data-kb-share-copy]")
    expect(button).to_have_text("Αντιγραφή συνδέσμου για τον πελάτη")
    button.click()
    expect(tab.locator(".kb-share__status")).to_have_text("Ο σύνδεσμος αντιγράφηκε")
    assert clipboard(tab) == "https://help.example.com/el/guide/"
    tab.locator("[data-kb-share-lang]").select_option(label="English")
    button.click()
    tab.wait_for_function("navigator.clipboard.readText().then(t => t.endsWith('/en/guide/'))")
    assert clipboard(tab) == "https://help.example.com/en/guide/"


def test_no_customer_link_on_internal_pages(served, tab) -> None:
    tab.goto(served + "en/scripts/escalation/")
    expect(tab.locator("h1").first).to_be_visible()
    assert tab.locator("[data-kb-share]").count() == 0
    assert tab.get_by_text("Copy link for the customer").count() == 0


# -- the desk's look ---------------------------------------------------------------------


def test_phrase_on_a_phone_is_body_size_and_below_its_button(served, phone) -> None:
    phone.goto(served + "en/guide/")
    phrase = phone.locator(".kb-say__phrase").first
    body = phone.locator(".md-content .md-typeset p").last
    size = phrase.evaluate("e => parseFloat(getComputedStyle(e.querySelector('p')).fontSize)")
    assert size >= body.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
    button = phone.locator(".kb-say__copy").first.bounding_box()
    text = phrase.bounding_box()
    assert button is not None and text is not None
    assert button["y"] + button["height"] <= text["y"] + 1
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390


def test_start_page_fits_a_phone(served, phone) -> None:
    phone.goto(served + "en/")
    expect(phone.locator(".kb-desk-start__pinned a").first).to_be_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390


def test_banner_stays_on_screen_above_the_header(served, phone) -> None:
    phone.goto(served + "en/guide/")
    phone.mouse.wheel(0, 4000)
    phone.wait_for_function("window.scrollY > 1000")
    banner = phone.locator(".md-banner").bounding_box()
    header = phone.locator(".md-header").bounding_box()
    assert banner is not None and header is not None
    assert banner["y"] == 0
    assert header["y"] >= banner["height"] - 1


def test_every_printed_sheet_says_internal(served, tab) -> None:
    tab.goto(served + "el/guide/")
    rules = tab.evaluate(
        """() => Array.from(document.styleSheets).flatMap((sheet) => {
             try { return Array.from(sheet.cssRules); } catch (e) { return []; }
           }).filter((rule) => rule instanceof CSSMediaRule || rule instanceof CSSPageRule)
             .map((rule) => rule.cssText).join("\\n")"""
    )
    assert "@top-center" in rules
    assert "Πύλη εκπροσώπων: εσωτερικό, όχι για πελάτες" in rules


# -- accessibility -----------------------------------------------------------------------


def axe_violations(tab: Any) -> list[str]:
    if not AXE.is_file():
        message = f"axe-core is not installed ({AXE}); run ./scripts/setup.sh test"
        if os.environ.get("KB_REQUIRE_BROWSER") == "1":
            pytest.fail(message)
        pytest.skip(message)
    tab.add_script_tag(path=str(AXE))
    found = tab.evaluate(
        """() => axe.run(document, {resultTypes: ["violations"]}).then((r) => r.violations
             .filter((v) => v.impact === "serious" || v.impact === "critical")
             .map((v) => v.id + ": " + v.nodes.map((n) => n.target.join(" ")).join(", ")))"""
    )
    return list(found)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("lang,query", [("en", "escal"), ("el", "κλιμακ")])
def test_axe_finds_nothing_serious_on_the_desk(served, tab, lang, query, scheme) -> None:
    tab.emulate_media(color_scheme=scheme)
    tab.goto(served + f"{lang}/")
    expected = "slate" if scheme == "dark" else "default"
    assert tab.evaluate("document.body.dataset.mdColorScheme") == expected
    assert axe_violations(tab) == []
    tab.goto(served + f"{lang}/scripts/escalation/")
    assert axe_violations(tab) == []
    # A copied phrase and a filled-in button, as an agent sees them mid-call.
    tab.locator(".kb-say__copy").first.click()
    expect(tab.locator(".kb-say__copy--done").first).to_be_visible()
    tab.wait_for_timeout(300)  # its colours change over 125 ms
    assert axe_violations(tab) == []
    tab.goto(served + f"{lang}/")
    tab.wait_for_function("document.activeElement.matches('[data-kb-search] input')")
    search_for(tab, query)
    expect(tab.locator(".md-search-result__item").first).to_be_visible()
    assert axe_violations(tab) == []
    tab.goto(served + "coverage/")
    assert axe_violations(tab) == []


def test_coverage_page_fits_a_phone(served, phone) -> None:
    phone.goto(served + "coverage/")
    expect(phone.locator(".kb-coverage").first).to_be_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
