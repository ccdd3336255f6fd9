"""Two files, one address: collisions that would make one file silently replace another.

`complaints.md` and `complaints/index.md` are both published at `complaints/`; MkDocs
writes one over the other. Every language shows every article (a translation, or the
original as a fallback), so `en/x/index.md` and `el/x.md` collide on the Greek site too.
Folders whose names differ only by letter case (`Billing/`, `billing/`) become one folder
on the file systems of macOS and Windows, and on many web servers. All of these are errors
naming both files.

Pairs the loader reports already (two Markdown files of one language whose paths differ
only by case or Unicode normalisation) are left to it, so each problem is reported once.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable
from dataclasses import dataclass

from kb_builder.content.source import nfc
from kb_builder.findings import Finding

_MARKDOWN = (".md", ".markdown")


@dataclass(frozen=True)
class Entry:
    """One file of the content folder and where the build writes it."""

    uri: str
    """Path in the content folder, '/'-separated, as on disk."""
    dest: str
    """Path in the site (`en/complaints/index.html`)."""
    shown: str
    """Path as editors write it (`content/en/complaints.md`)."""


def _key(text: str) -> str:
    return nfc(text).casefold()


def _split_language(path: str, languages: frozenset[str]) -> tuple[str, str]:
    lang, slash, rest = path.partition("/")
    return (lang, rest) if slash and lang in languages else ("", path)


def _loader_reports(first: Entry, second: Entry, languages: frozenset[str]) -> bool:
    markdown = first.uri.lower().endswith(_MARKDOWN) and second.uri.lower().endswith(_MARKDOWN)
    same_language = (
        _split_language(first.uri, languages)[0] == _split_language(second.uri, languages)[0]
    )
    return markdown and same_language and _key(first.uri) == _key(second.uri)


def collisions(entries: Iterable[Entry], languages: Iterable[str]) -> list[Finding]:
    """Errors for files that would share an address, in any language, or a folder's name."""
    codes = frozenset(languages)
    ordered = sorted(entries, key=lambda entry: entry.uri)
    findings: list[Finding] = []
    reported: set[frozenset[str]] = set()

    by_address: dict[str, list[Entry]] = {}
    for entry in ordered:
        by_address.setdefault(_key(_split_language(entry.dest, codes)[1]), []).append(entry)
    for group in by_address.values():
        for index, first in enumerate(group):
            for second in group[index + 1 :]:
                same_file = nfc(_split_language(first.uri, codes)[1]) == nfc(
                    _split_language(second.uri, codes)[1]
                )
                if same_file or _loader_reports(first, second, codes):
                    continue  # translations of one article, or the loader's to report
                reported.add(frozenset((first.shown, second.shown)))
                address = nfc(_split_language(second.dest, codes)[1])
                findings.append(
                    Finding(
                        second.shown,
                        None,
                        f"it would be published at the same address as {first.shown} "
                        f"('{_page_address(address)}' in every language), so one would "
                        "replace the other",
                        "Rename or move one of the two files",
                    )
                )

    spellings: dict[str, dict[str, Entry]] = {}
    for entry in ordered:
        folders = nfc(_split_language(entry.uri, codes)[1]).split("/")[:-1]
        for depth in range(1, len(folders) + 1):
            folder = "/".join(folders[:depth])
            spellings.setdefault(folder.casefold(), {}).setdefault(folder, entry)
    for variants in spellings.values():
        if len(variants) < 2:
            continue
        (name, first), *others = sorted(variants.items())
        for other_name, other in others:
            pair = frozenset((first.shown, other.shown))
            if pair in reported or _loader_reports(first, other, codes):
                continue
            reported.add(pair)
            findings.append(
                Finding(
                    other.shown,
                    None,
                    f"its folder '{other_name}' differs from '{name}' (of {first.shown}) only "
                    "by letter case, and many systems treat the two as one folder",
                    "Give both folders the same name",
                )
            )
    return findings


def _page_address(dest: str) -> str:
    folder, name = posixpath.split(dest)
    if name == "index.html":
        return folder + "/" if folder else "/"
    return dest
