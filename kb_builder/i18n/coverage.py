"""Translation coverage: for every article and language, is the translation there and current?

Each translation records the fingerprint of its article's original as it was when
translated (`source_hash`, see `fingerprint.py`). Comparing that with the original's
fingerprint now gives one status per (article, language):

- `current`: translated from the original as it is now (and the original itself, in its
  own language);
- `stale`: the original changed after the translation was made;
- `untracked`: translated, but without a `source_hash`, so nobody can tell;
- `missing`: not translated (readers get a fallback with a notice);
- `orphan`: a translation whose original no longer exists (never published).

Coverage of a language is the share of the articles its site shows (all of them, less
those whose original's `languages:` leaves the language out) that are current in it. It is
measured over the articles the build publishes (all of them for the internal build, the
public ones for the public build), so `kb status` and `mkdocs build` with the same
mkdocs.yml always agree. A language is reported when some article it shows was written in
another language, or when it is asked for (`--lang`, `min_coverage`): a language in which
every article is an original has nothing to translate.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from kb_builder.content.model import Article, Catalog, Document
from kb_builder.content.originals import translated_from
from kb_builder.findings import Finding
from kb_builder.i18n import fingerprint
from kb_builder.i18n.plan import FALLBACK, TRANSLATED, PageVariant, is_published

CURRENT = "current"
STALE = "stale"
UNTRACKED = "untracked"
MISSING = "missing"
ORPHAN = "orphan"
STATUSES = (CURRENT, STALE, UNTRACKED, MISSING, ORPHAN)

KINDS = {
    MISSING: "missing_translation",
    STALE: "stale_translation",
    UNTRACKED: "untracked_translation",
    ORPHAN: "orphan_translation",
}
"""The finding kind (and `validation:` option) of each status that needs an editor."""


@dataclass(frozen=True)
class History:
    """What git knows about a stale translation's original; every field may be unknown."""

    changes: tuple[fingerprint.PartChange, ...] | None = None
    """Parts of the original that changed since the translated version; None when that
    version is not in the history (no git, a shallow clone, or it was never committed)."""
    source_changed: str | None = None
    """ISO 8601 date of the last commit that changed the original's file."""
    stale_since: str | None = None
    """ISO 8601 date of the first commit after the version the translation was made from."""


@dataclass(frozen=True)
class TranslationState:
    """One article in one language."""

    lang: str
    rel: str
    """Path inside the language folder, the same in every language: `complaints/faq.md`."""
    status: str
    original: Document | None
    """The article's original (None for an orphan)."""
    translation: Document | None
    """The file in this language; None when missing, and for the original's own language."""
    source_hash: str | None
    """The original's fingerprint now (None for an orphan)."""
    history: History | None = None
    """Only for stale translations, and only once `with_history` has looked it up."""
    original_rule: str = ""
    """How the article's original was chosen (`content.originals.RULES`)."""

    @property
    def is_original(self) -> bool:
        """The state of the original in its own language (always current)."""
        return self.original is not None and self.original.lang == self.lang

    @property
    def section(self) -> str:
        """Top-level folder (`complaints`), or '' for pages at the root of the language."""
        head = self.rel.split("/", 1)
        return head[0] if len(head) == 2 else ""

    @property
    def recorded_hash(self) -> str | None:
        return self.translation.front.source_hash if self.translation else None

    @property
    def document(self) -> Document:
        """The file this state is about: the translation, or the original."""
        found = self.translation or self.original
        if found is None:  # pragma: no cover - a state always has one of the two
            raise ValueError(f"{self.lang}/{self.rel}: neither original nor translation")
        return found


@dataclass(frozen=True)
class Tally:
    """Counts per status over a set of articles."""

    current: int = 0
    stale: int = 0
    untracked: int = 0
    missing: int = 0
    orphan: int = 0

    @property
    def articles(self) -> int:
        """Articles with an original: what coverage is measured against (orphans are not)."""
        return self.current + self.stale + self.untracked + self.missing

    @property
    def coverage(self) -> float:
        """Percentage of articles whose translation is current, to one decimal place."""
        if not self.articles:
            return 100.0
        return round(100 * self.current / self.articles, 1)

    def meets(self, minimum: float) -> bool:
        """Compared exactly, not after rounding: 89.96% does not meet 90%."""
        return self.current * 100 >= minimum * self.articles

    def count(self, status: str) -> int:
        return int(getattr(self, status))

    @classmethod
    def of(cls, states: Iterable[TranslationState]) -> Tally:
        counts = dict.fromkeys(STATUSES, 0)
        for state in states:
            counts[state.status] += 1
        return cls(**counts)


@dataclass(frozen=True)
class SectionCoverage:
    section: str
    """Top-level folder (`complaints`), or '' for pages at the root of the language."""
    title: str | None
    """The section's title in its original's language (its `index.md`), if it has one."""
    tally: Tally
    states: tuple[TranslationState, ...]


@dataclass(frozen=True)
class LanguageCoverage:
    lang: str
    tally: Tally
    sections: tuple[SectionCoverage, ...]
    states: tuple[TranslationState, ...]
    minimum: float | None = None
    """The `min_coverage` set for this language, if any."""

    @property
    def meets_minimum(self) -> bool:
        return self.minimum is None or self.tally.meets(self.minimum)


@dataclass(frozen=True)
class CoverageReport:
    default_language: str
    audience: str
    languages: tuple[LanguageCoverage, ...]
    _index: dict[tuple[str, str], TranslationState] = field(
        default_factory=dict, compare=False, repr=False
    )

    def __post_init__(self) -> None:
        for language in self.languages:
            for state in language.states:
                self._index[(state.lang, state.rel)] = state

    def state(self, lang: str, rel: str) -> TranslationState | None:
        return self._index.get((lang, rel))

    def states(self) -> list[TranslationState]:
        return [state for language in self.languages for state in language.states]

    def language(self, lang: str) -> LanguageCoverage | None:
        return next((found for found in self.languages if found.lang == lang), None)

    @property
    def ok(self) -> bool:
        """Every language meets its minimum."""
        return all(language.meets_minimum for language in self.languages)


def measure(
    catalog: Catalog,
    audience: str,
    minimums: Mapping[str, float] | None = None,
    languages: Iterable[str] | None = None,
) -> CoverageReport:
    """The coverage of every language with something to translate (or of `languages`)."""
    asked = tuple(languages) if languages is not None else None
    minimums = minimums or {}
    targets = [lang for lang in catalog.languages if asked is None or lang in asked]
    per_language: dict[str, list[TranslationState]] = {lang: [] for lang in targets}
    translated_into: set[str] = set()
    for article in catalog:
        original = article.original
        if original is not None and not is_published(original, audience):
            continue
        source_hash = original_fingerprint(original) if original is not None else None
        for lang in targets:
            state = _state(article, lang, source_hash, catalog.default_language)
            if state is not None:
                per_language[lang].append(state)
                if not state.is_original:
                    translated_into.add(lang)
    results = []
    for lang in targets:
        if asked is None and lang not in minimums and lang not in translated_into:
            continue  # every article is an original here: nothing to translate
        states = tuple(per_language[lang])
        results.append(
            LanguageCoverage(
                lang=lang,
                tally=Tally.of(states),
                sections=_sections(catalog, states),
                states=states,
                minimum=minimums.get(lang),
            )
        )
    return CoverageReport(catalog.default_language, audience, tuple(results))


def original_fingerprint(original: Document) -> str:
    """The fingerprint a translation of `original` records when it is current."""
    return fingerprint.fingerprint(original.front.title, original.front.description, original.body)


def _state(
    article: Article, lang: str, source_hash: str | None, default_language: str
) -> TranslationState | None:
    original = article.original
    translation = article.documents.get(lang)
    if original is None:
        if translation is None:
            return None
        status = ORPHAN
    elif not article.appears_in(lang):
        return None  # not on this language's site (see the loader's excluded_translation)
    elif lang == original.lang:
        status, translation = CURRENT, None
    elif translation is None:
        status = MISSING
    elif translation.front.source_hash is None:
        status = UNTRACKED
    elif translation.front.source_hash == source_hash:
        status = CURRENT
    else:
        status = STALE
    return TranslationState(
        lang,
        article.rel,
        status,
        original,
        translation,
        source_hash,
        original_rule=article.original_rule,
    )


def _sections(
    catalog: Catalog, states: tuple[TranslationState, ...]
) -> tuple[SectionCoverage, ...]:
    grouped: dict[str, list[TranslationState]] = {}
    for state in states:
        grouped.setdefault(state.section, []).append(state)
    sections = []
    for name in sorted(grouped):
        section_index = catalog.articles.get(f"{name}/index.md") if name else None
        index = section_index.original if section_index is not None else None
        sections.append(
            SectionCoverage(
                section=name,
                title=index.front.title if index is not None else None,
                tally=Tally.of(grouped[name]),
                states=tuple(grouped[name]),
            )
        )
    return tuple(sections)


def with_history(
    report: CoverageReport, histories: Mapping[tuple[str, str], History]
) -> CoverageReport:
    """The same report with what git knows about stale translations, keyed (lang, rel)."""
    if not histories:
        return report
    languages = []
    for language in report.languages:
        states = tuple(
            dataclasses.replace(state, history=histories[(state.lang, state.rel)])
            if (state.lang, state.rel) in histories
            else state
            for state in language.states
        )
        by_key = {(state.lang, state.rel): state for state in states}
        sections = tuple(
            dataclasses.replace(
                section, states=tuple(by_key[(s.lang, s.rel)] for s in section.states)
            )
            for section in language.sections
        )
        languages.append(dataclasses.replace(language, states=states, sections=sections))
    return CoverageReport(report.default_language, report.audience, tuple(languages))


def with_minimums(report: CoverageReport, minimums: Mapping[str, float]) -> CoverageReport:
    """The same report judged against other minimums (`kb status --min-coverage`)."""
    languages = tuple(
        dataclasses.replace(language, minimum=minimums.get(language.lang, language.minimum))
        for language in report.languages
    )
    return CoverageReport(report.default_language, report.audience, languages)


def minimum_problem(minimums: Mapping[str, float], languages: Iterable[str]) -> str | None:
    """What is wrong with a `min_coverage` setting, or None."""
    codes = list(languages)
    for code in minimums:
        if code not in codes:
            return (
                f"min_coverage: '{code}' is not one of the configured languages "
                f"({', '.join(codes)})"
            )
    return None


# -- what the build reports ------------------------------------------------------------------


def findings(report: CoverageReport) -> list[Finding]:
    """Stale, untracked and orphaned translations as findings for the log.

    Missing translations are reported by the site plan (`missing_translation`), which
    knows what the reader gets instead.
    """
    found = []
    for state in report.states():
        translation, original = state.translation, state.original
        if translation is None:
            continue
        if original is None:
            found.append(_orphan(translation, report.default_language))
        elif state.status == STALE:
            found.append(_stale(translation, original, state.history))
        elif state.status == UNTRACKED:
            found.append(_untracked(translation, original))
    return found


def _stale(translation: Document, source: Document, history: History | None) -> Finding:
    recorded = translation.front.source_hash or ""
    if not fingerprint.is_own_hash(recorded):
        message = (
            f"the source_hash was not written by kb_builder, so it cannot tell whether "
            f"this translation matches {source.shown_path}"
        )
    else:
        message = f"the source {source.shown_path} changed after this translation was made"
    details = describe_history(history)
    if details:
        message += f" ({details})"
    return Finding(
        translation.shown_path,
        translation.front.lines.get("source_hash"),
        message,
        f"Update the translation, then run 'kb ack {translation.shown_path}'",
        kind=KINDS[STALE],
    )


def describe_history(history: History | None) -> str:
    """`section "Refunds" changed; last changed 2026-11-21`, or '' when nothing is known."""
    if history is None:
        return ""
    pieces = []
    if history.changes:
        pieces.append(", ".join(change.describe() for change in history.changes))
    if history.source_changed:
        pieces.append(f"last changed {history.source_changed[:10]}")
    return "; ".join(pieces)


def _untracked(translation: Document, source: Document) -> Finding:
    return Finding(
        translation.shown_path,
        None,
        "the translation has no 'source_hash', so nobody can tell whether it is up to date",
        f"Check it against {source.shown_path}, then run 'kb ack {translation.shown_path}'",
        kind=KINDS[UNTRACKED],
    )


def _orphan(translation: Document, default_language: str) -> Finding:
    return Finding(
        translation.shown_path,
        None,
        f"the translation has no source ({original_path_of(translation, default_language)} "
        "does not exist), so it is not published",
        "Delete it, or move it to the path of the source it translates",
        kind=KINDS[ORPHAN],
    )


def original_path_of(translation: Document, default_language: str) -> str:
    """Where the original of a translation is (or would be), as editors see paths."""
    prefix = translation.shown_path.removesuffix(translation.disk_uri)
    lang = translated_from(translation, default_language) or default_language
    return f"{prefix}{lang}/{translation.rel}"


def shortfalls(report: CoverageReport) -> list[str]:
    """One message per language below its `min_coverage`, for a warning each."""
    messages = []
    for language in report.languages:
        if language.meets_minimum:
            continue
        tally = language.tally
        messages.append(
            f"translation coverage of '{language.lang}' is {tally.coverage:g}% "
            f"({tally.current} of {tally.articles} articles current), below its "
            f"min_coverage of {language.minimum:g}%. Run 'kb status --lang {language.lang}' "
            "to see what to translate or update"
        )
    return messages


def notices(variant: PageVariant, report: CoverageReport | None) -> tuple[str, ...]:
    """Notices a published page needs because of the state of the translation it shows
    (`stale`): its own, or on a fallback page the other language's translation it shows."""
    if report is None or variant.status not in (TRANSLATED, FALLBACK):
        return ()
    state = report.state(variant.content_lang, variant.rel)
    shows_translation = state is not None and not state.is_original
    return ("stale",) if shows_translation and state.status == STALE else ()
