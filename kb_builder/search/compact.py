"""Pagefind's files, compressed smaller: what every search downloads.

Pagefind stores each bundle's files gzipped (its program `wasm.en.pagefind`, about 60 KB,
the index's table of contents `*.pf_meta`, its chunks, page texts and filters), and its
script unpacks them in the browser, so a web server sends them as they are on disk. The
same bytes fit in smaller gzip streams, which any gzip reader unpacks alike:

- the program, with zopfli: about 5% smaller (3 KB less on every first search). It takes
  about a second per program, so the result is kept in a cache outside the project
  (`cache_dir`), named by the digest of the program: it is the same for every build with
  the same Pagefind release;
- the table of contents, with zopfli: about 10% smaller (1 KB at 1,000 pages), a tenth of
  a second (it changes with every page, so it is not kept);
- the index chunks, page texts and filters, with libdeflate's slowest level: 1 to 3%
  smaller, about half a second per 1,000 pages. A preview that indexed over the last
  bundle compresses only the files written since the build began (`written_since`): the
  others were compressed by the build that wrote them.

Entries unused for `KEEP_DAYS` are removed when a new one is written (a cache hit marks its
entry used), so the folder holds the programs of the Pagefind releases in use, not of every
release ever built with.

Anything unexpected (a file that is not gzip, a stream or cache entry that does not unpack
to the same bytes, a cache that cannot be written) leaves Pagefind's own file or skips the
cache: the bundle always holds files that unpack to what Pagefind wrote.
"""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import os
import re
import time
import zlib
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from pathlib import Path

import deflate
import zopfli.gzip
from mkdocs.plugins import get_plugin_logger

from kb_builder.files import write_file

log = get_plugin_logger(__name__)

CACHE_SETTING = "KB_CACHE_DIR"
"""Environment variable naming the cache folder (else $XDG_CACHE_HOME/kb_builder)."""

PROGRAMS = "wasm.*.pagefind"
"""Names of the WebAssembly programs in a bundle (one per language it holds)."""

CONTENTS = "pagefind.*.pf_meta"
"""The index's table of contents, which every search reads."""

INDEX_FILES = ("index/*.pf_index", "fragment/*.pf_fragment", "filter/*.pf_filter")
"""The many small files a search reads some of."""

SLOWEST_LEVEL = 12
"""libdeflate's level that compresses smallest."""

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


def compact_bundles(
    bundles: Iterable[Path], cache: Path | None = None, written_since: float | None = None
) -> None:
    """Compress the files of these bundles smaller, in place (see the module docstring);
    side by side, as zopfli and libdeflate let other threads run.

    `written_since` (seconds since the epoch): of the files other than the programs, only
    those changed since then are compressed (the others were, by the build that wrote them).
    """
    folder = cache_dir() if cache is None else cache
    jobs: list[Callable[[], bool]] = []
    for bundle in bundles:
        jobs += [partial(compact_program, path, folder) for path in sorted(bundle.glob(PROGRAMS))]
        for pattern in (CONTENTS, *INDEX_FILES):
            compact = compact_contents if pattern == CONTENTS else compact_index_file
            jobs += [
                partial(compact, path)
                for path in sorted(bundle.glob(pattern))
                if written_since is None or _modified(path) >= written_since
            ]
    with ThreadPoolExecutor(max_workers=max(1, min(len(jobs), os.cpu_count() or 1))) as pool:
        list(pool.map(lambda job: job(), jobs))


def _modified(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return float("inf")  # recompress_file leaves what it cannot read


def compact_contents(path: Path) -> bool:
    """Write the table of contents again smaller; returns whether it changed."""
    return recompress_file(path, zopfli.gzip.compress)


def compact_index_file(path: Path) -> bool:
    """Write an index chunk, page text or filter again smaller; returns whether it changed."""
    return recompress_file(path, lambda data: deflate.gzip_compress(data, SLOWEST_LEVEL))


def recompress_file(path: Path, compress: Callable[[bytes], bytes]) -> bool:
    """Write `path` (a gzipped file) again with `compress` where that is smaller and
    unpacks to the same bytes; returns whether the file changed."""
    try:
        original = path.read_bytes()
    except OSError:
        return False
    data = _unpacked(original)
    if data is None:
        log.debug(f"{path} is not gzip: left as Pagefind wrote it")
        return False
    smaller = compress(data)
    if len(smaller) >= len(original) or _unpacked(smaller) != data:
        return False
    write_file(path, smaller)  # keeps the access Pagefind gave it, for the web server
    return True


def compact_program(path: Path, cache: Path) -> bool:
    """Write the program `path` again with zopfli, through the cache; returns whether the
    file changed (a program compressed already, as a preview keeps it, does not)."""
    return recompress_file(path, partial(_zopfli_through, cache))


def _zopfli_through(cache: Path, program: bytes) -> bytes:
    entry = cache / f"{hashlib.sha256(program).hexdigest()}.gz"
    try:
        cached = entry.read_bytes()
    except OSError:
        cached = None
    if cached is not None and _unpacked(cached) == program:
        _mark_used(entry)
        return cached
    smaller = zopfli.gzip.compress(program)
    _store(entry, smaller)  # checked like any entry before it is used
    prune(cache)
    return smaller


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
