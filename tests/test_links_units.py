"""The link checks' pure parts: addresses, HTML reading, resolution, hints, reports."""

from __future__ import annotations

import markdown
import pytest

from kb_builder.checks import advice, report
from kb_builder.checks.collector import _find_whole
from kb_builder.checks.html import HtmlLink, material_menu, scan, scan_links
from kb_builder.checks.locate import line_in_text, nth
from kb_builder.checks.markdown import LinkRecorder
from kb_builder.checks.sitemap import SiteMap, page_folder, resolve, site_path_of
from kb_builder.checks.urls import (
    EXTERNAL,
    INTERNAL,
    MAILTO,
    MALFORMED,
    OTHER,
    TEL,
    UNSAFE,
    classify,
)
from kb_builder.findings import Finding


@pytest.mark.parametrize(
    ("url", "kind"),
    [
        ("javascript:alert(1)", UNSAFE),
        ("JaVaScRiPt:alert(1)", UNSAFE),
        ("  javascript:alert(1)", UNSAFE),
        ("\x01javascript:alert(1)", UNSAFE),
        ("java\tscript:alert(1)", UNSAFE),
        ("java\nscript:alert(1)", UNSAFE),
        ("vbscript:msgbox", UNSAFE),
        ("data:text/html,<script>", UNSAFE),
        ("DATA:Text/HTML;base64,xx", UNSAFE),
        ("data:image/svg+xml,<svg>", UNSAFE),
        ("data:image/png;base64,xx", OTHER),
        ("javascript%3Aalert(1)", INTERNAL),  # no scheme: a relative path, broken not unsafe
        ("mailto:help@example.com", MAILTO),
        ("mailto:a@example.com,b@example.org?subject=Hi%20there", MAILTO),
        ("mailto:?to=help@example.com", MAILTO),
        ("mailto:help@ex%C3%A4mple.de", MAILTO),
        ("mailto:help", MALFORMED),
        ("mailto:help@@example.com", MALFORMED),
        ("mailto:a..b@example.com", MALFORMED),
        ("tel:+302101234567", TEL),
        ("tel:+30 (210) 123-4567", TEL),
        ("tel:+48%2022%20123%2045%2067;ext=12", TEL),
        ("tel:2101234567", MALFORMED),
        ("tel:+0123456789", MALFORMED),
        ("tel:+123", MALFORMED),
        ("https://example.com/a?b#c", EXTERNAL),
        ("//cdn.example.com/x.js", EXTERNAL),
        ("http://[::1]:8080/", EXTERNAL),
        ("https://ελληνικά.gr/", EXTERNAL),
        ("https://example.com:99999/", MALFORMED),
        ("http:/example.com", MALFORMED),
        ("https://", MALFORMED),
        ("https://exa mple.com/", MALFORMED),
        ("file:///etc/passwd", MALFORMED),
        ("C:\\docs\\a.pdf", MALFORMED),
        ("ftp://example.com/file", OTHER),
        ("../a.md#b", INTERNAL),
    ],
)
def test_addresses_are_classified_as_a_browser_reads_them(url: str, kind: str) -> None:
    assert classify(url).kind == kind


def test_images_may_be_svg_data_and_themes_may_use_no_op_scripts() -> None:
    assert classify("data:image/svg+xml,<svg>", tag="img").kind == OTHER
    for url in ("javascript:void(0)", "javascript:void 0;", "javascript:;", "javascript:"):
        assert classify(url, template=True).kind == OTHER
        assert classify(url).kind == UNSAFE
    assert classify("javascript:track()", template=True).kind == UNSAFE


def test_scan_reads_links_ids_and_headings() -> None:
    page = (
        '<h2 id="one">One</h2><!-- <a href="commented.md"> -->'
        "<script>var s = '<a href=\"in-script.md\">';</script>"
        '<script src="app.js"></script>'
        "<A HREF='&#106;avascript:x' data-kb-lang=el>x</A>"
        '<a href="b/" hreflang="en" title="a > b">b</a>'
        '<img src="i.png" srcset="i-2x.png 2x, i-3x.png 3x">'
        '<link rel="preconnect" href="https://fonts.example.com">'
        '<a name="legacy"></a><h3 id="two">Two</h3>'
    )
    scanned = scan(page)
    assert scanned.ids == {"one", "two", "legacy"}
    assert scanned.headings == ["one", "two"]
    assert scanned.links == [
        HtmlLink("app.js", "script", "src", "", False, ""),
        HtmlLink("javascript:x", "a", "href", "el", True, ""),
        HtmlLink("b/", "a", "href", "en", False, ""),
        HtmlLink("i.png", "img", "src", "", False, ""),
        HtmlLink("i-2x.png", "img", "srcset", "", False, ""),
        HtmlLink("i-3x.png", "img", "srcset", "", False, ""),
    ]


def test_scan_links_reads_each_tag_once_per_build() -> None:
    memo: dict = {}
    page = '<a href="../x/" class="c">x</a><link rel="stylesheet" href="s.css">'
    first = scan_links(page, memo=memo)
    assert first == [
        HtmlLink("../x/", "a", "href", "", False, ""),
        HtmlLink("s.css", "link", "href", "", False, "stylesheet"),
    ]
    assert scan_links(page, memo=memo) == first
    assert len(memo) == 2
    assert scan_links('<a title="a > b" href="q">x</a>', memo=memo) == [
        HtmlLink("q", "a", "href", "", False, "")
    ]


def test_material_menu_is_found_with_its_nested_menus() -> None:
    page = (
        '<header></header><nav class="md-nav md-nav--primary" data-md-level="0">'
        '<nav class="md-nav"><nav class="md-nav">a</nav></nav>b</nav>'
        '<nav class="md-nav md-nav--secondary">toc</nav>'
    )
    start, end = material_menu(page) or (0, 0)
    assert page[start:end].endswith("b</nav>")
    assert page[end:].startswith('<nav class="md-nav md-nav--secondary">')
    assert material_menu("<nav>no menu</nav>") is None


@pytest.mark.parametrize("between", ["", '<div class="md-sidebar__extra"><a href="x/">x</a>'])
def test_material_menu_ends_before_what_material_writes_next(between: str) -> None:
    menu = (
        '<nav class="md-nav md-nav--primary"><ul><li><nav class="md-nav">'
        '<a href="a/">a</a></nav></li></ul></nav>'
    )
    page = (
        f'<div class="md-sidebar md-sidebar--primary"><div>{menu}{between}\n  </div></div>'
        '<div class="md-sidebar md-sidebar--secondary"><nav class="md-nav">toc</nav></div>'
        '<div class="md-content"><article></article></div>'
    )
    start, end = material_menu(page) or (0, 0)
    assert page[start:end] == menu


@pytest.mark.parametrize(
    ("path", "folder", "site_path", "expected"),
    [
        ("../b/", "en/a/", "/", "en/b/"),
        ("b.png", "en/a/", "/", "en/a/b.png"),
        ("./", "en/a/", "/", "en/a/"),
        ("..", "en/a/", "/", "en/"),
        ("../../../../x/", "en/a/", "/", "x/"),  # browsers stop at the server root
        ("/en/b/", "el/a/", "/", "en/b/"),
        ("/help/en/b/", "el/a/", "/help/", "en/b/"),
        ("/en/b/", "el/a/", "/help/", None),  # outside the folder the site is served from
        ("../../../x/", "en/a/", "/help/", None),
        ("/help", "en/a/", "/help/", ""),
        ("caf%C3%A9/", "en/", "/", "en/café/"),
        ("..\\b\\", "en/a/", "/", "en/b/"),
        ("%2E%2E/b/", "en/a/", "/", "en/b/"),
    ],
)
def test_addresses_resolve_like_in_a_browser(path, folder, site_path, expected) -> None:
    assert resolve(path, folder, site_path) == expected


def test_site_paths_and_page_folders() -> None:
    assert site_path_of("https://example.com/help") == "/help/"
    assert site_path_of(None) == "/"
    assert page_folder("el/a/") == "el/a/"
    assert page_folder("el/a.html") == "el/"
    assert page_folder("") == ""


def test_sitemap_serves_like_a_static_server(tmp_path) -> None:
    (tmp_path / "search").mkdir()
    (tmp_path / "search" / "index.json").write_text("{}")
    site = SiteMap(
        {"en/a/index.html": "en/a.md", "index.html": "index.md", "img/x.png": None},
        str(tmp_path),
    )
    assert site.find("en/a/") == "en/a/index.html"
    assert site.find("en/a") == "en/a/index.html"  # the server redirects to en/a/
    assert site.find("") == "index.html"
    assert site.find("img/x.png") == "img/x.png"
    assert site.find("search/index.json") == "search/index.json"  # written by a plugin
    assert site.find("img/X.png") is None
    assert site.near_miss("img/X.png") == "img/x.png"
    assert site.near_miss("En/A/") == "en/a/index.html"


def test_anchor_hints() -> None:
    ids = {"refunds", "χειρισμός", "επίλυση", "__drawer"}
    headings = ["refunds", "χειρισμός", "επίλυση"]
    assert advice.anchor_hint("Refunds", ids, headings) == (
        "Anchors must match letter case exactly: did you mean '#refunds'?"
    )
    assert advice.anchor_hint("refund", ids, headings) == "Did you mean '#refunds'?"
    assert advice.anchor_hint("_2", ids, headings) == (
        "Numbered anchors like '#_2' come from MkDocs' default heading ids; this heading's "
        "anchor is '#επίλυση'"
    )
    assert advice.anchor_hint("zzz", ids, headings) == (
        "The page's headings have these anchors: #refunds, #χειρισμός, #επίλυση"
    )
    assert advice.anchor_hint("zzz", {"__drawer"}, []) == (
        "The page has no headings to link to; link to the page itself"
    )


def test_path_hints() -> None:
    pool = ["en/pricing/discount-requests.md", "en/pricing/faq.md", "en/complaints/faq.md"]
    assert advice.close_path("en/pricing/discount-request.md", pool) == pool[0]
    assert advice.close_path("en/complaint/faq.md", pool) == "en/complaints/faq.md"
    assert advice.close_path("en/c.md", ["en/b.md"]) is None
    assert advice.relative_link("en/pricing/faq.md", "en/complaints/a.md") == "../pricing/faq.md"
    assert advice.web_typo("www.example.com/x") == "https://www.example.com/x"
    assert advice.web_typo("http//example.com") == "http://example.com"
    assert advice.web_typo("https:/example.com") == "https://example.com"
    assert advice.web_typo("https://example.com") is None
    assert advice.web_typo("faq.md") is None


def test_lines_are_found_for_whole_addresses_only() -> None:
    text = "See [a](ab.md) and [b](b.md).\n\n[again](b.md)\n\n<a href='&#106;avascript:x'>j</a>"
    assert nth(text, "b.md", 0) == text.index("(b.md") + 1
    assert line_in_text(text, "b.md", 1) == 3
    assert line_in_text(text, "b.md", 5) == 3  # more occurrences asked than there are
    assert line_in_text(text, "javascript:x") == 5
    assert line_in_text(text, "nowhere.md") is None
    assert line_in_text("write <help@example.com>", "mailto:help@example.com") == 1


def test_recorder_pairs_each_link_with_what_was_written() -> None:
    recorder = LinkRecorder()
    md = markdown.Markdown(extensions=[recorder])
    md.convert("[a](x.md#b) ![i](img/x.png) <help@example.com>")
    pairs = recorder.take()
    assert pairs[:2] == [("x.md#b", "x.md#b"), ("img/x.png", "img/x.png")]
    assert pairs[2] == ("mailto:help@example.com", "mailto:help@example.com")
    assert recorder.take() == []


def test_markdown_report_escapes_cells_and_headline_counts() -> None:
    finding = Finding("content/en/a|b.md", 3, "the link 'x|y.md' is `odd`", "Fix it", "broken_link")
    summary = report.Summary([report.Entry("warning", finding)], pages=1, links=1)
    lines = report.render(summary, "markdown").splitlines()
    assert lines[2] == "**1 page and 1 link checked: 0 errors, 1 warning, 0 notes**"
    assert lines[-1] == (
        "| warning | `content/en/a\\|b.md:3` | the link 'x\\|y.md' is `odd` | Fix it |"
    )
    assert not summary.passed
    assert report.Summary([report.Entry("info", finding)]).passed


def test_an_article_is_found_whole_even_after_a_copy_of_its_opening() -> None:
    article = "<h1>Refunds</h1>" + "<p>Say sorry first.</p>" * 20
    teaser = article[:300] + "…</div>"
    page = f"<header>{teaser}</header><main>{article}</main>"
    assert _find_whole(page, article) == page.index("<main>") + len("<main>")
    assert _find_whole(page, article + "<p>not there</p>") == -1
    assert _find_whole(page, "") == -1
