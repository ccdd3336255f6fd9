"""Findings: problems in the content, reported as `path:line: message. hint`.

Every check in kb_builder (front matter, translations, links, audiences) speaks this one
shape, so editors see the same format everywhere and the plugin can sort, count and route
findings by kind to the configured log level.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass

LEVELS = {"warn": logging.WARNING, "info": logging.INFO, "ignore": None}
"""Severity names accepted in the plugin's `validation:` block."""


@dataclass(frozen=True, order=True)
class Finding:
    """One problem at one place in one file."""

    path: str
    """Path shown to the editor, relative to the project (for example `content/el/faq.md`)."""
    line: int | None
    message: str
    hint: str = ""
    kind: str = "error"
    """What sort of problem this is; the plugin maps kinds to log levels."""

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        text = f"{where}: {_sentence(self.message)}"
        if self.hint:
            text += f" {_sentence(self.hint)}"
        return text


def _sentence(text: str) -> str:
    text = text.rstrip()
    return text if text.endswith((".", "?", "!")) else text + "."


class ContentError(Exception):
    """Content that cannot be published correctly; carries every finding, not just the first."""

    def __init__(self, findings: Iterable[Finding]):
        self.findings = sorted(findings, key=_sort_key)
        count = len(self.findings)
        super().__init__(f"{count} content error{'s' if count != 1 else ''}")


def _sort_key(finding: Finding) -> tuple[str, int, str]:
    return (finding.path, finding.line or 0, finding.message)


def sort_findings(findings: Iterable[Finding]) -> list[Finding]:
    """Order findings by file, then line, as editors read them."""
    return sorted(findings, key=_sort_key)
