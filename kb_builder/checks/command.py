"""`kb check`: the same link checks as `mkdocs build`, on demand, with a report.

Links are checked on built pages, so the site is built, into a temporary folder so that
`site/` is left alone. Content errors stop the check before the build, as they stop
`mkdocs build`.
"""

from __future__ import annotations

import logging
import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field

from mkdocs.commands.build import build
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, MkDocsException

from kb_builder.checks import report
from kb_builder.checks.collector import levels
from kb_builder.config import currencies
from kb_builder.content import lint
from kb_builder.project import load_project


@dataclass
class CheckOptions:
    """Command-line choices; None keeps what mkdocs.yml says."""

    external: bool = False
    exclude: Sequence[str] = ()
    timeout: float | None = None
    cache_age: float | None = None
    site_dir: str | None = None


@dataclass
class CheckResult:
    summary: report.Summary
    failure: str | None = None
    """Why the site could not be built, when it could not."""
    log: list[str] = field(default_factory=list)


class _Keep(logging.Handler):
    """Keeps MkDocs' error messages, to explain a build that fails for other reasons."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if not message.startswith("kb_builder: "):
            self.lines.append(message)


def check_project(config_file: str, options: CheckOptions) -> CheckResult:
    """Build the site with link checks on and report what they find."""
    project = load_project(config_file)
    configured = levels(dict(project.kb.validation))
    if project.loaded.errors:
        entries = report.entries(project.loaded.errors, {"error": logging.ERROR})
        return CheckResult(report.Summary(entries))
    links = project.kb.links
    links["check"] = True
    links["external"] = links.external or options.external
    links["exclude"] = [*links.exclude, *options.exclude]
    if options.timeout is not None:
        links["timeout"] = options.timeout
    if options.cache_age is not None:
        links["cache_age"] = options.cache_age
    keep = _Keep()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(keep)
    try:
        with tempfile.TemporaryDirectory(prefix="kb-check-") as temporary:
            project.config["site_dir"] = os.path.abspath(options.site_dir or temporary)
            failure = _build(project.config)
    finally:
        logger.removeHandler(keep)
    plugin = project.config.plugins["kb"]
    found = getattr(plugin, "link_report", None)
    if found is None:
        return CheckResult(report.Summary(), failure or "the site could not be built", keep.lines)
    # The content lint reads the Markdown, not the built pages; kb check reports it with
    # the link findings so that one command answers "is this ready to publish?".
    linted = lint.lint_catalog(project.loaded.catalog, currencies(project.kb))
    summary = report.Summary(
        report.entries([*found.findings, *linted], configured),
        pages=found.pages,
        links=found.links,
        external=found.external if links.external else None,
    )
    return CheckResult(summary)


def _build(config: MkDocsConfig) -> str | None:
    try:
        build(config)
    except (Abort, MkDocsException) as error:
        # Link errors (unsafe links, public pages linking to internal ones) end the build
        # after the report is made; anything else is a failure to explain.
        return str(error)
    return None
