"""Search for one build: what each page tags for Pagefind, the word lists, the index.

The plugin makes one `SearchBuild` per build (in `on_files`, once the plan is known), feeds
it every page's HTML as MkDocs renders it and again as MkDocs writes it (a language whose
pages are all written is indexed beside the rest of the build), and asks it to finish the
index at the end.
"""

from __future__ import annotations

import shutil
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import Files

from kb_builder.i18n.languages import LanguageSet
from kb_builder.i18n.plan import PageVariant, SitePlan
from kb_builder.search import scripts
from kb_builder.search.index import Indexer, IndexReport, SearchCopies, words_dir
from kb_builder.search.pages import (
    citations,
    indexed_languages,
    is_indexed,
    search_document,
    search_record,
)
from kb_builder.search.synonyms import SynonymFile
from kb_builder.search.synonyms import table as synonym_table
from kb_builder.search.view import SearchView, client_config, strings_for
from kb_builder.search.words import Vocabulary, text_for_words, words_of, write_chunks

log = get_plugin_logger(__name__)


class SearchBuild:
    def __init__(
        self,
        enabled: bool,
        plan: SitePlan,
        languages: LanguageSet,
        site_dir: Path,
        project_dir: Path | None = None,
        synonyms: list[SynonymFile] | None = None,
        language_words: dict[str, Callable[[str], bool]] | None = None,
        kept_copies: SearchCopies | None = None,
        last_words: dict[str, frozenset[str]] | None = None,
    ) -> None:
        """`project_dir` (the folder of mkdocs.yml) may hold Pagefind installed with npm;
        `synonyms`: the languages' synonyms files, read (see synonyms.take_files);
        `kept_copies`: a preview session's copies of the pages for Pagefind;
        `last_words`: the words of each page in the last preview build."""
        self.enabled = enabled
        self.plan = plan
        self.languages = languages
        self.indexed = indexed_languages(plan)
        self.vocabulary = Vocabulary()
        self._uncounted: dict[str, list[frozenset[str]]] = {}
        """Each language's page words not yet in `vocabulary`: counted only for a language
        whose word lists are written (a preview keeps the others as they are)."""
        self.synonyms = {file.lang: file for file in synonyms or ()}
        self.language_words = language_words or {}
        """Per language: whether a word is on any of its pages, this site's or not."""
        self._clients: dict[str, dict[str, object]] = {}
        self._cited: dict[str, int] | None = None
        """Links to each page from the others (pages.citations), counted at the first page."""
        self._pages = Counter(variant.lang for variant in plan if is_indexed(variant))
        self._unwritten = Counter(self._pages)
        self._pages_left = sum(1 for _ in plan)
        """Pages MkDocs has yet to write (fallbacks included, written last: site.publish)."""
        self._words_written: set[str] = set()
        self._kept: set[str] = set()
        self._preview = False
        """A preview rebuild (see `start_preview`): an unchanged language keeps its index."""
        self.page_words: dict[str, frozenset[str]] = {}
        """The words of each page, by docs path (see `carry_over`)."""
        self.site_dir = site_dir
        self.kept_copies = kept_copies
        self.last_words = last_words
        self.changed: set[str] = set()
        """Languages with a page whose words or text for Pagefind differ from the last
        preview build's, or that lost a page (see `start_preview`)."""
        self._indexer = (
            Indexer(
                site_dir,
                copies=True,
                project_dir=project_dir,
                kept_copies=kept_copies,
            )
            if enabled and self.indexed
            else None
        )

    def expected_pages(self) -> dict[str, int]:
        """Pages marked for search per language (every planned page is rendered)."""
        return {code: self._pages[code] for code in self.indexed if code not in self._kept}

    def collect(self, variant: PageVariant, html: str) -> None:
        """Remember the words of a rendered page, for typo and accent correction."""
        if not self.enabled or not is_indexed(variant):
            return
        front = variant.document.front
        text = "\n".join((front.title, front.description, text_for_words(html)))
        words = frozenset(words_of(text))
        if self.last_words is not None and self.last_words.get(variant.docs_path) != words:
            self.changed.add(variant.lang)
        self.page_words[variant.docs_path] = words
        self._uncounted.setdefault(variant.lang, []).append(words)

    def citations(self) -> dict[str, int]:
        """Links to each searched page from other pages (see `pages.citations`), worked out
        once per build; empty when search is off."""
        if self._cited is None:
            self._cited = citations(self.plan) if self.enabled else {}
        return self._cited

    def view(
        self, lang: str, variant: PageVariant | None = None, every_language: bool = False
    ) -> SearchView:
        """What the templates of a page in `lang` see as `kb_search`; `every_language`: for
        a page that shows the reader's language, whichever it is (the 404 page)."""
        if not self.enabled:
            return SearchView(enabled=False)
        record = (
            search_record(variant, self.plan, self.citations()) if variant is not None else None
        )
        if lang not in self._clients:
            self._clients[lang] = client_config(lang, self.languages, self.indexed)
        every = {code: strings_for(code) for code in self.indexed} if every_language else None
        return SearchView(
            enabled=True, record=record, client=self._clients[lang], every_language=every
        )

    def page_written(self, variant: PageVariant | None, html: str, dest_uri: str) -> None:
        """Take a page as MkDocs writes it; once a language's pages are all in, Pagefind
        indexes that language while MkDocs writes the next ones."""
        if variant is not None:
            self._pages_left -= 1
        if self._indexer is None or variant is None or not is_indexed(variant):
            return
        self._take(variant, dest_uri, html)

    def start_preview(self, pages_to_write: int, lost_pages: set[str]) -> None:
        """A preview rebuild (`mkdocs serve --dirty`) writes only `pages_to_write` pages:
        each language whose pages are all in (written again or carried over) is indexed as
        soon as its last page is written, or keeps its index and word lists from the last
        build when nothing search reads of it changed. `lost_pages`: languages that lost a
        searched page. Call once every page is rendered, before any is written."""
        self._preview = True
        self._pages_left = pages_to_write
        self.changed |= lost_pages & set(self.indexed)

    def carry_over(self, variant: PageVariant, dest_uri: str, words: frozenset[str] | None) -> None:
        """Take a page that a preview rebuild did not render again, as the last build left
        it: its words from then, its copy for Pagefind from then (or its HTML from the site
        folder)."""
        if not self.enabled or not is_indexed(variant):
            return
        if words is not None:
            self.page_words[variant.docs_path] = words
            self._uncounted.setdefault(variant.lang, []).append(words)
        if self._indexer is not None:
            if self._indexer.has_copy(dest_uri):
                self._count(variant)
                return
            html = (self.site_dir / dest_uri).read_text(encoding="utf-8")
            self._take(variant, dest_uri, html)

    def keep_copies_of(self, dest_uris: set[str]) -> set[str]:
        """Before a preview rebuild's pages are written: drop the kept copies of all other
        pages (see SearchCopies.keep_only). Returns the languages that lost a page."""
        if self.kept_copies is None:
            return set()
        removed = self.kept_copies.keep_only(dest_uris)
        return {dest.split("/", 1)[0] for dest in removed} & set(self.plan.languages)

    def _take(self, variant: PageVariant, dest_uri: str, html: str) -> None:
        if self._indexer is None:
            return
        document = search_document(html, variant.lang)
        # A page rendered again for its menu (a title changed elsewhere) reads the same to
        # Pagefind: its language need not be indexed again for it.
        if not self._indexer.same_copy(dest_uri, document):
            self._indexer.add_page(dest_uri, document)
            self.changed.add(variant.lang)
        self._count(variant)

    def _count(self, variant: PageVariant) -> None:
        assert self._indexer is not None
        self._unwritten[variant.lang] -= 1
        if self._unwritten[variant.lang] == 0:
            if self._preview and variant.lang not in self.changed:
                self._kept.add(variant.lang)
                return
            # Every page was read before the first was written: the words are all in.
            self._write_words(variant.lang)
            # While MkDocs has pages left to write, leave it a processor of its own.
            self._indexer.start(variant.lang, beside_build=self._pages_left > 0)

    def write(self) -> IndexReport:
        """Write the word lists and the Pagefind index of every language that has pages."""
        if self._indexer is None:
            return IndexReport()
        for code in self.indexed:
            if code not in self._words_written and code not in self._kept:
                self._write_words(code)
        return self._indexer.finish(self.expected_pages())

    def _write_words(self, code: str) -> None:
        # Written as soon as a language is complete rather than at the end, when the disk
        # is busiest with the pages MkDocs has just written.
        shutil.rmtree(self.site_dir / words_dir(code), ignore_errors=True)
        for words in self._uncounted.pop(code, ()):
            self.vocabulary.add_words(code, words)
        phrases: dict[str, list[str]] = {}
        if code in self.synonyms:
            phrases, warnings = synonym_table(
                self.synonyms[code],
                self.vocabulary.finder(code),
                self.language_words.get(code),
            )
            for message in warnings:
                log.warning(message)
        write_chunks(self.site_dir / words_dir(code), self.vocabulary.chunks(code, phrases))
        self._words_written.add(code)

    def pack_scripts(self, files: Files) -> None:
        """Serve the search box's scripts as one file without comments (see scripts.py);
        also after a partial rebuild, which may have copied the theme's file again."""
        if self.enabled:
            scripts.pack(files, self.site_dir)

    def stop(self) -> None:
        """Stop indexing: the build failed, or wrote only some pages (`--dirty`)."""
        if self._indexer is not None:
            self._indexer.stop()
