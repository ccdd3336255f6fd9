"""Word lists per language for what Pagefind does not do in the browser.

Pagefind matches `znizka` to `zniżka` because `ż` decomposes into `z` plus a mark, but it
cannot match `zlozyc` to `złożyć` (`ł` has no decomposition) and it has no typo tolerance.
The browser loads these lists only when a query word finds nothing, picks the closest word
of the site's own vocabulary and searches again. Lists are split by the first letter of the
folded word, so a correction downloads one small file.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from html import unescape
from pathlib import Path

WORD = re.compile(r"[^\W\d_]{3,}")
"""Words worth correcting: letters only, three or more (the browser uses the same rule)."""

_TAG = re.compile(r"<[^>]+>")
_SCRIPT = re.compile(r"<(script|style)\b.*?</\1>", re.S | re.I)

# Letters that Unicode does not decompose but readers type without their mark. Kept to one
# letter each, so a folded word has exactly as many letters as the word (the browser maps a
# typed prefix back onto the real word by position).
_PLAIN = {"ł": "l", "đ": "d", "ø": "o", "ħ": "h", "ı": "i", "ŀ": "l", "ς": "σ"}


def fold_letter(letter: str) -> str:
    """A lowercase letter without its accents: `ż` -> `z`, `ά` -> `α`, `ł` -> `l`."""
    if letter in _PLAIN:
        return _PLAIN[letter]
    base = "".join(c for c in unicodedata.normalize("NFD", letter) if not unicodedata.combining(c))
    return base or letter


def fold(word: str) -> str:
    """The word as a reader may type it on a phone: lowercase, no accents, same length."""
    return "".join(fold_letter(letter) for letter in unicodedata.normalize("NFC", word.lower()))


def plain_text(html: str) -> str:
    """Visible text of an HTML fragment (scripts and styles dropped), spaces collapsed."""
    return " ".join(unescape(_TAG.sub(" ", _SCRIPT.sub(" ", html))).split())


def words_of(text: str) -> set[str]:
    """The distinct lowercase words of a text, in NFC."""
    return {word.lower() for word in WORD.findall(unicodedata.normalize("NFC", text))}


class Vocabulary:
    """Words per language with the number of pages each appears on."""

    def __init__(self) -> None:
        self.counts: dict[str, Counter[str]] = {}

    def add_page(self, lang: str, texts: Iterable[str]) -> None:
        words: set[str] = set()
        for text in texts:
            words |= words_of(text)
        self.counts.setdefault(lang, Counter()).update(words)

    def chunks(self, lang: str) -> dict[str, list[str]]:
        """Words grouped by their first folded letter, the most widespread first."""
        groups: dict[str, list[str]] = {}
        ranked = sorted(self.counts.get(lang, Counter()).items(), key=lambda kv: (-kv[1], kv[0]))
        for word, _count in ranked:
            groups.setdefault(fold(word)[0], []).append(word)
        return groups


def chunk_name(letter: str) -> str:
    """File name of a letter's list: its code point in hex, so URLs stay plain ASCII."""
    return f"{ord(letter):x}.json"


def write_chunks(folder: Path, chunks: dict[str, list[str]]) -> int:
    """Write one JSON list per letter into `folder`; returns the number of files."""
    folder.mkdir(parents=True, exist_ok=True)
    for letter, words in chunks.items():
        data = json.dumps(words, ensure_ascii=False, separators=(",", ":"))
        (folder / chunk_name(letter)).write_text(data, encoding="utf-8")
    return len(chunks)
