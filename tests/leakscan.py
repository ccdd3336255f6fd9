"""Look for text that must not be in a built site: in every file's name and bytes.

Compressed files (sitemap.xml.gz, Pagefind's index fragments) are searched inside too, and
text is also compared after undoing HTML entities, JSON `\\uXXXX` escapes, percent-encoding
and markup, so that a sentence cannot hide behind the way a format writes it.
"""

from __future__ import annotations

import gzip
import html
import re
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from urllib.parse import unquote

_TAG = re.compile(r"<[^>]*>")
_JSON_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})")


def normalise(text: str) -> str:
    """Text as a reader would compare it: no markup, entities or escapes, one case, one space."""
    text = _JSON_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)
    text = html.unescape(_TAG.sub("", text))
    text = text.replace("\u2019", "'").replace("\u2018", "'")
    return " ".join(text.split()).casefold()


def _layers(data: bytes) -> Iterator[bytes]:
    """The bytes of a file, and the bytes inside it when it is gzip or zlib compressed."""
    yield data
    inner = None
    if data[:2] == b"\x1f\x8b":
        try:
            inner = gzip.decompress(data)
        except (OSError, EOFError):
            inner = None
    elif data[:1] == b"\x78":
        try:
            inner = zlib.decompress(data)
        except zlib.error:
            inner = None
    if inner is not None:
        yield from _layers(inner)


def texts(site: Path) -> Iterator[tuple[str, str]]:
    """(path in the site, decoded text) for every file, once per compression layer."""
    for path in sorted(site.rglob("*")):
        if not path.is_file():
            continue
        rel = path.relative_to(site).as_posix()
        for layer in _layers(path.read_bytes()):
            yield rel, layer.decode("utf-8", errors="replace")


def find(site: Path, needles: Iterable[str]) -> list[str]:
    """`path: needle` for every needle in a file or folder name, or in a file's contents."""
    wanted = {needle: normalise(needle) for needle in needles}
    hits: set[str] = set()
    for path in site.rglob("*"):
        name = unquote(path.relative_to(site).as_posix()).casefold()
        for needle, form in wanted.items():
            if form in name or needle.casefold() in name:
                hits.add(f"{path.relative_to(site).as_posix()} (name): {needle}")
    for rel, text in texts(site):
        raw = text.casefold()
        plain = normalise(unquote(text))
        for needle, form in wanted.items():
            if needle.casefold() in raw or form in plain:
                hits.add(f"{rel}: {needle}")
    return sorted(hits)
