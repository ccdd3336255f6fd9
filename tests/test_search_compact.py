"""Pagefind's WebAssembly program written smaller (kb_builder/search/compact.py)."""

from __future__ import annotations

import gzip
import hashlib
import os
import random
import stat
import time
from pathlib import Path

import pytest
from sitekit import page

from kb_builder.search import compact

# Text that compresses the way a program does: repeats, but not trivially.
_rng = random.Random(7)
PROGRAM = b"".join(
    _rng.choice([b"local.get ", b"i32.add ", b"call $f", b"br_if 0 ", b"end\n"])
    + str(_rng.randrange(400)).encode()
    for _ in range(20_000)
)


def pagefind_file(path: Path) -> bytes:
    """A program as Pagefind writes it: gzip at its usual level (the same bytes each time)."""
    data = gzip.compress(PROGRAM, 6, mtime=0)
    path.write_bytes(data)
    path.chmod(0o644)
    return data


def test_a_program_is_written_smaller_and_unpacks_to_the_same_bytes(tmp_path: Path) -> None:
    program = tmp_path / "wasm.en.pagefind"
    before = pagefind_file(program)
    assert compact.compact_program(program, tmp_path / "cache") is True
    after = program.read_bytes()
    assert gzip.decompress(after) == PROGRAM
    assert len(after) < 0.97 * len(before)
    # Readable by a web server, as Pagefind left it.
    assert stat.S_IMODE(program.stat().st_mode) == 0o644


def test_the_cache_spares_compressing_the_same_program_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = []
    real = compact.zopfli.gzip.compress
    monkeypatch.setattr(compact.zopfli.gzip, "compress", lambda data: calls.append(1) or real(data))
    cache = tmp_path / "cache"
    first, second = tmp_path / "a.pagefind", tmp_path / "b.pagefind"
    pagefind_file(first)
    pagefind_file(second)
    assert compact.compact_program(first, cache)
    assert compact.compact_program(second, cache)
    assert len(calls) == 1
    assert first.read_bytes() == second.read_bytes()
    # A bundle that kept its program (a preview build) is left as it is, at no cost.
    assert compact.compact_program(first, cache) is False
    assert len(calls) == 1


def test_a_cache_entry_that_unpacks_to_another_program_is_not_used(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    program = tmp_path / "wasm.pl.pagefind"
    original = pagefind_file(program)
    compact.compact_program(program, cache)
    for entry in cache.iterdir():
        entry.write_bytes(gzip.compress(b"something else"))
    program.write_bytes(original)
    assert compact.compact_program(program, cache) is True
    assert gzip.decompress(program.read_bytes()) == PROGRAM


def test_a_file_that_is_not_gzip_is_left_as_it_is(tmp_path: Path) -> None:
    program = tmp_path / "wasm.hu.pagefind"
    program.write_bytes(b"\0asm not gzip")
    assert compact.compact_program(program, tmp_path / "cache") is False
    assert program.read_bytes() == b"\0asm not gzip"


def test_a_cache_that_cannot_be_written_still_leaves_a_smaller_program(tmp_path: Path) -> None:
    blocked = tmp_path / "cache"
    blocked.write_text("a file where the cache folder would be")
    program = tmp_path / "wasm.el.pagefind"
    before = pagefind_file(program)
    assert compact.compact_program(program, blocked) is True
    assert gzip.decompress(program.read_bytes()) == PROGRAM
    assert len(program.read_bytes()) < len(before)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cache", "wasm.el.pagefind"]


def test_the_cache_folder_follows_the_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KB_CACHE_DIR", "/somewhere/kb")
    assert compact.cache_dir() == Path("/somewhere/kb")
    monkeypatch.delenv("KB_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", "/var/cache/me")
    assert compact.cache_dir() == Path("/var/cache/me/kb_builder")
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", "/home/editor")
    assert compact.cache_dir() == Path("/home/editor/.cache/kb_builder")


def test_every_bundle_of_a_build_has_its_program_compressed_smaller(build_site) -> None:
    built = build_site(
        {
            "en/index.md": page("Help", "Start here."),
            "el/index.md": page("Βοήθεια", "Ξεκινήστε εδώ."),
        }
    )
    assert built.ok, built.logs
    for lang in ("en", "el"):
        data = (built.site / "pagefind" / lang / f"wasm.{lang}.pagefind").read_bytes()
        program = gzip.decompress(data)
        assert program.startswith(b"pagefind_dcd")
        # Pagefind's own gzip is about the size of level 9; zopfli's is 5% under it.
        assert len(data) < 0.97 * len(gzip.compress(program, 9))


def test_entries_unused_for_months_are_removed_when_a_new_one_is_written(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    cache.mkdir()
    used, again = tmp_path / "used.pagefind", tmp_path / "again.pagefind"
    pagefind_file(used)
    assert compact.compact_program(used, cache)
    months_ago = time.time() - (compact.KEEP_DAYS + 1) * 86400
    for entry in cache.iterdir():
        os.utime(entry, (months_ago, months_ago))
    unrelated = cache / "notes.txt"  # not an entry: never removed
    unrelated.write_text("mine")
    os.utime(unrelated, (months_ago, months_ago))
    old_release = cache / f"{'0' * 64}.gz"
    old_release.write_bytes(b"an older Pagefind's program")
    os.utime(old_release, (months_ago, months_ago))
    # A build with the same Pagefind uses its entry again: that marks it used.
    pagefind_file(again)
    assert compact.compact_program(again, cache)
    # A new release's program is compressed and kept; what no build used for months goes.
    newer = tmp_path / "wasm.el.pagefind"
    newer.write_bytes(gzip.compress(PROGRAM + b"el", 6, mtime=0))
    assert compact.compact_program(newer, cache)
    assert not old_release.exists()
    assert unrelated.exists()
    kept = {entry.name for entry in cache.iterdir()}
    assert f"{hashlib.sha256(gzip.compress(PROGRAM, 6, mtime=0)).hexdigest()}.gz" in kept
    assert f"{hashlib.sha256(used.read_bytes()).hexdigest()}.gz" in kept


def test_pruning_a_folder_that_cannot_be_read_removes_nothing(tmp_path: Path) -> None:
    assert compact.prune(tmp_path / "missing") == []
