"""Link findings kept between preview builds (checks.memo): reused only for the very page
record checked before, and only while the rest of the site looks the same."""

from __future__ import annotations

from types import SimpleNamespace

from kb_builder.checks.memo import CheckMemo
from kb_builder.checks.model import BuiltPage, Problem, TemplateSource
from kb_builder.i18n.plan import SitePlan


def _context(pages: dict[str, BuiltPage], dests: dict[str, str | None]) -> SimpleNamespace:
    return SimpleNamespace(
        plan=SitePlan(("en",), "public"),
        catalog=[],
        sitemap=SimpleNamespace(dests=dests),
        pages=pages,
        site_path="/",
        site_host="",
        collect_external=False,
    )


def _page(dest: str, ids: set[str]) -> BuiltPage:
    return BuiltPage(url=dest.removesuffix("index.html"), dest=dest, src_uri=None,
                     template="main.html", ids=ids)  # fmt: skip


PROBLEM = Problem("broken_link", TemplateSource("main.html", "x/", "/x/"), "en", "a/", "gone")


def test_findings_are_reused_for_the_same_record_in_the_same_site() -> None:
    a, b = _page("a/index.html", {"top"}), _page("b/index.html", {"intro"})
    dests = {"a/index.html": None, "b/index.html": None}
    memo = CheckMemo()
    memo.start(_context({"a/index.html": a, "b/index.html": b}, dests))
    assert memo.known("a/index.html", a) is None
    memo.store("a/index.html", a, [PROBLEM], [])
    # The next build keeps both records; the checks added a theme id to one meanwhile.
    a.ids.add("__comments")
    memo.start(_context({"a/index.html": a, "b/index.html": b}, dests))
    kept = memo.known("a/index.html", a)
    assert kept is not None and kept.problems == (PROBLEM,)
    # The same address rendered again is a new record: checked again.
    assert memo.known("a/index.html", _page("a/index.html", {"top"})) is None


def test_a_change_elsewhere_in_the_site_checks_every_page_again() -> None:
    a, b = _page("a/index.html", {"top"}), _page("b/index.html", {"intro"})
    dests = {"a/index.html": None, "b/index.html": None}
    memo = CheckMemo()
    memo.start(_context({"a/index.html": a, "b/index.html": b}, dests))
    memo.store("a/index.html", a, [PROBLEM], [])
    # Page b rendered again with another heading: a's link to b#intro may break now.
    b2 = _page("b/index.html", {"summary"})
    memo.start(_context({"a/index.html": a, "b/index.html": b2}, dests))
    assert memo.known("a/index.html", a) is None
    # A new file on the site (a picture a broken link may point at) changes the world too.
    memo.store("a/index.html", a, [PROBLEM], [])
    memo.start(_context({"a/index.html": a, "b/index.html": b2}, {**dests, "pic.png": None}))
    assert memo.known("a/index.html", a) is None


def test_a_site_that_only_grew_keeps_the_pages_that_had_no_findings() -> None:
    a, b = _page("a/index.html", {"top"}), _page("b/index.html", {"intro"})
    dests = {"a/index.html": None, "b/index.html": None}
    memo = CheckMemo()
    memo.start(_context({"a/index.html": a, "b/index.html": b}, dests))
    memo.store("a/index.html", a, [], [])
    memo.store("b/index.html", b, [PROBLEM], [])
    # A new article: a page and its address more, nothing that was there changed.
    c = _page("c/index.html", set())
    grown = {"a/index.html": a, "b/index.html": b, "c/index.html": c}
    memo.start(_context(grown, {**dests, "c/index.html": None}))
    assert memo.known("a/index.html", a) is not None  # no link of a's can break by it
    assert memo.known("b/index.html", b) is None  # b's broken link may lead to c now
    memo.store("b/index.html", b, [], [])
    memo.store("c/index.html", c, [], [])
    # Still valid a build later (a's record carries this world now)...
    memo.start(_context(grown, {**dests, "c/index.html": None}))
    assert memo.known("a/index.html", a) is not None
    # ...but a page that goes away can break links: everything is checked again.
    memo.start(_context({"a/index.html": a, "b/index.html": b}, dests))
    assert memo.known("a/index.html", a) is None


def test_pages_no_longer_built_are_forgotten() -> None:
    a = _page("a/index.html", set())
    memo = CheckMemo()
    context = _context({"a/index.html": a}, {"a/index.html": None})
    memo.start(context)
    memo.store("a/index.html", a, [], [])
    empty = _context({}, {})
    memo.start(empty)
    memo.finish(empty)
    assert memo.pages == {}
