"""The repository's own content: the public help centre and the agent desk.

The public site is built from mkdocs.yml, the agent desk from mkdocs.internal.yml, both
into tmp_path. Every paragraph, heading and list item of the pages only the agent desk has
is then looked for in the public build, and so are their addresses.
"""

from __future__ import annotations

import posixpath
import re
import shutil
from pathlib import Path

import pytest
from leakscan import find, normalise, texts
from sitekit import BuiltSite, run_build

from kb_builder.project import load_project

REPO = Path(__file__).resolve().parent.parent
ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.S)
BLOCK = re.compile(r"<(h1|h2|h3|p|li|summary)\b[^>]*>(.*?)</\1>", re.S)
UI_ELEMENT = re.compile(
    r"<(\w+)[^>]*(?:\bdata-kb-ui\b|class=\"[^\"]*kb-notice)[^>]*>.*?</\1>", re.S
)
"""kb_builder's interface inside an article (say labels, fallback notices): not content."""
MIN_FINGERPRINT = 30
"""Shorter texts ('Opening', 'Closing') are headings any page may have."""


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> tuple[BuiltSite, BuiltSite, Path]:
    project = tmp_path_factory.mktemp("repo")
    shutil.copytree(REPO / "content", project / "content")
    shutil.copytree(REPO / "theme", project / "theme")
    shutil.copy(REPO / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copy(REPO / "mkdocs.internal.yml", project / "mkdocs.internal.yml")
    public = run_build(project, project / "mkdocs.yml")
    internal = run_build(project, project / "mkdocs.internal.yml")
    assert public.ok, public.logs
    assert internal.ok, internal.logs
    return public, internal, project


def _pages(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("index.html")}


def _fingerprints(html: str) -> set[str]:
    article = ARTICLE.search(html)
    if article is None:
        return set()
    content = UI_ELEMENT.sub("", article.group(1))
    found = set()
    for _tag, inner in BLOCK.findall(content):
        text = normalise(inner)
        if len(text) >= MIN_FINGERPRINT:
            found.add(text)
    return found


def test_agent_desk_has_pages_the_public_site_has_not(sites) -> None:
    public, internal, _project = sites
    only_internal = _pages(internal.site) - _pages(public.site)
    assert "en/scripts/complaint-call/index.html" in only_internal
    assert "en/agents/empathy/index.html" in only_internal
    assert _pages(public.site) <= _pages(internal.site)


def test_no_text_of_internal_pages_in_the_public_site(sites) -> None:
    public, internal, project = sites
    loaded = load_project(project / "mkdocs.yml").loaded
    public_sources = normalise(
        " ".join(doc.body for doc in loaded.catalog.documents() if doc.is_public)
    )
    only_internal = sorted(_pages(internal.site) - _pages(public.site))
    fingerprints: set[str] = set()
    for rel in only_internal:
        fingerprints |= _fingerprints((internal.site / rel).read_text("utf-8"))
    # Sentences that public articles also contain are not secrets.
    fingerprints = {text for text in fingerprints if text not in public_sources}
    assert len(fingerprints) > 150, "the scan has too little to look for"
    public_text = [(rel, normalise(text)) for rel, text in texts(public.site)]
    leaks = [
        f"{rel}: {text[:60]}"
        for text in sorted(fingerprints)
        for rel, haystack in public_text
        if text in haystack
    ]
    assert leaks == []
    # The same comparison finds every one of them on the agent desk.
    internal_text = " ".join(normalise(text) for _rel, text in texts(internal.site))
    assert [text for text in fingerprints if text not in internal_text] == []


def test_no_address_or_file_name_of_internal_pages_in_the_public_site(sites) -> None:
    public, internal, project = sites
    loaded = load_project(project / "mkdocs.yml").loaded
    needles = set()
    for doc in loaded.catalog.documents():
        if doc.is_public:
            continue
        stem = posixpath.splitext(doc.rel)[0]
        if posixpath.basename(stem) == "index":
            # A section's address is its folder: `en/scripts/`, `../scripts/`.
            needles.add(f"/{posixpath.dirname(stem)}/")
        else:
            needles.add(stem)
    assert {"/agents/", "/scripts/", "scripts/faq"} <= needles
    assert "scripts/complaint-call" in needles
    assert find(public.site, sorted(needles)) == []
    # The same scan finds them on the agent desk.
    assert find(internal.site, ["scripts/complaint-call"])


def test_agent_desk_is_marked_internal_on_every_page(sites) -> None:
    public, internal, _project = sites
    assert internal.site.name == "site-internal"
    for rel in ("en/index.html", "en/scripts/complaint-call/index.html", "404.html"):
        html = (internal.site / rel).read_text("utf-8")
        assert '<meta name="robots" content="noindex, nofollow">' in html, rel
        assert (
            '<p class="kb-audience-banner" data-pagefind-ignore>Agent desk: internal guidance '
            "for our team. Do not share these pages, links or printouts with customers.</p>"
        ) in html, rel
        assert 'data-md-color-primary="deep-orange"' in html, rel
    greek = (internal.site / "el/scripts/complaint-call/index.html").read_text("utf-8")
    assert "<title>Σενάριο κλήσης για παράπονο - Πύλη εκπροσώπων</title>" in greek
    assert "Πύλη εκπροσώπων: εσωτερικές οδηγίες" in greek
    assert "<title>Call script for a complaint - Agent desk</title>" in (
        internal.site / "en/scripts/complaint-call/index.html"
    ).read_text("utf-8")
    # The public site carries none of it.
    for rel in ("en/index.html", "404.html"):
        html = (public.site / rel).read_text("utf-8")
        assert "noindex" not in html and "kb-audience-banner" not in html
        assert '<aside class="md-banner">' not in html
