"""Write one Pagefind index per language into the built site.

One bundle per language (`pagefind/el/`, `pagefind/pl/` ...) rather than Pagefind's single
multilingual bundle: the browser takes a bundle's stemming rules from the bundle, so a
reader on the Greek site can also search the English bundle with English stemming (the
"all languages" switch), and a search downloads only its own language's files.

The indexer is the Pagefind program that the `pagefind[bin]` package installs, run once per
language and all languages at once. (Pagefind's Python API talks to the same program but
waits a tenth of a second per message, which costs more than the indexing on small sites.)

Index chunk size: Pagefind splits a language's index into chunks of about 20,000 word
positions and a search downloads the chunks its words fall in. Pagefind 1.5 does not count
the positions of words it stores with their accents (nearly every Greek word), so a Greek
index comes out in chunks four to five times larger than an English one, and a first Greek
search would download over 100 KB of index. Where a language's chunks come out larger than
`CHUNK_TARGET`, it is indexed again with proportionally smaller chunks, through Pagefind's
`PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE` setting. A Pagefind without that setting just keeps
its own chunks: search works the same, first searches download more.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.exceptions import PluginError

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


def pagefind_program() -> Path:
    """The Pagefind executable (PAGEFIND_BINARY_PATH, else the one `pagefind[bin]` installs)."""
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


def _missing(why: str) -> str:
    return (
        f"Search: the Pagefind program was not found ({why}). Install kb_builder with its "
        f"dependencies, or 'pip install \"pagefind[bin]>=1.5,<2\"'. {HINT}"
    )


def command(program: Path, site_dir: Path, code: str) -> list[str]:
    """The Pagefind command line that indexes one language's pages into its bundle."""
    args = [
        str(program),
        "--site",
        str(site_dir),
        "--glob",
        f"{code}/**/*.{{html}}",
        "--output-path",
        str(site_dir / bundle_dir(code)),
        "--quiet",
    ]
    for selector in EXCLUDE_SELECTORS:
        args += ["--exclude-selectors", selector]
    return args


def build_indexes(site_dir: Path, expected: Mapping[str, int]) -> IndexReport:
    """Index the pages of every language in `expected` (code -> pages marked for search).

    Raises PluginError when Pagefind is missing, fails, or indexes another number of pages
    than were marked, naming the language and what Pagefind said.
    """
    program = pagefind_program()
    report = IndexReport()
    _run_all(program, site_dir, {code: None for code in expected}, report)
    smaller = {}
    for code in expected:
        typical = typical_chunk(site_dir, code)
        if typical > 1.5 * CHUNK_TARGET:
            smaller[code] = max(MIN_CHUNK, int(DEFAULT_CHUNK * CHUNK_TARGET / typical))
    if smaller:
        report.messages.clear()
        _run_all(program, site_dir, smaller, report)
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
    for code in expected:
        for name in UNUSED_FILES:
            (site_dir / bundle_dir(code) / name).unlink(missing_ok=True)
    return report


def _run_all(
    program: Path, site_dir: Path, chunk_sizes: Mapping[str, int | None], report: IndexReport
) -> None:
    """Run Pagefind for every language at once (a chunk size where given)."""
    runs = {}
    for code, chunk_size in chunk_sizes.items():
        shutil.rmtree(site_dir / bundle_dir(code), ignore_errors=True)
        env = dict(os.environ)
        if chunk_size is not None:
            env[CHUNK_SETTING] = str(chunk_size)
        runs[code] = subprocess.Popen(
            command(program, site_dir, code),
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            encoding="utf-8",
            errors="replace",
            env=env,
        )
    failures = []
    for code, run in runs.items():
        output, _ = run.communicate()
        lines = [line.strip() for line in output.splitlines() if line.strip()]
        if run.returncode != 0:
            failures.append(f"{code}: {' '.join(lines) or f'exit status {run.returncode}'}")
        else:
            report.messages += [f"{code}: {line}" for line in lines]
    if failures:
        raise PluginError(
            f"Search: Pagefind could not build the index ({'; '.join(failures)}). {HINT}"
        )


def typical_chunk(site_dir: Path, code: str) -> float:
    """Median size in bytes of a language's index chunks (0 when there are none)."""
    folder = site_dir / bundle_dir(code) / "index"
    sizes = [path.stat().st_size for path in folder.glob("*.pf_index")]
    return statistics.median(sizes) if sizes else 0.0


def indexed_pages(site_dir: Path, code: str) -> dict[str, int]:
    """Pages per language in a written bundle, as its `pagefind-entry.json` records them."""
    entry = site_dir / bundle_dir(code) / "pagefind-entry.json"
    try:
        languages = json.loads(entry.read_text(encoding="utf-8")).get("languages", {})
    except (OSError, ValueError):
        return {}
    return {lang: int(info.get("page_count", 0)) for lang, info in languages.items()}
