"""Parsed articles kept between builds of one `mkdocs serve`, reused while a file is unchanged.

An editor's save rebuilds the whole site; reading and validating thousands of unchanged
files again is wasted work. A file counts as unchanged while it is the same file (device and
inode) with the modification time and size it had when it was parsed: the test `make` and
MkDocs' own `--dirty` rely on, made safe for several projects built in one process (MkDocs
keeps one plugin object per process once the plugin defines `on_startup`).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass

from kb_builder.content.frontmatter import ParsedDocument
from kb_builder.findings import Finding

Stamp = tuple[int, int, int, int]
"""(device, inode, modification time in nanoseconds, size in bytes) of a file on disk."""

Parsed = ParsedDocument | list[Finding]
"""What reading one file gave: the document, or the findings that stopped it."""


def stamp_of(path: str | os.PathLike[str] | None) -> Stamp | None:
    """The file's stamp, or None when there is no file on disk to compare (generated pages)."""
    if path is None:
        return None
    try:
        info = os.stat(path)
    except OSError:
        return None
    return (info.st_dev, info.st_ino, info.st_mtime_ns, info.st_size)


@dataclass(frozen=True)
class _Entry:
    shown_path: str
    stamp: Stamp
    parsed: Parsed


class ParseCache:
    """Reading results by file, valid while the file's stamp is unchanged."""

    def __init__(self) -> None:
        self._entries: dict[str, _Entry] = {}
        self.hits = 0
        self.misses = 0

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, uri: str, shown_path: str, stamp: Stamp | None) -> Parsed | None:
        entry = self._entries.get(uri)
        if stamp is None or entry is None or entry.stamp != stamp:
            self.misses += 1
            return None
        if entry.shown_path != shown_path:  # docs_dir moved: messages must name the new path
            self.misses += 1
            return None
        self.hits += 1
        return entry.parsed

    def put(self, uri: str, shown_path: str, stamp: Stamp | None, parsed: Parsed) -> None:
        if stamp is not None:
            self._entries[uri] = _Entry(shown_path, stamp, parsed)

    def retain(self, uris: Iterable[str]) -> None:
        """Forget files that are gone, so a long `mkdocs serve` does not grow without bound."""
        keep = set(uris)
        for uri in [uri for uri in self._entries if uri not in keep]:
            del self._entries[uri]
