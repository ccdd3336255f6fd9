"""In a real browser, on the agent desk: which of several matching pages comes first.

The public article an internal page builds on before that page; a typo correction only
when it helps the whole query; a page the knowledge base links to before one nothing
links to."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from browser import built_and_served
from sitekit import page
from test_browser_search import search

pytestmark = pytest.mark.browser

SCRIPT = (
    "This script puts the public article [asking for a discount](../pricing/discounts.md)"
    " into words.\n\n## Discount request\n\nSay: a discount request is welcome. Ask about"
    " the discount request first; every discount request gets a fair answer.\n"
)
SITE = {
    "en/index.md": page(
        "Help",
        "[Asking for a discount](pricing/discounts.md), [causes](causes.md), "
        "[the script](scripts/discount.md), [rooms](rooms.md).",
    ),
    "en/pricing/discounts.md": page(
        "Asking for a discount",
        "When a discount is possible.\n\n## How we answer\n\nWe answer a request fairly.",
        description="How we answer a request for a discount.",
    ),
    "en/scripts/discount.md": page(
        "Call script for a discount request", SCRIPT, audience="internal"
    ),
    "en/causes.md": page(
        "The cause of a problem", "Look past the problem to its cause, then fix the cause."
    ),
    "en/rooms.md": page("Meeting rooms", "Book a room. The room has a phone."),
    "en/library/orphan.md": page(
        "Billing address change", "Change the billing address on your account."
    ),
    "en/billing.md": page(
        "Changing the billing address", "How to change the billing address on your account."
    ),
    "en/account.md": page("Your account", "See [changing the address](billing.md)."),
}


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    settings = {
        "site_name": "Test desk",
        "site_url": "https://desk.example.com/",
        "theme": {"name": "material", "features": ["navigation.indexes"]},
        "plugins": [{"kb": {"languages": {"en": {"name": "English"}}, "audience": "internal"}}],
    }
    with built_and_served(tmp_path_factory.mktemp("ranking-site"), SITE, settings) as url:
        yield url


def test_the_public_article_comes_before_the_script_built_on_it(base: str, tab: Any) -> None:
    tab.goto(base + "en/")
    found = search(tab, "discount request")
    # The script's title says it more exactly, but the customer's article comes first.
    assert found[0] == "/en/pricing/discounts/"
    assert "/en/scripts/discount/" in found


def test_a_correction_that_does_not_help_the_query_is_not_used(base: str, tab: Any) -> None:
    tab.goto(base + "en/")
    # 'root' is no site word and 'room' is one letter away, but 'room cause problem' finds
    # less than 'cause problem': the query is searched as typed, and nothing is announced.
    assert search(tab, "root cause of a problem")[0] == "/en/causes/"
    assert tab.locator(".kb-search__note").is_hidden()
    # Alone, the same typo is put right.
    search(tab, "rooom")
    assert tab.locator(".kb-search__note").inner_text() == "Showing results for “room”"


def test_a_page_other_pages_link_to_comes_before_one_nothing_links_to(base: str, tab: Any) -> None:
    tab.goto(base + "en/")
    found = search(tab, "billing address")
    assert found.index("/en/billing/") < found.index("/en/library/orphan/")


# Hungarian: the answer writes "panasz" and "kezelés" apart; six other pages have the
# compound "panaszkezelési", enough for a search of the compound alone to look complete.
HU_SITE = {
    "hu/index.md": page(
        "Súgó",
        "[Hívások](handling.md)"
        + "".join(f", [{number}. oldal](other-{number}.md)" for number in range(6)),
    ),
    "hu/handling.md": page(
        "Panaszos hívások kezelése",
        "A panasz kezelése hat lépésben: meghallgatás, bocsánatkérés, megoldás.",
    ),
    **{
        f"hu/other-{number}.md": page(
            f"Számlázás {number}. rész",
            f"A számla {number}. része. A panaszkezelési szabályzat máshol olvasható.",
        )
        for number in range(6)
    },
}


@pytest.fixture(scope="module")
def hu_base(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    settings = {
        "site_name": "Teszt",
        "site_url": "https://help.example.com/",
        "theme": {"name": "material"},
        "plugins": [{"kb": {"languages": {"hu": {"name": "Magyar"}}, "default_language": "hu"}}],
    }
    with built_and_served(tmp_path_factory.mktemp("compound-site"), HU_SITE, settings) as url:
        yield url


def test_a_compound_typed_alone_finds_the_page_that_writes_it_apart(hu_base: str, tab: Any) -> None:
    tab.goto(hu_base + "hu/")
    # The compound finds six pages that only mention it; the answer says "panasz ...
    # kezelése" and comes first, although it never writes the compound.
    found = search(tab, "panaszkezeles")
    assert found[0] == "/hu/handling/"
    assert found[1].startswith("/hu/other-")
    # A word the site writes as typed is not looked for in two parts ("panasz" and
    # "kezelés" are site words, and so is "panaszkezelési").
    assert "/hu/handling/" not in search(tab, "panaszkezelési")


# Pagefind's index chunks answer 300 ms late; every fetch is noted with when it was asked
# for and, for chunks, when it was answered.
SLOW_INDEX = """(() => {
  const fetch = window.fetch;
  window.__fetches = [];
  window.fetch = (input, ...rest) => {
    const url = String(input instanceof Request ? input.url : input);
    const entry = {url: url, asked: performance.now(), answered: null};
    window.__fetches.push(entry);
    const wait = url.includes("/pagefind/hu/index/")
      ? new Promise((resolve) => setTimeout(resolve, 300)) : Promise.resolve();
    return wait.then(() => fetch(input, ...rest)).then((response) => {
      entry.answered = performance.now();
      return response;
    });
  };
})()"""


def test_a_compound_s_parts_are_looked_up_while_pagefind_searches(hu_base: str, tab: Any) -> None:
    tab.add_init_script(SLOW_INDEX)
    tab.goto(hu_base + "hu/")
    tab.keyboard.press("/")
    # All at once: one search, which needs the chunk of `panaszkezeles` and the word list of
    # its second part (`ke`: 6b-65.json).
    tab.fill(".md-search__input", "panaszkezeles")
    tab.wait_for_function(
        "document.querySelector('[data-kb-search]').getAttribute('data-kb-query') === 'panaszkezeles'"
    )
    fetches = tab.evaluate("window.__fetches")
    chunks = [f for f in fetches if "/pagefind/hu/index/" in f["url"]]
    part = next(f for f in fetches if f["url"].endswith("/pagefind/words/hu/6b-65.json"))
    # Asked for before the chunk came, not after Pagefind had searched.
    assert chunks and part["asked"] < min(chunk["answered"] for chunk in chunks)
