"""In a real browser: typing into the search box the way readers type, in four languages."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser import TIMERS, serve, type_text
from sitekit import LANGUAGES, BuiltSite, build_files, page

pytestmark = pytest.mark.browser

SITE = {
    "en/index.md": page("Help", "Start with a section."),
    "en/complaints/index.md": page("Complaints", "How we handle complaints."),
    "en/complaints/handling.md": page(
        "Handling a complaint",
        "Listen first, then put it right.\n\n## Listen first\n\nLet the customer finish.\n",
    ),
    "en/faq.md": page(
        "Refunds FAQ",
        "## How long does a refund take?\n\nThree working days.\n\n"
        "## Can I pay by card?\n\nYes, any card.\n",
        type="faq",
    ),
    "el/index.md": page("Βοήθεια", "Ξεκινήστε από μια ενότητα."),
    "el/complaints/index.md": page("Ενότητα εξυπηρέτησης", "Όλα για την εξυπηρέτηση."),
    "el/complaints/handling.md": page(
        "Χειρισμός παραπόνων",
        "Όταν ένας πελάτης κάνει παράπονα, τον ακούμε χωρίς διακοπή και ζητάμε συγγνώμη.",
    ),
    "pl/index.md": page("Pomoc", "Zacznij od działu."),
    "pl/complaints/index.md": page("Dział pomocy", "Wszystko o obsłudze."),
    "pl/complaints/handling.md": page(
        "Jak złożyć reklamację",
        "Reklamację można złożyć telefonicznie. Każda reklamacja jest rozpatrywana w tydzień.",
    ),
    "hu/index.md": page("Súgó", "Kezdje egy témával."),
    "hu/complaints/index.md": page("Ügyfélszolgálat", "Minden az ügyintézésről."),
    "hu/complaints/handling.md": page(
        "Panaszkezelés lépésről lépésre",
        "Ha az ügyfél panaszt tesz, végighallgatjuk. A panaszok javítják a folyamatainkat.",
    ),
}


def build(root: Path, audience: str = "public") -> BuiltSite:
    settings = {
        "site_name": "Test help",
        "site_url": "https://help.example.com/",
        "theme": {"name": "material", "features": ["navigation.indexes"]},
        "plugins": [{"kb": {"languages": LANGUAGES, "audience": audience}}],
        "markdown_extensions": ["admonition", "attr_list", "md_in_html", "pymdownx.details"],
    }
    built = build_files(root, SITE, settings)
    assert built.ok, built.logs
    return built


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    built = build(tmp_path_factory.mktemp("search-site"))
    with serve(built.site) as url:
        yield url


def search(tab: Any, text: str) -> list[str]:
    """Open the search with '/', type `text` key by key, return the result links in order."""
    tab.keyboard.press("/")
    tab.keyboard.press("Control+A")
    tab.keyboard.press("Backspace")
    type_text(tab, text)
    tab.wait_for_function(
        "q => document.querySelector('[data-kb-search]').getAttribute('data-kb-query') === q",
        arg=" ".join(text.split()),
    )
    return tab.eval_on_selector_all(
        "#kb-search-results > li.md-search-result__item > a.md-search-result__link",
        "links => links.map(a => new URL(a.href).pathname + decodeURIComponent(new URL(a.href).hash))",
    )


def test_greek_typed_without_accents_finds_the_article(base: str, tab: Any) -> None:
    tab.goto(base + "el/")
    assert search(tab, "παραπονα")[0] == "/el/complaints/handling/"
    # Capitals and a missing letter, as typed in a hurry.
    assert search(tab, "ΣΥΓΝΩΜΗ")[0] == "/el/complaints/handling/"
    assert (
        tab.locator(".kb-search__note").inner_text() == "Εμφανίζονται αποτελέσματα για «συγγνώμη»"
    )


def test_polish_inflections_and_letters_typed_without_marks(base: str, tab: Any) -> None:
    tab.goto(base + "pl/")
    # Neither form is on the page ("reklamację", "reklamacja" are).
    assert search(tab, "reklamacjach")[0] == "/pl/complaints/handling/"
    assert search(tab, "reklamacji")[0] == "/pl/complaints/handling/"
    # "ł" has no accent to strip: the site's own word list puts it back.
    assert search(tab, "zlozyc")[0] == "/pl/complaints/handling/"
    assert tab.locator(".kb-search__note").is_hidden()
    # Highlighted in the excerpt, in the page's own spelling.
    marks = tab.locator("#kb-search-results mark").all_inner_texts()
    assert "złożyć" in [mark.strip(".,").lower() for mark in marks]


def test_hungarian_without_accents_and_inflected(base: str, tab: Any) -> None:
    tab.goto(base + "hu/")
    assert search(tab, "panaszkezeles")[0] == "/hu/complaints/handling/"
    assert search(tab, "panaszokat")[0] == "/hu/complaints/handling/"
    assert search(tab, "folyamat")[0] == "/hu/complaints/handling/"


def test_results_show_while_typing_the_beginning_of_a_word(base: str, tab: Any) -> None:
    tab.goto(base + "en/")
    assert search(tab, "handl")[0] == "/en/complaints/handling/"
    item = tab.locator("#kb-search-results > li").first
    assert item.locator("h1").inner_text() == "Handling a complaint"
    assert item.locator(".kb-search__section").inner_text() == "Complaints"


def test_three_letters_are_searched_once_typing_pauses(base: str, tab: Any) -> None:
    tab.goto(base + "en/")
    tab.evaluate(
        """() => {
          window.__shown = [];
          document.addEventListener("kb-search:results", (event) => {
            window.__shown.push({query: event.detail.query, at: performance.now()});
          }, true);
          document.addEventListener("keydown", () => { window.__lastKey = performance.now(); }, true);
        }"""
    )
    # Typed without a pause: the three- and four-letter queries are never searched.
    assert search(tab, "handl")[0] == "/en/complaints/handling/"
    assert [shown["query"] for shown in tab.evaluate("window.__shown")] == ["handl"]
    # Three letters alone find the page once the reader stops, not before 150 ms.
    assert search(tab, "han")[0] == "/en/complaints/handling/"
    waited = tab.evaluate("window.__shown.at(-1).at - window.__lastKey")
    assert waited >= 150
    # Typing on ends that wait at once: five letters are searched without one.
    tab.keyboard.press("Control+A")
    tab.keyboard.press("Backspace")
    type_text(tab, "han")
    tab.wait_for_timeout(10)
    type_text(tab, "dl")
    tab.wait_for_function("window.__shown.at(-1).query === 'handl'")
    assert tab.evaluate("window.__shown.at(-1).at - window.__lastKey") < 75


def test_texts_wait_for_a_pause_in_a_burst_of_keys_only(base: str, tab: Any) -> None:
    # The 40 ms wait before downloading result texts spares downloads only when the next
    # key comes sooner; at a steady pace it would only delay every answer.
    tab.add_init_script(TIMERS)
    tab.goto(base + "en/")
    pauses = "window.__timers.filter((t) => t.ms === 40).length"
    # Keys sent back to back: the texts of the results wait for the pause.
    assert search(tab, "refund")[0] == "/en/faq/#how-long-does-a-refund-take"
    assert tab.evaluate(pauses) == 1
    # A key every 70 ms, as people type: each query's texts are downloaded at once.
    tab.keyboard.press("Control+A")
    tab.keyboard.press("Backspace")
    tab.evaluate("window.__timers = []")
    for char in "complaint":
        type_text(tab, char)
        tab.wait_for_timeout(70)
    tab.wait_for_function(
        "document.querySelector('[data-kb-search]').getAttribute('data-kb-query') === 'complaint'"
    )
    assert tab.locator("#kb-search-results > li.md-search-result__item").count() > 0
    assert tab.evaluate(pauses) == 0


def test_a_faq_question_is_a_result_that_opens_expanded(base: str, tab: Any) -> None:
    tab.goto(base + "en/")
    results = search(tab, "refund")
    assert results[0] == "/en/faq/#how-long-does-a-refund-take"
    first = tab.locator("#kb-search-results > li").first
    assert first.locator("h1").inner_text() == "How long does a refund take?"
    assert first.locator(".kb-search__section").inner_text() == "Refunds FAQ"
    tab.keyboard.press("Enter")
    tab.wait_for_url("**/en/faq/#how-long-does-a-refund-take")
    question = tab.locator("details.kb-faq__item", has=tab.locator("#how-long-does-a-refund-take"))
    assert question.evaluate("details => details.open") is True
    card = tab.locator("details.kb-faq__item", has=tab.locator("#can-i-pay-by-card"))
    assert card.evaluate("details => details.open") is False


def test_keyboard_opens_moves_and_closes(base: str, tab: Any) -> None:
    tab.goto(base + "en/complaints/")
    toggle = tab.locator("#__search")
    box = tab.locator(".md-search__input")
    tab.keyboard.press("s")
    assert toggle.is_checked()
    assert box.evaluate("input => input === document.activeElement")
    assert box.input_value() == ""  # the key opened the search, it was not typed
    type_text(tab, "complaint")
    tab.wait_for_function(
        "() => document.querySelector('[data-kb-search]').getAttribute('data-kb-query') === 'complaint'"
    )
    tab.keyboard.press("ArrowDown")
    first = tab.locator("#kb-search-results a.md-search-result__link").first
    assert first.evaluate("link => link === document.activeElement")
    tab.keyboard.press("ArrowUp")
    assert box.evaluate("input => input === document.activeElement")
    tab.keyboard.press("Escape")
    assert not toggle.is_checked()
    assert not box.evaluate("input => input === document.activeElement")
    # "/" does nothing while the reader types in another field.
    tab.evaluate("() => document.body.appendChild(document.createElement('textarea')).focus()")
    tab.keyboard.press("/")
    assert not toggle.is_checked()


def test_all_languages_labels_results_and_opens_them_in_the_reader_language(
    base: str, tab: Any
) -> None:
    fetched: list[str] = []
    tab.on("request", lambda request: fetched.append(request.url))
    tab.goto(base + "el/")
    # Another form of an English word (no language's word list has it as typed, so it is
    # not taken for a query in another language): nothing in Greek, the offer to widen.
    assert search(tab, "refunding") == []
    widen = tab.locator(".kb-search__widen button")
    assert widen.inner_text() == "Αναζήτηση σε όλες τις γλώσσες"
    widen.click()
    tab.wait_for_function(
        "() => document.querySelector('#kb-search-results > li.md-search-result__item')"
    )
    assert tab.locator(".kb-search__scope").get_attribute("aria-pressed") == "true"
    first = tab.locator("#kb-search-results > li.md-search-result__item").first
    assert first.locator(".kb-search__lang").inner_text() == "English"
    assert first.get_attribute("lang") == "en"
    here = first.locator("a.kb-search__here")
    assert here.inner_text() == "Άνοιγμα στα ελληνικά"
    assert here.get_attribute("href") == "/el/faq/#how-long-does-a-refund-take"
    # Every language is searched with its own Pagefind and WebAssembly (its own stemmer).
    for lang in ("en", "el", "pl", "hu"):
        assert base + f"pagefind/{lang}/pagefind.js" in fetched
        assert base + f"pagefind/{lang}/wasm.{lang}.pagefind" in fetched
    # The choice stays for the next page.
    tab.goto(base + "el/complaints/")
    assert search(tab, "complaint")[0].startswith("/en/")


def test_internal_pages_are_found_on_the_agent_desk(tmp_path: Path, chromium: Any) -> None:
    (tmp_path / "content" / "en" / "desk").mkdir(parents=True)
    (tmp_path / "content" / "en" / "desk" / "escalation.md").write_text(
        page("When to escalate", "Escalate when the customer asks twice.", audience="internal"),
        encoding="utf-8",
    )
    built = build(tmp_path, audience="internal")
    context = chromium.new_context(locale="en-GB")
    tab = context.new_page()
    with serve(built.site) as url:
        tab.goto(url + "en/")
        assert search(tab, "escalate")[0] == "/en/desk/escalation/"
        label = tab.locator("#kb-search-results > li").first.locator(".kb-search__internal")
        assert label.inner_text() == "Internal"
    context.close()


def test_on_a_phone_the_header_button_opens_the_search(base: str, chromium: Any) -> None:
    context = chromium.new_context(
        locale="el-GR", viewport={"width": 390, "height": 800}, has_touch=True, is_mobile=True
    )
    tab = context.new_page()
    tab.goto(base + "el/")
    width = "() => document.querySelector('.md-search__inner').getBoundingClientRect().width"
    assert tab.evaluate(width) == 0  # Material keeps the search folded away on phones
    tab.locator("header label.md-header__button[for=__search]").tap()
    assert tab.locator("#__search").is_checked()
    tab.wait_for_function("() => document.activeElement.classList.contains('md-search__input')")
    tab.wait_for_function(f"() => ({width})() === window.innerWidth")
    type_text(tab, "παραπονα")
    tab.wait_for_function(
        "() => document.querySelector('[data-kb-search]').getAttribute('data-kb-query') === 'παραπονα'"
    )
    first = tab.locator("#kb-search-results a.md-search-result__link").first
    assert first.is_visible()
    first.tap()
    tab.wait_for_url("**/el/complaints/handling/")
    context.close()
