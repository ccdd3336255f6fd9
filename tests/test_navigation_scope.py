"""Each page's menu: its own top-level section in full, every other section as one entry."""

from __future__ import annotations

import re

from mkdocs.structure.files import File
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page
from sitekit import page

from kb_builder.i18n.navigation import Menus

FEATURES = ["navigation.indexes", "navigation.sections", "navigation.prune"]
THEME = {"theme": {"name": "material", "features": FEATURES}}

SITE = {
    "en/index.md": page("Welcome"),
    "en/about.md": page("About us"),
    "en/complaints/index.md": page("Complaints", order=1),
    "en/complaints/handle.md": page("Handling a complaint"),
    "en/complaints/apologise.md": page("Apologising well"),
    "en/complaints/scripts/index.md": page("Scripts"),
    "en/complaints/scripts/call.md": page("Complaint call script"),
    "en/pricing/index.md": page("Pricing", order=2),
    "en/pricing/discounts.md": page("Discount requests"),
    "en/pricing/value.md": page("Showing value"),
    # A section without an index page.
    "en/stores/opening.md": page("Opening hours"),
    "en/stores/pickup.md": page("Store pickup"),
    "el/index.md": page("Καλώς ήρθατε"),
    "el/complaints/index.md": page("Παράπονα"),
    "el/complaints/handle.md": page("Χειρισμός παραπόνου"),
    "el/pricing/index.md": page("Τιμές"),
}

QUIET = {"validation": {"missing_translation": "ignore"}}


def menu_links(html: str) -> dict[str, str]:
    """Title -> href of every link in the page's primary navigation."""
    nav = html[html.index("md-nav--primary") : html.index("md-sidebar--secondary")]
    # The current page's table of contents sits inside the primary nav for mobile.
    nav = re.sub(r'<nav class="md-nav md-nav--secondary".*?</nav>', "", nav, flags=re.S)
    links = re.findall(
        r'<a href="([^"]*)" class="md-nav__link[^"]*">\s*<span class="md-ellipsis">\s*(.*?)\s*</span>',
        nav,
        re.S,
    )
    return {title: href for href, title in links}


def test_a_page_carries_its_own_section_and_one_entry_per_other_section(build_site) -> None:
    built = build_site(SITE, THEME, plugin=QUIET)
    assert built.ok, built.logs
    links = menu_links(built.html("en/complaints/handle/"))
    assert links == {
        "Welcome": "../../",
        "Complaints": "../",
        "Apologising well": "../apologise/",
        "Handling a complaint": "./",
        # Material prunes the closed subsection to a link to its index page.
        "Scripts": "../scripts/",
        # Other sections: one entry, to the index page or, without one, the first page.
        "Pricing": "../../pricing/",
        "About us": "../../about/",
        "Opening hours": "../../stores/opening/",
    }


def test_the_menu_of_each_section_opens_that_section(build_site) -> None:
    built = build_site(SITE, THEME, plugin=QUIET)
    pricing = menu_links(built.html("en/pricing/"))
    assert {"Discount requests", "Showing value"} <= pricing.keys()
    assert "Handling a complaint" not in pricing
    stores = menu_links(built.html("en/stores/pickup/"))
    assert {"Opening hours", "Store pickup"} <= stores.keys()
    assert "Discount requests" not in stores


def test_home_page_and_404_list_the_sections_closed(build_site) -> None:
    built = build_site(SITE, THEME, plugin=QUIET)
    home = menu_links(built.html("en/"))
    assert home == {
        "Welcome": "./",
        "Complaints": "complaints/",
        "Pricing": "pricing/",
        "About us": "about/",
        "Opening hours": "stores/opening/",
    }
    not_found = menu_links((built.site / "404.html").read_text(encoding="utf-8"))
    assert set(not_found) == set(home)


def test_menus_stay_in_the_page_language(build_site) -> None:
    built = build_site(SITE, THEME, plugin=QUIET)
    greek = menu_links(built.html("el/complaints/handle/"))
    assert {"Καλώς ήρθατε", "Παράπονα", "Χειρισμός παραπόνου", "Τιμές"} <= greek.keys()
    assert "Pricing" not in greek
    # Untranslated pages appear in the Greek menu under their Greek addresses.
    assert greek["Apologising well"] == "../apologise/"


def test_language_scope_puts_the_whole_menu_on_every_page(build_site) -> None:
    built = build_site(SITE, THEME, plugin={**QUIET, "nav_scope": "language"})
    links = menu_links(built.html("en/complaints/handle/"))
    assert {"Discount requests", "Showing value", "Store pickup"} <= links.keys()


def test_unknown_scope_is_a_configuration_error(build_site) -> None:
    built = build_site(SITE, THEME, plugin={"nav_scope": "site"})
    assert not built.ok
    assert any(
        "'nav_scope': Expected one of: ('section', 'language') but received: 'site'" in line
        for line in built.logs
    )


# -- Menus without a build ------------------------------------------------------------------


def _page(uri: str) -> Page:
    return Page(None, File(uri, src_dir="/docs", dest_dir="/site", use_directory_urls=True), {})


def _section(title: str, children: list) -> Section:
    section = Section(title, children)
    for child in children:
        child.parent = section
    return section


def _navigation() -> tuple[Navigation, dict[str, Page], dict[str, Section]]:
    pages = {
        uri: _page(uri)
        for uri in ("en/index.md", "en/a/index.md", "en/a/one.md", "en/a/two.md", "en/b/x.md")
    }
    a = _section("A", [pages["en/a/index.md"], pages["en/a/one.md"], pages["en/a/two.md"]])
    b = _section("B", [pages["en/b/x.md"]])
    items = [pages["en/index.md"], a, b]
    navigation = Navigation(items, list(pages.values()))
    return navigation, pages, {"A": a, "B": b}


def test_pages_of_one_section_share_one_navigation() -> None:
    navigation, pages, sections = _navigation()
    menus = Menus({"en": navigation})
    one = menus.for_page("en", pages["en/a/one.md"])
    assert menus.for_page("en", pages["en/a/two.md"]) is one
    assert one.items[1] is sections["A"]
    closed = one.items[2]
    assert closed is not sections["B"] and closed.title == "B"
    assert closed.children == [pages["en/b/x.md"]]
    assert one.pages is navigation.pages and one.homepage is navigation.homepage


def test_closing_a_section_leaves_its_pages_alone() -> None:
    navigation, pages, sections = _navigation()
    menus = Menus({"en": navigation})
    from_b = menus.for_page("en", pages["en/b/x.md"])
    closed_a = from_b.items[1]
    assert closed_a.children == [pages["en/a/index.md"]]
    # Breadcrumbs and `active` follow the real parents.
    assert pages["en/a/index.md"].parent is sections["A"]
    assert not closed_a.active


def test_pages_outside_sections_and_unknown_languages() -> None:
    navigation, pages, _ = _navigation()
    menus = Menus({"en": navigation})
    home = menus.for_page("en", pages["en/index.md"])
    assert home is menus.for_page("en", None)
    assert all(not isinstance(item, Section) or item.title in "AB" for item in home.items)
    assert menus.for_page("de", pages["en/index.md"]) is None
    assert Menus({"en": navigation}, "language").for_page("en", pages["en/a/one.md"]) is navigation
