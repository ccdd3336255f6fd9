"""The knowledge base the site ships with: complete, well-formed, in every language."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

import pytest

from kb_builder.content.headings import headings
from kb_builder.content.loader import SourceFile, load_catalog
from kb_builder.content.model import Catalog, Document
from kb_builder.faq.questions import questions

REPO = Path(__file__).resolve().parent.parent
CONTENT = REPO / "content"
LANGUAGES = ("en", "el", "pl", "hu")
SECTIONS = ("complaints", "unknown-answers", "loyalty", "pricing", "account", "agents", "scripts")
_LINK = re.compile(r"\]\(([^)\s]+?\.md)(?:#[^)\s]*)?\)")
_SAY = re.compile(r"^!!! say\b", re.M)


def _catalog() -> Catalog:
    sources = [
        SourceFile(
            path.relative_to(CONTENT).as_posix(),
            f"content/{path.relative_to(CONTENT).as_posix()}",
            path.read_bytes,
        )
        for path in sorted(CONTENT.rglob("*.md"))
    ]
    result = load_catalog(sources, LANGUAGES, "en")
    assert not result.errors, [str(f) for f in result.errors]
    assert not result.warnings, [str(f) for f in result.warnings]
    return result.catalog


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return _catalog()


def _words(document: Document) -> int:
    return len(re.findall(r"\w+", document.body))


def test_every_language_has_every_article(catalog: Catalog) -> None:
    for article in catalog:
        assert sorted(article.documents) == sorted(LANGUAGES), article.rel
    sections = {article.section for article in catalog}
    assert set(SECTIONS) <= sections
    for section in SECTIONS:
        assert f"{section}/index.md" in catalog.articles
        assert f"{section}/faq.md" in catalog.articles


def test_every_page_has_the_editorial_front_matter(catalog: Catalog) -> None:
    for document in catalog.documents():
        front = document.front
        assert front.title and front.description, document.shown_path
        assert front.tags, document.shown_path
        assert front.reviewed is not None, document.shown_path
        assert front.audience in ("public", "internal"), document.shown_path


def test_faq_pages_have_five_to_eight_answered_questions(catalog: Catalog) -> None:
    faqs = [d for d in catalog.documents() if d.front.type == "faq"]
    assert len(faqs) == len(SECTIONS) * len(LANGUAGES)
    for document in faqs:
        found = questions(document)
        assert 5 <= len(found) <= 8, (document.shown_path, len(found))
        assert all(question.answer for question in found), document.shown_path


def test_articles_are_250_to_700_words(catalog: Catalog) -> None:
    for article in catalog:
        if article.is_index or article.rel == "index.md":
            continue
        source = article.original
        assert source is not None
        if source.front.type == "article":
            assert 250 <= _words(source) <= 700, (source.shown_path, _words(source))


def test_at_least_three_internal_pages_with_scripts_and_escalation(catalog: Catalog) -> None:
    internal = [a.rel for a in catalog if a.audience == "internal" and not a.is_index]
    assert len(internal) >= 3
    assert "scripts/escalation-guide.md" in internal
    for script in (
        "scripts/complaint-call.md",
        "scripts/discount-request.md",
        "scripts/dont-know.md",
    ):
        assert script in internal
        for document in catalog.articles[script].documents.values():
            assert _SAY.search(document.body), f"{document.shown_path} has no 'say this' block"


def test_translations_keep_the_structure_of_their_source(catalog: Catalog) -> None:
    """Same headings, links and 'say this' blocks: a cheap check that nothing was skipped."""
    for article in catalog:
        source = article.original
        assert source is not None
        source_levels = [h.level for h in headings(source.body)]
        source_links = sorted(_LINK.findall(source.body))
        source_says = len(_SAY.findall(source.body))
        for lang, document in article.documents.items():
            if lang == "en":
                continue
            where = document.shown_path
            assert [h.level for h in headings(document.body)] == source_levels, where
            assert sorted(_LINK.findall(document.body)) == source_links, where
            assert len(_SAY.findall(document.body)) == source_says, where
            assert document.front.type == source.front.type, where
            assert document.front.audience == source.front.audience, where
            assert document.front.tags == source.front.tags, where


def test_public_pages_never_link_to_internal_pages(catalog: Catalog) -> None:
    for document in catalog.documents():
        if document.audience != "public":
            continue
        folder = posixpath.dirname(document.rel)
        for target in _LINK.findall(document.body):
            linked = catalog.articles.get(posixpath.normpath(posixpath.join(folder, target)))
            assert linked is not None, (document.shown_path, target)
            assert linked.audience == "public", (document.shown_path, target)
