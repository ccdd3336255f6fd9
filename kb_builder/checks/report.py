"""Link-check results for people and for machines: text, JSON and Markdown.

Text is what an editor reads in a terminal; JSON is for CI tools; Markdown is for pasting
into a pull request or a CI job summary.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from kb_builder.findings import Finding, sort_findings

FORMATS = ("text", "json", "markdown")

LEVEL_NAMES = {logging.ERROR: "error", logging.WARNING: "warning", logging.INFO: "info"}


@dataclass
class Entry:
    level: str
    finding: Finding


@dataclass
class Summary:
    entries: list[Entry] = field(default_factory=list)
    pages: int = 0
    links: int = 0
    external: int | None = None
    """Web addresses checked; None when external checks were off."""

    def count(self, level: str) -> int:
        return sum(1 for entry in self.entries if entry.level == level)

    @property
    def passed(self) -> bool:
        """False when `mkdocs build --strict` would fail: any error or warning."""
        return not any(entry.level in ("error", "warning") for entry in self.entries)


def entries(findings: Iterable[Finding], levels: Mapping[str, int]) -> list[Entry]:
    """Findings with their level names, leaving out kinds set to `ignore`."""
    result = []
    for finding in sort_findings(findings):
        name = LEVEL_NAMES.get(levels.get(finding.kind, logging.WARNING))
        if name is not None:
            result.append(Entry(name, finding))
    return result


def render(summary: Summary, fmt: str) -> str:
    """The whole report in one of FORMATS."""
    if fmt == "json":
        return _json(summary)
    if fmt == "markdown":
        return _markdown(summary)
    return "".join(f"{entry.level}: {entry.finding}\n" for entry in summary.entries)


def headline(summary: Summary) -> str:
    """One line: what was checked and what was found."""
    parts = [
        _plural(summary.count("error"), "error"),
        _plural(summary.count("warning"), "warning"),
        _plural(summary.count("info"), "note"),
    ]
    checked = f"{_plural(summary.pages, 'page')} and {_plural(summary.links, 'link')} checked"
    if summary.external is not None:
        checked += f" ({_plural(summary.external, 'web address', 'web addresses')})"
    return f"{checked}: {', '.join(parts)}"


def _plural(count: int, word: str, many: str | None = None) -> str:
    return f"{count:,} {word if count == 1 else many or word + 's'}"


def _json(summary: Summary) -> str:
    data = {
        "summary": {
            "passed": summary.passed,
            "pages": summary.pages,
            "links": summary.links,
            "external": summary.external,
            "errors": summary.count("error"),
            "warnings": summary.count("warning"),
            "infos": summary.count("info"),
        },
        "findings": [
            {
                "level": entry.level,
                "kind": entry.finding.kind,
                "path": entry.finding.path,
                "line": entry.finding.line,
                "message": entry.finding.message,
                "hint": entry.finding.hint,
                "text": str(entry.finding),
            }
            for entry in summary.entries
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _cell(text: str) -> str:
    """Text that stays inside one cell of a Markdown table."""
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def _code(text: str) -> str:
    fence = "``" if "`" in text else "`"
    padding = " " if "`" in text else ""
    return f"{fence}{padding}{_cell(text)}{padding}{fence}"


def _markdown(summary: Summary) -> str:
    lines = ["## Link check", "", f"**{headline(summary)}**", ""]
    if not summary.entries:
        lines.append("No problems found.")
        return "\n".join(lines) + "\n"
    lines += ["| Level | Where | Problem | How to fix |", "|---|---|---|---|"]
    for entry in summary.entries:
        finding = entry.finding
        where = f"{finding.path}:{finding.line}" if finding.line else finding.path
        lines.append(
            f"| {entry.level} | {_code(where)} | {_cell(finding.message)} | {_cell(finding.hint)} |"
        )
    return "\n".join(lines) + "\n"
