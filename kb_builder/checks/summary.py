"""Fold problems seen on built pages into findings about places in files.

A Markdown file shown on four language sites (as the original and as three fallbacks) is
checked four times; an editor must still see each broken link once, at its line, told
which sites it breaks. A theme link repeated on every page is likewise reported once, at
the template that writes it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from kb_builder.checks.external import BROKEN, MOVED, Result, page_address
from kb_builder.checks.locate import Templates, line_in_document
from kb_builder.checks.model import (
    EXTERNAL_LINK,
    EXTERNAL_REDIRECT,
    ContentSource,
    ExternalUse,
    Problem,
    Source,
    TemplateSource,
)
from kb_builder.findings import Finding, sort_findings
from kb_builder.i18n.plan import SitePlan


@dataclass
class _Group:
    first: Problem
    sites: list[str] = field(default_factory=list)
    pages: list[str] = field(default_factory=list)

    def add(self, problem: Problem) -> None:
        if problem.site is not None and problem.site not in self.sites:
            self.sites.append(problem.site)
        if problem.page not in self.pages:
            self.pages.append(problem.page)
        # Word the finding as it reads on the file's own language site, where there is one.
        source = problem.source
        if (
            isinstance(source, ContentSource)
            and source.document is not None
            and problem.site == source.document.lang
            and self.first.site != problem.site
        ):
            self.first = problem


def shown_on(plan: SitePlan) -> dict[str, list[str]]:
    """File (shown path) -> the language sites that show it."""
    sites: dict[str, list[str]] = {}
    for variant in plan:
        sites.setdefault(variant.document.shown_path, []).append(variant.lang)
    return sites


def group(
    problems: Iterable[Problem],
    templates: Templates,
    *,
    docs_prefix: str,
    site_path: str = "/",
    sites_of: Mapping[str, list[str]] | None = None,
) -> list[Finding]:
    """One finding per kind of problem per place, sorted by file and line.

    `sites_of` (from `shown_on`) says which sites show each file; a finding about a file
    names the sites it happens on when that is not all of them.
    """
    groups: dict[tuple, _Group] = {}
    for problem in problems:
        key = (problem.kind, problem.source.key)
        found = groups.get(key)
        if found is None:
            found = groups[key] = _Group(problem)
        found.add(problem)
    findings = []
    for found in groups.values():
        first = found.first
        path, line = place(first.source, templates, docs_prefix, site_path)
        if isinstance(first.source, TemplateSource):
            suffix = _pages_suffix(found.pages, site_path)
        elif sites_of is not None:
            suffix = _sites_suffix(found.sites, sites_of.get(path, []))
        else:
            suffix = ""
        findings.append(Finding(path, line, first.message + suffix, first.hint, first.kind))
    return sort_findings(findings)


def place(
    source: Source, templates: Templates, docs_prefix: str, site_path: str = "/"
) -> tuple[str, int | None]:
    """The file and line an editor changes to fix a link."""
    if isinstance(source, ContentSource):
        document = source.document
        if document is None:
            return f"{docs_prefix}/{source.src_uri}", None
        return document.shown_path, line_in_document(document, source.original, source.occurrence)
    found = templates.find(_needles(source, site_path))
    if found is not None:
        return found
    return templates.path_of(source.template), None


def _needles(source: TemplateSource, site_path: str) -> list[str]:
    """Ways a template may spell the address it rendered (`{{ 'contact/' | url }}` ...)."""
    needles = [source.url, source.target]
    target = source.target
    bare = target[len(site_path) :] if target.startswith(site_path) else target.lstrip("/")
    needles += [bare, bare.split("#", 1)[0], bare.split("#", 1)[0].rstrip("/")]
    return [n for n in dict.fromkeys(needles) if any(ch.isalnum() for ch in n)]


def _sites_suffix(sites: list[str], shown: list[str]) -> str:
    if not sites or set(sites) == set(shown):
        return ""
    ordered = [site for site in shown if site in sites] + [s for s in sites if s not in shown]
    if len(ordered) == 1:
        return f" (on the '{ordered[0]}' site)"
    names = ", ".join(f"'{site}'" for site in ordered[:-1])
    return f" (on the {names} and '{ordered[-1]}' sites)"


def _pages_suffix(pages: list[str], site_path: str) -> str:
    # An article makes a better example than the 404 page or the language chooser.
    articles = [page for page in pages if page and page != "404.html"] or pages
    example = site_path + articles[0]
    if len(pages) == 1:
        return f" (on the page {example})"
    return f" (on {len(pages)} pages, for example {example})"


def external_problems(uses: Iterable[ExternalUse], results: Mapping[str, Result]) -> list[Problem]:
    """Problems for web addresses that are broken or have moved."""
    problems: list[Problem] = []
    for use in uses:
        result = results.get(page_address(use.url))
        if result is None or result.status not in (BROKEN, MOVED):
            continue
        source: Source = use.source
        if isinstance(source, ContentSource):
            name = f"the link '{source.original}'"
        else:
            name = f"the theme's link to '{use.url}'"
            source = TemplateSource(source.template, source.url, use.url)
        if result.status == BROKEN:
            problems.append(
                Problem(
                    EXTERNAL_LINK,
                    source,
                    use.site,
                    use.page,
                    f"{name} is broken: {result.detail}",
                    "Fix or remove the link; if the server turns away link checkers, add the "
                    "address to 'exclude' under 'links:' in mkdocs.yml",
                )
            )
        else:
            problems.append(
                Problem(
                    EXTERNAL_REDIRECT,
                    source,
                    use.site,
                    use.page,
                    f"{name} has moved permanently ({result.code}) to '{result.location}'",
                    f"Update the link to '{result.location}'",
                )
            )
    return problems
