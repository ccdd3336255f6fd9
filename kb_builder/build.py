"""One build of the site: what kb_builder knows once the files are read, and the work each
page needs on its way through MkDocs.

The plugin starts a `SiteBuild` in `on_files` and hands it every page and template; the
next build (a `mkdocs serve` rebuild) starts a new one, so nothing leaks between builds.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from kb_builder import home, output, preview, say, site, sitemap, strict, theme, timing
from kb_builder.config import KbConfig, currencies
from kb_builder.content import assets, discovery, lint
from kb_builder.content.cache import ParseCache
from kb_builder.content.loader import LoadResult, load_catalog
from kb_builder.content.model import Catalog, Document
from kb_builder.desk import build as desk_build
from kb_builder.desk import start as desk_start
from kb_builder.faq import pages as faq_pages
from kb_builder.faq.jsonld import page_jsonld
from kb_builder.findings import Finding, sort_findings
from kb_builder.helpcentre.view import HelpCentre
from kb_builder.i18n import coverage, coverage_page, history, permalinks
from kb_builder.i18n.anchors import AnchorMap, retarget_links
from kb_builder.i18n.languages import LanguageSet
from kb_builder.i18n.navigation import Menus, split_navigation
from kb_builder.i18n.plan import PageVariant, SitePlan, plan_site
from kb_builder.i18n.view import PageView, customer_notices, page_view, site_view
from kb_builder.search import pages as search_pages
from kb_builder.search import scripts as search_scripts
from kb_builder.search import synonyms
from kb_builder.search.build import SearchBuild

log = strict.get_logger(__name__)


@dataclass
class SiteBuild:
    options: KbConfig
    languages: LanguageSet
    catalog: Catalog
    plan: SitePlan
    coverage: coverage.CoverageReport
    files: Files
    search: SearchBuild
    anchor_map: AnchorMap
    variants_by_url: dict[str, PageVariant]
    menus: Menus | None = None
    faq_items: dict[str, list[faq_pages.FaqItem]] = field(default_factory=dict)
    page_assets: dict[str, set[str]] = field(default_factory=dict)
    """Site paths of the files each public page refers to; the rest are not copied."""
    _urls: dict[str, str | None] = field(default_factory=dict)
    _unlisted_languages: set[str] = field(default_factory=set)
    """Languages whose search lost a page in a preview rebuild (see `_decide`)."""
    _front_texts: dict[int, str] = field(default_factory=dict)
    site_inputs: int | None = None
    """A preview's digest of what pages show of other articles (see `_site_inputs`)."""
    configured_site_name: str | None = None
    preview_state: preview.PreviewState | None = None
    """Set under `mkdocs serve --dirty`: the last build, to render only what changed."""
    site_key: str = ""
    decision: preview.Decision | None = None
    help_centre: HelpCentre | None = None
    """Contact details, breadcrumbs, related articles, feedback (see kb_builder/helpcentre)."""
    desk: desk_build.DeskBuild | None = None
    """The agent desk's additions; None in the public build."""

    @property
    def public(self) -> bool:
        return self.options.audience == output.PUBLIC

    # -- pages ---------------------------------------------------------------------------

    def use_navigation(self, nav: Navigation) -> None:
        navigations = split_navigation(nav, self.plan)
        coverage_url = self.url_of(coverage_page.PAGE)
        if self.desk is not None and coverage_url is not None:
            desk_start.add_to_menus(nav, navigations, coverage_url)
        self.menus = Menus(navigations, self.options.nav_scope)
        if self.preview_state is not None:
            self.decision = self._decide(self.preview_state)
            log.info(self.decision.summary())

    @property
    def asset_refs(self) -> set[str]:
        return set().union(*self.page_assets.values())

    def page_markdown(self, markdown: str, page: Page) -> str:
        variant = self.plan.get(page.file.src_uri)
        if variant is not None:
            page.meta = site.page_meta(variant.document)
            if self.desk is not None:
                self.desk.page_meta(variant, page.meta)
        elif page.file.src_uri == site.ROOT_PAGE:
            page.meta = theme.chooser_meta(self.languages)
        elif page.file.src_uri == coverage_page.PAGE:
            page.meta = coverage_page.page_meta(self.languages.default)
        return markdown

    def page_html(self, html: str, page: Page, config: MkDocsConfig) -> str:
        """The page's HTML with links retargeted across languages, say blocks and FAQs."""
        variant = self.plan.get(page.file.src_uri)
        lang = variant.lang if variant else self.languages.default
        if variant is not None:
            url = site.unquoted_url(page.file)
            html = retarget_links(html, url, lang, self.variants_by_url.get, self.anchor_map)
        if self.public:
            # Customers get the phrase as an ordinary quotation, without agents' tools.
            say.check_no_agent_only(html, page.file.src_uri)
            html = say.render_quotes(html)
        else:
            html = say.render_say(html, say.labels_for(lang))
        if self.public:
            site_path = output.site_path(config)
            self.page_assets[page.file.src_uri] = assets.page_references(
                html, page.file.dest_uri, site_path
            )
        if variant is not None and variant.document.front.type == "faq":
            html, self.faq_items[page.file.src_uri] = faq_pages.render(html, lang)
        if self.desk is not None:
            html = self.desk.page_html(html, variant, page.file.url)
        # The public home pages only: on the agent desk a language's home is its start page.
        if self.public and variant is not None and home.is_home(variant.docs_path, lang):
            html = self._home_page(html, page, lang)
        return permalinks.localise(html, lang, permalinks.site_title(config.mdx_configs))

    def _home_cards(self, lang: str) -> list[home.Card]:
        navigation = self.menus.navigations.get(lang) if self.menus else None
        return home.section_cards(navigation, self.plan) if navigation else []

    def _home_page(self, html: str, page: Page, lang: str) -> str:
        cards = self._home_cards(lang)
        html, dropped = home.arrange(
            html,
            page_url=page.url,
            lang=lang,
            cards=cards,
            text=home.words(lang),
            search=self.options.search.enabled,
        )
        page.toc.items = [item for item in page.toc.items if item.id not in dropped]
        return html

    def page_context(
        self, context: dict[str, Any], page: Page, config: MkDocsConfig
    ) -> dict[str, Any]:
        variant = self.plan.get(page.file.src_uri)
        if variant is not None and variant.is_fallback and page.canonical_url:
            # The page is a copy of the version it shows (the article's original, unless the
            # language's `fallback:` list chose a translation): point search engines there,
            # as the sitemap does by leaving fallback pages out.
            original = self.url_of(variant.document.docs_path)
            if original is not None and config.site_url:
                page.canonical_url = urljoin(config.site_url.rstrip("/") + "/", original)
        if variant is not None:
            view = page_view(variant, self.plan, self.languages, self.url_of)
            extra = coverage.notices(variant, self.coverage)
            extra = customer_notices(extra, self.options.audience, self.options.stale_notice)
            view = dataclasses.replace(view, notices=view.notices + extra)
        else:
            view = self.site_view(self.languages.default)
        if page.file.src_uri == coverage_page.PAGE:
            context["kb_coverage"] = coverage_page.page_view(
                self.coverage, self.languages, self.url_of
            )
        self._use_language(context, view, config, page)
        context["kb_search"] = self.search.view(view.lang, variant)
        if self.help_centre is not None:
            context["kb_help"] = (
                self.help_centre.page(variant, self.url_of)
                if variant is not None
                else self.help_centre.site(view.lang)
            )
        if self.desk is not None:
            context["kb_desk"] = self.desk.view(view.lang, variant, self.url_of)
        if self.public:
            items = self.faq_items.get(page.file.src_uri, [])
            context["kb_jsonld"] = page_jsonld(items, variant, page.canonical_url)
        return context

    def template_context(
        self, context: dict[str, Any], template_name: str, config: MkDocsConfig
    ) -> dict[str, Any]:
        # Static templates (404.html, sitemap.xml) belong to no language: use the default.
        default = self.languages.default
        self._use_language(context, self.site_view(default), config)
        every = template_name == "404.html"
        context["kb_search"] = self.search.view(default, every_language=every)
        if self.help_centre is not None:
            context["kb_help"] = self.help_centre.site(default, every_language=every)
        if self.desk is not None:
            context["kb_desk"] = self.desk.view(default, None, self.url_of)
        if template_name == "sitemap.xml":
            context["kb_sitemap"] = self._sitemap(config)
        return context

    def _sitemap(self, config: MkDocsConfig) -> str:
        # A preview keeps the last sitemap while nothing it lists can have changed.
        root = self.url_of(site.ROOT_PAGE)
        state, key = self.preview_state, None
        if state is not None and self.site_inputs is not None:
            key = hash((self.site_key, self.site_inputs, config.site_url, root))
            if state.sitemap is not None and state.sitemap[0] == key:
                return state.sitemap[1]
        xml = sitemap.render(sitemap.sitemap_entries(self.plan, self.url_of, config.site_url, root))
        if state is not None and key is not None:
            state.sitemap = (key, xml)
        return xml

    def restore_site_name(self, config: MkDocsConfig) -> None:
        """Put back the configured site name once a page or template is written."""
        if self.configured_site_name is not None:
            config.site_name = self.configured_site_name
            self.configured_site_name = None

    def _use_language(
        self,
        context: dict[str, Any],
        view: PageView,
        config: MkDocsConfig,
        page: Page | None = None,
    ) -> None:
        context["kb"] = view
        context["kb_audience"] = self.options.audience
        context["kb_languages"] = self.languages
        menu = self.menus.for_page(view.lang, page) if self.menus else None
        if menu is not None:
            context["nav"] = menu
        # Material reads the site name from config in several partials; give each page its
        # language's name for the time it is rendered (see restore_site_name).
        if self.configured_site_name is None:
            self.configured_site_name = config.site_name
        config.site_name = view.site_name

    def site_view(self, lang: str) -> PageView:
        homes = {}
        for code in self.languages.codes:
            url = self.url_of(f"{code}/index.md")
            if url is not None:
                homes[code] = url
        return site_view(lang, self.languages, homes)

    def url_of(self, docs_path: str) -> str | None:
        # Asked several times per page (the language switcher): remembered, since the
        # files do not change once the build has started.
        if docs_path not in self._urls:
            file = self.files.get_file_from_path(docs_path)
            self._urls[docs_path] = file.url if file is not None else None
        return self._urls[docs_path]

    # -- previews: render only what changed (mkdocs serve --dirty) ----------------------

    def _decide(self, state: preview.PreviewState) -> preview.Decision:
        documents = [
            (file, self.plan.get(file.src_uri)) for file in self.files.documentation_pages()
        ]
        # Pages that are not rendered again still stand in the menus of those that are:
        # give every page its title and meta now, as rendering would.
        for file, variant in documents:
            if variant is not None and file.page is not None:
                file.page.meta = site.page_meta(variant.document)
                file.page.title = file.page.meta["title"]  # type: ignore[misc]
        fingerprints = preview.Fingerprints(
            preview.PageInputs(
                variant_at_path=self.plan.get,
                variant_at_url=self.variants_by_url.get,
                url_of=self.url_of,
                anchors=self.anchor_map.anchors,
                details=self._page_details,
                front_text=self.front_text,
            )
        )

        # A page's fingerprint is worked out again only when what it is made of may have
        # changed: the rest of the site (`_site_inputs`) or its own article's files.
        site_inputs = self.site_inputs = self._site_inputs()
        known, inputs = state.inputs, {}

        def pages():
            for file, variant in documents:
                page = file.page
                fingerprint = None
                if variant is not None and page is not None:
                    menu = self.menus.for_page(variant.lang, page) if self.menus else None
                    key = hash((site_inputs, self._article_inputs(variant), page.url,
                                fingerprints.menu(menu), preview.neighbours(page)))  # fmt: skip
                    last = known.get(file.src_uri)
                    if last is not None and last[0] == key:
                        fingerprint = last[1]
                    else:
                        fingerprint = fingerprints.page(variant, page, menu)
                    inputs[file.src_uri] = (key, fingerprint)
                yield file, variant, fingerprint

        decision = preview.decide(state, self.site_key, pages())
        decision.inputs = inputs
        # Pagefind reads the kept copies of the pages not rendered again: drop those of
        # pages gone or no longer searched (all of them when everything is rendered).
        self._unlisted_languages = self.search.keep_copies_of(
            set()
            if decision.everything
            else {
                file.dest_uri
                for file, variant in documents
                if variant is not None and search_pages.is_indexed(variant)
            }
        )
        if not decision.everything:
            # Pictures the kept pages use are still used (public builds copy only those).
            for uri in decision.keep & state.assets.keys():
                self.page_assets[uri] = state.assets[uri]
        return decision

    def _site_inputs(self) -> int:
        """What a page can show of other articles: their front matter, anchors, where and
        how each is published, which pages link to which (search records). Their text only
        counts through these (and through the translation states of a page's own article,
        see `_article_inputs`)."""
        articles = []
        for article in self.catalog:
            documents = tuple(
                (lang, self.front_text(document), tuple(self.anchor_map.anchors(document)))
                for lang, document in sorted(article.documents.items())
            )
            articles.append((article.rel, article.original_language, documents))
        variants = tuple(
            (path, variant.status, variant.document.lang)
            for path, variant in self.plan.variants.items()
        )
        # Search records say whether other pages link to a page.
        cited = tuple(sorted(self.search.citations().items()))
        return hash((tuple(articles), variants, cited))

    def front_text(self, document: Document) -> str:
        """A document's front matter as text, for fingerprints: worked out once per build
        (each page's fingerprint reads every version of its article)."""
        text = self._front_texts.get(id(document))
        if text is None:
            text = self._front_texts[id(document)] = repr(document.front)
        return text

    def _article_inputs(self, variant: PageVariant) -> tuple:
        article = variant.article
        states = ()
        if self.coverage is not None:
            states = tuple(
                (state.status, state.source_hash)
                for lang in self.plan.languages
                if (state := self.coverage.state(lang, article.rel)) is not None
            )
        bodies = tuple((lang, doc.body) for lang, doc in sorted(article.documents.items()))
        return (variant.docs_path, variant.status, variant.document.lang, bodies, states)

    def _page_details(self, variant: PageVariant) -> object:
        # What the templates see of the page (kb.*, kb_search), as page_context makes it.
        view = page_view(variant, self.plan, self.languages, self.url_of)
        return (
            view.status,
            view.content_lang,
            view.alternates,
            view.notices,
            coverage.notices(variant, self.coverage),
            self.search.view(variant.lang, variant),
            self.url_of(variant.document.docs_path),
            # Every language version's front matter: audiences and dates of the article's
            # other versions show on the page (the switcher, links to its public version).
            sorted((lang, self.front_text(doc)) for lang, doc in variant.article.documents.items()),
            # Breadcrumbs and related articles show other pages' titles and descriptions.
            self.help_centre.page(variant, self.url_of) if self.help_centre else None,
            # A home page shows every section's card (the description of its index page).
            self._home_cards(variant.lang) if home.is_home(variant.docs_path, variant.lang) else (),
        )

    def carry_over_search(self) -> None:
        """Hand search what the pages not rendered again contributed to the last build,
        once every page is rendered and before MkDocs writes any: a language whose search
        text changed is then indexed as soon as its last page is written."""
        state, decision = self.preview_state, self.decision
        if state is None or decision is None or decision.everything:
            return
        pages = self.files.documentation_pages()
        kept = [file for file in pages if file.src_uri in decision.keep]
        written = [file for file in pages if file.src_uri not in decision.keep]
        self.search.start_preview(
            pages_to_write=sum(1 for file in written if self.plan.get(file.src_uri) is not None),
            lost_pages=self._unlisted_languages,
        )
        for file in kept:
            variant = self.plan.get(file.src_uri)
            if variant is not None:
                self.search.carry_over(variant, file.dest_uri, state.words.get(file.src_uri))

    def carry_over_links(self, links: Any | None) -> None:
        """Hand the link checks what the pages not rendered again found in the last build;
        call at the end of the build, before links are checked."""
        state, decision = self.preview_state, self.decision
        if state is None or decision is None or decision.everything or links is None:
            return
        for file in self.files.documentation_pages():
            if file.src_uri in decision.keep and file.dest_uri in state.links:
                links.pages.setdefault(file.dest_uri, state.links[file.dest_uri])

    def remember(self, links: Any | None, site_dir: str) -> None:
        """Keep this build's fingerprints and readings for the next preview build, and
        remove what the last build wrote that this one does not."""
        state, decision = self.preview_state, self.decision
        if state is None or decision is None:
            return
        outputs = {file.dest_uri for file in self.files}
        preview.remove_stale_outputs(site_dir, state.outputs, outputs)
        state.site = self.site_key
        state.pages = dict(decision.fingerprints)
        state.inputs = decision.inputs
        state.outputs = outputs
        if links is not None:
            state.links = dict(links.pages)
        state.words.update(self.search.page_words)
        for gone in set(state.words) - set(decision.fingerprints):
            del state.words[gone]
        state.assets = {
            uri: refs for uri, refs in self.page_assets.items() if uri in decision.fingerprints
        }

    # -- the end of the build ------------------------------------------------------------

    def write_search_index(self) -> None:
        report = self.search.write()
        for message in report.messages:
            log.warning(f"Search: Pagefind: {message}")
        if report.pages:
            pages = ", ".join(f"{code} {count}" for code, count in report.pages.items())
            log.debug(f"Search index written (pages per language: {pages})")

    def write_desk_files(self, site_dir: str) -> None:
        """The agent desk's phrase index (internal builds only)."""
        if self.desk is None:
            return
        if self.decision is not None and not self.decision.everything:
            # A preview that rendered only what an edit changed: keep the other pages' phrases.
            pages = [file.url for file in self.files.documentation_pages()]
            self.desk.write(Path(site_dir), pages)
        else:
            self.desk.write(Path(site_dir))


def start(
    files: Files,
    config: MkDocsConfig,
    options: KbConfig,
    languages: LanguageSet,
    *,
    cache: ParseCache,
    timings: timing.Timings,
    preview_state: preview.PreviewState | None = None,
    found: discovery.Scan,
    lint_cache: lint.LintCache | None = None,
) -> SiteBuild:
    """Read and check every article, log what editors should know, and publish the plan.

    Raises PluginError, and publishes nothing, when any article cannot be read.
    """
    with timings.step(timing.CONTENT):
        collided = discovery.keep_usable(files, config, found, languages.codes)
        result = _load(files, config, languages, cache, collided)
        plan = plan_site(result.catalog, options.audience, options.fallback)
    with timings.step(timing.COVERAGE):
        report = history.measure_with_history(
            result.catalog,
            options.audience,
            options.min_coverage,
            Path(config.docs_dir) if options.git_history else None,
        )
        findings = coverage.findings(report)
        shortfalls = coverage.shortfalls(report)
    with timings.step(timing.CONTENT):
        findings += result.warnings + plan.findings
        findings += faq_pages.check_catalog(result.catalog)
        findings += lint.lint_catalog(result.catalog, currencies(options), lint_cache)
        site.log_findings(log, findings, dict(options.validation))
        for message in shortfalls:
            log.warning(message)
        # Read, and kept out of the site, before MkDocs copies the language folders.
        synonym_files = synonyms.take_files(files, languages.codes, site.docs_dir_shown(config))
        search_scripts.keep_sources_out(files)
        published = site.publish(files, plan, config)
        desk = None
        if options.audience == "internal":
            coverage_page.add_page(published, config)
            problems = desk_build.problems(options.desk, plan, config.site_url)
            if problems:
                for message in problems:
                    log.error(message)
                raise PluginError(f"{len(problems)} problem(s) with the desk options; see above.")
            desk = desk_build.start_desk(options.desk, result.catalog, plan, languages)
        else:
            for file in [f for f in published if f.dest_uri.startswith(desk_build.ASSETS)]:
                # The desk's scripts and styles are no business of the public site.
                published.remove(file)
        site_key = ""
        if preview_state is not None:
            published = Files(
                [
                    preview.preview_file(file) if file.is_documentation_page() else file
                    for file in published
                ]
            )
            site_key = preview.site_fingerprint(
                config.config_file_path,
                config.theme.dirs,
                (file.src_uri for file in published if not file.is_documentation_page()),
            )
        return SiteBuild(
            options=options,
            languages=languages,
            catalog=result.catalog,
            plan=plan,
            coverage=report,
            files=published,
            search=SearchBuild(
                options.search.enabled,
                plan,
                languages,
                Path(config.site_dir),
                Path(config.config_file_path).parent if config.config_file_path else None,
                synonyms=synonym_files,
                kept_copies=preview_state.search_copies if preview_state is not None else None,
                last_words=preview_state.words if preview_state is not None else None,
                language_words={
                    file.lang: synonyms.language_words(result.catalog.documents(), file.lang)
                    for file in synonym_files
                },
            ),
            anchor_map=AnchorMap(plan),
            variants_by_url=site.variants_by_url(published, plan),
            preview_state=preview_state,
            site_key=site_key,
            help_centre=HelpCentre(
                options, plan, {lang.code: lang.site_name for lang in languages}, config.extra
            ),
            desk=desk,
        )


def scan_files(config: MkDocsConfig) -> discovery.Scan:
    """Walk docs_dir by kb_builder's rules before MkDocs does (see `content.discovery`).

    Raises PluginError, naming every path, when a link leaves the folder, dangles or loops,
    or a file is not a regular file: MkDocs would follow, block on or publish it.
    """
    found = discovery.scan_docs_dir(config)
    if found.errors:
        _fail(found.errors)
    return found


def _fail(errors: list[Finding]) -> None:
    for finding in sort_findings(errors):
        log.error(str(finding))
    count = len(errors)
    raise PluginError(
        f"{count} content error{'s' if count != 1 else ''}; nothing was published. "
        "Fix the files listed above and build again."
    )


def _load(
    files: Files,
    config: MkDocsConfig,
    languages: LanguageSet,
    cache: ParseCache,
    file_errors: list[Finding],
) -> LoadResult:
    result = load_catalog(
        site.markdown_sources(files.documentation_pages(), config),
        languages.codes,
        languages.default,
        cache,
    )
    result.errors[:0] = file_errors
    if result.errors:
        _fail(result.errors)
    return result
