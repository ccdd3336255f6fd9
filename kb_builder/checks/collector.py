"""The link checks' side of a build: what the plugin hands over at each MkDocs event.

Pages are read as they are written (`on_post_page`), because only the finished HTML shows
every link a reader can follow, the theme's included; they are checked once all are known
(`on_post_build`). Nothing here depends on the log level, so `mkdocs build -v` checks
exactly what `mkdocs build` does.
"""

from __future__ import annotations

import enum
import logging
import os
import time
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from kb_builder import __version__
from kb_builder.checks import summary
from kb_builder.checks.external import ExternalChecker, ExternalOptions
from kb_builder.checks.html import HtmlLink, material_menu, scan, scan_links
from kb_builder.checks.internal import LinkChecker
from kb_builder.checks.locate import Templates
from kb_builder.checks.markdown import LinkRecorder
from kb_builder.checks.memo import CheckMemo
from kb_builder.checks.model import ERROR_KINDS, BuiltPage, ContentLink, Context
from kb_builder.checks.sitemap import SiteMap, site_host, site_path_of
from kb_builder.config import LinksConfig
from kb_builder.content.model import Catalog
from kb_builder.findings import Finding
from kb_builder.i18n.plan import SitePlan
from kb_builder.site import docs_dir_shown
from kb_builder.theme import templates_dir

DEFAULT_CACHE = ".cache/kb/links.json"

MENU_TEMPLATES = ("nav.html", "nav-item.html")
"""Material's templates that draw the navigation menu; a site overriding one is read whole."""

_MKDOCS_LINK_CHECKS = ("not_found", "anchors", "unrecognized_links", "absolute_links")


@dataclass
class LinkReport:
    """The outcome of one check: findings plus what was looked at."""

    findings: list[Finding] = field(default_factory=list)
    pages: int = 0
    links: int = 0
    external: int = 0
    """Web addresses checked (0 when external checks were off)."""
    seconds: float = 0.0
    """Processor time the link checks took during the build (web addresses not counted)."""
    levels: dict[str, int] = field(default_factory=dict)
    """Log level per kind of finding."""

    @property
    def errors(self) -> list[Finding]:
        return [finding for finding in self.findings if finding.kind in ERROR_KINDS]

    def failure(self) -> str:
        """Why the build stops, once the errors are logged."""
        count = len(self.errors)
        return (
            f"{count} link error{'s' if count != 1 else ''}: unsafe links, or public pages "
            "linking to internal ones. Fix the files listed above and build again."
        )

    def cost(self) -> str:
        return f"link checks: {self.links} links on {self.pages} pages, {self.seconds:.2f} s"


def levels(configured: dict[str, int]) -> dict[str, int]:
    """Log level per kind: as configured, and always ERROR for the kinds that fail builds."""
    return {**configured, **dict.fromkeys(ERROR_KINDS, logging.ERROR)}


def quiet_mkdocs_link_validation(config: MkDocsConfig) -> None:
    """Turn MkDocs' own link messages down to debug while kb_builder checks links.

    MkDocs reports some of the same problems, once per language site, differently with
    `-v`, and with false alarms (percent-encoded anchors); one voice is enough. The
    `relative_to_docs` setting of `absolute_links` changes how links are written, so it
    stays.
    """
    links = config.validation.links
    for name in _MKDOCS_LINK_CHECKS:
        if not isinstance(links[name], enum.Enum):
            links[name] = logging.DEBUG


def external_options(options: LinksConfig, config: MkDocsConfig) -> ExternalOptions:
    """External-check settings from the plugin options, with the cache next to mkdocs.yml."""
    root = Path(config.config_file_path or "mkdocs.yml").resolve().parent
    cache = None
    if options.cache_age > 0:
        cache = root / (options.cache or DEFAULT_CACHE)
    agent = f"kb_builder/{__version__} link check"
    if config.site_url:
        agent += f" (+{config.site_url})"
    return ExternalOptions(
        timeout=float(options.timeout),
        retries=max(0, options.retries),
        concurrency=int(options.concurrency),
        per_host=int(options.per_host),
        cache=cache,
        cache_age=options.cache_age,
        exclude=tuple(options.exclude),
        user_agent=agent,
    )


def _timed(method: Callable) -> Callable:
    """Count the processor time a collector method takes, to report what checks cost."""

    def timed(self: LinkCollector, *args: object, **kwargs: object) -> object:
        start = time.process_time()
        try:
            return method(self, *args, **kwargs)
        finally:
            self.seconds += time.process_time() - start

    timed.__doc__ = method.__doc__
    return timed


class LinkCollector:
    """Per-build state of the link checks. Create a new one in `on_config`."""

    def __init__(self) -> None:
        self.recorder = LinkRecorder()
        self.pages: dict[str, BuiltPage] = {}
        self.dests: dict[str, str | None] = {}
        self._written: dict[str, list[tuple[str, str]]] = {}
        self._memo: dict = {}
        self.seconds = 0.0
        self.read_menu = True
        """Read Material's navigation menu on every page (only when a site overrides it)."""
        self.memo: CheckMemo | None = None
        """Findings kept from the last build of a preview (`mkdocs serve --dirty`)."""

    def configure(self, config: MkDocsConfig) -> None:
        """Register the Markdown recorder and quieten MkDocs' overlapping checks."""
        extensions = config.markdown_extensions
        # `mkdocs serve` may hand the same configuration to every rebuild: one recorder.
        extensions[:] = [item for item in extensions if not isinstance(item, LinkRecorder)]
        extensions.append(self.recorder)  # type: ignore[arg-type]
        quiet_mkdocs_link_validation(config)
        # Material draws the menu from MkDocs' navigation, which is made of the pages
        # themselves, and kb_builder gives each language only its own pages: its links
        # cannot be broken. It is most of every page, so it is skipped, unless the site
        # draws its own menu.
        overrides = [config.theme.custom_dir, templates_dir()]
        self.read_menu = config.theme.name != "material" or any(
            folder and os.path.isfile(os.path.join(folder, "partials", name))
            for folder in overrides
            for name in MENU_TEMPLATES
        )

    @_timed
    def use_files(self, files: Files) -> None:
        """Remember every file the build writes, to resolve links against."""
        self.dests = {
            file.dest_uri: (file.src_uri if file.is_documentation_page() else None)
            for file in files
            if not file.inclusion.is_excluded()
        }

    @_timed
    def page_rendered(self, page: Page) -> None:
        """Call from `on_page_content`: the Markdown of `page` has just been converted.

        MkDocs converts every page first and writes them all afterwards, so the addresses
        as written are kept per page until the page is written.
        """
        self._written[page.file.src_uri] = self.recorder.take()

    @_timed
    def page_written(self, output: str, page: Page) -> None:
        """Read the links and anchors of one finished page."""
        written: dict[str, list[str]] = {}
        for built, original in self._written.pop(page.file.src_uri, ()):
            written.setdefault(built, []).append(original)
        content = page.content or ""
        start = _find_whole(output, content)
        if start >= 0:
            end = start + len(content)
            own = scan(output, start, end)
            menu = None if self.read_menu else material_menu(output, 0, start)
            if menu is None:
                chrome = scan_links(output, 0, start, self._memo)
            else:
                chrome = scan_links(output, 0, menu[0], self._memo)
                chrome += scan_links(output, menu[1], start, self._memo)
            chrome += scan_links(output, end, None, self._memo)
            ids, complete = own.ids, False
        else:
            # A plugin changed the article after rendering (a minifier, say): read it all,
            # and count as the article's what its own HTML contains.
            whole = scan(output)
            own = scan(content)
            remaining = Counter(link.url for link in own.links)
            chrome = []
            for link in whole.links:
                if remaining[link.url] > 0:
                    remaining[link.url] -= 1
                else:
                    chrome.append(link)
            ids, complete = whole.ids, True
        self.pages[page.file.dest_uri] = BuiltPage(
            url=page.url,
            dest=page.file.dest_uri,
            src_uri=page.file.src_uri,
            template=str(page.meta.get("template") or "main.html"),
            ids=ids,
            headings=own.headings,
            content=_content_links(own.links, written),
            chrome=chrome,
            ids_complete=complete,
        )

    @_timed
    def template_written(self, output: str, template_name: str) -> None:
        """Read a page the theme makes on its own (`404.html`)."""
        if not template_name.endswith((".html", ".htm")):
            return
        scanned = scan(output)
        self.pages[template_name] = BuiltPage(
            url=template_name,
            dest=template_name,
            src_uri=None,
            template=template_name,
            ids=scanned.ids,
            headings=scanned.headings,
            chrome=scanned.links,
            ids_complete=True,
        )
        self.dests.setdefault(template_name, None)

    def finish(
        self,
        config: MkDocsConfig,
        plan: SitePlan,
        catalog: Catalog,
        options: LinksConfig,
        validation: Mapping[str, int],
    ) -> LinkReport:
        """Check everything read during the build, as the plugin's options say."""
        external = external_options(options, config) if options.external else None
        kinds = levels(dict(validation))
        report = self.check(config, plan, catalog, docs_dir_shown(config), external, kinds)
        report.levels = kinds
        return report

    def check(
        self,
        config: MkDocsConfig,
        plan: SitePlan,
        catalog: Catalog,
        docs_prefix: str,
        external: ExternalOptions | None = None,
        levels: Mapping[str, int] | None = None,
    ) -> LinkReport:
        """Check every link of every page read so far; web addresses only with `external`.

        Kinds whose level is `ignore` (debug) in `levels` are dropped before their lines are
        looked up, which is most of the work for a finding.
        """
        start = time.process_time()
        for dest in self.pages:
            self.dests.setdefault(dest, None)
        site_path = site_path_of(config.site_url)
        context = Context(
            plan=plan,
            catalog=catalog,
            sitemap=SiteMap(self.dests, config.site_dir),
            pages=self.pages,
            docs_prefix=docs_prefix,
            docs_dir=config.docs_dir,
            site_path=site_path,
            site_host=site_host(config.site_url),
            use_directory_urls=config.use_directory_urls,
            collect_external=external is not None,
        )
        outcome = LinkChecker(context, self.memo).run()
        root = os.path.dirname(config.config_file_path or "") or os.getcwd()
        templates = Templates(config.theme.dirs, root)
        problems = outcome.problems
        checked = 0
        if external is not None and outcome.external:
            waited = time.process_time()
            results = ExternalChecker(external).check(use.url for use in outcome.external)
            start += time.process_time() - waited
            checked = len(results)
            problems = problems + summary.external_problems(outcome.external, results)
        if levels is not None:
            problems = [p for p in problems if levels.get(p.kind, logging.WARNING) > logging.DEBUG]
        findings = summary.group(
            problems,
            templates,
            docs_prefix=docs_prefix,
            site_path=site_path,
            sites_of=summary.shown_on(plan),
        )
        links = sum(len(page.content) + len(page.chrome) for page in self.pages.values())
        self.seconds += time.process_time() - start
        return LinkReport(findings, len(self.pages), links, checked, self.seconds)


def _find_whole(text: str, part: str) -> int:
    """`text.find(part)` for a long `part`: its opening finds the candidates much faster."""
    if not part:
        return -1
    opening = part[:256]
    at = text.find(opening)
    while at >= 0 and not text.startswith(part, at):
        at = text.find(opening, at + 1)
    return at


def _content_links(links: list[HtmlLink], written: dict[str, list[str]]) -> list[ContentLink]:
    """Pair each link of an article with the address as written in its Markdown."""
    seen: Counter[str] = Counter()
    items = []
    for link in links:
        originals = written.get(link.url)
        if originals:
            original, markdown = originals.pop(0), True
        else:
            original, markdown = link.url, False
        items.append(ContentLink(link, original, seen[original], markdown))
        seen[original] += 1
    return items
