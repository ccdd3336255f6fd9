"""The translator's file operations: start a translation (`kb new`), confirm one (`kb ack`).

Both refuse, with the file and the reason, rather than guess: an original given to `kb ack`,
a translation given to `kb new`, a translation without an original, a file whose front
matter has errors. A translation follows its article's original, in whatever language that
was written. `kb ack` changes one line of the file, `source_hash:` (and adds
`translated_from:` when the file would otherwise be read as translated from the default
language), and keeps every other byte (byte order mark, Windows line endings, comments,
quoting), so a translation's history shows exactly what happened.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import yaml

from kb_builder.content.frontmatter import ParsedDocument, parse_document
from kb_builder.content.loader import is_markdown, shown_path_for
from kb_builder.content.model import Catalog, Document
from kb_builder.content.source import decode_source, nfc
from kb_builder.findings import Finding
from kb_builder.i18n.coverage import (
    CURRENT,
    STALE,
    UNTRACKED,
    original_fingerprint,
    original_path_of,
)


@dataclass(frozen=True)
class Workspace:
    """Where the content is, and what loading it found: what the commands need."""

    catalog: Catalog
    errors: list[Finding]
    docs_dir: Path
    shown_prefix: str
    """docs_dir as editors write it (`content`), the start of every shown path."""

    def shown(self, uri: str) -> str:
        return shown_path_for(self.shown_prefix, uri)

    def errors_of(self, uri: str) -> list[Finding]:
        """The content errors loading found in one file (compared as NFC, any case)."""
        shown = nfc(self.shown(uri)).casefold()
        return [error for error in self.errors if nfc(error.path).casefold() == shown]


@dataclass(frozen=True)
class Ack:
    """A translation to acknowledge as matching its original as it is now."""

    path: Path
    translation: Document
    source: Document
    """The article's original."""
    source_hash: str
    before: str
    """Status before: `stale`, `untracked` or `current` (then nothing is written)."""
    data: bytes | None
    """The file's new content; None when it is already current."""


@dataclass(frozen=True)
class NewTranslation:
    path: Path
    shown_path: str
    source: Document
    lang: str
    text: str


# -- finding the documents the user means ----------------------------------------------------


def _locate(argument: str, space: Workspace) -> str | list[Finding]:
    """The docs path (`el/faq.md`, NFC) of a file named on the command line, or why not."""
    path = Path(argument)
    if not path.is_file():
        return [Finding(argument, None, "no such file", "Check the path")]
    try:
        uri = path.resolve().relative_to(space.docs_dir.resolve()).as_posix()
    except ValueError:
        return [
            Finding(
                argument,
                None,
                f"the file is not in the content folder ({space.shown_prefix or '.'})",
                "Name an article file inside it",
            )
        ]
    if not is_markdown(uri):
        return [Finding(argument, None, "not a Markdown article", "Name a .md file")]
    errors = space.errors_of(uri)
    if errors:
        refusal = Finding(
            space.shown(uri), None, "the file has errors", "Fix them first, then run kb again"
        )
        return [*errors, refusal]
    return nfc(uri)


def _unknown_article(docs_path: str, space: Workspace) -> list[Finding]:
    """Why a file that loaded is not in the catalog: another file of its article has errors
    (so nobody can tell which file is the original), or the article's files contradict
    each other."""
    rel = docs_path.partition("/")[2]
    others = [f"{lang}/{rel}" for lang in space.catalog.languages]
    errors = [error for uri in others for error in space.errors_of(uri)]
    broken = sorted({error.path for error in errors})
    problem = (
        f"another file of the article has errors ({', '.join(broken)}), so its original "
        "cannot be told"
        if broken
        else "the article's files have errors"
    )
    return [*errors, Finding(space.shown(docs_path), None, problem, "Fix them first")]


# -- kb ack ----------------------------------------------------------------------------------


def plan_acks(arguments: Iterable[str], space: Workspace) -> tuple[list[Ack], list[Finding]]:
    """What `kb ack` would do for each file, or why it refuses; nothing is written here."""
    acks: list[Ack] = []
    refusals: list[Finding] = []
    catalog = space.catalog
    for argument in arguments:
        located = _locate(argument, space)
        if isinstance(located, list):
            refusals.extend(located)
            continue
        lang, _, rel = located.partition("/")
        translation = catalog.document(lang, rel)
        article = catalog.articles.get(rel)
        if translation is None or article is None:
            refusals.extend(_unknown_article(located, space))
            continue
        if article.original_language == lang:
            refusals.append(
                Finding(
                    translation.shown_path,
                    None,
                    f"this is the article's original ({lang}); only translations record a "
                    "source hash",
                    "Run kb ack on a translation of it, after checking it",
                )
            )
            continue
        original = article.original
        if original is None:
            original_path = original_path_of(translation, catalog.default_language)
            original_uri = original_path.removeprefix(space.shown(""))
            original_errors = space.errors_of(original_uri)
            refusals.extend(original_errors)
            problem = (
                f"its source {original_path} has errors"
                if original_errors
                else f"it has no source ({original_path} does not exist)"
            )
            refusals.append(
                Finding(
                    translation.shown_path,
                    None,
                    problem,
                    "Fix or restore the source first, or move the translation to the path "
                    "of its source",
                )
            )
            continue
        planned = _ack(translation, original, space, catalog.default_language)
        if isinstance(planned, Finding):
            refusals.append(planned)
        else:
            acks.append(planned)
    return acks, refusals


def _ack(
    translation: Document, original: Document, space: Workspace, default_language: str
) -> Ack | Finding:
    path = space.docs_dir / translation.disk_uri
    value = original_fingerprint(original)
    recorded = translation.front.source_hash
    before = UNTRACKED if recorded is None else CURRENT if recorded == value else STALE
    if before == CURRENT:
        return Ack(path, translation, original, value, before, None)
    data: bytes | Finding = path.read_bytes()
    if translation.front.translated_from is None and original.lang != default_language:
        # Without it, a source_hash alone would mean "translated from the default language".
        data = set_front_value(data, "translated_from", original.lang, translation.shown_path)
    if not isinstance(data, Finding):
        data = set_front_value(data, "source_hash", value, translation.shown_path)
    if isinstance(data, Finding):
        return data
    return Ack(path, translation, original, value, before, data)


def set_source_hash(data: bytes, value: str, shown_path: str) -> bytes | Finding:
    """The file with its `source_hash:` line set to `value`; every other byte unchanged."""
    return set_front_value(data, "source_hash", value, shown_path)


def set_front_value(data: bytes, key: str, value: str, shown_path: str) -> bytes | Finding:
    """The file with its `key:` line set to `value`; every other byte unchanged.

    An existing line (with any indented continuation lines) is replaced; otherwise a line
    is added just before the closing `---`, with the line ending the file uses there. The
    result is parsed again and refused unless only `key` changed.
    """
    original = _parse(data, shown_path)
    if isinstance(original, Finding):
        return original
    name = key.encode("ascii")
    lines = data.splitlines(keepends=True)
    closing = original.front_end_line - 1
    key_line = original.front.lines.get(key)
    if key_line is not None:
        # The schema records the line of the value, which may follow the key's line.
        start = key_line - 1
        while start > 1 and not lines[start].lstrip(b" \t").startswith(name):
            start -= 1
        indent = _indent(lines[start])
        end = start + 1
        while end < closing and lines[end].strip() and _indent(lines[end]) > indent:
            end += 1
        line = lines[start][:indent] + name + b": " + value.encode("ascii")
        lines[start:end] = [line + _ending(lines[end - 1])]
    else:
        title = original.front.lines.get("title", 2) - 1
        line = lines[title][: _indent(lines[title])] + name + b": " + value.encode("ascii")
        lines.insert(closing, line + _ending(lines[closing - 1]))
    updated = b"".join(lines)
    check = _parse(updated, shown_path)
    unset = {key: None}
    same = (
        isinstance(check, ParsedDocument)
        and getattr(check.front, key) == value
        and check.body == original.body
        and dataclasses.replace(check.front, **unset)
        == dataclasses.replace(original.front, **unset)
    )
    if not same:
        return Finding(
            shown_path,
            key_line or original.front_end_line,
            f"the {key} line cannot be updated without touching anything else",
            "Write the front matter as one 'key: value' per line and try again",
        )
    return updated


def _parse(data: bytes, shown_path: str) -> ParsedDocument | Finding:
    decoded = decode_source(data, shown_path)
    if isinstance(decoded, Finding):
        return decoded
    parsed = parse_document(decoded.text, shown_path)
    if isinstance(parsed, list):
        return parsed[0]
    return parsed


def _indent(line: bytes) -> int:
    return len(line) - len(line.lstrip(b" \t"))


def _ending(line: bytes) -> bytes:
    for ending in (b"\r\n", b"\n", b"\r"):
        if line.endswith(ending):
            return ending
    return b"\n"


# -- kb new ----------------------------------------------------------------------------------


def plan_new(
    arguments: Iterable[str], languages: Iterable[str], space: Workspace
) -> tuple[list[NewTranslation], list[Finding]]:
    """The translations `kb new` would start, or why it refuses; nothing is written here."""
    catalog = space.catalog
    created: list[NewTranslation] = []
    refusals: list[Finding] = []
    wanted = list(dict.fromkeys(languages))
    for lang in wanted:
        if lang not in catalog.languages:
            refusals.append(
                Finding(
                    "--lang",
                    None,
                    f"'{lang}' is not a language of this site",
                    f"Use one of: {', '.join(catalog.languages)}",
                )
            )
    if refusals:
        return [], refusals
    for argument in arguments:
        located = _locate(argument, space)
        if isinstance(located, list):
            refusals.extend(located)
            continue
        lang, _, rel = located.partition("/")
        source = catalog.document(lang, rel)
        article = catalog.articles.get(rel)
        if source is None or article is None:
            refusals.extend(_unknown_article(located, space))
            continue
        original = article.original
        if original is None or original.lang != lang:
            hint = (
                f"Name the original: {original.shown_path}"
                if original is not None
                else "A translation starts from the original, which does not exist"
            )
            refusals.append(
                Finding(
                    source.shown_path,
                    None,
                    f"this is a translation ({lang}); a translation starts from the original",
                    hint,
                )
            )
            continue
        for target in wanted:
            uri = f"{target}/{rel}"
            path = space.docs_dir / Path(*uri.split("/"))
            if target == lang:
                refusals.append(
                    Finding(
                        source.shown_path,
                        None,
                        f"the article was written in '{lang}', so it needs no '{lang}' translation",
                        f"Use another --lang than {lang}",
                    )
                )
                continue
            if not article.appears_in(target):
                shown = ", ".join(article.site_languages or ())
                refusals.append(
                    Finding(
                        source.shown_path,
                        None,
                        f"the article appears only on the {shown} site(s) ('languages:'), "
                        f"so a '{target}' translation would never be published",
                        f"Add {target} to 'languages:' first",
                    )
                )
                continue
            if catalog.document(target, rel) is not None or path.exists():
                refusals.append(
                    Finding(
                        space.shown(uri),
                        None,
                        "the translation already exists",
                        f"Edit it, and once it matches the source run 'kb ack {space.shown(uri)}'",
                    )
                )
                continue
            text = new_translation(source)
            if not _starts_from(text, source, space.shown(uri)):
                refusals.append(
                    Finding(
                        source.shown_path,
                        None,
                        "its front matter cannot be copied into a new file faithfully",
                        "Create the translation by hand",
                    )
                )
                continue
            created.append(NewTranslation(path, space.shown(uri), source, target, text))
    return created, refusals


def _starts_from(text: str, source: Document, shown_path: str) -> bool:
    """The new file reads back as the source's text and front matter (fail closed)."""
    parsed = parse_document(text, shown_path)
    if isinstance(parsed, list):
        return False
    front, expected = parsed.front, source.front
    return (
        (front.title, front.description, front.type, front.tags, front.hide)
        == (expected.title, expected.description, expected.type, expected.tags, expected.hide)
        and front.source_hash == original_fingerprint(source)
        and front.translated_from == source.lang
        and parsed.body.rstrip("\n") == source.body.rstrip("\n")
    )


def new_translation(source: Document) -> str:
    """A translation to start from: the original's text and translatable front matter.

    It records the original's language and fingerprint now, so if the original changes
    while the translator works, the translation shows as stale instead of silently current.
    `order`, `audience`, `original` and `languages` are left out: translations follow the
    original's.
    """
    front = source.front
    fields: dict[str, object] = {"title": front.title, "description": front.description}
    if front.type != "article":
        fields["type"] = front.type
    if front.tags:
        fields["tags"] = list(front.tags)
    if front.hide:
        fields["hide"] = list(front.hide)
    lines = ["---"]
    for key, value in fields.items():
        lines.append(
            yaml.safe_dump(
                {key: value},
                allow_unicode=True,
                default_flow_style=None if isinstance(value, list) else False,
                width=1 << 16,
                sort_keys=False,
            ).rstrip("\n")
        )
    lines.append(f"translated_from: {source.lang}")
    lines.append(f"source_hash: {original_fingerprint(source)}")
    lines.append("---")
    body = source.body if source.body.endswith("\n") or not source.body else source.body + "\n"
    return "\n".join(lines) + "\n" + body
