"""In a real browser: copying a say phrase, and printing articles and FAQ pages."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser import serve
from playwright.sync_api import expect
from sitekit import BuiltSite, page, run_build

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parent.parent
PHRASE_MD = (
    "!!! say\n"
    "    Good morning, you're speaking to **Sam**. Tell me what happened.\n\n"
    "    Take your time.\n"
)
PHRASE = "Good morning, you're speaking to Sam. Tell me what happened.\n\nTake your time."
SITE = {
    "en/call.md": page("Call", "Open the call.\n\n" + PHRASE_MD + "\nThen listen."),
    "el/call.md": page("Κλήση", "!!! say\n    Καλημέρα, είμαι η Σοφία.\n"),
    "en/faq.md": page(
        "FAQ",
        "## What do I say first?\n\nThis:\n\n!!! say\n    Hello, how can I help?\n\n"
        "## Anything else?\n\nNo.\n",
        type="faq",
    ),
}
EXTENSIONS = {"markdown_extensions": ["admonition", "pymdownx.details", "attr_list", "md_in_html"]}
# Keeps the real clipboard reachable for the test while hiding it from the page's script.
NO_CLIPBOARD_API = """
window.__clipboard = navigator.clipboard;
Object.defineProperty(Navigator.prototype, "clipboard", { get: () => undefined });
"""
PDF_PAGE = re.compile(rb"/Type\s*/Page(?![a-zA-Z])")


@pytest.fixture
def clip_page(chromium: Any) -> Iterator[Any]:
    """A page allowed to read and write the clipboard, whose timers the test moves on.

    The button says "Copied" for two seconds; with Playwright's clock the test decides
    when those seconds pass, so a slow machine cannot make it miss the message.
    """
    context = chromium.new_context(locale="en-GB")
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    tab = context.new_page()
    tab.clock.install()
    try:
        yield tab
    finally:
        context.close()


def test_copy_button_copies_exactly_the_phrase(build_site, clip_page) -> None:
    built = build_site(SITE, EXTENSIONS, plugin={"audience": "internal"})
    with serve(built.site) as base:
        clip_page.goto(base + "en/call/")
        assert clip_page.get_by_role("button", name="Copy phrase").count() == 1
        button = clip_page.locator(".kb-say__copy")
        button.click()
        expect(button).to_have_text("Copied")
        expect(clip_page.locator(".kb-say__status")).to_have_text("Copied")
        assert clip_page.evaluate("navigator.clipboard.readText()") == PHRASE
        # The label is not part of the copy: only the phrase is.
        assert "Say this" not in clip_page.evaluate("navigator.clipboard.readText()")
        clip_page.clock.run_for(2500)
        expect(button).to_have_text("Copy phrase")
        expect(clip_page.locator(".kb-say__status")).to_have_text("")


def test_copy_button_works_from_the_keyboard(build_site, clip_page) -> None:
    built = build_site(SITE, EXTENSIONS, plugin={"audience": "internal"})
    with serve(built.site) as base:
        clip_page.goto(base + "el/call/")
        clip_page.evaluate("navigator.clipboard.writeText('nothing yet')")
        assert clip_page.get_by_role("button", name="Αντιγραφή φράσης").count() == 1
        button = clip_page.locator(".kb-say__copy")
        assert button.evaluate("b => b.tabIndex") == 0
        button.focus()
        clip_page.keyboard.press("Enter")
        expect(button).to_have_text("Αντιγράφηκε")
        assert clip_page.evaluate("navigator.clipboard.readText()") == "Καλημέρα, είμαι η Σοφία."
        # Space works too, as on any button.
        clip_page.evaluate("navigator.clipboard.writeText('nothing yet')")
        clip_page.keyboard.press("Space")
        expect(button).to_have_text("Αντιγράφηκε")
        clip_page.wait_for_function("navigator.clipboard.readText().then(t => t !== 'nothing yet')")
        assert clip_page.evaluate("navigator.clipboard.readText()") == "Καλημέρα, είμαι η Σοφία."


def test_copy_without_clipboard_api_still_copies(build_site, clip_page) -> None:
    built = build_site(SITE, EXTENSIONS, plugin={"audience": "internal"})
    clip_page.add_init_script(NO_CLIPBOARD_API)
    with serve(built.site) as base:
        clip_page.goto(base + "en/call/")
        assert clip_page.evaluate("navigator.clipboard") is None
        button = clip_page.locator(".kb-say__copy")
        button.click()
        expect(button).to_have_text("Copied")
        assert clip_page.evaluate("window.__clipboard.readText()") == PHRASE


def test_when_copying_fails_the_phrase_is_selected(build_site, clip_page) -> None:
    built = build_site(SITE, EXTENSIONS, plugin={"audience": "internal"})
    clip_page.add_init_script(NO_CLIPBOARD_API + "document.execCommand = () => false;")
    with serve(built.site) as base:
        clip_page.goto(base + "en/call/")
        button = clip_page.locator(".kb-say__copy")
        button.click()
        expect(button).to_have_text("Press Ctrl+C to copy")
        selected = clip_page.evaluate("window.getSelection().toString()")
        assert " ".join(selected.split()) == " ".join(PHRASE.split())


def test_say_block_in_a_linked_faq_answer(build_site, clip_page) -> None:
    built = build_site(SITE, EXTENSIONS, plugin={"audience": "internal"})
    with serve(built.site) as base:
        clip_page.goto(base + "en/faq/#what-do-i-say-first")
        item = clip_page.locator(
            "details.kb-faq__item", has=clip_page.locator("#what-do-i-say-first")
        )
        assert item.evaluate("d => d.open") is True
        button = item.locator(".kb-say__copy")
        button.click()
        expect(button).to_have_text("Copied")
        assert clip_page.evaluate("navigator.clipboard.readText()") == "Hello, how can I help?"


# -- printing ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The repository's agent desk: its longest article and FAQ pages are the test."""
    project = tmp_path_factory.mktemp("desk")
    for folder in ("content", "theme"):
        shutil.copytree(REPO / folder, project / folder)
    for name in ("mkdocs.yml", "mkdocs.internal.yml"):
        shutil.copy(REPO / name, project / name)
    built = run_build(project, project / "mkdocs.internal.yml")
    assert built.ok, built.logs
    return built


def _hidden_in_print(tab: Any, selector: str) -> bool:
    return tab.locator(selector).first.evaluate("e => getComputedStyle(e).display") == "none"


@pytest.mark.parametrize(
    "path",
    [
        "en/scripts/complaint-call/",
        "en/complaints/handling-a-complaint-call/",
        "en/agents/faq/",
        "en/complaints/faq/",
    ],
)
def test_pages_print_on_two_sheets_without_navigation(desk, browser_page, path) -> None:
    with serve(desk.site) as base:
        browser_page.goto(base + path)
        browser_page.evaluate(
            "window.__printed = null; window.addEventListener('beforeprint', () => {"
            " window.__printed = Array.from(document.querySelectorAll('details.kb-faq__item'))"
            ".every(d => d.open); })"
        )
        pdf = browser_page.pdf(format="A4")
        assert 1 <= len(PDF_PAGE.findall(pdf)) <= 2
        if "faq" in path:
            # Every answer was open while printing, and closed again afterwards.
            assert browser_page.evaluate("window.__printed") is True
            assert browser_page.locator("details.kb-faq__item[open]").count() == 0
        browser_page.emulate_media(media="print")
        for chrome in (
            ".md-header",
            ".md-sidebar--primary",
            ".md-sidebar--secondary",
            ".md-footer",
        ):
            assert _hidden_in_print(browser_page, chrome), chrome
        if browser_page.locator(".kb-say__copy").count():
            assert _hidden_in_print(browser_page, ".kb-say__copy")
        if browser_page.locator(".kb-faq__tools").count():
            assert _hidden_in_print(browser_page, ".kb-faq__tools")
        # A printout of the agent desk still says it is internal.
        assert not _hidden_in_print(browser_page, ".md-banner")
