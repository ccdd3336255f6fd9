"""Word lists per language for what Pagefind does not do in the browser.

Pagefind matches `znizka` to `zniżka` because `ż` decomposes into `z` plus a mark, but it
cannot match `zlozyc` to `złożyć` (`ł` has no decomposition) and it has no typo tolerance.
The browser checks every query word against the site's own vocabulary before searching: a
word the site does not have is replaced by the closest word it has. Lists are split by the
first two letters of the folded word, so checking a word downloads one small file.

The lists also say which words are common (on nine pages in ten, in a language of some
size). The browser leaves them out of a query that has rarer words: they barely change which
pages match or how they rank, and each costs Pagefind a large index download. And they say
which words are frequent (on half the pages or more): when the browser looks for pages with
some of a query's words, it does not search those words on their own (a search whose
thousands of results change nothing at the top, and the slowest part of a keystroke).
"""

from __future__ import annotations

import bisect
import json
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable
from html import unescape
from pathlib import Path

WORD = re.compile(r"[^\W\d_]+")
"""Words: letters only (the browser uses the same rule)."""

COMMON_SHARE = 0.9
"""A word on at least this share of a language's pages is common (in practice: "and", "the",
"να", "się", "és")."""

FREQUENT_SHARE = 0.5
"""A word on at least this share of a language's pages is frequent (see the module)."""

COMMON_MIN_PAGES = 20
"""Below this many pages no word is common or frequent: too few pages to tell."""

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


def text_for_words(html: str) -> str:
    """Visible text of an HTML fragment (scripts and styles dropped), spaces as they are."""
    return unescape(_TAG.sub(" ", _SCRIPT.sub(" ", html)))


def words_of(text: str) -> set[str]:
    """The distinct lowercase words of a text, in NFC."""
    tokens = set(unicodedata.normalize("NFC", text).split())
    # Most tokens between spaces are all letters, and a word as they stand; `WORD` (slow
    # on Unicode text) reads only the rest (punctuation, digits, combining marks).
    letters = {token for token in tokens if token.isalpha()}
    words = {token.lower() for token in letters}
    words.update(word.lower() for word in WORD.findall(" ".join(tokens - letters)))
    return words


class Vocabulary:
    """Words per language with the number of pages each appears on."""

    def __init__(self) -> None:
        self.counts: dict[str, Counter[str]] = {}
        self.pages: Counter[str] = Counter()

    def add_page(self, lang: str, texts: Iterable[str]) -> None:
        self.add_words(lang, words_of("\n".join(texts)))

    def add_words(self, lang: str, words: Iterable[str]) -> None:
        """Count a page's distinct words (as `words_of` gives them)."""
        self.counts.setdefault(lang, Counter()).update(words)
        self.pages[lang] += 1

    def finder(self, lang: str) -> Callable[[str], bool]:
        """Whether search finds a folded word on the language's pages (see `finder`)."""
        return finder(self.counts.get(lang, Counter()))

    def chunks(
        self, lang: str, synonyms: dict[str, list[str]] | None = None
    ) -> dict[str, dict[str, object]]:
        """Words grouped by their first two folded letters, the most widespread first:
        `{"words": [...], "common": n}`, the first `n` words being common; with
        `"frequent": m` when the first `m` words are frequent (`m` >= `n`), and
        `"synonyms": {phrase: [...]}` for the phrases of `synonyms` starting with them."""
        pages = self.pages[lang]
        big = pages >= COMMON_MIN_PAGES
        threshold = COMMON_SHARE * pages if big else float("inf")
        frequent = FREQUENT_SHARE * pages if big else float("inf")
        groups: dict[str, dict[str, object]] = {}
        ranked = sorted(self.counts.get(lang, Counter()).items(), key=lambda kv: (-kv[1], kv[0]))
        for word, count in ranked:
            if len(word) < 2:
                continue
            group = groups.setdefault(fold(word)[:2], {"words": [], "common": 0})
            group["words"].append(word)  # type: ignore[union-attr]
            if count >= threshold:
                group["common"] += 1  # type: ignore[operator]
            if count >= frequent:
                group["frequent"] = int(group.get("frequent", 0)) + 1  # type: ignore[call-overload]
        for phrase, others in (synonyms or {}).items():
            group = groups.setdefault(fold(phrase)[:2], {"words": [], "common": 0})
            group.setdefault("synonyms", {})[phrase] = others  # type: ignore[index]
        return groups


def finder(words: Iterable[str]) -> Callable[[str], bool]:
    """Whether search finds a folded word among `words`: the word itself, or a longer word
    it begins (another ending: `felvétel` in `felvétele`)."""
    ordered = sorted({fold(word) for word in words})

    def finds(word: str) -> bool:
        at = bisect.bisect_left(ordered, word)
        return at < len(ordered) and ordered[at].startswith(word)

    return finds


def chunk_name(start: str) -> str:
    """File name of the list of words starting with `start`: code points in hex, so URLs
    stay plain ASCII (`zl` -> `7a-6c.json`)."""
    return "-".join(f"{ord(letter):x}" for letter in start) + ".json"


def write_chunks(folder: Path, chunks: dict[str, dict[str, object]]) -> int:
    """Write one JSON file per two-letter start into `folder`; returns the number of files."""
    folder.mkdir(parents=True, exist_ok=True)
    for start, group in chunks.items():
        data = json.dumps(group, ensure_ascii=False, separators=(",", ":"))
        (folder / chunk_name(start)).write_text(data, encoding="utf-8")
    return len(chunks)
