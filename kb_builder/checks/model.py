"""The data the link checks pass around: pages as built, problems as found.

Kept apart from MkDocs so every check can be tested with plain values.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from kb_builder.checks.html import HtmlLink
from kb_builder.checks.sitemap import SiteMap
from kb_builder.content.model import Catalog, Document
from kb_builder.i18n.plan import SitePlan

BROKEN_LINK = "broken_link"
BROKEN_ANCHOR = "broken_anchor"
FALLBACK_ANCHOR = "fallback_anchor"
CROSS_LANGUAGE = "cross_language"
UNTRANSLATED_TARGET = "untranslated_target"
MALFORMED_LINK = "malformed_link"
EXTERNAL_LINK = "external_link"
EXTERNAL_REDIRECT = "external_redirect"
UNSAFE_LINK = "unsafe_link"
INTERNAL_LINK = "internal_link"

ERROR_KINDS = frozenset({UNSAFE_LINK, INTERNAL_LINK})
"""Kinds that always fail the build: they harm readers or leak pages, whatever the levels."""


class ContentLink(NamedTuple):
    """A link in an article's own text (not in the theme around it)."""

    link: HtmlLink
    original: str
    """The address as the editor wrote it, before MkDocs turned `x.md` into `../x/`."""
    occurrence: int
    """How many earlier links on the page were written the same way (to find the line)."""
    markdown: bool
    """Written as a Markdown link or image, so a relative path is relative to the file."""


@dataclass(slots=True)
class BuiltPage:
    """What the checks need to know about one written page."""

    url: str
    """Site-relative URL: `el/complaints/faq/`, `` for the root, `404.html`."""
    dest: str
    """Output file inside site_dir: `el/complaints/faq/index.html`."""
    src_uri: str | None
    """The page's path inside docs_dir (`el/complaints/faq.md`); None for theme templates."""
    template: str
    """The template that rendered the page (`main.html`, `404.html`, ...)."""
    ids: set[str] = field(default_factory=set)
    headings: list[str] = field(default_factory=list)
    content: list[ContentLink] = field(default_factory=list)
    chrome: list[HtmlLink] = field(default_factory=list)
    """Links written by the theme around the article."""
    ids_complete: bool = False
    """False while `ids` holds only the article's ids; the theme's are read on demand."""


class ContentSource(NamedTuple):
    """A link written in an article file."""

    document: Document | None
    """The file an editor changes; for a fallback page, the file of the version it shows."""
    src_uri: str
    original: str
    occurrence: int

    @property
    def key(self) -> tuple[str, str, int]:
        path = self.document.shown_path if self.document is not None else self.src_uri
        return (path, self.original, self.occurrence)


class TemplateSource(NamedTuple):
    """A link written by a theme template."""

    template: str
    url: str
    """The address as it appears on the first page it was seen on."""
    target: str
    """What it points at, the same on every page (site path or full address)."""

    @property
    def key(self) -> tuple[str]:
        # Not the template: a partial included by several templates (main.html, 404.html)
        # is one place to fix.
        return (self.target,)


Source = ContentSource | TemplateSource


def shown(text: str) -> str:
    """Text for a message, with tabs, newlines and other invisible characters made visible."""
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in text)


@dataclass(frozen=True)
class Problem:
    """One problem with one link on one built page."""

    kind: str
    source: Source
    site: str | None
    """The language site it happens on; None for pages that belong to no language."""
    page: str
    """URL of the page it was seen on."""
    message: str
    hint: str = ""


@dataclass
class ExternalUse:
    """Where an external address is used, for reporting if it turns out broken."""

    url: str
    source: Source
    site: str | None
    page: str


@dataclass
class Context:
    """Everything the checks know about one build."""

    plan: SitePlan
    catalog: Catalog
    sitemap: SiteMap
    pages: dict[str, BuiltPage]
    """Built pages by output path."""
    docs_prefix: str = "content"
    """docs_dir as editors write it, to name files: `content/el/faq.md`."""
    docs_dir: str | None = None
    """The folder itself, to suggest files that exist but are not published."""
    site_path: str = "/"
    site_host: str = ""
    use_directory_urls: bool = True
    collect_external: bool = False
