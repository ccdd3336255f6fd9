"""The search box's scripts as the site serves them: one minified file.

The theme keeps the search box's logic in two files with their documentation
(`assets/kb/search.core.js`, the pure logic the unit tests load, and `assets/kb/search.js`,
which wires it to the page). A first search downloads them before anything else, so the
site gets them as one `assets/kb/search.js`: the theme's `assets/kb/search.min.js`, which
terser made from those two files (`scripts/minify_search.py`; its first line names the
digest of the sources it was made from): 8 KB compressed, against 11 KB for the sources
without their comments.

When the sources differ from what the minified file was made from (a site's `custom_dir`
overrides one of them, or a developer edited them and has not minified again), the site
gets the sources themselves, joined, without comment lines and indentation: what the reader
runs is always the code the theme has.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import Files, InclusionLevel

log = get_plugin_logger("kb_builder")

PARTS = ("assets/kb/search.core.js", "assets/kb/search.js")
"""Read in this order from the theme (a site's `custom_dir` may override either)."""
MINIFIED = "assets/kb/search.min.js"
TARGET = "assets/kb/search.js"
MADE_FROM = re.compile(r"sources sha256:([0-9a-f]{64})")
"""How the minified file's first line names the digest of its sources."""


def digest(sources: list[str]) -> str:
    """The sha256 of the sources, in PARTS order: what a minified file was made from."""
    hashed = hashlib.sha256()
    for source in sources:
        hashed.update(source.encode("utf-8"))
        hashed.update(b"\0")
    return hashed.hexdigest()


def header(sources: list[str]) -> str:
    """The first line of a minified file made from `sources`."""
    return (
        "/* kb_builder search box: search.core.js and search.js, minified by "
        f"scripts/minify_search.py; sources sha256:{digest(sources)} */"
    )


def made_from(minified: str) -> str | None:
    """The digest a minified file names on its first line, or None."""
    match = MADE_FROM.search(minified.partition("\n")[0])
    return match.group(1) if match else None


def strip(source: str) -> str:
    """Source without lines that are only a comment, blank lines and indentation.

    Only whole lines go: a `//` or `/*` after code on a line stays, so a string or regular
    expression that holds those characters is never cut. kb's scripts start no line inside
    a string or regular expression with `//` or `/*`.
    """
    kept = []
    in_comment = False
    for line in source.splitlines():
        text = line.strip()
        if in_comment:
            in_comment = "*/" not in text
            continue
        if text.startswith("/*"):
            in_comment = "*/" not in text
            continue
        if text and not text.startswith("//"):
            kept.append(text)
    return "\n".join(kept) + "\n"


def theme_file(files: Files, uri: str) -> Path | None:
    """Where the theme (or the site's `custom_dir`) has `uri`, or None."""
    file = files.get_file_from_path(uri)
    if file is None or file.abs_src_path is None:
        return None
    return Path(file.abs_src_path)


def sources_of(files: Files) -> list[str]:
    """The search box's sources, in PARTS order."""
    sources = []
    for uri in PARTS:
        path = theme_file(files, uri)
        if path is None:
            raise PluginError(f"Search: the theme has no {uri}; reinstall kb_builder.")
        sources.append(path.read_text(encoding="utf-8"))
    return sources


def packed(files: Files) -> str:
    """The site's `assets/kb/search.js` (see the module)."""
    sources = sources_of(files)
    minified_path = theme_file(files, MINIFIED)
    if minified_path is not None:
        minified = minified_path.read_text(encoding="utf-8")
        if made_from(minified) == digest(sources):
            return minified
        log.debug(f"{minified_path} was made from other sources; serving the sources")
    return ";\n".join(strip(source) for source in sources)


def keep_sources_out(files: Files) -> None:
    """Pages load only the site's `assets/kb/search.js`: what it is made of (the core
    module, the minified file) stays out of the site folder. Still read from the theme."""
    for uri in (PARTS[0], MINIFIED):
        file = files.get_file_from_path(uri)
        if file is not None:
            file.inclusion = InclusionLevel.EXCLUDED


def pack(files: Files, site_dir: Path) -> None:
    """Write the site's `assets/kb/search.js` (see the module)."""
    target = site_dir / TARGET
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(packed(files), encoding="utf-8")
