"""The editors' coverage page of the internal build: every language, section and article.

It is a generated page at the site root (`coverage/`), rendered by `theme/kb/coverage.html`
in the normal theme from the view built here. Article files only live inside language
folders, so the address can never collide with an article.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from kb_builder.i18n import strings
from kb_builder.i18n.coverage import (
    CURRENT,
    STATUSES,
    CoverageReport,
    History,
    SectionCoverage,
    Tally,
    TranslationState,
    original_path_of,
)
from kb_builder.i18n.fingerprint import PartChange
from kb_builder.i18n.languages import LanguageSet

PAGE = "coverage.md"
TEMPLATE = "kb/coverage.html"


@dataclass(frozen=True)
class Row:
    """One article in one language, as the page lists it."""

    title: str
    title_lang: str
    """Language of the title (the translation's, or the original's when there is none)."""
    status: str
    url: str | None
    """The article's page in this language (the fallback page when missing)."""
    source_url: str | None
    """The original's page (in its own language)."""
    source_lang: str
    """The original's language."""
    file: str
    """The file to work on: the translation, or the original when it is missing."""
    source_file: str
    """The original's file."""
    history: History | None

    def changes(self, change: str) -> list[PartChange]:
        """The changed parts of one kind (`changed`, `added`, `removed`), for the template."""
        found = self.history.changes if self.history else None
        return [part for part in found or () if part.change == change]

    @property
    def changes_known(self) -> bool:
        return self.history is not None and self.history.changes is not None


@dataclass(frozen=True)
class SectionBlock:
    section: str
    title: str | None
    tally: Tally
    rows: tuple[Row, ...]

    @property
    def needs_work(self) -> bool:
        return any(row.status != CURRENT for row in self.rows)


@dataclass(frozen=True)
class LanguageBlock:
    code: str
    name: str
    tally: Tally
    minimum: float | None
    meets_minimum: bool
    sections: tuple[SectionBlock, ...]


@dataclass(frozen=True)
class CoveragePage:
    source_code: str | None
    """The language every article was written in, or None when they were written in
    several (each row then links its own original)."""
    source_name: str | None
    languages: tuple[LanguageBlock, ...]
    statuses: tuple[str, ...] = STATUSES


def add_page(files: Files, config: MkDocsConfig) -> None:
    """Add the page; the caller does so in the internal build only."""
    files.append(File.generated(config, PAGE, content=""))


def page_meta(lang: str) -> dict[str, object]:
    """Kept out of site search: the page lists every title, which would drown real results."""
    return {
        "title": escape(strings.translate(lang, "coverage.title")),
        "template": TEMPLATE,
        "hide": ["navigation", "toc"],
        "search": {"exclude": True},
    }


def page_view(
    report: CoverageReport, languages: LanguageSet, url_of: Callable[[str], str | None]
) -> CoveragePage:
    """What the template shows; `url_of` maps a docs path to its site URL (None if absent)."""
    blocks = []
    for language in report.languages:
        sections = tuple(
            _section(section, report.default_language, url_of) for section in language.sections
        )
        blocks.append(
            LanguageBlock(
                code=language.lang,
                name=languages[language.lang].name,
                tally=language.tally,
                minimum=language.minimum,
                meets_minimum=language.meets_minimum,
                sections=sections,
            )
        )
    written = {state.original.lang for state in report.states() if state.original is not None}
    if written <= {report.default_language}:
        source = languages[report.default_language]
        return CoveragePage(source.code, source.name, tuple(blocks))
    return CoveragePage(None, None, tuple(blocks))


def _section(
    section: SectionCoverage, default_language: str, url_of: Callable[[str], str | None]
) -> SectionBlock:
    rows = tuple(_row(state, default_language, url_of) for state in section.states)
    return SectionBlock(section.section, section.title, section.tally, rows)


def _row(
    state: TranslationState, default_language: str, url_of: Callable[[str], str | None]
) -> Row:
    document = state.document
    original = state.original
    if original is None:
        source_file = original_path_of(document, default_language)
        url = None
    else:
        source_file = original.shown_path
        url = url_of(f"{state.lang}/{state.rel}")
    return Row(
        title=document.front.title,
        title_lang=document.lang,
        status=state.status,
        url=url,
        source_url=url_of(original.docs_path) if original is not None else None,
        source_lang=original.lang if original is not None else default_language,
        file=document.shown_path,
        source_file=source_file,
        history=state.history,
    )
