"""Rebuilds under `mkdocs serve`: unchanged files are not parsed again, and `--dirty`
rebuilds only the pages an edit affects."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort
from sitekit import LANGUAGES, page, run_build

from kb_builder.content.cache import ParseCache, stamp_of
from kb_builder.content.loader import SourceFile, load_catalog

LANGS = ("en", "el", "pl", "hu")


class Source:
    """A source file in memory that counts how often it is read."""

    def __init__(self, uri: str, text: str, stamp: tuple[int, int, int, int] | None) -> None:
        self.uri, self.text, self.stamp, self.reads = uri, text, stamp, 0

    def file(self) -> SourceFile:
        return SourceFile(self.uri, f"content/{self.uri}", self._read, self.stamp)

    def _read(self) -> bytes:
        self.reads += 1
        return self.text.encode("utf-8")


def _load(sources: list[Source], cache: ParseCache):
    return load_catalog([s.file() for s in sources], LANGS, "en", cache)


def test_unchanged_files_are_not_read_again() -> None:
    sources = [
        Source("en/a.md", page("A"), (1, 10, 100, 5)),
        Source("el/a.md", page("Α"), (1, 11, 100, 5)),
        Source("en/b.md", page("B"), None),  # generated: nothing on disk to compare
    ]
    cache = ParseCache()
    first = _load(sources, cache)
    second = _load(sources, cache)
    assert [s.reads for s in sources] == [1, 1, 2]
    assert list(second.catalog.documents()) == list(first.catalog.documents())
    assert len(cache) == 2


def test_a_changed_stamp_reads_the_file_again() -> None:
    source = Source("en/a.md", page("Old"), (1, 10, 100, 5))
    cache = ParseCache()
    _load([source], cache)
    source.text, source.stamp = page("New"), (1, 10, 200, 5)
    result = _load([source], cache)
    assert source.reads == 2
    assert result.catalog.document("en", "a.md").front.title == "New"


def test_errors_are_reported_on_every_build() -> None:
    source = Source("en/bad.md", "no front matter\n", (1, 12, 100, 16))
    cache = ParseCache()
    first = _load([source], cache)
    second = _load([source], cache)
    assert source.reads == 1
    assert [str(f) for f in second.errors] == [str(f) for f in first.errors]
    assert len(second.errors) == 1


def test_deleted_files_are_forgotten() -> None:
    a = Source("en/a.md", page("A"), (1, 10, 100, 5))
    b = Source("en/b.md", page("B"), (1, 11, 100, 5))
    cache = ParseCache()
    _load([a, b], cache)
    _load([a], cache)
    assert len(cache) == 1


def test_stamp_of_names_the_file_and_its_version(tmp_path: Path) -> None:
    target = tmp_path / "a.md"
    assert stamp_of(target) is None
    assert stamp_of(None) is None
    target.write_text("one", encoding="utf-8")
    first = stamp_of(target)
    target.write_text("three", encoding="utf-8")
    assert stamp_of(target) != first


# -- whole builds ---------------------------------------------------------------------------


def _project(root: Path) -> Path:
    files = {
        "en/index.md": page("Welcome"),
        "en/a.md": page("Article A", "Original text of A.\n\n## Details\n\nMore about A."),
        "en/b.md": page("Article B", "Text of B. See [the details of A](a.md#details)."),
        "el/index.md": page("Καλώς ήρθατε"),
        "el/a.md": page("Άρθρο Α", "Κείμενο Α."),
        "el/b.md": page("Άρθρο Β", "Κείμενο Β."),
    }
    for rel, text in files.items():
        target = root / "content" / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    settings = {
        "site_name": "Test help",
        "docs_dir": "content",
        "site_dir": "site",
        "theme": {"name": "material"},
        "plugins": [
            {"kb": {"languages": {c: LANGUAGES[c] for c in ("en", "el", "pl")}}},
        ],
    }
    config_file = root / "mkdocs.yml"
    config_file.write_text(yaml.safe_dump(settings, allow_unicode=True), encoding="utf-8")
    return config_file


def _build(config_file: Path, *, dirty: bool, site_dir: str = "site"):
    """One build as `mkdocs serve` (with `--dirty` when asked) runs it."""
    config = load_config(str(config_file), site_dir=str(config_file.parent / site_dir))
    config.plugins.on_startup(command="serve", dirty=dirty)
    try:
        build(config, dirty=dirty)
    finally:
        config.plugins.on_shutdown()
    return config


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def test_a_dirty_serve_build_writes_the_same_site(tmp_path: Path) -> None:
    config_file = _project(tmp_path)
    _build(config_file, dirty=False, site_dir="clean")
    _build(config_file, dirty=True, site_dir="dirty")
    assert _tree(tmp_path / "dirty") == _tree(tmp_path / "clean")


def test_a_dirty_rebuild_checks_links_and_search_over_the_whole_site(tmp_path: Path) -> None:
    config_file = _project(tmp_path)
    site = tmp_path / "site"
    first = run_build(tmp_path, config_file, dirty=True, command="serve", shutdown=False)
    assert first.ok, first.logs
    assert json.loads((site / "pagefind" / "en" / "pagefind-entry.json").read_bytes())

    # Only B (and the language chooser) is rendered again; its link into A (not rendered)
    # is checked against A as the last build read it, and a new broken link is reported.
    source = tmp_path / "content" / "en" / "b.md"
    source.write_text(
        page("Article B", "Edited B. See [the details of A](a.md#details) and [c](c.md)."),
        encoding="utf-8",
    )
    again = run_build(tmp_path, config_file, dirty=True, command="serve")
    assert again.ok, again.logs
    assert "Edited B." in (site / "en" / "b" / "index.html").read_text(encoding="utf-8")
    assert [line for line in again.kb_logs("INFO") if line.startswith("Preview")] == [
        "Preview: 3 of 10 pages rendered again; the rest are unchanged"
    ]
    assert again.kb_logs("WARNING") == [
        "content/en/b.md:6: the link 'c.md' goes to content/en/c.md, which does not exist. "
        "Check the path: links are relative to the file they are written in."
    ]
    entry = json.loads((site / "pagefind" / "en" / "pagefind-entry.json").read_bytes())
    assert entry["languages"]["en"]["page_count"] == 3


def test_rebuilds_in_one_process_reuse_parsed_files(tmp_path: Path) -> None:
    config_file = _project(tmp_path)
    config = load_config(str(config_file))
    plugin = config.plugins["kb"]
    # MkDocs keeps one plugin object across the rebuilds of `mkdocs serve` because the
    # plugin defines on_startup; a second load of the config gets the same object.
    assert load_config(str(config_file)).plugins["kb"] is plugin
    config.plugins.on_startup(command="serve", dirty=False)
    try:
        build(config)
        hits = plugin.cache.hits
        build(load_config(str(config_file)))
        assert plugin.cache.hits == hits + 6
    finally:
        config.plugins.on_shutdown()
    assert len(plugin.cache) == 0


def test_public_serve_may_be_dirty_but_public_build_may_not(tmp_path: Path) -> None:
    config_file = _project(tmp_path)
    _build(config_file, dirty=True)
    assert (tmp_path / "site" / "en" / "a" / "index.html").is_file()
    config = load_config(str(config_file), site_dir=str(tmp_path / "out"))
    config.plugins.on_startup(command="build", dirty=True)
    try:
        with pytest.raises(Abort):
            build(config, dirty=True)
    finally:
        config.plugins.on_shutdown()
