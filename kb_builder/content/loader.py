"""Load `content/` into a `Catalog`: read, decode, validate, and resolve audiences.

Errors (the page cannot be published correctly) and warnings (it can, but an editor should
know) come back as findings; the caller decides how to report them.
"""

from __future__ import annotations

import dataclasses
import posixpath
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from kb_builder.content import audience, originals
from kb_builder.content.cache import ParseCache, Parsed, Stamp
from kb_builder.content.frontmatter import parse_document
from kb_builder.content.model import Article, Catalog, Document
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
    default_language: str,
    cache: ParseCache | None = None,
) -> LoadResult:
    """Read every source file into a catalog of articles x languages, each article with
    its original chosen (see `content.originals`).

    With a `cache`, files whose stamp has not changed since the cache saw them are not
    read again (for `mkdocs serve`, which rebuilds after every save).
    """
    language_codes = tuple(languages)
    catalog = Catalog(language_codes, default_language)
    errors: list[Finding] = []
    warnings: list[Finding] = []
    claimed: dict[str, SourceFile] = {}
    grouped: dict[str, dict[str, Document]] = {}
    broken: set[str] = set()
    """Articles with a file that cannot be read: which file is their original is unknown."""

    for source in sorted(sources, key=lambda s: s.uri):
        path = nfc(source.uri)
        lang, _, rel = path.partition("/")
        if not rel:
            errors.append(_outside_language(source, default_language))
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
            broken.add(rel)
            continue
        grouped.setdefault(rel, {})[lang] = Document(
            lang=lang,
            rel=rel,
            front=parsed.front,
            body=parsed.body,
            body_line=parsed.body_line,
            disk_uri=source.uri,
            shown_path=source.shown_path,
        )

    for rel in sorted(grouped.keys() - broken):
        documents = grouped[rel]
        choice = originals.choose_original(documents, language_codes, default_language)
        if isinstance(choice, list):
            errors.extend(choice)
            continue
        article = Article(rel, original_language=choice.language, original_rule=choice.rule)
        # The original first, so each translation can see its original's audience.
        original = documents.get(choice.language) if choice.language else None
        if original is not None:
            effective, finding = audience.original_audience(original.front, original.shown_path)
            if finding is not None:
                warnings.append(finding)
            original = article.documents[original.lang] = dataclasses.replace(
                original, audience=effective
            )
        for lang in language_codes:
            document = documents.get(lang)
            if document is None or (original is not None and lang == original.lang):
                continue
            effective, finding = audience.translation_audience(
                document.front,
                document.shown_path,
                original.audience if original is not None else None,
                original.shown_path if original is not None else None,
            )
            if finding is not None:
                warnings.append(finding)
            if original is not None and not article.appears_in(lang):
                warnings.append(_excluded(document, original))
            article.documents[lang] = dataclasses.replace(document, audience=effective)
        catalog.articles[rel] = article

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


def _outside_language(source: SourceFile, default_language: str) -> Finding:
    return Finding(
        source.shown_path,
        None,
        "the page is not inside a language folder",
        f"Move it into a language folder, for example {default_language}/{source.uri}",
    )


def _excluded(document: Document, original: Document) -> Finding:
    allowed = ", ".join(original.front.languages or ())
    return Finding(
        document.shown_path,
        None,
        f"the original {original.shown_path} limits the article to 'languages: [{allowed}]', "
        "so this translation is not published",
        f"Add {document.lang} to 'languages:' there, or delete this file",
        kind="excluded_translation",
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
