"""The public look in the built HTML: nothing unused or from other hosts, FAQ summaries
without links, the colour scheme toggle in the reader's language."""

from __future__ import annotations

import re
from pathlib import Path

from repolook import repository_look
from sitekit import LANGUAGES, page

from kb_builder import unused

SITE = {
    "en/index.md": page("Help", "Welcome."),
    "en/faq.md": page(
        "FAQ", "## How long does a refund take?\n\nThree days, see [help](index.md).\n", type="faq"
    ),
    "el/index.md": page("Βοήθεια", "Καλώς ήρθατε."),
}


def _files(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}


def test_material_search_and_source_maps_are_not_published(build_site) -> None:
    built = build_site(
        {**SITE, "en/notes.map": "kept: a file of the site's own"},
        plugin={"public_files": ["en/notes.map"]},
    )
    assert built.ok, built.logs
    files = _files(built.site)
    assert not [f for f in files if f.startswith("assets/javascripts/workers/")]
    assert not [f for f in files if f.startswith("assets/javascripts/lunr/")]
    assert [f for f in files if f.endswith(".map")] == ["en/notes.map"]
    assert [f for f in files if re.fullmatch(r"assets/javascripts/bundle\.\w+\.min\.js", f)]
    assert [f for f in files if f.startswith("pagefind/")]


def test_material_search_unused_with_its_plugin_listed(build_site) -> None:
    built = build_site(
        SITE,
        {"plugins": [{"search": {}}, {"kb": {"languages": LANGUAGES}}]},
    )
    # kb search is on by default, so Material's is unused even with its plugin listed ...
    assert built.ok, built.logs
    assert not [f for f in _files(built.site) if "workers/search" in f]


def test_material_search_kept_when_kb_search_is_off(build_site) -> None:
    kb = {"languages": LANGUAGES, "search": {"enabled": False}}
    built = build_site(SITE, {"plugins": [{"search": {}}, {"kb": kb}]})
    assert built.ok, built.logs
    files = _files(built.site)
    # ... but when kb's search is off, Material's box is on the pages and needs its worker.
    assert [f for f in files if f.startswith("assets/javascripts/workers/search.")]
    assert [f for f in files if f.startswith("assets/javascripts/lunr/")]
    assert not [f for f in files if f.endswith(".map")]


def test_unused_patterns() -> None:
    paths = [
        "assets/javascripts/bundle.1.min.js",
        "assets/javascripts/bundle.1.min.js.map",
        "assets/javascripts/workers/search.2.min.js",
        "assets/javascripts/lunr/min/lunr.el.min.js",
        "assets/stylesheets/main.3.min.css.map",
    ]
    assert unused.unused(paths, material_search=False) == paths[1:]
    assert unused.unused(paths, material_search=True) == [paths[1], paths[4]]


def test_repository_look_loads_nothing_from_other_hosts(build_site) -> None:
    built = build_site(SITE, repository_look())
    assert built.ok, built.logs
    for path in ("en/", "el/", "en/faq/", "404.html"):
        html = built.html(path)
        hosts = set(re.findall(r'(?:src|href)="(?:https?:)?//([^/"]+)', html))
        # Only links a reader may follow (the site's own address, Material's credit).
        assert hosts <= {"help.example.com", "squidfunk.github.io"}, (path, hosts)
        assert "fonts.googleapis" not in html and "fonts.gstatic" not in html
        assert 'rel="stylesheet" href="http' not in html
        assert re.search(r'<script[^>]+src="(?:https?:)?//', html) is None


def test_faq_question_summary_holds_no_link(build_site) -> None:
    built = build_site(SITE, repository_look())
    html = built.html("en/faq/")
    summaries = re.findall(r"<summary>(.*?)</summary>", html, re.S)
    assert summaries and all("<a " not in summary for summary in summaries)
    # The question's permanent link is at the start of its answer.
    assert re.search(
        r'<div class="kb-faq__answer"><a class="headerlink" '
        r'href="#how-long-does-a-refund-take"',
        html,
    )


def test_colour_scheme_toggle_speaks_the_page_language(build_site) -> None:
    built = build_site(SITE, repository_look())
    english = built.html("en/")
    greek = built.html("el/")
    assert 'data-md-color-media="(prefers-color-scheme: dark)"' in english
    assert 'aria-label="Switch to dark mode"' in english
    assert 'aria-label="Switch to light mode"' in english
    assert 'aria-label="Αλλαγή σε σκούρο θέμα"' in greek
    assert 'title="Αλλαγή σε φωτεινό θέμα"' in greek
