"""Front matter: split it from the body, parse it strictly, validate it against the schema.

MkDocs itself ignores front matter it cannot parse and renders the raw YAML into the page,
so kb_builder reads it first and refuses to publish a page whose front matter is wrong.
Every finding points at `file:line` and says how to fix it.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from kb_builder.findings import Finding

try:  # libyaml makes loading thousands of articles several times faster
    _Loader: type[yaml.SafeLoader] = yaml.CSafeLoader  # type: ignore[assignment]
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Loader = yaml.SafeLoader

ARTICLE_TYPES = ("article", "faq")
AUDIENCES = ("public", "internal")
HIDEABLE = ("navigation", "toc", "footer", "path", "feedback", "tags")
FENCE = re.compile(r"^---[ \t]*$")
CLOSING_FENCE = re.compile(r"^(?:---|\.\.\.)[ \t]*$")
SOURCE_HASH = re.compile(r"^[0-9a-z]+:[0-9a-f]{8,128}$|^[0-9a-f]{8,128}$")
LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")
"""The shape of a language code (`el`, `pt-BR`); the loader checks it is a configured one."""

KEYS_HELP = (
    "title, description, type, audience, tags, reviewed, source_hash, translated_from, "
    "original, languages, order, hide"
)
"""The documented keys, listed in error hints."""


@dataclass(frozen=True)
class FrontMatter:
    """Validated front matter of one article file."""

    title: str
    description: str
    type: str = "article"
    audience: str | None = None
    tags: tuple[str, ...] = ()
    reviewed: dt.date | None = None
    source_hash: str | None = None
    translated_from: str | None = None
    """The language this file was translated from (its article's original language)."""
    original: bool = False
    """`original: true`: this file is its article's original, whatever else is on disk."""
    languages: tuple[str, ...] | None = None
    """On an original: the only language sites the article appears on (None: all of them)."""
    order: int | None = None
    hide: tuple[str, ...] = ()
    lines: dict[str, int] = field(default_factory=dict, compare=False, hash=False)
    """Line in the file where each key was written, for messages that point at it."""


@dataclass(frozen=True)
class ParsedDocument:
    front: FrontMatter
    body: str
    body_line: int
    """Line number in the file where the body starts (1-based)."""
    front_end_line: int
    """Line number of the closing `---` of the front matter."""


@dataclass(frozen=True)
class _Problem:
    message: str
    hint: str


@dataclass
class _Field:
    kind: str
    required: bool = False
    choices: tuple[str, ...] = ()


SCHEMA: dict[str, _Field] = {
    "title": _Field("line", required=True),
    "description": _Field("line", required=True),
    "type": _Field("choice", choices=ARTICLE_TYPES),
    "audience": _Field("choice", choices=AUDIENCES),
    "tags": _Field("list"),
    "reviewed": _Field("date"),
    "source_hash": _Field("hash"),
    "translated_from": _Field("language"),
    "original": _Field("bool"),
    "languages": _Field("languages"),
    "order": _Field("int"),
    "hide": _Field("hide"),
}


def split_front_matter(text: str, shown_path: str) -> tuple[str, str, int, int] | Finding:
    """Return (yaml_text, body, body_line, closing_line) or a finding.

    Articles must start with a `---` line; without it the file would be published with no
    title, description or audience, which is exactly what failing closed prevents.
    """
    lines = text.split("\n")
    if not lines or not FENCE.match(lines[0]):
        return Finding(
            shown_path,
            1,
            "the file does not start with front matter",
            "Start it with a '---' line, then 'title:' and 'description:' lines, then '---'",
        )
    for index in range(1, len(lines)):
        if CLOSING_FENCE.match(lines[index]):
            yaml_text = "\n".join(lines[1:index])
            body = "\n".join(lines[index + 1 :])
            return yaml_text, body, index + 2, index + 1
    return Finding(
        shown_path,
        1,
        "the front matter is never closed",
        "Add a line with just '---' after the last front matter key",
    )


def parse_document(text: str, shown_path: str) -> ParsedDocument | list[Finding]:
    """Split, parse and validate one article; all findings for the file at once."""
    split = split_front_matter(text, shown_path)
    if isinstance(split, Finding):
        return [split]
    yaml_text, body, body_line, closing_line = split
    pairs, problems = _parse_yaml(yaml_text, shown_path)
    if problems:
        return problems
    front = _validate(pairs, shown_path, closing_line)
    if isinstance(front, list):
        return front
    return ParsedDocument(front, body, body_line, closing_line)


def _line(mark: Any) -> int:
    # Front matter starts on line 2 of the file (after the opening ---).
    return int(mark.line) + 2


def _may_alias(yaml_text: str) -> bool:
    return "&" in yaml_text or "*" in yaml_text


def _parse_yaml(
    yaml_text: str, shown_path: str
) -> tuple[list[tuple[str, Any, int]], list[Finding]]:
    """Parse to (key, value, line) triples, rejecting what YAML allows but an article must not."""
    findings: list[Finding] = []
    try:
        # Anchors start with '&' and aliases with '*': without either, skip the extra pass.
        events = yaml.parse(yaml_text, Loader=_Loader) if _may_alias(yaml_text) else ()
        for event in events:
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                findings.append(
                    Finding(
                        shown_path,
                        _line(event.start_mark),
                        "YAML anchors and aliases (&name, *name) are not allowed in front matter",
                        "Write the value out in full",
                    )
                )
        if findings:
            return [], findings
        loader = _Loader(yaml_text)
        try:
            node = loader.get_single_node()
            if node is None:
                return [], [_empty(shown_path)]
            if not isinstance(node, yaml.MappingNode):
                return [], [
                    Finding(
                        shown_path,
                        _line(node.start_mark),
                        "the front matter is not a set of 'key: value' lines",
                        "Write one 'key: value' per line, for example 'title: Refunds'",
                    )
                ]
            pairs: list[tuple[str, Any, int]] = []
            seen: dict[Any, int] = {}
            for key_node, value_node in node.value:
                key = loader.construct_object(key_node, deep=True)
                line = _line(key_node.start_mark)
                if not isinstance(key, str):
                    findings.append(
                        Finding(
                            shown_path,
                            line,
                            f"the key {key!r} is not a name",
                            f"Use one of: {KEYS_HELP}",
                        )
                    )
                    continue
                if key in seen:
                    findings.append(
                        Finding(
                            shown_path,
                            line,
                            f"the key '{key}' appears twice (first on line {seen[key]})",
                            "Keep one of them",
                        )
                    )
                    continue
                seen[key] = line
                value = loader.construct_object(value_node, deep=True)
                pairs.append((key, value, _line(value_node.start_mark)))
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line_count = yaml_text.count("\n") + 1
        line = _line(mark) if mark is not None else 2
        if mark is not None and mark.line >= line_count:
            # Unclosed brackets and quotes fail at the end; where they opened helps more.
            context = error.context_mark
            opened = context is not None and context.line < line_count
            line = _line(context) if opened else line_count + 1
        problem = (error.problem or "invalid YAML").rstrip(".")
        return [], [
            Finding(
                shown_path,
                line,
                f"the front matter is not valid YAML: {problem}",
                "Check the quoting on that line; put values containing ': ' or starting "
                "with a special character in quotes",
            )
        ]
    except yaml.YAMLError as error:  # pragma: no cover - unmarked errors are rare
        return [], [Finding(shown_path, 2, f"the front matter is not valid YAML: {error}", "")]
    return pairs, findings


def _empty(shown_path: str) -> Finding:
    return Finding(
        shown_path,
        2,
        "the front matter is empty",
        "Add at least 'title:' and 'description:' lines between the '---' lines",
    )


def _validate(
    pairs: list[tuple[str, Any, int]], shown_path: str, closing_line: int
) -> FrontMatter | list[Finding]:
    findings: list[Finding] = []
    values: dict[str, Any] = {}
    lines: dict[str, int] = {}
    for key, value, line in pairs:
        spec = SCHEMA.get(key)
        if spec is None:
            close = difflib.get_close_matches(key, SCHEMA.keys(), n=1)
            hint = f"Did you mean '{close[0]}'?" if close else f"Allowed keys: {KEYS_HELP}"
            findings.append(Finding(shown_path, line, f"unknown key '{key}'", hint))
            continue
        lines[key] = line
        checked = _check_value(key, spec, value)
        if isinstance(checked, _Problem):
            findings.append(Finding(shown_path, line, checked.message, checked.hint))
        else:
            values[key] = checked
    for key, spec in SCHEMA.items():
        if spec.required and key not in lines:
            findings.append(
                Finding(
                    shown_path,
                    closing_line,
                    f"the required key '{key}' is missing",
                    f"Add a '{key}:' line to the front matter",
                )
            )
    if findings:
        return findings
    return FrontMatter(lines=lines, **values)


def _describe(value: Any) -> str:
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return f"the yes/no value {str(value).lower()}"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, dt.datetime | dt.date):
        return f"the date {value.isoformat()}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a nested mapping"
    return f"'{value}'"


MORE_PUBLIC = {"audience": "public"}
"""Values a hint never suggests unless the editor wrote exactly that word in another case:
a hint that guesses `public` would publish a page its author may have meant to keep in."""


def closest_choice(key: str, value: Any, choices: tuple[str, ...]) -> str | None:
    """The allowed value an editor most likely meant, or None when none is close.

    Letter case is ignored (`Internal` means `internal`); otherwise the value must be
    spelled nearly right (`faqs` means `faq`).
    """
    if not isinstance(value, str) or not value.strip():
        return None
    typed = value.strip().casefold()
    for choice in choices:
        if typed == choice.casefold():
            return choice
    guessable = [choice for choice in choices if choice != MORE_PUBLIC.get(key)]
    close = difflib.get_close_matches(typed, guessable, n=1, cutoff=0.75)
    return close[0] if close else None


def _check_value(key: str, spec: _Field, value: Any) -> Any:
    """Return the cleaned value, or the problem with it."""
    if spec.kind == "line":
        if not isinstance(value, str):
            return _Problem(
                f"'{key}' must be text, not {_describe(value)}",
                f'Put the value in quotes: {key}: "..."',
            )
        if "\n" in value.strip():
            return _Problem(f"'{key}' must be a single line", "Join it into one line")
        if not value.strip():
            return _Problem(f"'{key}' is empty", f"Write a {key}")
        return value.strip()
    if spec.kind == "choice":
        if value not in spec.choices:
            options = " or ".join(spec.choices)
            close = closest_choice(key, value, spec.choices)
            return _Problem(
                f"'{key}' must be {options}, not {_describe(value)}",
                f"Write {key}: {close}" if close else "",
            )
        return value
    if spec.kind == "list":
        if isinstance(value, str):
            return _Problem(
                f"'{key}' must be a list, not {_describe(value)}", f"Write {key}: [{value}]"
            )
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            return _Problem(
                f"'{key}' must be a list of words, not {_describe(value)}",
                f"Write {key}: [complaints, phone]",
            )
        return tuple(v.strip() for v in value)
    if spec.kind == "date":
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value.strip())
            except ValueError:
                pass
        return _Problem(
            f"'{key}' must be a date, not {_describe(value)}", f"Write {key}: 2026-01-31"
        )
    if spec.kind == "hash":
        if not isinstance(value, str) or not SOURCE_HASH.match(value.strip()):
            return _Problem(
                f"'{key}' is not a source hash ({_describe(value)})",
                "Let the tools write it: run 'kb ack' on this file",
            )
        return value.strip()
    if spec.kind == "language":
        if not isinstance(value, str) or not LANGUAGE_CODE.match(value.strip()):
            return _Problem(
                f"'{key}' must be a language code, not {_describe(value)}",
                f"Write {key}: en (the code of the language folder it was translated from)",
            )
        return value.strip()
    if spec.kind == "languages":
        if isinstance(value, str):
            return _Problem(
                f"'{key}' must be a list, not {_describe(value)}", f"Write {key}: [{value}]"
            )
        if (
            not isinstance(value, list)
            or not value
            or not all(isinstance(v, str) and LANGUAGE_CODE.match(v.strip()) for v in value)
        ):
            return _Problem(
                f"'{key}' must be a list of language codes, not {_describe(value)}",
                f"Write {key}: [pl, hu]",
            )
        return tuple(dict.fromkeys(v.strip() for v in value))
    if spec.kind == "bool":
        if value is not True and value is not False:
            return _Problem(
                f"'{key}' must be true or false, not {_describe(value)}", f"Write {key}: true"
            )
        return value
    if spec.kind == "int":
        if isinstance(value, bool) or not isinstance(value, int):
            return _Problem(
                f"'{key}' must be a whole number, not {_describe(value)}", f"Write {key}: 10"
            )
        return value
    if spec.kind == "hide":
        if not isinstance(value, list) or any(v not in HIDEABLE for v in value):
            return _Problem(
                f"'{key}' must be a list of: {', '.join(HIDEABLE)}",
                f"Write {key}: [toc]",
            )
        return tuple(value)
    raise ValueError(f"unknown schema kind {spec.kind}")  # pragma: no cover
