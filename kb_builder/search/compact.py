"""Pagefind's WebAssembly program, compressed smaller: the largest download of a first search.

Pagefind stores each bundle's program (`wasm.en.pagefind`, about 60 KB) gzipped, and its
script unpacks it in the browser, so a web server sends it as it is on disk. Zopfli writes
the same program as a gzip stream about 5% smaller (3 KB less on every first search), and
any gzip reader unpacks it to the same bytes. It takes about a second per program, so the
result is kept in a cache outside the project (`cache_dir`), named by the digest of
Pagefind's file: the program is the same for every build with the same Pagefind release.

Entries unused for `KEEP_DAYS` are removed when a new one is written (a cache hit marks its
entry used), so the folder holds the programs of the Pagefind releases in use, not of every
release ever built with.

Anything unexpected (a file that is not gzip, a cache entry that does not unpack to the
same program, a cache that cannot be written) leaves Pagefind's own file or skips the cache:
the bundle always holds a program that unpacks to what Pagefind wrote.
"""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import os
import re
import time
import zlib
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import zopfli.gzip
from mkdocs.plugins import get_plugin_logger

from kb_builder.files import write_file

log = get_plugin_logger(__name__)

CACHE_SETTING = "KB_CACHE_DIR"
"""Environment variable naming the cache folder (else $XDG_CACHE_HOME/kb_builder)."""

PROGRAMS = "wasm.*.pagefind"
"""Names of the WebAssembly programs in a bundle (one per language it holds)."""

KEEP_DAYS = 90
"""A cache entry not used for this long is removed when a new one is written."""

_ENTRY = re.compile(r"[0-9a-f]{64}\.gz")
"""Names of cache entries: nothing else in the folder is ever removed."""


def cache_dir() -> Path:
    """Where compressed programs are kept between builds."""
    if os.environ.get(CACHE_SETTING):
        return Path(os.environ[CACHE_SETTING])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "kb_builder"


def _unpacked(data: bytes) -> bytes | None:
    try:
        return gzip.decompress(data)
    except (OSError, EOFError, zlib.error):
        return None


def compact_bundles(bundles: Iterable[Path], cache: Path | None = None) -> None:
    """Compress the programs of these bundles smaller, in place (see the module docstring);
    side by side, as zopfli lets other threads run."""
    programs = [program for bundle in bundles for program in sorted(bundle.glob(PROGRAMS))]
    folder = cache_dir() if cache is None else cache
    with ThreadPoolExecutor(max_workers=max(1, min(len(programs), os.cpu_count() or 1))) as pool:
        list(pool.map(lambda program: compact_program(program, folder), programs))


def compact_program(path: Path, cache: Path) -> bool:
    """Write `path` (a gzipped file) again as a smaller gzip stream of the same bytes.

    Returns whether the file changed. The cache entry is checked before it is used.
    """
    original = path.read_bytes()
    program = _unpacked(original)
    if program is None:
        log.debug(f"{path} is not gzip: left as Pagefind wrote it")
        return False
    entry = cache / f"{hashlib.sha256(original).hexdigest()}.gz"
    smaller = None
    try:
        cached = entry.read_bytes()
    except OSError:
        cached = None
    if cached is not None and _unpacked(cached) == program:
        smaller = cached
        _mark_used(entry)
    if smaller is None:
        smaller = zopfli.gzip.compress(program)
        if _unpacked(smaller) != program:
            return False  # never seen: zopfli writes what it was given
        _store(entry, smaller)
        prune(cache)
    if len(smaller) >= len(original):
        return False
    write_file(path, smaller)  # keeps the access Pagefind gave it, for the web server
    # A preview build that keeps this bundle's program finds it compressed already.
    _store(cache / f"{hashlib.sha256(smaller).hexdigest()}.gz", smaller)
    return True


def _store(entry: Path, data: bytes) -> None:
    try:
        write_file(entry, data)
    except OSError as error:
        log.debug(f"Could not keep the compressed search program in {entry.parent}: {error}")


def _mark_used(entry: Path) -> None:
    # A read-only cache: its entries age, and are checked before use anyway.
    with contextlib.suppress(OSError):
        os.utime(entry)


def prune(cache: Path, keep_days: float = KEEP_DAYS) -> list[Path]:
    """Remove the entries of `cache` unused for `keep_days`; returns them."""
    oldest = time.time() - keep_days * 86400
    removed = []
    try:
        entries = [path for path in cache.iterdir() if _ENTRY.fullmatch(path.name)]
    except OSError:
        return removed
    for path in entries:
        try:
            if path.stat().st_mtime < oldest:
                path.unlink()
                removed.append(path)
        except OSError as error:
            log.debug(f"Could not remove the old search program {path}: {error}")
    return removed
