"""Write one Pagefind index per language into the built site.

One bundle per language (`pagefind/el/`, `pagefind/pl/` ...) rather than Pagefind's single
multilingual bundle: the browser takes a bundle's stemming rules from the bundle, so a
reader on the Greek site can also search the English bundle with English stemming (the
"all languages" switch), and a search downloads only its own language's files.

The indexer is the Pagefind program (from npm where installed, else the one the
`pagefind[bin]` package installs: see `pagefind_program`), run once per language.
(Pagefind's Python API talks to the same program but waits a tenth of a second per
message, which costs more than the indexing on small sites.)

Index chunk size: Pagefind splits a language's index into chunks of about 20,000 word
positions and a search downloads the chunks its words fall in. Pagefind 1.5 does not count
the positions of words it stores with their accents (nearly every Greek word), so a Greek
index comes out in chunks four to five times larger than an English one, and a first Greek
search would download over 100 KB of index; Pagefind 1.6 counts them. Where a language's
chunks come out larger than `CHUNK_TARGET`, it is indexed again with proportionally
smaller chunks, through Pagefind's `PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE` setting. Languages
measured in advance start with their size (FIRST_CHUNK_SIZES) and are indexed once. A
Pagefind without that setting just keeps its own chunks: search works the same, first
searches download more.

Each bundle's files are written again as smaller gzip streams (see compact.py): its
WebAssembly program, the largest file a first search downloads, and of the rest only what
this build's Pagefind wrote.

A preview (`mkdocs serve --dirty`) indexes a changed language over its last bundle instead
of into an empty folder: Pagefind names most of its files by their content and does not
write a file that is already there, which saves it a third of its time at 1,000 pages.
What it no longer names (the old entries of changed pages) is removed afterwards
(`prune_bundle`); when the bundle cannot be read that way, the language is indexed again
into an empty folder.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import weakref
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import cbor2
from mkdocs.exceptions import PluginError

from kb_builder.search.compact import compact_bundles

BUNDLES = "pagefind"
"""Folder of the bundles inside site_dir."""

WORDS = "words"
"""Folder inside BUNDLES with the word lists of every language (see words.py)."""

EXCLUDE_SELECTORS = (
    ".headerlink",  # the "¶" after every heading would end up in result titles
    ".kb-faq__tools",  # "Expand all answers" is a button, not content
    ".md-content__button",  # edit / view source buttons
    "[data-kb-search-ignore]",
)

# Pagefind's own ready-made interfaces; kb_builder draws the search box in Material's style
# over Pagefind's JavaScript API, so these would only be dead weight on the server.
UNUSED_FILES = (
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-highlight.js",
)

HINT = "Set 'search: {enabled: false}' under the kb plugin to build without search."

CHUNK_SETTING = "PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE"
DEFAULT_CHUNK = 20_000
"""Pagefind's own chunk size, in word positions."""
CHUNK_TARGET = 6 * 1024
"""Bytes (compressed, as served) a typical index chunk should stay under."""
MIN_CHUNK = 500
FIRST_CHUNK_SIZES = {
    "1.5": {"en": 5300, "el": 1450, "pl": 3900, "hu": 2400},
    "1.6": {"en": 1300, "el": 1300, "pl": 1375, "hu": 1350},
}
"""Chunk sizes per Pagefind release, measured on the benchmark's corpus at 1,000 articles
per language (1.5.2 also at 250: the same within 10%): Pagefind's own size scaled by
CHUNK_TARGET over the chunks it made. They give chunks of about CHUNK_TARGET, except Greek
with 1.5, whose chunks stay two to three times larger at any setting (the median Greek
chunk at 1,000 articles: 17 KB with 1,450, 11 KB with 300, and one chunk of a very common
word stays at 140 KB); 1.6 counts Greek words like the others. Starting with them saves
indexing these languages twice; other languages and releases are indexed with Pagefind's
own size first and again with a scaled one if their chunks come out large.

The 1.6 sizes are a quarter of the measured ones: a first search downloads one chunk per
word it looks up (more while the reader types), and every search reads the table of
contents, which lists every chunk (about 12 bytes each). Halving the measured sizes took 5
to 10 KB off a first search on the repository's site (bench/search); halving them again
took 3.5 to 4.8 KB more off (the median of the per-query differences) on the agent desk and
the public site, where 24 or 44 pages a language come in 15 to 35 chunks, and 0.5 to 1.7 KB
at 1,000 articles a language, where the table of contents grows by 1 to 1.5 KB and the
median time from the last key grew by 0.2 to 0.6 ms."""


@dataclass
class IndexReport:
    pages: dict[str, int] = field(default_factory=dict)
    """Pages indexed per language."""
    messages: list[str] = field(default_factory=list)
    """What Pagefind warned about while indexing, one line each."""


def bundle_dir(code: str) -> str:
    """Folder of a language's bundle, relative to site_dir (`pagefind/pt-br`)."""
    return f"{BUNDLES}/{code.lower()}"


def words_dir(code: str) -> str:
    """Folder of a language's word lists, relative to site_dir."""
    return f"{BUNDLES}/{WORDS}/{code.lower()}"


def pagefind_program(project_dir: Path | None = None) -> Path:
    """The Pagefind executable: PAGEFIND_BINARY_PATH if set; else one installed with npm,
    next to mkdocs.yml or into the Python environment (as the README's setup does: npm
    carries newer Pagefind releases than PyPI); else the one `pagefind[bin]` installs."""
    if not os.environ.get("PAGEFIND_BINARY_PATH"):
        for folder in (project_dir, Path(sys.prefix)):
            found = npm_program(folder) if folder is not None else None
            if found is not None:
                return found
    try:
        from pagefind.service import get_executable
    except ImportError as exc:
        raise PluginError(_missing(str(exc))) from exc
    try:
        program = get_executable()
    except FileNotFoundError as exc:
        raise PluginError(_missing(str(exc))) from exc
    if program is None or not Path(program).is_file():
        raise PluginError(_missing(f"no program at {program}" if program else "not installed"))
    return Path(program)


NPM_PROGRAMS = ("pagefind_extended", "pagefind_extended.exe", "pagefind", "pagefind.exe")
"""Names of the program in the platform package npm installs (`@pagefind/linux-x64/bin`)."""


def npm_program(folder: Path) -> Path | None:
    """The Pagefind program of an npm installation in `folder` (its `node_modules`)."""
    for platform_bin in sorted((folder / "node_modules" / "@pagefind").glob("*/bin")):
        for name in NPM_PROGRAMS:
            candidate = platform_bin / name
            if candidate.is_file() and os.access(candidate, os.X_OK):
                return candidate
    return None


_VERSIONS: dict[tuple[str, float], str] = {}


def pagefind_version(program: Path) -> str:
    """`1.6.0` from `pagefind --version` (asked once per program file); '' if it does not say."""
    try:
        key = (str(program), program.stat().st_mtime)
    except OSError:
        return ""
    if key not in _VERSIONS:
        try:
            said = subprocess.run(
                [str(program), "--version"], capture_output=True, text=True, timeout=60
            ).stdout
        except (OSError, subprocess.SubprocessError):
            said = ""
        match = re.search(r"\b(\d+\.\d+\.\d+)", said)
        _VERSIONS[key] = match.group(1) if match else ""
    return _VERSIONS[key]


def _missing(why: str) -> str:
    return (
        f"Search: the Pagefind program was not found ({why}). Install kb_builder with its "
        f"dependencies, or 'pip install \"pagefind[bin]>=1.5,<2\"'. {HINT}"
    )


def command(program: Path, pages_dir: Path, code: str, site_dir: Path) -> list[str]:
    """The Pagefind command line that indexes one language's pages into its bundle."""
    args = [
        str(program),
        "--site",
        str(pages_dir),
        "--glob",
        f"{code}/**/*.{{html}}",
        "--output-path",
        str(site_dir / bundle_dir(code)),
        "--quiet",
    ]
    for selector in EXCLUDE_SELECTORS:
        args += ["--exclude-selectors", selector]
    return args


class Indexer:
    """Pagefind runs, one per language, each started as soon as its language is complete.

    The plugin hands over a copy of each page as MkDocs writes it and starts a language
    once all its pages are in, so Pagefind indexes it while MkDocs writes the other
    languages; `finish` starts the rest, waits for all, and checks what they wrote.
    """

    def __init__(
        self,
        site_dir: Path,
        *,
        copies: bool = False,
        project_dir: Path | None = None,
        kept_copies: SearchCopies | None = None,
    ) -> None:
        """`kept_copies`: a folder of copies that outlives this build (a preview session's,
        see `SearchCopies`), holding the last build's copies of the pages not rendered again."""
        self.site_dir = site_dir
        self._began = time.time()
        """Files of a bundle changed after this were written by this build's Pagefind (where
        a file system keeps times to the second, a preview may miss some: they stay as
        Pagefind wrote them)."""
        # Looked up now, so that a missing Pagefind stops the build before any page is made.
        self._program = pagefind_program(project_dir)
        self.version = pagefind_version(self._program)
        self._runs: dict[str, subprocess.Popen[str]] = {}
        self._chunk_sizes: dict[str, int | None] = {}
        self._over_last: dict[str, bool] = {}
        """Languages indexed over the last build's bundle (a preview; see `prune_bundle`)."""
        self._folders: set[str] = set()
        self._kept = kept_copies if copies else None
        if self._kept is not None:
            self.pages_dir = self._kept.folder()
        else:
            self.pages_dir = _scratch_dir() if copies else site_dir
        """Where Pagefind reads pages: the site, or the copies given to `add_page`."""
        if copies and self._kept is None:
            # Also removed when the process ends some other way (Ctrl+C in `mkdocs serve`).
            weakref.finalize(self, shutil.rmtree, self.pages_dir, True)

    def add_page(self, dest_uri: str, html: str) -> None:
        """Keep a copy of a page for Pagefind, at its place in the site (`el/a/index.html`).

        Copies cut down to what Pagefind reads (see `pages.search_document`) make indexing
        about twice as fast, and it can start before MkDocs has written the page.
        """
        target = os.path.join(self.pages_dir, dest_uri)
        folder = os.path.dirname(target)
        if folder not in self._folders:
            os.makedirs(folder, exist_ok=True)
            self._folders.add(folder)
        with open(target, "w", encoding="utf-8") as handle:
            handle.write(html)
        if self._kept is not None:
            self._kept.present.add(dest_uri)

    def has_copy(self, dest_uri: str) -> bool:
        """Whether a kept copy of the page is there already (see `kept_copies`)."""
        return self._kept is not None and dest_uri in self._kept.present

    def same_copy(self, dest_uri: str, html: str) -> bool:
        """Whether the kept copy of the page holds exactly `html` already."""
        if not self.has_copy(dest_uri):
            return False
        try:
            with open(os.path.join(self.pages_dir, dest_uri), encoding="utf-8") as handle:
                return handle.read() == html
        except OSError:
            return False

    def started(self, code: str) -> bool:
        return code in self._runs

    def start(
        self,
        code: str,
        chunk_size: int | None = None,
        *,
        beside_build: bool = False,
        afresh: bool = False,
    ) -> None:
        """Start indexing `code`; `beside_build` while MkDocs is still writing pages;
        `afresh` into an empty folder even in a preview."""
        if not afresh and self._reusable(code):
            self._over_last[code] = True
        else:
            self._over_last.pop(code, None)
            shutil.rmtree(self.site_dir / bundle_dir(code), ignore_errors=True)
        env = dict(os.environ)
        if beside_build and THREADS_SETTING not in env:
            # Pagefind takes every processor by default, and MkDocs, writing the next
            # language meanwhile, would wait for it; one processor fewer keeps both busy.
            env[THREADS_SETTING] = str(max(1, available_cpus() - 1))
        if chunk_size is None:
            chunk_size = first_chunk_size(code, self.version)
        if chunk_size is not None:
            env[CHUNK_SETTING] = str(chunk_size)
        self._chunk_sizes[code] = chunk_size
        self._runs[code] = subprocess.Popen(
            command(self._program, self.pages_dir, code, self.site_dir),
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            encoding="utf-8",
            errors="replace",
            env=env,
        )

    def _reusable(self, code: str) -> bool:
        # Only a preview's bundle, written by this same Pagefind with the same settings.
        if self._kept is None:
            return False
        try:
            entry = json.loads((self.site_dir / bundle_dir(code) / ENTRY).read_text("utf-8"))
        except (OSError, ValueError):
            return False
        return isinstance(entry, dict) and entry.get("version") == self.version

    def stop(self) -> None:
        """End every run (the build failed; nothing it writes will be used)."""
        for run in self._runs.values():
            if run.poll() is None:
                run.kill()
            run.communicate()
        self._runs.clear()
        if self._kept is not None:
            # A run ended halfway may leave files that a later preview, indexing over the
            # bundle, would take as written (see `prune_bundle`): leave no bundle behind.
            for code in self._chunk_sizes:
                shutil.rmtree(self.site_dir / bundle_dir(code), ignore_errors=True)
        self._remove_copies()

    def _remove_copies(self) -> None:
        if self.pages_dir != self.site_dir and self._kept is None:
            shutil.rmtree(self.pages_dir, ignore_errors=True)

    def finish(self, expected: Mapping[str, int]) -> IndexReport:
        """Index every language in `expected` (code -> pages marked for search) and check it.

        Raises PluginError when Pagefind is missing, fails, or indexes another number of
        pages than were marked, naming the language and what Pagefind said.
        """
        try:
            return self._finish(expected)
        finally:
            self._remove_copies()

    def _finish(self, expected: Mapping[str, int]) -> IndexReport:
        for code in expected:
            if not self.started(code):
                self.start(code)
        report = IndexReport()
        self._wait(report)
        unreadable = [
            code
            for code in expected
            if self._over_last.pop(code, False)
            and not prune_bundle(self.site_dir / bundle_dir(code), expected[code])
        ]
        for code in unreadable:
            self.start(code, self._chunk_sizes.get(code), afresh=True)
        if unreadable:
            self._wait(report)
        smaller = {}
        for code in expected:
            if self._chunk_sizes.get(code) is not None:
                continue  # measured in advance; smaller settings barely shrink Greek chunks
            typical = typical_chunk(self.site_dir, code)
            if typical > 1.5 * CHUNK_TARGET:
                smaller[code] = max(MIN_CHUNK, int(DEFAULT_CHUNK * CHUNK_TARGET / typical))
        if smaller:
            report.messages = [m for m in report.messages if m.split(":")[0] not in smaller]
            for code, size in smaller.items():
                self.start(code, size, afresh=True)
            self._wait(report)
        _check_counts(self.site_dir, expected, report)
        for code in expected:
            for name in UNUSED_FILES:
                (self.site_dir / bundle_dir(code) / name).unlink(missing_ok=True)
        compact_bundles(
            (self.site_dir / bundle_dir(code) for code in expected), written_since=self._began
        )
        return report

    def _wait(self, report: IndexReport) -> None:
        failures = []
        for code, run in self._runs.items():
            output, _ = run.communicate()
            lines = [line.strip() for line in output.splitlines() if line.strip()]
            if run.returncode != 0:
                failures.append(f"{code}: {' '.join(lines) or f'exit status {run.returncode}'}")
            else:
                report.messages += [f"{code}: {line}" for line in lines]
        self._runs.clear()
        if failures:
            raise PluginError(
                f"Search: Pagefind could not build the index ({'; '.join(failures)}). {HINT}"
            )


THREADS_SETTING = "RAYON_NUM_THREADS"
"""How many threads Pagefind indexes with (its thread pool reads this setting)."""


def available_cpus() -> int:
    """Processors this process may run on (a container may allow fewer than the machine has)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


MEMORY_DIR = Path("/dev/shm")
MEMORY_NEEDED = 1 << 30
"""Free space `/dev/shm` must have to hold the copies (containers often give it 64 MB)."""


def _scratch_dir() -> Path:
    """A new folder for the copies: in memory where the system offers room (`/dev/shm`),
    because creating thousands of small files on a disk can cost more than indexing them
    (about 8 KB a page: 30 MB for 4,000 pages); else the usual temporary folder."""
    where = None
    try:
        room = os.statvfs(MEMORY_DIR)
        if room.f_bavail * room.f_frsize >= MEMORY_NEEDED and os.access(MEMORY_DIR, os.W_OK):
            where = str(MEMORY_DIR)
    except (AttributeError, OSError):  # no /dev/shm (macOS, Windows)
        pass
    return Path(tempfile.mkdtemp(prefix="kb-search-", dir=where))


class SearchCopies:
    """The copies Pagefind reads, kept from one preview build to the next
    (`mkdocs serve --dirty`): a page that is not rendered again keeps its copy, so search
    does not read it back from the site. Removed when the process ends."""

    def __init__(self) -> None:
        self._folder: Path | None = None
        self.present: set[str] = set()
        """The pages (dest paths) that have a copy in the folder."""

    def folder(self) -> Path:
        if self._folder is None:
            self._folder = _scratch_dir()
            weakref.finalize(self, shutil.rmtree, self._folder, True)
        return self._folder

    def keep_only(self, dest_uris: set[str]) -> list[str]:
        """Remove the copies of pages that are not in `dest_uris` (deleted, renamed, or no
        longer searched): Pagefind indexes whatever the folder holds. Returns those removed."""
        removed = sorted(self.present - dest_uris)
        if self._folder is not None:
            for dest in removed:
                os.remove(os.path.join(self._folder, dest))
        self.present &= dest_uris
        return removed

    def clear(self) -> None:
        """After a failed build nothing in the copies can be trusted."""
        if self._folder is not None:
            shutil.rmtree(self._folder, ignore_errors=True)
            self._folder = None
        self.present.clear()


ENTRY = "pagefind-entry.json"
DECODED_MARK = b"pagefind_dcd"
"""What Pagefind's index files start with, once unzipped."""
HASHED_FOLDERS = ("fragment", "index", "filter")
"""Where Pagefind keeps the files it names by their content."""


def prune_bundle(bundle: Path, pages: int) -> bool:
    """Remove the files of `bundle` that its index no longer names, after Pagefind wrote
    it over an earlier bundle. False when the index cannot be read that way or does not
    hold `pages` pages once pruned (the caller then indexes the language afresh)."""
    try:
        entry = json.loads((bundle / ENTRY).read_text("utf-8"))
        (language,) = entry["languages"].values()
        meta = bundle / f"pagefind.{language['hash']}.pf_meta"
        named = _strings(_decoded(meta.read_bytes()))
    except (OSError, ValueError, KeyError, TypeError, EOFError, cbor2.CBORDecodeError):
        return False
    kept_pages = 0
    for folder in HASHED_FOLDERS:
        for path in (bundle / folder).glob("*"):
            if path.stem not in named:
                path.unlink()
            elif folder == "fragment":
                kept_pages += 1
    for path in bundle.glob("pagefind.*.pf_meta"):
        if path != meta:
            path.unlink()
    return kept_pages == pages == language.get("page_count")


def _decoded(data: bytes) -> object:
    """A Pagefind index file: gzip around a marker and CBOR."""
    raw = gzip.decompress(data)
    if not raw.startswith(DECODED_MARK):
        raise ValueError("not a Pagefind index file")
    return cbor2.loads(raw[len(DECODED_MARK) :])


def _strings(value: object) -> set[str]:
    """Every text anywhere in a decoded structure (the names of the files it refers to)."""
    found: set[str] = set()
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            found.add(item)
        elif isinstance(item, (list, tuple)):
            stack.extend(item)
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
    return found


def build_indexes(site_dir: Path, expected: Mapping[str, int]) -> IndexReport:
    """Index the pages of every language in `expected` at once (see `Indexer.finish`)."""
    return Indexer(site_dir).finish(expected)


def first_chunk_size(code: str, version: str = "1.5") -> int | None:
    """The chunk size to index a language with first: measured for the languages and
    Pagefind releases in FIRST_CHUNK_SIZES, Pagefind's own for others (re-indexed if its
    chunks come out large)."""
    release = ".".join(version.split(".")[:2])
    return FIRST_CHUNK_SIZES.get(release, {}).get(code.lower().split("-")[0])


def _check_counts(site_dir: Path, expected: Mapping[str, int], report: IndexReport) -> None:
    wrong = []
    for code, count in expected.items():
        found = indexed_pages(site_dir, code)
        if found != {code.lower(): count}:
            shown = ", ".join(f"{lang} {n}" for lang, n in found.items()) or "none"
            wrong.append(f"{code}: {shown} of {count}")
        report.pages[code] = sum(found.values())
    if wrong:
        raise PluginError(
            "Search: Pagefind did not index every page marked for search "
            f"({'; '.join(wrong)}). Check that those pages have '<html lang>' set to their "
            f"language and a 'data-pagefind-body' element. {HINT}"
        )


def typical_chunk(site_dir: Path, code: str) -> float:
    """Median size in bytes of a language's index chunks (0 when there are none)."""
    folder = site_dir / bundle_dir(code) / "index"
    sizes = [path.stat().st_size for path in folder.glob("*.pf_index")]
    return statistics.median(sizes) if sizes else 0.0


def indexed_pages(site_dir: Path, code: str) -> dict[str, int]:
    """Pages per language in a written bundle, as its `pagefind-entry.json` records them."""
    entry = site_dir / bundle_dir(code) / ENTRY
    try:
        languages = json.loads(entry.read_text(encoding="utf-8")).get("languages", {})
    except (OSError, ValueError):
        return {}
    return {lang: int(info.get("page_count", 0)) for lang, info in languages.items()}
