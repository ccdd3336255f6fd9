"""The `kb` MkDocs plugin: wires MkDocs events to the kb_builder modules.

The work lives elsewhere: `build.py` holds what one build knows and does per page,
`content/` reads and validates articles, `i18n/` decides which page is published in which
language, `checks/` and `search/` each do one job. This class keeps what outlives a build
(the parse cache of `mkdocs serve`), resets the rest in `on_config`, and times each kb step
for the benchmark (`timing`).
"""

from __future__ import annotations

from typing import Any, Literal

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import ConfigurationError, PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from kb_builder import agent_only, build, output, site, strict, theme, timing, unused
from kb_builder.build import SiteBuild
from kb_builder.checks.collector import LinkCollector, LinkReport
from kb_builder.config import KbConfig
from kb_builder.content import discovery
from kb_builder.content.cache import ParseCache
from kb_builder.content.lint import LintCache
from kb_builder.content.slugs import unicode_slugify
from kb_builder.helpcentre import view as helpcentre
from kb_builder.i18n import coverage
from kb_builder.i18n.languages import LanguageSet, build_language_set, fallback_problem
from kb_builder.preview import PreviewState
from kb_builder.timing import timed

log = strict.get_logger(__name__)


class KbPlugin(BasePlugin[KbConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        # Kept across the builds of one `mkdocs serve` (see on_startup).
        self.cache = ParseCache()
        self.lint_cache = LintCache()
        self.preview = PreviewState()
        self.templates = theme.CompiledTemplates()
        self.command = "build"
        self.dirty = False
        self._reset()

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        # Defining this event keeps one plugin object for all the rebuilds of `mkdocs serve`,
        # so the parse cache survives from one save to the next.
        self.command = command
        self.dirty = dirty

    def on_shutdown(self) -> None:
        # After Ctrl-C, which ends a build without on_build_error: drop its staging folder.
        output.discard(self._staging, None, self.config.audience)
        self._staging = None
        # MkDocs may reuse this object for another command in the same process.
        self.command, self.dirty = "build", False
        self.cache = ParseCache()
        self.lint_cache = LintCache()
        self.preview.forget()  # removes its copies of the pages for search
        self.preview.release_memory()
        self.preview = PreviewState()
        self.templates = theme.CompiledTemplates()

    def _reset(self) -> None:
        self.timings = timing.Timings()
        self.languages: LanguageSet | None = None
        self.site_build: SiteBuild | None = None
        self.links: LinkCollector | None = None
        self.link_report: LinkReport | None = None
        self._site_dir: str | None = None
        self._staging: str | None = None
        """The folder this build writes into, until it replaces `_site_dir` (see output)."""
        self.found = discovery.Scan()

    # -- configuration -------------------------------------------------------------------

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self._reset()
        strict.COUNT.reset()
        self._site_dir = config.site_dir
        output.check_dirty(self.config.audience, self.dirty, self.command)
        discovery.use_content_dir(config, self.config.content_dir)
        theme.add_kb_templates(config)
        languages = build_language_set(
            self.config.languages,
            self.config.default_language,
            config.site_name,
            config.theme.dirs,
        )
        if isinstance(languages, str):
            raise ConfigurationError(f"kb plugin: {languages}")
        problem = coverage.minimum_problem(
            self.config.min_coverage, languages.codes
        ) or fallback_problem(self.config.fallback, languages.codes)
        if problem is not None:
            raise ConfigurationError(f"kb plugin: {problem}")
        try:
            for message in helpcentre.check_options(self.config, languages.codes):
                log.warning(message)
        except ValueError as error:
            raise ConfigurationError(f"kb plugin: {error}") from None
        self.languages = languages
        self.found = build.scan_files(config)
        theme.use_languages(config, languages)
        if self.config.search.enabled and "material/search" in config.plugins:
            log.info(
                "Material's 'search' plugin is enabled, but kb_builder builds its own search "
                "(Pagefind, every language); Material's index is not used. Remove 'search' "
                "from 'plugins:' in mkdocs.yml."
            )
        config.mdx_configs.setdefault("toc", {}).setdefault("slugify", unicode_slugify)
        if self.config.audience == output.PUBLIC:
            agent_only.use(config.markdown_extensions)
        if self.config.links.check:
            self.links = LinkCollector()
            self.links.configure(config)
            if self.dirty:
                self.links.memo = self.preview.link_checks
        if self.command != "serve" and not self.dirty:
            # `mkdocs serve` builds into a private temporary folder already; dirty builds
            # must reuse the output folder.
            self._staging = output.staging_dir(config.site_dir)
            config.site_dir = self._staging
        return config

    # -- content -------------------------------------------------------------------------

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        if self.languages is None:
            raise PluginError("kb plugin: on_config has not run")
        self.site_build = build.start(
            files,
            config,
            self.config,
            self.languages,
            cache=self.cache,
            timings=self.timings,
            # `--dirty` renders again only the pages an edit changes (see preview.py).
            preview_state=self.preview if self.dirty else None,
            found=self.found,
            lint_cache=self.lint_cache,
        )
        dropped = unused.drop_unused(
            self.site_build.files, config, kb_search=self.config.search.enabled
        )
        log.debug(f"{len(dropped)} files of Material left out (its search, source maps)")
        return self.site_build.files

    @timed(timing.NAVIGATION)
    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        self._site().use_navigation(nav)
        return nav

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        # MkDocs watches docs_dir; with content_dir set, that is the articles' folder only
        # once on_config has run, so name it here too.
        server.watch(config.docs_dir)
        return server

    @event_priority(100)  # before other plugins, so they see kb's meta
    @timed(timing.PAGES)
    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        return self._site().page_markdown(markdown, page)

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        current = self._site()
        if self.links is not None:
            with self.timings.step(timing.LINKS):
                self.links.page_rendered(page)
        variant = current.plan.get(page.file.src_uri)
        if variant is not None:
            with self.timings.step(timing.SEARCH):
                current.search.collect(variant, html)
        with self.timings.step(timing.PAGES):
            return current.page_html(html, page, config)

    def on_env(self, env: Any, *, config: MkDocsConfig, files: Files) -> Any:
        if self.command == "serve":
            env.bytecode_cache = self.templates
        # Every page is rendered by now and no file is copied yet: the moment to drop the
        # assets that no public page uses, and then to note what the site will contain.
        if self.config.audience == output.PUBLIC:
            with self.timings.step(timing.ASSETS):
                refs = self._site().asset_refs
                output.publish_assets(files, refs, config, self.config.public_files, log)
        if self.links is not None:
            with self.timings.step(timing.LINKS):
                self.links.use_files(files)
        with self.timings.step(timing.SEARCH):
            self._site().carry_over_search()
        return env

    # -- rendering -----------------------------------------------------------------------

    def on_page_context(
        self, context: dict[str, Any], *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> dict[str, Any]:
        with self.timings.step(timing.PAGES):
            return self._site().page_context(context, page, config)

    def _restore_after_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        self._site().restore_site_name(config)
        return output

    @event_priority(-100)  # last: links and search read the HTML exactly as it is written
    def _read_written_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        if self.links is not None:
            with self.timings.step(timing.LINKS):
                self.links.page_written(output, page)
        current = self._site()
        with self.timings.step(timing.SEARCH):
            variant = current.plan.get(page.file.src_uri)
            current.search.page_written(variant, output, page.file.dest_uri)
        return output

    on_post_page = CombinedEvent(_restore_after_page, _read_written_page)

    def on_template_context(
        self, context: dict[str, Any], *, template_name: str, config: MkDocsConfig
    ) -> dict[str, Any]:
        return self._site().template_context(context, template_name, config)

    def on_post_template(
        self, output_content: str, *, template_name: str, config: MkDocsConfig
    ) -> str:
        self._site().restore_site_name(config)
        if self.links is not None:
            with self.timings.step(timing.LINKS):
                self.links.template_written(output_content, template_name)
        return output_content

    # After other plugins: nothing else sees our per-page values, files that plugins write
    # in their on_post_build exist when links are checked, and the timings are complete.
    @event_priority(-100)
    def _post_build(self, *, config: MkDocsConfig) -> None:
        current = self._site()
        current.restore_site_name(config)
        current.carry_over_links(self.links)
        current.search.pack_scripts(current.files)
        if self.links is not None:
            with self.timings.step(timing.LINKS):
                self._check_links(self.links, current, config)
        # Pagefind is indexing the changed languages now: the moment to collect garbage.
        self.preview.collect_garbage()
        with self.timings.step(timing.SEARCH):
            current.write_search_index()
        current.remember(self.links, config.site_dir)
        current.write_desk_files(config.site_dir)
        timing.report(self.timings, log)
        if self.command == "serve":
            self.preview.settle_memory()

    # Last of all plugins' on_post_build: the build is complete once they have run. MkDocs
    # checks --strict after this event, so a build it will fail is not published.
    @event_priority(-10_000)
    def _publish(self, *, config: MkDocsConfig) -> None:
        strict.check(config, log)
        if self._staging is None or self._site_dir is None:
            return
        if output.strict_failure_pending(config):
            return  # MkDocs aborts next; on_build_error removes the staging folder
        output.publish(self._staging, self._site_dir, self.config.audience)
        self._staging = None
        config.site_dir = self._site_dir

    on_post_build = CombinedEvent(_post_build, _publish)

    def _check_links(self, links: LinkCollector, current: SiteBuild, config: MkDocsConfig) -> None:
        report = links.finish(
            config, current.plan, current.catalog, self.config.links, dict(self.config.validation)
        )
        self.link_report = report
        log.debug(report.cost())
        site.log_findings(log, report.findings, report.levels)
        if report.errors:
            raise PluginError(report.failure())

    def on_build_error(self, *, error: Exception) -> None:
        self.preview.forget()
        if self.site_build is not None:
            self.site_build.search.stop()
        output.discard(self._staging, self._site_dir, self.config.audience)
        self._staging = None

    def _site(self) -> SiteBuild:
        if self.site_build is None:
            raise PluginError("kb plugin: on_files has not run")
        return self.site_build
