"""Turn MkDocs' view of `docs_dir` into the files kb_builder publishes.

Shared by the plugin and the `kb` command, so both read content the same way.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable
from urllib.parse import unquote

from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from kb_builder.content.cache import stamp_of
from kb_builder.content.loader import SourceFile, is_markdown
from kb_builder.content.model import Document
from kb_builder.findings import Finding, sort_findings
from kb_builder.i18n.plan import FALLBACK, PageVariant, SitePlan
from kb_builder.i18n.shared_files import borrowed_files
from kb_builder.search.pages import is_indexed

ROOT_PAGE = "index.md"
"""The language chooser at the site root; every article lives under a language folder."""


def docs_dir_shown(config: MkDocsConfig) -> str:
    """docs_dir as an editor would write it: relative to the folder of mkdocs.yml."""
    project = os.path.dirname(config.config_file_path or "") or os.getcwd()
    shown = os.path.relpath(config.docs_dir, project)
    return "" if shown == "." else shown.replace(os.sep, "/")


def markdown_sources(files: Iterable[File], config: MkDocsConfig) -> list[SourceFile]:
    """The Markdown files of docs_dir, as not-yet-read sources for the loader."""
    prefix = docs_dir_shown(config)
    sources = []
    for file in files:
        if file.generated_by is not None or not is_markdown(file.src_uri):
            continue
        shown = f"{prefix}/{file.src_uri}" if prefix else file.src_uri
        # Stamped before reading, so an edit made while reading is seen by the next build.
        stamp = stamp_of(file.abs_src_path) if file.src_dir is not None else None
        sources.append(SourceFile(file.src_uri, shown, _reader(file), stamp))
    return sources


def _reader(file: File):
    return lambda: file.content_bytes


def page_markdown(document: Document) -> str:
    """The body MkDocs renders; front matter is already parsed and validated by kb_builder."""
    body = document.body
    # A body that itself starts with '---' would be taken for front matter by MkDocs.
    return "\n" + body if body.startswith("---") else body


def publish(files: Files, plan: SitePlan, config: MkDocsConfig) -> Files:
    """Replace the Markdown files with exactly the pages the plan publishes.

    Pages the plan leaves out (internal pages in the public build, orphans) are removed here,
    before MkDocs reads anything, so they cannot reach any output file.

    Files a page in another language expects next to it but that only the source
    language's folder has are published there too (see `i18n.shared_files`).

    Each page gets kb's parsed body as its content (front matter is kb's to read).
    """
    originals = {
        file.src_uri: file for file in files.documentation_pages() if file.generated_by is None
    }
    for file in originals.values():
        files.remove(file)
    # MkDocs writes pages in this order, and search indexes each language as soon as its
    # pages are written (see search.build): one language after the other, and the pages
    # search leaves out (fallbacks) last, so that MkDocs writes them while the last
    # language is indexed.
    order = {lang: number for number, lang in enumerate(plan.languages)}

    def writing_order(variant: PageVariant) -> tuple[bool, int]:
        return not is_indexed(variant), order.get(variant.lang, len(order))

    for variant in sorted(plan, key=writing_order):
        files.append(_page_file(variant, originals, config))
    if files.get_file_from_path(ROOT_PAGE) is None:
        files.append(File.generated(config, ROOT_PAGE, content=""))
    for target, original in borrowed_files(plan, (file.src_uri for file in files)).items():
        source = files.get_file_from_path(original)
        if source is not None and source.abs_src_path is not None:
            files.append(File.generated(config, target, abs_src_path=source.abs_src_path))
    return files


def _page_file(variant: PageVariant, originals: dict[str, File], config: MkDocsConfig) -> File:
    markdown = page_markdown(variant.document)
    original = originals.get(variant.document.disk_uri)
    in_place = original is not None and original.src_uri == variant.docs_path
    if variant.status != FALLBACK and original is not None and in_place:
        original.content_string = markdown
        return original
    file = File.generated(config, variant.docs_path, content=markdown)
    # Edit links point at the file an editor would change (the source, for a fallback).
    file.edit_uri = variant.document.disk_uri if variant.status != FALLBACK else None
    return file


def unquoted_url(file: File) -> str:
    """A page's site-relative URL as text (`el/καλώς/`), for matching links against."""
    url = unquote(file.url)
    return "" if url in (".", "./") else url


def variants_by_url(files: Files, plan: SitePlan) -> dict[str, PageVariant]:
    """Which planned page is published at each site-relative URL."""
    index = {}
    for file in files.documentation_pages():
        variant = plan.get(file.src_uri)
        if variant is not None:
            index[unquoted_url(file)] = variant
    return index


def page_meta(document: Document) -> dict[str, object]:
    """`page.meta` for templates. MkDocs and Material do not autoescape, so escape here."""
    front = document.front
    meta: dict[str, object] = {
        "title": escape(front.title),
        "description": escape(front.description),
    }
    if front.hide:
        meta["hide"] = list(front.hide)
    return meta


def log_findings(
    logger: logging.Logger | logging.LoggerAdapter, findings: Iterable[Finding], levels: dict
) -> None:
    """Log findings sorted by file, each at the level configured for its kind."""
    for finding in sort_findings(findings):
        level = levels.get(finding.kind, logging.WARNING)
        if level < logging.WARNING and not logger.isEnabledFor(level):
            continue  # thousands of notes on a large site, shown only with -v
        logger.log(level, str(finding))
