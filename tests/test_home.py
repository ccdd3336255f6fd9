"""Language home pages: search field, section cards, the page's parts, the welcome last."""

from __future__ import annotations

import re

from sitekit import page

from kb_builder import home

HOME_EN = """Welcome to our help centre. Read how we look after you.

## Sections

**[Complaints](complaints/index.md).** How we put things right.

**[Billing](billing/index.md).** Bills and payments.

## Most asked questions

- [How long does a refund take?](complaints/faq.md#how-long-does-a-refund-take)
- [Can I pay by card?](billing/faq.md#can-i-pay-by-card)
"""

SITE = {
    "en/index.md": page("Help", HOME_EN),
    "en/complaints/index.md": page("Complaints", "All about complaints.", order=1),
    "en/complaints/faq.md": page(
        "Complaints FAQ", "## How long does a refund take?\n\nThree days.\n", type="faq"
    ),
    "en/billing/index.md": page("Billing", "Bills.", description="Bills, payments & <credit>."),
    "en/billing/faq.md": page("Billing FAQ", "## Can I pay by card?\n\nYes.\n", type="faq"),
    "el/index.md": page(
        "Βοήθεια", "Καλώς ήρθατε.\n\n## Συχνές ερωτήσεις\n\n- [Κάρτα](billing/faq.md)\n"
    ),
    "el/complaints/index.md": page("Παράπονα", "Όλα για τα παράπονα."),
}
TOC = {
    "markdown_extensions": ["admonition", "attr_list", "md_in_html", {"toc": {"permalink": True}}]
}


def _article(html: str) -> str:
    match = re.search(r'<div class="kb-home">.*?</div>\s*</div>', html, re.S)
    assert match, "no home layout on the page"
    return match.group(0)


def test_home_page_order_search_cards_parts_welcome(build_site) -> None:
    built = build_site(SITE, TOC)
    assert built.ok, built.logs
    body = _article(built.html("en/"))
    search = body.index("data-kb-search-field")
    cards = body.index('class="kb-home__cards"')
    questions = body.index('id="most-asked-questions"')
    welcome = body.index("Welcome to our help centre")
    assert search < cards < questions < welcome
    assert 'class="kb-home__welcome"' in body
    titles = re.findall(r'<span class="kb-home__card-title">(.*?)</span>', body)
    assert titles == ["Complaints", "Billing"]  # menu order: `order: 1` first
    assert '<a class="kb-home__card" href="complaints/">' in body
    # Descriptions come from each section's front matter, escaped.
    assert "Bills, payments &amp; &lt;credit&gt;." in body
    assert 'aria-label="Search for an answer"' in body
    assert 'placeholder="Type your question"' in body


def test_part_that_lists_the_sections_gives_way_to_the_cards(build_site) -> None:
    built = build_site(SITE, TOC)
    html = built.html("en/")
    assert 'id="sections"' not in html
    assert "How we put things right." not in html
    assert 'href="#sections"' not in html  # nor in the table of contents
    assert 'href="#most-asked-questions"' in html


def test_home_page_in_greek_with_an_untranslated_section(build_site) -> None:
    built = build_site(SITE, TOC)
    body = _article(built.html("el/"))
    assert 'aria-label="Αναζητήστε μια απάντηση"' in body
    assert 'aria-label="Θεματικές ενότητες"' in body
    assert '<span class="kb-home__card-title">Παράπονα</span>' in body
    # Billing is not translated: its card shows the English title, marked as English.
    assert re.search(r'<li lang="en"><a class="kb-home__card" href="billing/">', body)
    assert body.index("Συχνές ερωτήσεις") < body.index("Καλώς ήρθατε.")


def test_no_search_field_without_site_search(build_site) -> None:
    built = build_site(SITE, TOC, plugin={"search": {"enabled": False}})
    assert built.ok, built.logs
    body = _article(built.html("en/"))
    assert "data-kb-search-field" not in body
    assert 'class="kb-home__cards"' in body


def test_other_pages_keep_their_layout(build_site) -> None:
    built = build_site(SITE, TOC)
    assert "kb-home" not in built.html("en/complaints/")
    assert "kb-home" not in built.html("en/billing/faq/")


def test_arrange_keeps_parts_with_other_links() -> None:
    cards = [home.Card("Billing", "en/billing/", "", "en")]
    html = (
        "<p>Hello.</p>\n"
        '<h2 id="a">A</h2>\n<p><a href="billing/">Billing</a> and <a href="other/">other</a></p>\n'
        '<h2 id="b">B</h2>\n<p><a href="billing/">Billing</a></p>\n'
        '<h2 id="c">C</h2>\n<p>No links at all.</p>\n'
        '<h2 id="d">D</h2>\n<p><a href="https://example.com/">Away</a></p>'
    )
    arranged, dropped = home.arrange(
        html, page_url="en/", lang="en", cards=cards, text=home.words("en"), search=True
    )
    assert dropped == {"b"}
    for kept in ('id="a"', 'id="c"', 'id="d"'):
        assert kept in arranged
    assert arranged.index('id="d"') < arranged.index("<p>Hello.</p>")


def test_card_titles_are_html_and_descriptions_text() -> None:
    cards = [home.Card("Tom &amp; Jerry", "pl/tv/", 'Say "hi" <b>', "en")]
    arranged, _ = home.arrange(
        "<p>Cześć.</p>", page_url="pl/", lang="pl", cards=cards, text=home.words("pl"), search=False
    )
    assert '<li lang="en"><a class="kb-home__card" href="tv/">' in arranged
    assert "Tom &amp; Jerry" in arranged
    assert "Say &#34;hi&#34; &lt;b&gt;" in arranged
    assert 'aria-label="Tematy"' in arranged
    assert "<form" not in arranged


def test_preview_renders_the_home_page_again_when_a_card_changes(build_site, tmp_path) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    built = build_site(SITE, TOC)  # writes the project; then `mkdocs serve --dirty` builds
    config_file = built.root / "mkdocs.yml"
    preview_site = tmp_path / "preview"
    plugins = []

    def preview() -> None:
        config = load_config(str(config_file), site_dir=str(preview_site))
        config.plugins.on_startup(command="serve", dirty=True)
        build(config, dirty=True)
        plugins.append(config.plugins["kb"])

    try:
        preview()
        index = built.root / "content" / "en" / "billing" / "index.md"
        index.write_text(page("Billing", "Bills.", description="Pay by card or bank."), "utf-8")
        preview()
    finally:
        for plugin in plugins:
            plugin.on_shutdown()
    assert "Pay by card or bank." in (preview_site / "en" / "index.html").read_text("utf-8")
