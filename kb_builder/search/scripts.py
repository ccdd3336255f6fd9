"""The search box's scripts as the site serves them: one file, without comments.

The theme keeps the search box's logic in two files with their documentation
(`assets/kb/search.core.js`, the pure logic the unit tests load, and `assets/kb/search.js`,
which wires it to the page). A first search downloads them before anything else, so the
site gets them as one `assets/kb/search.js` with comment lines and indentation left out:
a third smaller once compressed, and one request instead of two.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files

PARTS = ("assets/kb/search.core.js", "assets/kb/search.js")
"""Read in this order from the theme (a site's `custom_dir` may override either)."""
TARGET = "assets/kb/search.js"


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


def pack(files: Files, site_dir: Path) -> None:
    """Write the site's `assets/kb/search.js` from the theme's parts (see the module)."""
    sources = []
    for uri in PARTS:
        file = files.get_file_from_path(uri)
        if file is None or file.abs_src_path is None:
            raise PluginError(f"Search: the theme has no {uri}; reinstall kb_builder.")
        sources.append(strip(Path(file.abs_src_path).read_text(encoding="utf-8")))
    target = site_dir / TARGET
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(";\n".join(sources), encoding="utf-8")
