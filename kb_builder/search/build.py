"""Search for one build: what each page tags for Pagefind, the word lists, the index.

The plugin makes one `SearchBuild` per build (in `on_files`, once the plan is known), feeds
it every page's HTML as MkDocs renders it, tells it when pages are written (a language
whose pages are all written is indexed beside the rest of the build), and asks it to
finish the index at the end.
"""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

from kb_builder.i18n.languages import LanguageSet
from kb_builder.i18n.plan import PageVariant, SitePlan
from kb_builder.search.index import Indexer, IndexReport, words_dir
from kb_builder.search.pages import indexed_languages, is_indexed, search_record
from kb_builder.search.view import SearchView, client_config
from kb_builder.search.words import Vocabulary, plain_text, write_chunks


class SearchBuild:
    def __init__(
        self,
        enabled: bool,
        plan: SitePlan,
        languages: LanguageSet,
        site_dir: Path,
        *,
        early: bool = False,
    ) -> None:
        self.enabled = enabled
        self.plan = plan
        self.languages = languages
        self.indexed = indexed_languages(plan)
        self.vocabulary = Vocabulary()
        self.early = early
        """Index each language as soon as its pages are written (not in dirty builds, which
        write only some pages)."""
        self._clients: dict[str, dict[str, object]] = {}
        self._unwritten = Counter(variant.lang for variant in plan)
        self.site_dir = site_dir
        self._indexer = Indexer(site_dir) if enabled and self.indexed else None

    def expected_pages(self) -> dict[str, int]:
        """Pages marked for search per language (every planned page is rendered)."""
        counts = Counter(variant.lang for variant in self.plan if is_indexed(variant))
        return {code: counts[code] for code in self.indexed}

    def collect(self, variant: PageVariant, html: str) -> None:
        """Remember the words of a rendered page, for typo and accent correction."""
        if not self.enabled or not is_indexed(variant):
            return
        front = variant.document.front
        self.vocabulary.add_page(variant.lang, (front.title, front.description, plain_text(html)))

    def view(self, lang: str, variant: PageVariant | None = None) -> SearchView:
        """What the templates of a page in `lang` see as `kb_search`."""
        if not self.enabled:
            return SearchView(enabled=False)
        record = search_record(variant, self.plan) if variant is not None else None
        if lang not in self._clients:
            self._clients[lang] = client_config(lang, self.languages, self.indexed)
        return SearchView(enabled=True, record=record, client=self._clients[lang])

    def page_written(self, variant: PageVariant | None) -> None:
        """Note a page MkDocs is about to write (its `on_post_page`)."""
        if variant is not None:
            self._unwritten[variant.lang] -= 1

    def start_written_languages(self) -> None:
        """Start Pagefind on every language whose pages are all on disk, so it indexes them
        while MkDocs writes the other languages.

        Called when MkDocs begins a page: the page before it has been written by then.
        """
        if self._indexer is None or not self.early:
            return
        for code in self.indexed:
            if self._unwritten[code] <= 0 and not self._indexer.started(code):
                self._indexer.start(code)

    def write(self) -> IndexReport:
        """Write the word lists and the Pagefind index of every language that has pages."""
        if self._indexer is None:
            return IndexReport()
        for code in self.indexed:
            shutil.rmtree(self.site_dir / words_dir(code), ignore_errors=True)
            write_chunks(self.site_dir / words_dir(code), self.vocabulary.chunks(code))
        return self._indexer.finish(self.expected_pages())

    def stop(self) -> None:
        """Stop indexing: the build failed."""
        if self._indexer is not None:
            self._indexer.stop()
