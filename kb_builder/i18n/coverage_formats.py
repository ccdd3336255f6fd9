"""A coverage report as JSON (for tools), a terminal table (for people) or Markdown (for a
pull-request comment). The JSON field names are documented in the README and kept stable:
new fields may be added, existing ones are never renamed or dropped within a version.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Mapping
from typing import Any

from kb_builder.content.originals import RULES
from kb_builder.i18n.coverage import (
    MISSING,
    ORPHAN,
    STALE,
    STATUSES,
    UNTRACKED,
    CoverageReport,
    LanguageCoverage,
    Tally,
    TranslationState,
    describe_history,
)

FORMAT = "kb-coverage"
VERSION = 2
"""2: articles may be written in any language. `source_language` became `default_language`
(no longer the language every translation follows); each article entry says its
`original_language`, how it was chosen (`original_rule`) and whether it is the `original`."""

CHOICE_RULES = ("named", "default_language", "language_order")
"""Rules that picked one of several files recording no translation: the text report lists
the articles they decided, so an editor can check the choice."""

TODO = (STALE, MISSING, UNTRACKED, ORPHAN)
"""The statuses an editor has to act on, in the order reports list them."""

_ACTIONS = {
    STALE: "the source changed after translation: update it, then run 'kb ack FILE'",
    MISSING: "not translated: start with 'kb new --lang {lang} FILE'",
    UNTRACKED: "no source_hash: check it against the source, then run 'kb ack FILE'",
    ORPHAN: "no source, so not published: delete or move it",
}


# -- JSON ------------------------------------------------------------------------------------


def as_json(report: CoverageReport, names: Mapping[str, str]) -> dict[str, Any]:
    """The report as plain data; see "Translation workflow" in the README for the fields."""
    return {
        "format": FORMAT,
        "version": VERSION,
        "default_language": report.default_language,
        "audience": report.audience,
        "ok": report.ok,
        "languages": [_language_json(language, names) for language in report.languages],
    }


def dumps(report: CoverageReport, names: Mapping[str, str]) -> str:
    return json.dumps(as_json(report, names), ensure_ascii=False, indent=2) + "\n"


def _tally_json(tally: Tally) -> dict[str, Any]:
    counts: dict[str, Any] = {"total": tally.articles}
    counts.update({status: tally.count(status) for status in STATUSES})
    counts["coverage"] = tally.coverage
    return counts


def _language_json(language: LanguageCoverage, names: Mapping[str, str]) -> dict[str, Any]:
    data: dict[str, Any] = {"language": language.lang, "name": names.get(language.lang)}
    data.update(_tally_json(language.tally))
    data["min_coverage"] = language.minimum
    data["meets_minimum"] = language.meets_minimum
    data["sections"] = [
        {"section": section.section, "title": section.title, **_tally_json(section.tally)}
        for section in language.sections
    ]
    data["articles"] = [_state_json(state) for state in language.states]
    return data


def _state_json(state: TranslationState) -> dict[str, Any]:
    history = state.history
    changes = history.changes if history is not None else None
    return {
        "path": state.rel,
        "section": state.section,
        "status": state.status,
        "original_language": state.original.lang if state.original else None,
        "original_rule": state.original_rule,
        "original": state.is_original,
        "source_file": state.original.shown_path if state.original else None,
        "translation_file": state.translation.shown_path if state.translation else None,
        "source_hash": state.source_hash,
        "recorded_hash": state.recorded_hash,
        "changed_sections": (
            [
                {"part": change.kind, "heading": change.heading, "change": change.change}
                for change in changes
            ]
            if changes is not None
            else None
        ),
        "source_changed": history.source_changed if history else None,
        "stale_since": history.stale_since if history else None,
    }


# -- terminal --------------------------------------------------------------------------------

_COLUMNS = ("total", *STATUSES, "coverage")


def as_text(report: CoverageReport, names: Mapping[str, str], *, summary: bool = False) -> str:
    """Tables per language and section, then the files that need work, grouped by status."""
    lines = [f"Translation coverage of {_scope(report)}, {_against(report, names)}"]
    if report.audience == "public":
        lines.append("(internal articles are not counted: add --audience internal for them)")
    lines.append("")
    rows = [
        [_name(language.lang, names), *_cells(language.tally), _minimum_cell(language)]
        for language in report.languages
    ]
    lines += _table(["language", *_COLUMNS, "minimum"], rows)
    if summary:
        return "\n".join(lines) + "\n"
    lines += _choices(report)
    for language in report.languages:
        lines += ["", _name(language.lang, names)]
        rows = [
            [section.section or "(top level)", *_cells(section.tally)]
            for section in language.sections
        ]
        rows.append(["all", *_cells(language.tally)])
        lines += ["  " + line for line in _table(["section", *_COLUMNS], rows)]
        for status in TODO:
            states = [state for state in language.states if state.status == status]
            if not states:
                continue
            action = _ACTIONS[status].format(lang=language.lang)
            lines += ["", f"  {status} ({len(states)}): {action}"]
            for state in states:
                lines.append(f"    {state.document.shown_path}")
                detail = _detail(state)
                if detail:
                    lines.append(f"      {detail}")
    return "\n".join(lines) + "\n"


def _original_languages(report: CoverageReport) -> dict[str, set[str]]:
    """{language of an original: paths of the articles written in it}."""
    found: dict[str, set[str]] = {}
    for state in report.states():
        if state.original is not None:
            found.setdefault(state.original.lang, set()).add(state.rel)
    return found


def _against(report: CoverageReport, names: Mapping[str, str]) -> str:
    """What translations are measured against: one language, or each article's original."""
    written = _original_languages(report)
    default = report.default_language
    if set(written) <= {default}:
        return f"against {names.get(default, default)} ({default})"
    counts = ", ".join(f"{lang} {len(written[lang])}" for lang in sorted(written))
    return f"each article against its original (articles written in {counts})"


def _against_md(report: CoverageReport, names: Mapping[str, str]) -> str:
    default = report.default_language
    if set(_original_languages(report)) <= {default}:
        return f"against {_md(names.get(default, default))} (`{default}`)"
    return _md(_against(report, names))


def _choices(report: CoverageReport) -> list[str]:
    """The articles whose original was picked among several files by a rule, and which.

    Where every article was written in the default language, its file being the original
    surprises nobody (and was the only rule before articles could be written in any
    language), so only the other rules are listed then.
    """
    rules = set(CHOICE_RULES)
    if set(_original_languages(report)) <= {report.default_language}:
        rules.discard("default_language")
    picked: dict[str, TranslationState] = {}
    untracked: dict[str, list[str]] = {}
    for state in report.states():
        if state.original_rule in rules and state.original is not None:
            picked.setdefault(state.rel, state)
            if state.status == UNTRACKED:
                untracked.setdefault(state.rel, []).append(state.lang)
    if not picked:
        return []
    lines = ["", "Originals chosen by rule (mark the right file 'original: true' to decide):"]
    for rel in sorted(picked):
        state = picked[rel]
        original = state.original
        if original is None:  # pragma: no cover - only states with an original are picked
            continue
        others = ", ".join(untracked.get(rel, []))
        lines.append(f"  {original.shown_path}: {RULES[state.original_rule]}")
        if others:
            lines.append(f"    untracked translations of it: {others}")
    return lines


def _scope(report: CoverageReport) -> str:
    """Which articles were measured, in words."""
    if report.audience == "public":
        return "public articles"
    return "all articles (public and internal)"


def _name(lang: str, names: Mapping[str, str]) -> str:
    return f"{lang} {names.get(lang, '')}".rstrip()


def _cells(tally: Tally) -> list[str]:
    return [str(tally.articles), *(str(tally.count(s)) for s in STATUSES), f"{tally.coverage}%"]


def _minimum_cell(language: LanguageCoverage) -> str:
    if language.minimum is None:
        return "-"
    verdict = "met" if language.meets_minimum else "NOT MET"
    return f"{language.minimum:g}% {verdict}"


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    lines = []
    for row in [header, *rows]:
        cells = [row[0].ljust(widths[0])]
        cells += [cell.rjust(width) for cell, width in zip(row[1:], widths[1:], strict=True)]
        lines.append("  ".join(cells).rstrip())
    return lines


def _detail(state: TranslationState) -> str:
    """What is known about why a stale translation is stale ('' for other statuses)."""
    if state.status != STALE:
        return ""
    history = state.history
    pieces = []
    if history is None or history.changes is None:
        pieces.append("which sections changed is unknown")
    known = describe_history(history)
    if known:
        pieces.append(known)
    return "; ".join(pieces)


# -- Markdown --------------------------------------------------------------------------------


def as_markdown(report: CoverageReport, names: Mapping[str, str], *, summary: bool = False) -> str:
    """GitHub-flavoured Markdown for a pull-request comment; every value is escaped."""
    lines = [
        "## Translation coverage",
        "",
        f"{_scope(report).capitalize()}, measured {_against_md(report, names)}.",
        "",
        "| Language | Coverage | Current | Stale | Untracked | Missing | Orphan | Minimum |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for language in report.languages:
        tally = language.tally
        minimum = "–"
        if language.minimum is not None:
            verdict = "met" if language.meets_minimum else "**not met**"
            minimum = f"{language.minimum:g}%: {verdict}"
        counts = " | ".join(str(tally.count(status)) for status in STATUSES)
        lines.append(
            f"| {_md(names.get(language.lang, language.lang))} (`{language.lang}`) "
            f"| {tally.coverage}% | {counts} | {minimum} |"
        )
    if summary:
        return "\n".join(lines) + "\n"
    for language in report.languages:
        todo = [state for status in TODO for state in language.states if state.status == status]
        name = html.escape(names.get(language.lang, language.lang))
        lines += [
            "",
            "<details>",
            f"<summary>{name} ({html.escape(language.lang)}): {len(todo)} to do</summary>",
            "",
            "| Section | Coverage | Current | Stale | Untracked | Missing | Orphan |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
        ]
        for section in language.sections:
            counts = " | ".join(str(section.tally.count(status)) for status in STATUSES)
            label = _code(section.section) if section.section else "(top level)"
            lines.append(f"| {label} | {section.tally.coverage}% | {counts} |")
        if todo:
            lines += ["", "| File | Status | Details |", "| --- | --- | --- |"]
            for state in todo:
                lines.append(
                    f"| {_code(state.document.shown_path)} | {state.status} "
                    f"| {_md(_detail(state))} |"
                )
        lines += ["", "</details>"]
    return "\n".join(lines) + "\n"


_MD_SPECIAL = re.compile(r"([\\`*_\[\]{}<>|#!~])")


def _md(text: str) -> str:
    """Text that Markdown shows as written: no markup, links, HTML or table breaks."""
    return _MD_SPECIAL.sub(r"\\\1", text.replace("&", "&amp;")).replace("\n", " ")


def _code(text: str) -> str:
    """A code span that holds any text, backticks and table pipes included."""
    text = text.replace("|", "\\|")
    fence = "`"
    while fence in text:
        fence += "`"
    padding = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{padding}{text}{padding}{fence}"
