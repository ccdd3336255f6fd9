"""Hints for broken links: the anchor or page the editor most likely meant."""

from __future__ import annotations

import difflib
import posixpath
import re
import unicodedata
from collections.abc import Iterable

_NUMBERED = re.compile(r"^_(\d+)$")
_ASCII_WORD = re.compile(r"[a-z0-9]")


def anchor_hint(anchor: str, ids: Iterable[str], headings: list[str]) -> str:
    """What to write instead of `#anchor`, which the page does not have."""
    present = [i for i in ids if not i.startswith("__")]
    same_case = [i for i in present if i.casefold() == anchor.casefold()]
    if same_case:
        return f"Anchors must match letter case exactly: did you mean '#{same_case[0]}'?"
    composed = unicodedata.normalize("NFC", anchor)
    if composed != anchor and composed in present:
        return (
            f"The anchor is typed with decomposed accents (Unicode NFD); retype it as '#{composed}'"
        )
    numbered = _NUMBERED.match(anchor)
    if numbered:
        # MkDocs' default slugs turn headings without Latin letters into _1, _2, ...;
        # kb_builder gives them readable anchors, so the n-th such heading is the one meant.
        unlatin = [h for h in headings if not _ASCII_WORD.search(h)]
        index = int(numbered.group(1)) - 1
        if 0 <= index < len(unlatin):
            return (
                f"Numbered anchors like '#{anchor}' come from MkDocs' default heading ids; "
                f"this heading's anchor is '#{unlatin[index]}'"
            )
    close = difflib.get_close_matches(composed, present, n=1, cutoff=0.6)
    if close:
        return f"Did you mean '#{close[0]}'?"
    if headings:
        listed = ", ".join(f"#{h}" for h in headings[:5])
        more = ", ..." if len(headings) > 5 else ""
        return f"The page's headings have these anchors: {listed}{more}"
    return "The page has no headings to link to; link to the page itself"


def close_path(target: str, candidates: Iterable[str]) -> str | None:
    """The candidate whose file name looks most like `target`'s (nearest folder first)."""
    pool = list(candidates)
    if not pool:
        return None
    by_name: dict[str, list[str]] = {}
    for candidate in pool:
        by_name.setdefault(_stem(candidate), []).append(candidate)
    named = difflib.get_close_matches(_stem(target), list(by_name), n=1, cutoff=0.75)
    if not named:
        return None
    return difflib.get_close_matches(target, by_name[named[0]], n=1, cutoff=0.0)[0]


def _stem(path: str) -> str:
    name = posixpath.basename(path.rstrip("/"))
    return posixpath.splitext(name)[0] if name not in ("index.md", "README.md") else path


def relative_link(target_docs_path: str, from_docs_path: str) -> str:
    """A Markdown link from one file in docs_dir to another: `../pricing/faq.md`."""
    return posixpath.relpath(target_docs_path, posixpath.dirname(from_docs_path) or ".")


def in_language(docs_path: str, site: str | None, lang: str) -> str:
    """A path in the `site` language folder, moved to `lang`'s (`el/a.md` -> `en/a.md`).

    Suggestions are found among the pages of the site the link broke on, but the editor
    writes the link in the file's own language folder.
    """
    if site and docs_path.startswith(site + "/"):
        return lang + docs_path[len(site) :]
    return docs_path


_WEB_TYPO = re.compile(r"^(?:(https?)(?::/(?!/)|//|:(?!/))|(www\.))(.*)$", re.I)


def web_typo(original: str) -> str | None:
    """`https://...` for addresses that were meant as one: `www.x.org`, `http//x`, `https:/x`."""
    match = _WEB_TYPO.match(original)
    if match is None:
        return None
    scheme, www, rest = match.groups()
    return f"{(scheme or 'https').lower()}://{www or ''}{rest.lstrip('/')}"
