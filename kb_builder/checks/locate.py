"""Find the line an editor has to change: in the Markdown file, or in a theme template.

Links are checked on the built pages, where a Markdown link `x.md` has become `../x/`; the
checks keep the address as written, and this module finds it again in the file.
"""

from __future__ import annotations

import html
import os
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import quote

from kb_builder.content.model import Document


def _spellings(original: str) -> list[str]:
    """Ways the same address may be written in Markdown or HTML source."""
    spellings = [original]
    for variant in (
        html.escape(original, quote=False),
        html.escape(original),
        quote(original, safe="/#?&=:;@+$,%~!*'()"),
        original.replace(" ", "%20"),
    ):
        if variant not in spellings:
            spellings.append(variant)
    if original.lower().startswith("mailto:"):
        spellings.append(original[len("mailto:") :])
    return spellings


_BEFORE = frozenset(" \t\n\r\f\v(<\"'=:")
_AFTER = frozenset(" \t\n\r\f\v)>\"'")


def nth(text: str, needle: str, occurrence: int) -> int:
    """Offset of the `occurrence`-th (0-based) `needle` in `text`, else of the last; -1 if none.

    Only whole addresses count: `b.md` inside `ab.md`, or `mailto:x@example` inside
    `mailto:x@example.com`, is another link.
    """
    found, count, size = -1, 0, len(needle)
    at = text.find(needle) if needle else -1
    while at >= 0:
        end = at + size
        before = text[at - 1] if at else " "
        after = text[end] if end < len(text) else " "
        if (before in _BEFORE or before.isspace()) and (after in _AFTER or after.isspace()):
            found = at
            if count == occurrence:
                break
            count += 1
            at = text.find(needle, end)
        else:
            at = text.find(needle, at + 1)
    return found


def line_in_text(text: str, original: str, occurrence: int = 0) -> int | None:
    """1-based line of the address in `text`, or None when it cannot be found."""
    if not original:
        return None
    for spelling in _spellings(original):
        offset = nth(text, spelling, occurrence)
        if offset >= 0:
            return text.count("\n", 0, offset) + 1
    # Written with character references (`&#106;avascript:`): compare decoded lines.
    for number, line in enumerate(text.split("\n"), start=1):
        if "&" in line and nth(html.unescape(line), original, 0) >= 0:
            return number
    return None


def line_in_document(document: Document, original: str, occurrence: int = 0) -> int | None:
    """Line of the address in the article's file (front matter counted)."""
    line = line_in_text(document.body, original, occurrence)
    return None if line is None else document.body_line + line - 1


class Templates:
    """The theme's template files, searched for the address a link was rendered from."""

    def __init__(self, folders: Iterable[str], project_root: str) -> None:
        self.folders = [Path(folder) for folder in folders]
        self.root = Path(project_root)
        self._texts: list[tuple[Path, str]] | None = None

    def _files(self) -> list[tuple[Path, str]]:
        if self._texts is None:
            self._texts = []
            for folder in self.folders:
                if not folder.is_dir():
                    continue
                for path in sorted(folder.rglob("*.html")):
                    try:
                        self._texts.append((path, path.read_text(encoding="utf-8")))
                    except (OSError, UnicodeDecodeError):
                        continue
        return self._texts

    def find(self, needles: Iterable[str]) -> tuple[str, int] | None:
        """(shown path, line) of the first template that contains one of `needles`."""
        for needle in needles:
            if not needle:
                continue
            for path, text in self._files():
                offset = text.find(needle)
                if offset >= 0:
                    return self.shown(path), text.count("\n", 0, offset) + 1
        return None

    def path_of(self, name: str) -> str:
        """Shown path of the template MkDocs would load for `name`."""
        for folder in self.folders:
            candidate = folder / name
            if candidate.is_file():
                return self.shown(candidate)
        return name

    def shown(self, path: Path) -> str:
        """A template's path relative to the project, as an editor finds it."""
        try:
            relative = os.path.relpath(path, self.root)
        except ValueError:  # another drive on Windows
            return str(path)
        return str(path) if relative.startswith("..") else relative.replace(os.sep, "/")
