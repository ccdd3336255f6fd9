"""Word lists per language for what Pagefind does not do in the browser.

Pagefind matches `znizka` to `zniżka` because `ż` decomposes into `z` plus a mark, but it
cannot match `zlozyc` to `złożyć` (`ł` has no decomposition) and it has no typo tolerance.
The browser checks every query word against the site's own vocabulary before searching: a
word the site does not have is replaced by the closest word it has. Lists are split by the
first two letters of the folded word, so checking a word downloads one small file.

The lists also say which words are common (on nine pages in ten, in a language of some
size). The browser leaves them out of a query that has rarer words: they barely change which
pages match or how they rank, and each costs Pagefind a large index download. And they say
which words are frequent (a search for the word alone finds half the pages or more): when the
browser looks for pages with some of a query's words, it does not search those words on
their own (a search whose thousands of results change nothing at the top, and the slowest
part of a keystroke). Pagefind finds every page with a word whose stem begins with the
typed word's stem (`ügyfelek` finds `ügyfelet` and `ügyfeleknek`), so a word on few pages
itself can find most of them; the lists count pages the way Pagefind matches them.
"""

from __future__ import annotations

import bisect
import json
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from functools import cache
from html import unescape
from pathlib import Path

import snowballstemmer

WORD = re.compile(r"[^\W\d_]+")
"""Words: letters only (the browser uses the same rule)."""

COMMON_SHARE = 0.9
"""A word on at least this share of a language's pages is common (in practice: "and", "the",
"να", "się", "és")."""

FREQUENT_SHARE = 0.5
"""A word whose search alone finds at least this share of a language's pages is frequent
(see the module)."""

PAGEFIND_STEMMERS = {
    "ar": "arabic",
    "hy": "armenian",
    "eu": "basque",
    "ca": "catalan",
    "da": "danish",
    "nl": "dutch",
    "en": "english",
    "fi": "finnish",
    "fr": "french",
    "de": "german",
    "el": "greek",
    "hi": "hindi",
    "hu": "hungarian",
    "id": "indonesian",
    "ga": "irish",
    "it": "italian",
    "lt": "lithuanian",
    "ne": "nepali",
    "no": "norwegian",
    "pt": "portuguese",
    "ro": "romanian",
    "ru": "russian",
    "sr": "serbian",
    "es": "spanish",
    "sv": "swedish",
    "ta": "tamil",
    "tr": "turkish",
    "yi": "yiddish",
}
"""The Snowball stemmer Pagefind indexes each language with (its `get_stemmer`, by the
language code before any `-`); other languages' words are indexed as they are."""

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


@cache
def stemmer_for(lang: str) -> Callable[[str], str]:
    """The stem Pagefind indexes a word of `lang` under (the word itself where it does not
    stem the language)."""
    name = PAGEFIND_STEMMERS.get(lang.split("-")[0].lower())
    if name is None or name not in snowballstemmer.algorithms():
        return str
    return cache(snowballstemmer.stemmer(name).stemWord)


def pages_found(pages_of: Mapping[str, int], stem: Callable[[str], str]) -> dict[str, int]:
    """How many pages a search for each word alone finds, as Pagefind matches a word: every
    page with a word whose stem begins with the word's stem. `pages_of`: each word's pages
    as the bits of an int."""
    by_stem: dict[str, int] = {}
    for word, pages in pages_of.items():
        key = stem(word)
        by_stem[key] = by_stem.get(key, 0) | pages
    found = dict(by_stem)
    for key, pages in by_stem.items():
        for end in range(1, len(key)):
            if key[:end] in found:
                found[key[:end]] |= pages
    return {word: found[stem(word)].bit_count() for word in pages_of}


class Vocabulary:
    """Words per language with the pages each appears on."""

    def __init__(self) -> None:
        self.pages: Counter[str] = Counter()
        self.pages_of: dict[str, dict[str, int]] = {}
        """Per language, each word's pages as the bits of an int (bit n: the nth page)."""

    def add_page(self, lang: str, texts: Iterable[str]) -> None:
        self.add_words(lang, words_of("\n".join(texts)))

    def add_words(self, lang: str, words: Iterable[str]) -> None:
        """Count a page's distinct words (as `words_of` gives them)."""
        page = 1 << self.pages[lang]
        pages_of = self.pages_of.setdefault(lang, {})
        for word in words:
            pages_of[word] = pages_of.get(word, 0) | page
        self.pages[lang] += 1

    def finder(self, lang: str) -> Callable[[str], bool]:
        """Whether search finds a folded word on the language's pages (see `finder`)."""
        return finder(self.pages_of.get(lang, {}))

    def chunks(
        self, lang: str, synonyms: dict[str, list[str]] | None = None
    ) -> dict[str, dict[str, object]]:
        """Words grouped by their first two folded letters, the most widespread first:
        `{"words": [...], "common": n}`, the first `n` words being common; with
        `"frequent": [i, ...]` the positions of the frequent words (common ones too), and
        `"synonyms": {phrase: [...]}` for the phrases of `synonyms` starting with them."""
        pages = self.pages[lang]
        big = pages >= COMMON_MIN_PAGES
        threshold = COMMON_SHARE * pages if big else float("inf")
        frequent = FREQUENT_SHARE * pages if big else float("inf")
        pages_of = self.pages_of.get(lang, {})
        found = pages_found(pages_of, stemmer_for(lang)) if big else {}
        groups: dict[str, dict[str, object]] = {}
        counts = {word: on.bit_count() for word, on in pages_of.items()}
        ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
        for word, count in ranked:
            if len(word) < 2:
                continue
            group = groups.setdefault(fold(word)[:2], {"words": [], "common": 0})
            words: list[str] = group["words"]  # type: ignore[assignment]
            if count >= threshold:
                group["common"] += 1  # type: ignore[operator]
            if found.get(word, 0) >= frequent:
                group.setdefault("frequent", []).append(len(words))  # type: ignore[attr-defined]
            words.append(word)
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
