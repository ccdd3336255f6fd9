"""The `kb` MkDocs plugin: wires MkDocs events to the kb_builder modules.

The work lives elsewhere: `content/` reads and validates articles, `i18n/` decides which page
is published in which language and what templates see, `faq/`, `say.py`, `output.py`,
`checks/` and `search/` each do one job. This class holds per-build state (reset in
`on_config`) and calls them; `timing` totals the time of each kb step for the benchmark.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any, Literal

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import ConfigurationError, PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from kb_builder import output, say, site, sitemap, theme, timing
from kb_builder.checks.collector import LinkCollector, LinkReport
from kb_builder.config import KbConfig
from kb_builder.content import assets
from kb_builder.content.cache import ParseCache
from kb_builder.content.loader import LoadResult, load_catalog
from kb_builder.content.model import Catalog
from kb_builder.content.slugs import unicode_slugify
from kb_builder.faq import pages as faq_pages
from kb_builder.faq.jsonld import page_jsonld
from kb_builder.i18n import coverage, coverage_page, history
from kb_builder.i18n.anchors import AnchorMap, retarget_links
from kb_builder.i18n.languages import LanguageSet, build_language_set
from kb_builder.i18n.navigation import Menus, split_navigation
from kb_builder.i18n.plan import PageVariant, SitePlan, plan_site
from kb_builder.i18n.view import PageView, page_view, site_view
from kb_builder.search.build import SearchBuild
from kb_builder.timing import timed

log = get_plugin_logger(__name__)


class KbPlugin(BasePlugin[KbConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        # Kept across the builds of one `mkdocs serve` (see on_startup).
        self.cache = ParseCache()
        self.command = "build"
        self.dirty = False
        self._reset()

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        # Defining this event keeps one plugin object for all the rebuilds of `mkdocs serve`,
        # so the parse cache survives from one save to the next.
        self.command = command
        self.dirty = dirty

    def on_shutdown(self) -> None:
        # MkDocs may reuse this object for another command in the same process.
        self.command, self.dirty = "build", False
        self.cache = ParseCache()

    def _reset(self) -> None:
        self.timings = timing.Timings()
        self.languages: LanguageSet | None = None
        self.catalog: Catalog | None = None
        self.plan: SitePlan | None = None
        self.coverage: coverage.CoverageReport | None = None
        self.files: Files | None = None
        self.navigations: dict[str, Navigation] = {}
        self.menus: Menus | None = None
        self.faq_items: dict[str, list[faq_pages.FaqItem]] = {}
        self.anchor_map: AnchorMap | None = None
        self.variants_by_url: dict[str, PageVariant] = {}
        self.asset_refs: set[str] = set()
        self.search: SearchBuild | None = None
        self.links: LinkCollector | None = None
        self.link_report: LinkReport | None = None
        self.pages_rendered = 0
        self._site_name: str | None = None
        self._site_dir: str | None = None

    # -- configuration -------------------------------------------------------------------

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self._reset()
        self._site_dir = config.site_dir
        output.check_dirty(self.config.audience, self.dirty, self.command)
        theme.add_kb_templates(config)
        languages = build_language_set(
            self.config.languages,
            self.config.default_language,
            config.site_name,
            config.theme.dirs,
        )
        if isinstance(languages, str):
            raise ConfigurationError(f"kb plugin: {languages}")
        self.languages = languages
        problem = coverage.minimum_problem(
            self.config.min_coverage, languages.codes, languages.default
        )
        if problem is not None:
            raise ConfigurationError(f"kb plugin: {problem}")
        config.theme["language"] = languages[languages.default].material_code
        if len(languages.codes) > 1:
            # Material shows its switcher when `extra.alternate` is truthy and writes
            # <link rel=alternate> for it when it is a list. kb_builder draws the switcher
            # per page (theme/partials/alternate.html) and puts hreflang in the sitemap,
            # because Material's script reroutes clicks under head alternates.
            config.extra["alternate"] = True
        if self.config.search.enabled and "material/search" in config.plugins:
            log.info(
                "Material's 'search' plugin is enabled, but kb_builder builds its own search "
                "(Pagefind, every language); Material's index is not used. Remove 'search' "
                "from 'plugins:' in mkdocs.yml."
            )
        config.mdx_configs.setdefault("toc", {}).setdefault("slugify", unicode_slugify)
        if self.config.links.check:
            self.links = LinkCollector()
            self.links.configure(config)
        return config

    # -- content -------------------------------------------------------------------------

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        with self.timings.step(timing.CONTENT):
            result = self._load(files, config)
            self.catalog = result.catalog
            self.plan = plan_site(result.catalog, self.config.audience)
        with self.timings.step(timing.COVERAGE):
            self.coverage = history.measure_with_history(
                result.catalog,
                self.config.audience,
                self.config.min_coverage,
                Path(config.docs_dir) if self.config.git_history else None,
            )
            findings = coverage.findings(self.coverage)
            shortfalls = coverage.shortfalls(self.coverage)
        with self.timings.step(timing.CONTENT):
            findings += result.warnings + self.plan.findings
            findings += faq_pages.check_catalog(result.catalog)
            site.log_findings(log, findings, self._levels())
            for message in shortfalls:
                log.warning(message)
            self.files = site.publish(files, self.plan, config, in_memory=not self.dirty)
            if self.config.audience == "internal":
                coverage_page.add_page(self.files, config)
            self.variants_by_url = site.variants_by_url(self.files, self.plan)
            self.anchor_map = AnchorMap(self.plan)
            self.search = SearchBuild(self.config.search.enabled, self.plan, self._languages())
        return self.files

    def _load(self, files: Files, config: MkDocsConfig) -> LoadResult:
        languages = self._languages()
        result = load_catalog(
            site.markdown_sources(files.documentation_pages(), config),
            languages.codes,
            languages.default,
            self.cache,
        )
        if result.errors:
            for finding in result.errors:
                log.error(str(finding))
            count = len(result.errors)
            raise PluginError(
                f"{count} content error{'s' if count != 1 else ''}; nothing was published. "
                "Fix the files listed above and build again."
            )
        return result

    @timed(timing.NAVIGATION)
    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        self.navigations = split_navigation(nav, self._plan())
        self.menus = Menus(self.navigations, self.config.nav_scope)
        return nav

    @event_priority(100)  # before other plugins, so they see kb's meta (and body, if dirty)
    @timed(timing.PAGES)
    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        variant = self._plan().get(page.file.src_uri)
        if variant is not None:
            page.meta = site.page_meta(variant.document)
            if self.dirty:
                # Pages were left on disk (see site.publish): render kb's body, not MkDocs'
                # own reading of the file.
                markdown = site.page_markdown(variant.document)
        elif page.file.src_uri == site.ROOT_PAGE:
            page.meta = theme.chooser_meta(self._languages())
        elif page.file.src_uri == coverage_page.PAGE:
            page.meta = coverage_page.page_meta(self._languages().default)
        return markdown

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        variant = self._plan().get(page.file.src_uri)
        if self.links is not None:
            with self.timings.step(timing.LINKS):
                self.links.page_rendered(page)
        if variant is not None:
            with self.timings.step(timing.SEARCH):
                self._search().collect(variant, html)
        with self.timings.step(timing.PAGES):
            return self._page_content(html, page, variant, config)

    def _page_content(
        self, html: str, page: Page, variant: PageVariant | None, config: MkDocsConfig
    ) -> str:
        lang = variant.lang if variant else self._languages().default
        if variant is not None and self.anchor_map is not None:
            url = site.unquoted_url(page.file)
            html = retarget_links(html, url, lang, self.variants_by_url.get, self.anchor_map)
        html = say.render_say(html, say.labels_for(lang))
        if self.config.audience == output.PUBLIC:
            site_path = output.site_path(config)
            self.asset_refs |= assets.page_references(html, page.file.dest_uri, site_path)
        if variant is not None and variant.document.front.type == "faq":
            html, self.faq_items[page.file.src_uri] = faq_pages.render(html, lang)
        return html

    def on_env(self, env: Any, *, config: MkDocsConfig, files: Files) -> Any:
        # Every page is rendered by now and no file is copied yet: the moment to drop the
        # assets that no public page uses, and then to note what the site will contain.
        if self.config.audience == output.PUBLIC:
            with self.timings.step(timing.ASSETS):
                output.publish_assets(files, self.asset_refs, config, self.config.public_files, log)
        if self.links is not None:
            with self.timings.step(timing.LINKS):
                self.links.use_files(files)
        return env

    # -- rendering -----------------------------------------------------------------------

    @timed(timing.PAGES)
    def on_page_context(
        self, context: dict[str, Any], *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> dict[str, Any]:
        variant = self._plan().get(page.file.src_uri)
        if variant is not None:
            view = page_view(variant, self._plan(), self._languages(), self._url_of)
            extra = coverage.notices(variant, self.coverage)
            view = dataclasses.replace(view, notices=view.notices + extra)
        else:
            view = self._site_view(self._languages().default)
        if page.file.src_uri == coverage_page.PAGE and self.coverage is not None:
            context["kb_coverage"] = coverage_page.page_view(
                self.coverage, self._languages(), self._url_of
            )
        self._use_language(context, view, config, page)
        context["kb_search"] = self._search().view(view.lang, variant)
        if self.config.audience == output.PUBLIC:
            items = self.faq_items.get(page.file.src_uri, [])
            context["kb_jsonld"] = page_jsonld(items, variant, page.canonical_url)
        return context

    def _restore_after_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        self._restore_site_name(config)
        self.pages_rendered += 1
        return output

    @event_priority(-100)  # last, so links are read from the HTML exactly as it is written
    @timed(timing.LINKS)
    def _read_links(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        if self.links is not None:
            self.links.page_written(output, page)
        return output

    on_post_page = CombinedEvent(_restore_after_page, _read_links)

    def on_template_context(
        self, context: dict[str, Any], *, template_name: str, config: MkDocsConfig
    ) -> dict[str, Any]:
        # Static templates (404.html, sitemap.xml) belong to no language: use the default.
        self._use_language(context, self._site_view(self._languages().default), config)
        context["kb_search"] = self._search().view(self._languages().default)
        if template_name == "sitemap.xml":
            root = self._url_of(site.ROOT_PAGE)
            context["kb_sitemap"] = sitemap.sitemap_entries(
                self._plan(), self._url_of, config.site_url, root
            )
        return context

    def on_post_template(
        self, output_content: str, *, template_name: str, config: MkDocsConfig
    ) -> str:
        self._restore_site_name(config)
        if self.links is not None:
            with self.timings.step(timing.LINKS):
                self.links.template_written(output_content, template_name)
        return output_content

    # After other plugins: nothing else sees our per-page values, files that plugins write
    # in their on_post_build exist when links are checked, and the timings are complete.
    @event_priority(-100)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        self._restore_site_name(config)
        if self._partial_rebuild():
            return
        if self.links is not None:
            with self.timings.step(timing.LINKS):
                self._check_links(self.links, config)
        with self.timings.step(timing.SEARCH):
            self._write_search_index(config)
        timing.report(self.timings, log)

    def _partial_rebuild(self) -> bool:
        # `--dirty` renders only the pages whose sources changed: checking links on those
        # alone would report links into pages not read this time, and an index of them
        # alone would replace the whole site's search.
        pages = len(self.files.documentation_pages()) if self.files else 0
        if not self.dirty or self.pages_rendered >= pages:
            return False
        log.info(
            f"Dirty rebuild: {self.pages_rendered} of {pages} pages rendered, so links were "
            "not checked and the search index was kept from the last full build. Build "
            "without --dirty to check them."
        )
        return True

    def _check_links(self, links: LinkCollector, config: MkDocsConfig) -> None:
        report = links.finish(
            config, self._plan(), self._catalog(), self.config.links, self._levels()
        )
        self.link_report = report
        log.debug(report.cost())
        site.log_findings(log, report.findings, report.levels)
        if report.errors:
            raise PluginError(report.failure())

    def _write_search_index(self, config: MkDocsConfig) -> None:
        report = self._search().write(Path(config.site_dir))
        for message in report.messages:
            log.warning(f"Search: Pagefind: {message}")
        if report.pages:
            pages = ", ".join(f"{code} {count}" for code, count in report.pages.items())
            log.debug(f"Search index written (pages per language: {pages})")

    def on_build_error(self, *, error: Exception) -> None:
        if self.config.audience == output.PUBLIC and self._site_dir:
            output.discard(self._site_dir)

    # -- helpers -------------------------------------------------------------------------

    def _use_language(
        self,
        context: dict[str, Any],
        view: PageView,
        config: MkDocsConfig,
        page: Page | None = None,
    ) -> None:
        context["kb"] = view
        context["kb_audience"] = self.config.audience
        context["kb_languages"] = self._languages()
        menu = self.menus.for_page(view.lang, page) if self.menus else None
        if menu is not None:
            context["nav"] = menu
        # Material reads the site name from config in several partials; give each page its
        # language's name for the time it is rendered, then put the configured one back.
        if self._site_name is None:
            self._site_name = config.site_name
        config.site_name = view.site_name

    def _restore_site_name(self, config: MkDocsConfig) -> None:
        if self._site_name is not None:
            config.site_name = self._site_name
            self._site_name = None

    def _site_view(self, lang: str) -> PageView:
        homes = {}
        for code in self._languages().codes:
            url = self._url_of(f"{code}/index.md")
            if url is not None:
                homes[code] = url
        return site_view(lang, self._languages(), homes)

    def _url_of(self, docs_path: str) -> str | None:
        file = self.files.get_file_from_path(docs_path) if self.files else None
        return file.url if file is not None else None

    def _levels(self) -> dict[str, int]:
        return dict(self.config.validation)

    def _languages(self) -> LanguageSet:
        if self.languages is None:
            raise PluginError("kb plugin: on_config has not run")
        return self.languages

    def _plan(self) -> SitePlan:
        if self.plan is None:
            raise PluginError("kb plugin: on_files has not run")
        return self.plan

    def _catalog(self) -> Catalog:
        if self.catalog is None:
            raise PluginError("kb plugin: on_files has not run")
        return self.catalog

    def _search(self) -> SearchBuild:
        if self.search is None:
            raise PluginError("kb plugin: on_files has not run")
        return self.search
