"""Which files besides pages the public site publishes: those its pages actually use."""

from __future__ import annotations

import pytest

from kb_builder.content.assets import (
    config_references,
    css_urls,
    html_urls,
    page_references,
    resolve,
    select_assets,
)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("img/a.png", "en/guide/img/a.png"),
        ("../img/a.png", "en/img/a.png"),
        ("../../shared/both.png?v=2#top", "shared/both.png"),
        ("./a.png", "en/guide/a.png"),
        ("%CE%B5%CE%B9%CE%BA%CF%8C%CE%BD%CE%B1.png", "en/guide/εικόνα.png"),
        ("/help/files/form.pdf", "files/form.pdf"),
        ("/elsewhere/form.pdf", None),
        ("../../../outside.png", None),
        ("https://example.com/a.png", None),
        ("//cdn.example.com/a.png", None),
        ("mailto:help@example.com", None),
        ("data:image/png;base64,AAAA", None),
        ("#section", None),
        ("", None),
        ("../../", ""),
    ],
)
def test_resolve_like_a_browser(url: str, expected: str | None) -> None:
    assert resolve(url, "en/guide", "/help/") == expected


def test_resolve_decomposed_names_as_composed() -> None:
    decomposed = "e\u0301.png"  # é as e + combining accent, as macOS writes names
    assert resolve(decomposed, "en") == "en/\u00e9.png"


def test_urls_in_every_kind_of_attribute() -> None:
    html = (
        '<p><img src="a.png" srcset="b.png 1x, c.png 2x" alt="x"></p>'
        '<a href="d.pdf">D</a><video poster="e.jpg"><source src="f.mp4"></video>'
        '<object data="g.svg"></object><div style="background: url(&quot;h.png&quot;)"></div>'
        '<picture><source srcset="i.webp"></picture><img src="j.png"/>'
    )
    assert html_urls(html) == [
        "a.png",
        "b.png",
        "c.png",
        "d.pdf",
        "e.jpg",
        "f.mp4",
        "g.svg",
        "h.png",
        "i.webp",
        "j.png",
    ]


def test_page_references_resolve_from_the_page_address() -> None:
    html = (
        '<img src="../img/a.png"><a href="../files/a.pdf#page=2">p</a>'
        '<a href="../other/">x</a><a href="https://x.org/">y</a><a href="#top">t</a>'
    )
    # A folder link (`../other/`) serves other/index.html, a page, never a file called
    # `other`: it is not a reference to any file.
    assert page_references(html, "en/guide/index.html") == {"en/img/a.png", "en/files/a.pdf"}


def test_css_urls_and_imports() -> None:
    css = "@import 'base.css';\na { background: url(img/a.png) }\nb { x: url( \"c d.png\" ) }"
    assert css_urls(css) == ["img/a.png", "c d.png", "base.css"]


def test_select_assets_follows_stylesheets_and_patterns() -> None:
    assets = {
        "styles/site.css": "styles/site.css",
        "styles/base.css": "styles/base.css",
        "styles/bg.png": "styles/bg.png",
        "img/used.png": "img/used.png",
        "img/unused.png": "img/unused.png",
        "CNAME": "CNAME",
        "downloads/prices.pdf": "downloads/prices.pdf",
    }
    sheets = {"styles/site.css": "@import 'base.css';", "styles/base.css": "a{b:url(bg.png)}"}
    selection = select_assets(
        assets,
        {"styles/site.css", "img/used.png", "en/guide"},
        ["CNAME", "downloads/*.pdf"],
        sheets.get,
    )
    assert selection.published == {
        "styles/site.css",
        "styles/base.css",
        "styles/bg.png",
        "img/used.png",
        "CNAME",
        "downloads/prices.pdf",
    }
    assert selection.left_out == ["img/unused.png"]


def test_config_references() -> None:
    class Script:
        path = "js/extra.js"

    assert config_references(["css/extra.css", Script(), None, "https://cdn/x.js"]) == {
        "css/extra.css",
        "js/extra.js",
    }
