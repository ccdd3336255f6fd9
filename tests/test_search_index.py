"""Running Pagefind per language (kb_builder/search/index.py), with a stand-in program."""

from __future__ import annotations

import json
import stat
import tempfile
from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError

from kb_builder.search import index

# Writes a bundle like Pagefind's: one 40 KB index chunk, or 2 KB chunks when asked for
# smaller ones; notes every run's chunk size setting in the file FAKE_PAGEFIND_LOG names.
FAKE_PAGEFIND = """#!/usr/bin/env python3
import json, os, sys
args = sys.argv[1:]
if args == ["--version"]:
    print("pagefind " + os.environ.get("FAKE_PAGEFIND_VERSION", "1.5.2"))
    sys.exit(0)
out = args[args.index("--output-path") + 1]
lang = args[args.index("--glob") + 1].split("/")[0]
size = os.environ.get("PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE", "")
with open(os.environ["FAKE_PAGEFIND_LOG"], "a") as log:
    log.write(f"{lang} {size}\\n")
os.makedirs(os.path.join(out, "index"), exist_ok=True)
chunk = 2048 if size else 40960
for n in range(3):
    with open(os.path.join(out, "index", f"{lang}_{n}.pf_index"), "wb") as f:
        f.write(b"x" * chunk)
with open(os.path.join(out, "pagefind-entry.json"), "w") as f:
    json.dump({"version": "1.5.2", "languages": {lang: {"page_count": 2}}}, f)
with open(os.path.join(out, "pagefind-ui.js"), "w") as f:
    f.write("ui")
"""


@pytest.fixture
def fake_pagefind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    program = tmp_path / "bin" / "pagefind"
    program.parent.mkdir()
    program.write_text(FAKE_PAGEFIND)
    program.chmod(program.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(program))
    monkeypatch.setenv("FAKE_PAGEFIND_LOG", str(tmp_path / "runs.log"))
    return program


def test_languages_with_large_chunks_are_indexed_again_with_smaller_ones(
    tmp_path: Path, fake_pagefind: Path
) -> None:
    site = tmp_path / "site"
    site.mkdir()
    report = index.build_indexes(site, {"fi": 2})
    assert report.pages == {"fi": 2}
    runs = (tmp_path / "runs.log").read_text().split("\n")
    expected = int(index.DEFAULT_CHUNK * index.CHUNK_TARGET / 40960)
    assert runs == ["fi ", f"fi {expected}", ""]
    assert index.typical_chunk(site, "fi") == 2048
    # Pagefind's own interfaces are removed; kb_builder draws the search box.
    assert not (site / "pagefind" / "fi" / "pagefind-ui.js").exists()


def test_measured_languages_are_indexed_once(tmp_path: Path, fake_pagefind: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    report = index.build_indexes(site, {"el": 2})
    assert report.pages == {"el": 2}
    assert (tmp_path / "runs.log").read_text().splitlines() == ["el 1450"]


@pytest.mark.parametrize(("version", "size"), [("1.5.2", "1450"), ("1.6.0", "1300")])
def test_measured_chunk_sizes_follow_the_pagefind_release(
    tmp_path: Path, fake_pagefind: Path, monkeypatch: pytest.MonkeyPatch, version: str, size: str
) -> None:
    monkeypatch.setenv("FAKE_PAGEFIND_VERSION", version)
    site = tmp_path / "site"
    site.mkdir()
    indexer = index.Indexer(site)
    assert indexer.version == version
    indexer.finish({"el": 2})
    assert (tmp_path / "runs.log").read_text().splitlines() == [f"el {size}"]


def test_a_release_measured_for_no_language_indexes_with_pagefinds_size_first() -> None:
    assert index.first_chunk_size("el", "2.0.1") is None
    assert index.first_chunk_size("pt-BR", "1.6.0") is None
    assert index.first_chunk_size("EL", "1.6.0") == 1300
    assert index.pagefind_version(Path("/no/such/pagefind")) == ""


def _npm_install(folder: Path, name: str = "pagefind_extended") -> Path:
    """The layout `npm install pagefind` leaves: node_modules/@pagefind/<platform>/bin."""
    program = folder / "node_modules" / "@pagefind" / "linux-x64" / "bin" / name
    program.parent.mkdir(parents=True)
    program.write_text("#!/bin/sh\necho pagefind 1.6.0\n")
    program.chmod(program.stat().st_mode | stat.S_IEXEC)
    (program.parent / f"{name}-v1.6.0.tar.gz.sha256").write_text("checksum")
    return program


def test_pagefind_from_npm_is_preferred_next_to_mkdocs_yml_then_in_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("PAGEFIND_BINARY_PATH", raising=False)
    environment = tmp_path / "venv"
    monkeypatch.setattr(index.sys, "prefix", str(environment))
    project = tmp_path / "project"
    project.mkdir()
    python_package = index.pagefind_program(project)  # neither has one: pagefind[bin]'s
    assert "node_modules" not in python_package.parts
    in_environment = _npm_install(environment)
    assert index.pagefind_program(project) == in_environment
    assert index.pagefind_program(None) == in_environment
    in_project = _npm_install(project, "pagefind")
    assert index.pagefind_program(project) == in_project
    assert index.pagefind_version(in_project) == "1.6.0"
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(python_package))  # the user's choice wins
    assert index.pagefind_program(project) == python_package


def test_a_language_started_early_is_not_indexed_again(tmp_path: Path, fake_pagefind: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    indexer = index.Indexer(site)
    indexer.start("el")
    assert indexer.started("el")
    report = indexer.finish({"el": 2, "hu": 2})
    assert report.pages == {"el": 2, "hu": 2}
    assert sorted((tmp_path / "runs.log").read_text().splitlines()) == ["el 1450", "hu 2400"]


def test_stopping_ends_the_runs_and_removes_the_copies(tmp_path: Path, fake_pagefind: Path) -> None:
    indexer = index.Indexer(tmp_path, copies=True)
    indexer.add_page("el/a/index.html", "<html lang=el></html>")
    assert (indexer.pages_dir / "el" / "a" / "index.html").is_file()
    indexer.start("el")
    indexer.stop()
    assert not indexer.started("el")
    assert not indexer.pages_dir.exists()


def test_copies_are_removed_once_indexed(tmp_path: Path, fake_pagefind: Path) -> None:
    indexer = index.Indexer(tmp_path, copies=True)
    indexer.add_page("el/a/index.html", "<html lang=el></html>")
    assert indexer.finish({"el": 2}).pages == {"el": 2}
    assert not indexer.pages_dir.exists()
    assert (tmp_path / "pagefind" / "el" / "pagefind-entry.json").is_file()


def test_a_count_that_does_not_match_is_an_error(tmp_path: Path, fake_pagefind: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    with pytest.raises(PluginError) as raised:
        index.build_indexes(site, {"pl": 5})
    assert str(raised.value).startswith(
        "Search: Pagefind did not index every page marked for search (pl: pl 2 of 5)."
    )


def test_command_indexes_one_language_into_its_bundle(tmp_path: Path) -> None:
    args = index.command(Path("/bin/pagefind"), tmp_path / "copies", "pt-BR", tmp_path)
    assert args[:8] == [
        "/bin/pagefind",
        "--site",
        str(tmp_path / "copies"),
        "--glob",
        "pt-BR/**/*.{html}",
        "--output-path",
        str(tmp_path / "pagefind" / "pt-br"),
        "--quiet",
    ]
    assert args.count("--exclude-selectors") == len(index.EXCLUDE_SELECTORS)


def test_indexed_pages_reads_the_entry_file(tmp_path: Path) -> None:
    assert index.indexed_pages(tmp_path, "en") == {}
    bundle = tmp_path / "pagefind" / "en"
    bundle.mkdir(parents=True)
    (bundle / "pagefind-entry.json").write_text(
        json.dumps({"languages": {"en": {"page_count": 7}}}), encoding="utf-8"
    )
    assert index.indexed_pages(tmp_path, "en") == {"en": 7}


def test_copies_go_to_memory_only_where_there_is_room(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    memory, disk = tmp_path / "shm", tmp_path / "tmp"
    memory.mkdir()
    disk.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(disk))
    monkeypatch.setattr(index, "MEMORY_DIR", memory)
    monkeypatch.setattr(index, "MEMORY_NEEDED", 1)
    assert index._scratch_dir().parent == memory
    monkeypatch.setattr(index, "MEMORY_NEEDED", 1 << 60)  # a container's small /dev/shm
    assert index._scratch_dir().parent == disk
    monkeypatch.setattr(index, "MEMORY_DIR", tmp_path / "none")  # no /dev/shm at all
    assert index._scratch_dir().parent == disk
