"""`mkdocs serve --dirty`: after every edit, the preview's site equals a fresh full build.

A seeded random walk applies edits (text, title, order, audience, new article, rename,
delete, new translation, stale translation, template override) to a small multilingual
site. After each step the preview session rebuilds (only what changed) and a fresh build of
the same tree goes to another folder; every output file must be the same, byte for byte.
"""

from __future__ import annotations

import gzip
import json
import posixpath
import random
import shutil
from pathlib import Path

import pytest
import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort
from sitekit import LANGUAGES, fragments, page

from kb_builder.i18n.fingerprint import fingerprint
from kb_builder.preview import destinations
from kb_builder.search import compact
from kb_builder.search.index import bundle_dir, words_dir

LANGS = ("en", "el", "pl")
SEED = 20261206
STEPS = 16
SEARCH_STEPS = 8


class Project:
    """A tiny knowledge base on disk that edits itself at random."""

    def __init__(self, root: Path, *, search: bool = False, audience: str = "public") -> None:
        self.root = root
        self.content = root / "content"
        self.rng = random.Random(SEED)
        self.counter = 0
        self.write("en/index.md", page("Welcome", "Start here. [Billing](billing/index.md)."))
        self.write("el/index.md", page("Καλώς ήρθατε", "Ξεκινήστε εδώ."))
        self.write("pl/index.md", page("Witamy", "Zacznij tutaj."))
        self.write("en/billing/index.md", page("Billing", "All about bills.", order=1))
        self.write("el/billing/index.md", page("Λογαριασμοί", "Όλα για τους λογαριασμούς."))
        self.write("en/help/index.md", page("Help", "Other help.", order=2))
        for _ in range(3):
            self.new_article("billing")
        self.new_article("help")
        theme = root / "theme"
        theme.mkdir(parents=True, exist_ok=True)
        (theme / "main.html").write_text(self.template("v0"), encoding="utf-8")
        settings = {
            "site_name": "Test help",
            "site_url": "https://help.example.com/",
            "docs_dir": "content",
            "site_dir": "site",
            "theme": {"name": "material", "custom_dir": "theme"},
            "plugins": [
                {
                    "kb": {
                        "languages": {code: LANGUAGES[code] for code in LANGS},
                        "audience": audience,
                        "search": {"enabled": search},
                    }
                }
            ],
            "markdown_extensions": ["admonition", "attr_list", "md_in_html", "toc"],
        }
        self.config = root / "mkdocs.yml"
        self.config.write_text(yaml.safe_dump(settings, allow_unicode=True), encoding="utf-8")

    @staticmethod
    def template(mark: str) -> str:
        return (
            '{% extends "base.html" %}\n'
            f'{{% block footer %}}<p class="mark">{mark}</p>{{{{ super() }}}}{{% endblock %}}\n'
        )

    def write(self, rel: str, text: str) -> None:
        target = self.content / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")

    def read(self, rel: str) -> dict:
        text = (self.content / rel).read_text(encoding="utf-8")
        _, head, body = text.split("---\n", 2)
        return {"front": yaml.safe_load(head), "body": body}

    def save(self, rel: str, front: dict, body: str) -> None:
        head = yaml.safe_dump(front, allow_unicode=True, sort_keys=False)
        self.write(rel, f"---\n{head}---\n{body}")

    def articles(self, lang: str = "en") -> list[str]:
        base = self.content / lang
        return sorted(str(p.relative_to(base)) for p in base.rglob("*.md") if p.name != "index.md")

    # -- edits ----------------------------------------------------------------------------

    def new_article(self, section: str | None = None) -> str:
        self.counter += 1
        section = section or self.rng.choice(["billing", "help"])
        rel = f"{section}/topic-{self.counter}.md"
        others = self.articles()
        link = f"[see also](../{others[0]}#details)" if others else "No links yet."
        body = f"Text {self.counter}. {link}\n\n## Details\n\nMore on topic {self.counter}.\n"
        self.save(
            f"en/{rel}",
            {
                "title": f"Topic {self.counter}",
                "description": "About it.",
                "audience": "public",
                "order": self.counter,
            },
            body,
        )
        return f"new {rel}"

    def edit_text(self) -> str:
        rel = self.rng.choice([f"{lang}/{a}" for lang in LANGS for a in self.articles(lang)])
        doc = self.read(rel)
        self.save(rel, doc["front"], doc["body"] + f"\nAdded line {self.rng.random():.6f}.\n")
        return f"text {rel}"

    def edit_heading(self) -> str:
        rel = "en/" + self.rng.choice(self.articles())
        doc = self.read(rel)
        body = doc["body"].replace("## Details", "## Particulars", 1)
        if body == doc["body"]:
            body = body.replace("## Particulars", "## Details", 1)
        self.save(rel, doc["front"], body)
        return f"heading {rel}"

    def edit_title(self) -> str:
        rel = self.rng.choice([f"{lang}/{a}" for lang in LANGS for a in self.articles(lang)])
        doc = self.read(rel)
        doc["front"]["title"] = f"{doc['front']['title']} ({self.rng.randint(1, 99)})"
        self.save(rel, doc["front"], doc["body"])
        return f"title {rel}"

    def edit_order(self) -> str:
        rel = "en/" + self.rng.choice(self.articles())
        doc = self.read(rel)
        doc["front"]["order"] = self.rng.randint(0, 40)
        self.save(rel, doc["front"], doc["body"])
        return f"order {rel}"

    def edit_audience(self) -> str:
        rel = "en/" + self.rng.choice(self.articles())
        doc = self.read(rel)
        doc["front"]["audience"] = (
            "internal" if doc["front"].get("audience") == "public" else "public"
        )
        self.save(rel, doc["front"], doc["body"])
        return f"audience {rel}"

    def rename(self) -> str:
        rel = self.rng.choice(self.articles())
        self.counter += 1
        new = f"{Path(rel).parent}/renamed-{self.counter}.md"
        for lang in LANGS:
            source = self.content / lang / rel
            if source.exists():
                target = self.content / lang / new
                target.parent.mkdir(parents=True, exist_ok=True)
                source.rename(target)
        return f"rename {rel} -> {new}"

    def delete(self) -> str:
        articles = self.articles()
        if len(articles) <= 2:
            return self.new_article()
        rel = self.rng.choice(articles)
        for lang in LANGS:
            (self.content / lang / rel).unlink(missing_ok=True)
        return f"delete {rel}"

    def translate(self, *, current: bool = True) -> str:
        lang = self.rng.choice(LANGS[1:])
        missing = [a for a in self.articles() if not (self.content / lang / a).exists()]
        if not missing:
            return self.edit_text()
        rel = self.rng.choice(missing)
        source = self.read(f"en/{rel}")
        front = dict(source["front"])
        front["title"] = f"{front['title']} [{lang}]"
        front.pop("order", None)
        front["source_hash"] = fingerprint(
            source["front"]["title"], source["front"]["description"], source["body"]
        )
        self.save(f"{lang}/{rel}", front, source["body"].replace("Text", f"Text-{lang}"))
        return f"translate {lang}/{rel}"

    def stale(self) -> str:
        for lang in LANGS[1:]:
            for rel in self.articles(lang):
                if "source_hash" in self.read(f"{lang}/{rel}")["front"]:
                    source = self.read(f"en/{rel}")
                    self.save(f"en/{rel}", source["front"], source["body"] + "\nNew fact.\n")
                    return f"stale {lang}/{rel}"
        return self.translate()

    def edit_template(self) -> str:
        mark = f"v{self.rng.randint(1, 10**6)}"
        (self.root / "theme" / "main.html").write_text(self.template(mark), encoding="utf-8")
        return f"template {mark}"

    EDITS = (
        "edit_text",
        "edit_heading",
        "edit_title",
        "edit_order",
        "edit_audience",
        "new_article",
        "rename",
        "delete",
        "translate",
        "stale",
        "edit_template",
    )

    def random_edit(self) -> str:
        return getattr(self, self.rng.choice(self.EDITS))()


def _build(config_file: Path, site_dir: Path, *, preview: bool):
    config = load_config(str(config_file), site_dir=str(site_dir))
    # One plugin object serves every build of this process (MkDocs keeps plugins that
    # define on_startup); each build says which command it belongs to.
    config.plugins.on_startup(command="serve" if preview else "build", dirty=preview)
    build(config, dirty=preview)
    return config.plugins["kb"]


def _written(folder: Path) -> dict[Path, tuple[int, bytes]]:
    """Each file with when it was written: an index made again from the same pages may
    come out byte for byte the same."""
    return {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in folder.rglob("*") if p.is_file()}


def _findings(plugin) -> list[str]:
    return sorted(str(finding) for finding in plugin.link_report.findings)


def _tree(folder: Path) -> dict[str, bytes]:
    tree = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            data = path.read_bytes()
            if path.suffix == ".gz":
                data = gzip.decompress(data)  # the gzip header holds the time it was made
            tree[str(path.relative_to(folder))] = data
    return tree


@pytest.fixture
def session():
    """The plugin object of the builds of one test; its preview state ends with the test."""
    plugins = []
    yield plugins
    for plugin in plugins:
        plugin.on_shutdown()


def test_every_edit_gives_the_site_of_a_full_build(tmp_path: Path, session) -> None:
    project = Project(tmp_path)
    preview_site, full_site = tmp_path / "preview", tmp_path / "full"
    session.append(_build(project.config, preview_site, preview=True))
    rendered = []
    for step in range(STEPS):
        edit = project.random_edit()
        shutil.rmtree(full_site, ignore_errors=True)
        try:
            full_plugin = _build(project.config, full_site, preview=False)
        except Abort:
            full_plugin = None  # an edit can break the site (a public page linking to one
            # made internal): the preview must fail the same way, and recover after it
        try:
            plugin = _build(project.config, preview_site, preview=True)
        except Abort:
            assert full_plugin is None, f"step {step}: {edit}: only the preview failed"
            continue
        assert full_plugin is not None, f"step {step}: {edit}: only the full build failed"
        full_findings = _findings(full_plugin)
        rendered.append(plugin.site_build.decision.summary())
        preview_findings = _findings(plugin)
        # Links are checked after every edit: the preview reports what a full build does.
        assert preview_findings == full_findings, f"step {step}: {edit}"
        preview_tree, full_tree = _tree(preview_site), _tree(full_site)
        assert sorted(preview_tree) == sorted(full_tree), f"step {step}: {edit}"
        for name, data in full_tree.items():
            assert preview_tree[name] == data, f"step {step}: {edit}: {name} differs"
    # The walk must have exercised partial rebuilds, not only full ones.
    assert any("rendered again" in line for line in rendered), rendered


def _search(site: Path) -> dict[str, object]:
    """The search of a site as readers get it: each language's Pagefind records (its file
    names differ from build to build) and the word lists byte for byte."""
    found: dict[str, object] = {}
    for lang in LANGS:
        records = fragments(site, lang)
        found[f"{lang} records"] = sorted(json.dumps(r, sort_keys=True) for r in records)
        words = site / words_dir(lang)
        found[f"{lang} words"] = _tree(words) if words.is_dir() else {}
        # The names differ from build to build, not how many files there are.
        bundle = site / bundle_dir(lang)
        found[f"{lang} files"] = sorted(
            (path.parent.name, path.suffix) for path in bundle.rglob("*") if path.is_file()
        )
    return found


def test_every_edit_gives_the_search_of_a_full_build(tmp_path: Path, session) -> None:
    project = Project(tmp_path, search=True)
    preview_site, full_site = tmp_path / "preview", tmp_path / "full"
    session.append(_build(project.config, preview_site, preview=True))
    for step in range(SEARCH_STEPS):
        edit = project.random_edit()
        _build(project.config, preview_site, preview=True)
        shutil.rmtree(full_site, ignore_errors=True)
        _build(project.config, full_site, preview=False)
        assert _search(preview_site) == _search(full_site), f"step {step}: {edit}"
        outside = {
            name: data
            for name, data in _tree(full_site).items()
            if not name.startswith(bundle_dir("").rstrip("/"))
        }
        preview_tree = _tree(preview_site)
        for name, data in outside.items():
            assert preview_tree.get(name) == data, f"step {step}: {edit}: {name} differs"


def test_a_text_edit_renders_only_that_articles_pages(tmp_path: Path, session) -> None:
    project = Project(tmp_path)
    site = tmp_path / "site"
    session.append(_build(project.config, site, preview=True))
    outputs = {p: p.stat().st_mtime_ns for p in site.rglob("index.html")}
    rel = project.articles()[-1]
    doc = project.read(f"en/{rel}")
    project.save(f"en/{rel}", doc["front"], doc["body"] + "\nA brand new sentence.\n")
    plugin = _build(project.config, site, preview=True)
    changed = sorted(
        str(p.relative_to(site)) for p, ns in outputs.items() if p.stat().st_mtime_ns != ns
    )
    stem = rel.removesuffix(".md")
    # Its page in every language (the others show the English text as a fallback), the
    # language chooser, and nothing else: no other article links to the last one.
    assert changed == sorted(["index.html", *(f"{lang}/{stem}/index.html" for lang in LANGS)])
    assert plugin.site_build.decision.summary().startswith("Preview: 4 of ")


def test_search_is_reindexed_for_the_changed_language_only(tmp_path: Path, session) -> None:
    project = Project(tmp_path, search=True)
    site = tmp_path / "site"
    session.append(_build(project.config, site, preview=True))
    greek = _written(site / bundle_dir("el"))
    assert greek
    doc = project.read("en/index.md")
    project.save("en/index.md", doc["front"], doc["body"] + "\nZanzibarword appears.\n")
    _build(project.config, site, preview=True)
    words = b"".join(p.read_bytes() for p in (site / words_dir("en")).rglob("*") if p.is_file())
    assert b"zanzibarword" in words.lower()
    entry = json.loads((site / bundle_dir("en") / "pagefind-entry.json").read_bytes())
    assert entry["languages"]["en"]["page_count"] == len(list((site / "en").rglob("index.html")))
    after = _written(site / bundle_dir("el"))
    assert after == greek
    # An English article that Greek readers get untranslated: the Greek page changes, but
    # search leaves fallback pages out, so the Greek index is not made again.
    rel = next(rel for rel in project.articles() if not (project.content / "el" / rel).exists())
    doc = project.read(f"en/{rel}")
    project.save(f"en/{rel}", doc["front"], doc["body"] + "\nAnother sentence.\n")
    greek_page = site / "el" / rel.removesuffix(".md") / "index.html"
    before_page = greek_page.read_bytes()
    _build(project.config, site, preview=True)
    assert greek_page.read_bytes() != before_page
    again = _written(site / bundle_dir("el"))
    assert again == greek


def test_a_preview_compresses_only_the_index_files_pagefind_wrote_again(
    tmp_path: Path, session, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = Project(tmp_path, search=True)
    site = tmp_path / "site"
    session.append(_build(project.config, site, preview=True))
    english = _written(site / bundle_dir("en"))
    compressed: list[Path] = []
    real = compact.compact_index_file
    monkeypatch.setattr(
        compact, "compact_index_file", lambda path: compressed.append(path) or real(path)
    )
    doc = project.read("en/index.md")
    project.save("en/index.md", doc["front"], doc["body"] + "\nZanzibarword appears.\n")
    _build(project.config, site, preview=True)
    # Pagefind wrote the files of the edited page again (its text, the chunk of its new
    # word); those are compressed. The files it kept were compressed by the first build.
    new = {path for path in _written(site / bundle_dir("en")) if path not in english}
    assert compressed
    assert set(compressed) == {path for path in new if path.suffix != ".pf_meta"}


def test_the_changed_language_is_indexed_once_its_last_page_is_written(
    tmp_path: Path, session, monkeypatch
) -> None:
    from kb_builder.checks.collector import LinkCollector
    from kb_builder.search import index

    project = Project(tmp_path, search=True)
    site = tmp_path / "site"
    session.append(_build(project.config, site, preview=True))
    events: list[tuple] = []
    real_start, real_finish = index.Indexer.start, LinkCollector.finish

    def start(self, code: str, chunk_size: int | None = None, *, beside_build=False, **more):
        events.append(("index", code, beside_build))
        real_start(self, code, chunk_size, beside_build=beside_build, **more)

    def finish(self, *args, **kwargs):
        events.append(("links",))
        return real_finish(self, *args, **kwargs)

    monkeypatch.setattr(index.Indexer, "start", start)
    monkeypatch.setattr(LinkCollector, "finish", finish)
    doc = project.read("en/index.md")
    project.save("en/index.md", doc["front"], doc["body"] + "\nOne more line.\n")
    _build(project.config, site, preview=True)
    # Only English is indexed again, before the links are checked (beside the end of the
    # build) and with every processor: MkDocs has no page left to write by then.
    assert events == [("index", "en", False), ("links",)]


def test_a_menu_change_alone_does_not_index_a_language_again(tmp_path: Path, session) -> None:
    project = Project(tmp_path, search=True)
    # kb_builder's own page template, which marks the part Pagefind reads.
    (tmp_path / "theme" / "main.html").unlink()
    translated, untranslated = project.articles("en")[:2]
    source = project.read(f"en/{translated}")
    front = dict(source["front"], title="Μεταφρασμένο")
    front["source_hash"] = fingerprint(
        source["front"]["title"], source["front"]["description"], source["body"]
    )
    project.save(f"el/{translated}", front, source["body"])
    site = tmp_path / "site"
    session.append(_build(project.config, site, preview=True))
    greek = _written(site / bundle_dir("el"))
    greek_page = site / "el" / translated.removesuffix(".md") / "index.html"
    before = greek_page.read_bytes()
    # An article the Greek site shows untranslated gets a new title: the Greek menus
    # change, what search reads of the Greek pages does not.
    doc = project.read(f"en/{untranslated}")
    project.save(f"en/{untranslated}", dict(doc["front"], title="Renamed topic"), doc["body"])
    _build(project.config, site, preview=True)
    assert b"Renamed topic" in greek_page.read_bytes() and greek_page.read_bytes() != before
    after = _written(site / bundle_dir("el"))
    assert after == greek


def test_a_new_link_marks_the_page_it_leads_to_as_linked(tmp_path: Path, session) -> None:
    project = Project(tmp_path, search=True)
    (tmp_path / "theme" / "main.html").unlink()  # kb_builder's template, with search records
    *_, source, target = project.articles("en")
    site = tmp_path / "site"
    session.append(_build(project.config, site, preview=True))
    target_page = site / "en" / target.removesuffix(".md") / "index.html"
    assert b"linked:yes" not in target_page.read_bytes()
    # Another page starts linking to it: search ranks linked pages higher, so the target's
    # own page changes although its file did not.
    doc = project.read(f"en/{source}")
    link = posixpath.relpath(target, posixpath.dirname(source))
    project.save(f"en/{source}", doc["front"], doc["body"] + f"\nSee [this]({link}).\n")
    _build(project.config, site, preview=True)
    assert b"linked:yes" in target_page.read_bytes()


def test_destinations_reads_every_kind_of_link() -> None:
    markdown = (
        "[a](../x/a.md#top) ![p](pic.png \"t\") <a href='b.md?x=1'>b</a>\n"
        '[ref]: <c.md>\n<img srcset="one.png 1x, two.png 2x"> [w](https://example.com/d.md)\n'
        "[m](mailto:x@example.com) <../e/>"
    )
    assert destinations(markdown) == {
        "../x/a.md",
        "pic.png",
        "b.md",
        "c.md",
        "one.png",
        "two.png",
        "../e/",
    }


def test_compiled_templates_are_reused_until_their_source_changes(tmp_path: Path) -> None:
    from jinja2 import Environment, FileSystemLoader

    from kb_builder.theme import CompiledTemplates

    class Counted(CompiledTemplates):
        compiled = 0

        def dump_bytecode(self, bucket) -> None:
            Counted.compiled += 1
            super().dump_bytecode(bucket)

    cache = Counted()
    (tmp_path / "page.html").write_text("one {{ x }}", encoding="utf-8")

    def render() -> str:
        # MkDocs makes a new environment for every build; the cache outlives them.
        env = Environment(loader=FileSystemLoader(str(tmp_path)), bytecode_cache=cache)
        return env.get_template("page.html").render(x=1)

    assert render() == "one 1"
    assert render() == "one 1"
    assert Counted.compiled == 1
    (tmp_path / "page.html").write_text("two {{ x }}", encoding="utf-8")
    assert render() == "two 1"
    assert Counted.compiled == 2


def test_the_site_fingerprint_is_the_same_however_mkdocs_yml_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kb_builder.preview import site_fingerprint

    (tmp_path / "base.yml").write_text("site_name: Base\n", encoding="utf-8")
    (tmp_path / "site.yml").write_text("INHERIT: base.yml\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    # `mkdocs serve -f site.yml`: the first build sees the name as typed, rebuilds in full.
    typed = site_fingerprint("site.yml", [], [])
    assert typed == site_fingerprint(str(tmp_path / "site.yml"), [], [])
    (tmp_path / "base.yml").write_text("site_name: Changed\n", encoding="utf-8")
    assert site_fingerprint("site.yml", [], []) != typed


def test_a_serve_session_keeps_its_first_build_out_of_full_collections(
    tmp_path: Path, session
) -> None:
    import gc

    project = Project(tmp_path)
    site = tmp_path / "site"
    thresholds = gc.get_threshold()
    plugin = _build(project.config, site, preview=True)
    session.append(plugin)
    frozen = gc.get_freeze_count()
    assert frozen > 0
    # Full collections happen once per build, while Pagefind indexes, not at random.
    assert gc.get_threshold()[2] > 10**6
    _build(project.config, site, preview=True)
    # Once per session, not once per build: the count only falls (objects freed as usual).
    assert 0 < gc.get_freeze_count() <= frozen
    plugin.on_shutdown()
    assert gc.get_freeze_count() == 0
    assert gc.get_threshold() == thresholds


def test_the_sitemap_is_made_again_only_when_what_it_lists_changes(tmp_path: Path, session) -> None:
    project = Project(tmp_path)
    site = tmp_path / "site"
    plugin = _build(project.config, site, preview=True)
    session.append(plugin)
    first = plugin.preview.sitemap
    assert first is not None and "<urlset" in first[1]
    doc = project.read("en/index.md")
    project.save("en/index.md", doc["front"], doc["body"] + "\nOne more line.\n")
    _build(project.config, site, preview=True)
    assert plugin.preview.sitemap is first  # the text is not in the sitemap
    project.save("en/index.md", dict(doc["front"], reviewed="2026-11-30"), doc["body"])
    _build(project.config, site, preview=True)
    assert "<lastmod>2026-11-30</lastmod>" in plugin.preview.sitemap[1]
    assert (site / "sitemap.xml").read_text("utf-8") == plugin.preview.sitemap[1]


def test_theme_icons_count_by_folder_only_in_an_installed_theme(tmp_path: Path) -> None:
    import os
    import sysconfig

    from kb_builder.preview import _installed, _walk, site_fingerprint

    assert not _installed(str(tmp_path))
    assert _installed(os.path.join(sysconfig.get_path("purelib"), "material", "templates"))
    theme = tmp_path / "theme"
    icons = theme / ".icons" / "brand"
    icons.mkdir(parents=True)
    (theme / "main.html").write_text("{{ page.title }}")
    icon = icons / "logo.svg"
    icon.write_text("<svg/>")
    # Installed: the icon folder stands for its files, so adding an icon is seen...
    listed = dict(_walk(str(theme), icons_by_folder=True))
    assert str(icons) in listed and str(icon) not in listed
    before = [(p, s.st_mtime_ns) for p, s in _walk(str(theme), icons_by_folder=True)]
    (icons / "new.svg").write_text("<svg/>")
    after = [(p, s.st_mtime_ns) for p, s in _walk(str(theme), icons_by_folder=True)]
    assert before != after
    # ...and in the project's own theme every icon counts, also one edited in place.
    first = site_fingerprint(None, [str(theme)], [])
    icon.write_text("<svg><path/></svg>")
    assert site_fingerprint(None, [str(theme)], []) != first
