"""Pagefind's files written smaller (kb_builder/search/compact.py)."""

from __future__ import annotations

import gzip
import hashlib
import os
import random
import stat
import time
from pathlib import Path

import deflate
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


def test_every_bundle_of_a_build_has_its_files_compressed_smaller(build_site) -> None:
    built = build_site(
        {
            "en/index.md": page("Help", "Start here. " * 40),
            "el/index.md": page("Βοήθεια", "Ξεκινήστε εδώ. " * 40),
        }
    )
    assert built.ok, built.logs
    for lang in ("en", "el"):
        data = (built.site / "pagefind" / lang / f"wasm.{lang}.pagefind").read_bytes()
        program = gzip.decompress(data)
        assert program.startswith(b"pagefind_dcd")
        # Pagefind's own gzip is about the size of level 9; zopfli's is 5% under it.
        assert len(data) < 0.97 * len(gzip.compress(program, 9))
        # Pagefind's are larger than libdeflate's slowest level, except for tiny files.
        bundle = built.site / "pagefind" / lang
        files = [*bundle.glob("*.pf_meta"), *bundle.glob("*/*.pf_*")]
        assert {path.suffix for path in files} == {
            ".pf_meta",
            ".pf_index",
            ".pf_fragment",
            ".pf_filter",
        }
        for path in files:
            data = path.read_bytes()
            assert len(data) <= len(deflate.gzip_compress(gzip.decompress(data), 12)), path


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
    assert kept == {
        f"{hashlib.sha256(PROGRAM).hexdigest()}.gz",
        f"{hashlib.sha256(PROGRAM + b'el').hexdigest()}.gz",
        "notes.txt",
    }


def test_pruning_a_folder_that_cannot_be_read_removes_nothing(tmp_path: Path) -> None:
    assert compact.prune(tmp_path / "missing") == []


def index_file(path: Path, text: bytes, when: float | None = None) -> bytes:
    """An index file as Pagefind writes it (gzip at its level), changed at `when`."""
    data = gzip.compress(text, 9, mtime=0)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    path.chmod(0o644)
    if when is not None:
        os.utime(path, (when, when))
    return data


# Text shaped like an index: names and numbers that repeat, in no simple pattern.
INDEX_TEXT = b"pagefind_dcd" + b"".join(
    _rng.choice([b"reklamacja", b"rabat", b"pl_3fa9c1", b"word_count", b"kontakt"])
    + str(_rng.randrange(900)).encode()
    for _ in range(3_000)
)
NAMES = (
    "pagefind.pl_1a7c62ce18.pf_meta",
    "index/pl_129fd68.pf_index",
    "fragment/pl_01d594b.pf_fragment",
    "filter/pl_30ee44b.pf_filter",
)


def test_every_index_file_is_written_smaller_and_unpacks_to_the_same_bytes(tmp_path: Path) -> None:
    bundle = tmp_path / "pl"
    before = {name: index_file(bundle / name, INDEX_TEXT + name.encode()) for name in NAMES}
    compact.compact_bundles([bundle], tmp_path / "cache")
    for name in NAMES:
        after = (bundle / name).read_bytes()
        assert gzip.decompress(after) == INDEX_TEXT + name.encode(), name
        assert len(after) < len(before[name]), name
        assert stat.S_IMODE((bundle / name).stat().st_mode) == 0o644
    # The many small files as libdeflate's slowest level writes them; the table of
    # contents, read by every search, with zopfli, smaller still.
    chunk = (bundle / NAMES[1]).read_bytes()
    assert chunk == deflate.gzip_compress(INDEX_TEXT + NAMES[1].encode(), 12)
    contents = (bundle / NAMES[0]).read_bytes()
    assert len(contents) < len(deflate.gzip_compress(INDEX_TEXT + NAMES[0].encode(), 12))


def test_a_file_compressed_as_small_already_is_not_written_again(tmp_path: Path) -> None:
    chunk = tmp_path / "index" / "en_1.pf_index"
    index_file(chunk, INDEX_TEXT)
    assert compact.compact_index_file(chunk) is True
    written = chunk.stat().st_mtime_ns
    assert compact.compact_index_file(chunk) is False
    assert chunk.stat().st_mtime_ns == written


def test_a_preview_compresses_only_the_files_written_since_the_build_began(
    tmp_path: Path,
) -> None:
    bundle = tmp_path / "en"
    began = time.time() - 60
    kept = {name: index_file(bundle / name, INDEX_TEXT, when=began - 5) for name in NAMES}
    written = bundle / "fragment" / "en_new.pf_fragment"
    fresh = index_file(written, INDEX_TEXT, when=began + 1)
    compact.compact_bundles([bundle], tmp_path / "cache", written_since=began)
    assert {name: (bundle / name).read_bytes() for name in NAMES} == kept
    assert len(written.read_bytes()) < len(fresh)


def test_an_index_file_that_is_not_gzip_or_is_gone_is_left(tmp_path: Path) -> None:
    odd = tmp_path / "index" / "en_odd.pf_index"
    odd.parent.mkdir()
    odd.write_bytes(b"not gzip at all")
    assert compact.compact_index_file(odd) is False
    assert odd.read_bytes() == b"not gzip at all"
    assert compact.compact_index_file(tmp_path / "index" / "gone.pf_index") is False
