"""The "¶" after each heading, titled in the page's language."""

from __future__ import annotations

from sitekit import page

from kb_builder.i18n.permalinks import localise, site_title

HEADING = '<h2 id="a">A<a class="headerlink" href="#a" title="Permanent link">&para;</a></h2>'


def test_the_markdown_title_is_said_in_the_page_language() -> None:
    assert localise(HEADING, "el") == HEADING.replace("Permanent link", "Μόνιμος σύνδεσμος")
    assert localise(HEADING, "en") == HEADING


def test_a_title_the_site_set_is_kept() -> None:
    own = HEADING.replace("Permanent link", "Link here")
    assert localise(own, "pl", "Link here") == own
    assert site_title({"toc": {"permalink_title": "Link here"}}) == "Link here"
    assert site_title({"toc": {"permalink": True}}) == "Permanent link"


def test_built_pages_title_their_permalinks_in_their_language(build_site) -> None:
    built = build_site(
        {
            "en/a.md": page("A", "## Steps\n\nText.\n"),
            "pl/a.md": page("A", "## Kroki\n\nTekst.\n"),
            "hu/a.md": page("A", "## Lépések\n\nSzöveg.\n"),
        },
        config={"markdown_extensions": [{"toc": {"permalink": True}}]},
    )
    assert 'href="#kroki" title="Stały odnośnik"' in built.html("pl/a/")
    assert 'href="#lépések" title="Állandó hivatkozás"' in built.html("hu/a/")
    assert 'href="#steps" title="Permanent link"' in built.html("en/a/")
    # Greek has no page of its own: the English original, under Greek menus, says it in Greek.
    assert 'href="#steps" title="Μόνιμος σύνδεσμος"' in built.html("el/a/")
