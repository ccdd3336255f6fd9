"""Load `content/` into a `Catalog`: read, decode, validate, and resolve audiences.

Errors (the page cannot be published correctly) and warnings (it can, but an editor should
know) come back as findings; the caller decides how to report them.
"""

from __future__ import annotations

import dataclasses
import posixpath
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from kb_builder.content import audience
from kb_builder.content.cache import ParseCache, Parsed, Stamp
from kb_builder.content.frontmatter import parse_document
from kb_builder.content.model import Catalog, Document
from kb_builder.content.source import decode_source, nfc
from kb_builder.findings import Finding

MARKDOWN_SUFFIXES = (".md", ".markdown")


@dataclass(frozen=True)
class SourceFile:
    """A Markdown file found in docs_dir, not yet read."""

    uri: str
    """Path inside docs_dir as found on disk, '/'-separated."""
    shown_path: str
    read_bytes: Callable[[], bytes]
    stamp: Stamp | None = None
    """The file's identity, modification time and size on disk, when known; lets a
    `ParseCache` skip reading it again."""


@dataclass
class LoadResult:
    catalog: Catalog
    errors: list[Finding]
    warnings: list[Finding]


def is_markdown(uri: str) -> bool:
    return uri.lower().endswith(MARKDOWN_SUFFIXES)


def load_catalog(
    sources: Iterable[SourceFile],
    languages: Iterable[str],
    source_language: str,
    cache: ParseCache | None = None,
) -> LoadResult:
    """Read every source file into a catalog of articles x languages.

    With a `cache`, files whose stamp has not changed since the cache saw them are not
    read again (for `mkdocs serve`, which rebuilds after every save).
    """
    language_codes = tuple(languages)
    catalog = Catalog(language_codes, source_language)
    errors: list[Finding] = []
    warnings: list[Finding] = []
    claimed: dict[str, SourceFile] = {}
    documents: list[Document] = []

    for source in sorted(sources, key=lambda s: s.uri):
        path = nfc(source.uri)
        lang, _, rel = path.partition("/")
        if not rel:
            errors.append(_outside_language(source, source_language))
            continue
        if lang not in language_codes:
            errors.append(_unknown_language(source, lang, language_codes))
            continue
        identity = path.casefold()
        if identity in claimed:
            errors.append(_collision(source, claimed[identity]))
            continue
        claimed[identity] = source

        parsed = _read(source, cache)
        if isinstance(parsed, list):
            errors.extend(parsed)
            continue
        if lang == source_language and parsed.front.source_hash is not None:
            errors.append(
                Finding(
                    source.shown_path,
                    parsed.front.lines["source_hash"],
                    "'source_hash' belongs in translations, not in the source language",
                    "Remove the line",
                )
            )
            continue
        documents.append(
            Document(
                lang=lang,
                rel=rel,
                front=parsed.front,
                body=parsed.body,
                body_line=parsed.body_line,
                disk_uri=source.uri,
                shown_path=source.shown_path,
            )
        )

    # Sources first, so each translation can see its source's audience.
    documents.sort(key=lambda d: (d.lang != source_language, d.rel, d.lang))
    for document in documents:
        if document.lang == source_language:
            effective, finding = audience.source_audience(document.front, document.shown_path)
        else:
            source = catalog.document(source_language, document.rel)
            effective, finding = audience.translation_audience(
                document.front,
                document.shown_path,
                source.audience if source else None,
                source.shown_path if source else None,
            )
        if finding is not None:
            warnings.append(finding)
        catalog.add(dataclasses.replace(document, audience=effective))

    catalog.articles = dict(sorted(catalog.articles.items()))
    if cache is not None:
        cache.retain(source.uri for source in claimed.values())
    return LoadResult(catalog, errors, warnings)


def _read(source: SourceFile, cache: ParseCache | None) -> Parsed:
    if cache is not None:
        cached = cache.get(source.uri, source.shown_path, source.stamp)
        if cached is not None:
            return cached
    decoded = decode_source(source.read_bytes(), source.shown_path)
    if isinstance(decoded, Finding):
        parsed: Parsed = [decoded]
    else:
        parsed = parse_document(decoded.text, source.shown_path)
    if cache is not None:
        cache.put(source.uri, source.shown_path, source.stamp, parsed)
    return parsed


def _outside_language(source: SourceFile, source_language: str) -> Finding:
    return Finding(
        source.shown_path,
        None,
        "the page is not inside a language folder",
        f"Move it into a language folder, for example {source_language}/{source.uri}",
    )


def _unknown_language(source: SourceFile, lang: str, languages: tuple[str, ...]) -> Finding:
    return Finding(
        source.shown_path,
        None,
        f"'{lang}' is not one of the configured languages ({', '.join(languages)})",
        "Add it under 'languages:' of the kb plugin in mkdocs.yml, or move the file",
    )


def _collision(source: SourceFile, other: SourceFile) -> Finding:
    return Finding(
        source.shown_path,
        None,
        f"the name differs from {other.shown_path} only by letter case or Unicode "
        "normalisation, so both would be published at the same address",
        "Rename or delete one of the two files",
    )


def shown_path_for(docs_dir_shown: str, uri: str) -> str:
    """Path an editor recognises: the docs folder as written in mkdocs.yml plus the file."""
    return posixpath.join(docs_dir_shown, uri) if docs_dir_shown else uri
