"""The benchmark's synthetic knowledge base: valid for the real loader, deterministic, with
the promised proportions, and links and anchors that resolve in every language."""

from __future__ import annotations

import math
import posixpath
import re
from pathlib import Path

import pytest
import yaml
from mkdocs.utils.yaml import yaml_load
from sitekit import run_build

from bench import phrases
from bench.generate import (
    INTERNAL_RATE,
    KB_CONFIG,
    MATERIAL_CONFIG,
    MISSING_RATE,
    REPO,
    STALE_RATE,
    TRANSLATED,
    generate,
    write_configs,
)
from kb_builder.content.slugs import slug
from kb_builder.i18n import coverage
from kb_builder.i18n.fingerprint import fingerprint
from kb_builder.i18n.plan import plan_site
from kb_builder.project import load_project

LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)\)")
HEADING = re.compile(r"^#{2,3} (.+)$", re.M)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory):
    """One corpus of 200 articles per language, shared by the tests that only read it."""
    folder = tmp_path_factory.mktemp("corpus")
    stats = generate(folder, articles=200, seed=3)
    return folder, stats, load_project(folder / KB_CONFIG)


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def test_every_file_passes_the_real_loader(corpus) -> None:
    _, stats, project = corpus
    assert project.loaded.errors == []
    assert project.loaded.warnings == []
    documents = sum(len(article.documents) for article in project.loaded.catalog)
    assert documents == stats.files


def test_same_seed_same_bytes_other_seed_other_corpus(tmp_path: Path) -> None:
    generate(tmp_path / "a", articles=30, seed=7)
    generate(tmp_path / "b", articles=30, seed=7)
    generate(tmp_path / "c", articles=30, seed=8)
    assert _tree(tmp_path / "a") == _tree(tmp_path / "b")
    assert _tree(tmp_path / "a" / "content") != _tree(tmp_path / "c" / "content")


def test_shape_follows_the_size(corpus) -> None:
    _, stats, project = corpus
    catalog = project.loaded.catalog
    assert stats.documents["en"] == 200
    assert stats.sections == round(math.sqrt(200) / 2) == 7
    faq = [d for d in catalog.documents() if d.lang == "en" and d.front.type == "faq"]
    assert len(faq) == stats.faq == stats.sections
    for document in faq:
        assert len(HEADING.findall(document.body)) >= 5
    internal = [d for d in catalog.documents() if d.lang == "en" and not d.is_public]
    assert len(internal) == stats.internal
    assert 0.5 * INTERNAL_RATE <= stats.internal / 200 <= 2 * INTERNAL_RATE
    for lang in TRANSLATED:
        assert 0.5 * MISSING_RATE[lang] <= stats.missing[lang] / 200 <= 1.6 * MISSING_RATE[lang]
        assert stats.documents[lang] == 200 - stats.missing[lang]


def test_stale_translations_carry_an_older_source_hash(corpus) -> None:
    _, stats, project = corpus
    catalog = project.loaded.catalog
    for lang in TRANSLATED:
        stale = current = 0
        for article in catalog:
            translation = article.documents.get(lang)
            if translation is None:
                continue
            source = article.original.front
            now = fingerprint(source.title, source.description, article.original.body)
            if translation.front.source_hash == now:
                current += 1
            else:
                stale += 1
        assert stale == stats.stale[lang]
        assert 0.4 * STALE_RATE <= stale / (stale + current) <= 1.8 * STALE_RATE


def test_coverage_sees_what_the_generator_promised(corpus) -> None:
    _, stats, project = corpus
    report = coverage.measure(project.loaded.catalog, "internal")
    for lang in TRANSLATED:
        tally = report.language(lang).tally
        assert (tally.stale, tally.missing, tally.untracked) == (
            stats.stale[lang],
            stats.missing[lang],
            0,
        )
        assert tally.current == 200 - stats.stale[lang] - stats.missing[lang]


def test_text_uses_every_language_s_letters(corpus) -> None:
    folder, _, _ = corpus
    text = {
        lang: " ".join(p.read_text("utf-8") for p in (folder / "content" / lang).rglob("*.md"))
        for lang in phrases.LANGUAGES
    }
    assert re.search("[α-ωά-ώ]", text["el"])
    assert re.search("[ąćęłńóśźż]", text["pl"])
    assert re.search("[őű]", text["hu"])
    assert re.search(r"\]\([^)]*#[^)]*[α-ω]", text["el"]), "no Greek anchors in Greek links"


def test_links_and_anchors_resolve_in_every_language(corpus) -> None:
    _, stats, project = corpus
    plan = plan_site(project.loaded.catalog, "public")
    checked = 0
    for variant in plan:
        if variant.is_fallback:
            continue
        folder = posixpath.dirname(variant.docs_path)
        for _, href in LINK.findall(variant.document.body):
            path, _, anchor = href.partition("#")
            target = plan.get(posixpath.normpath(posixpath.join(folder, path)))
            assert target is not None, f"{variant.docs_path}: {href}"
            if anchor:
                anchors = {slug(h) for h in HEADING.findall(target.document.body)}
                assert anchor in anchors, f"{variant.docs_path}: {href}"
            checked += 1
    assert checked >= stats.links


def test_phrase_tables_are_parallel_and_anchors_unambiguous() -> None:
    for table in (
        phrases.SECTIONS,
        phrases.SUBSECTIONS,
        phrases.TOPICS,
        phrases.ASPECTS,
        phrases.HEADINGS,
        phrases.QUESTIONS,
        phrases.SENTENCES,
        phrases.WORDS,
    ):
        sizes = {lang: len(table[lang]) for lang in phrases.LANGUAGES}
        assert len(set(sizes.values())) == 1, sizes
    for lang in phrases.LANGUAGES:
        anchors = [slug(text) for text in phrases.HEADINGS[lang] + phrases.QUESTIONS[lang]]
        assert len(set(anchors)) == len(anchors), lang


def test_small_corpus_builds_with_link_and_anchor_checks(tmp_path: Path) -> None:
    stats = generate(tmp_path, articles=24, seed=2)
    strict = tmp_path / "strict.yml"
    strict.write_text(
        f"INHERIT: {KB_CONFIG}\nvalidation:\n  links:\n    not_found: warn\n    anchors: warn\n",
        encoding="utf-8",
    )
    built = run_build(tmp_path, strict)
    assert built.ok, built.error
    # The corpus is below the project's min_coverage on purpose (missing and stale
    # translations); every other warning would be a broken link, anchor or file.
    warnings = [line for line in built.logs if line.startswith("WARNING")]
    assert warnings and all("below its min_coverage" in line for line in warnings), warnings
    for lang in ("en", "el", "pl", "hu"):
        assert (built.site / "pagefind" / lang / "pagefind.js").is_file(), lang
    assert len(list(built.site.rglob("index.html"))) == 4 * (24 - stats.internal) + 1

    baseline = run_build(tmp_path, tmp_path / MATERIAL_CONFIG)
    assert baseline.ok, baseline.logs
    assert len(list(baseline.site.rglob("index.html"))) == stats.files


def test_baseline_is_plain_material_with_the_project_s_markdown(tmp_path: Path) -> None:
    search = write_configs(tmp_path)
    repo = yaml_load((REPO / "mkdocs.yml").open("rb"))
    baseline = yaml_load((tmp_path / MATERIAL_CONFIG).open("rb"))
    assert baseline["plugins"] == ["search"]
    assert "custom_dir" not in baseline["theme"]
    assert baseline["theme"]["features"] == repo["theme"]["features"]
    assert baseline["markdown_extensions"] == repo["markdown_extensions"]
    kb = yaml.safe_load((tmp_path / KB_CONFIG).read_text(encoding="utf-8"))
    assert kb["INHERIT"] == str(REPO / "mkdocs.yml")
    if search.startswith("Material's"):
        assert kb["plugins"][0] == "search"


def _fake_repo(root: Path, plugins: str) -> Path:
    root.mkdir()
    (root / "mkdocs.yml").write_text(
        f"site_name: X\ntheme:\n  name: material\nplugins:\n{plugins}", encoding="utf-8"
    )
    return root


def test_search_stand_in_only_while_the_project_has_none(tmp_path: Path) -> None:
    bare = _fake_repo(tmp_path / "bare", "  - kb\n")
    assert write_configs(tmp_path, bare).startswith("Material's search plugin")
    own = _fake_repo(tmp_path / "own", "  - search\n  - kb\n")
    out = tmp_path / "out"
    out.mkdir()
    assert write_configs(out, own) == "the project's own"
    assert "plugins" not in yaml.safe_load((out / KB_CONFIG).read_text(encoding="utf-8"))
    module = _fake_repo(tmp_path / "module", "  - kb\n")
    (module / "kb_builder" / "search").mkdir(parents=True)
    assert write_configs(out, module) == "kb_builder's own"
