"""What git history says about stale translations: which sections changed, and when.

A translation records only the fingerprint of the original it was made from (the article's
original, in whatever language it was written). To name the sections that changed since,
we need that older text: we walk the original file's committed versions, newest first, and
take the first whose fingerprint is the recorded one. That
keeps translations' front matter to a single line and needs nothing but the repository.

Two git processes serve any number of stale translations (one `git log` for the versions
of every original involved, one `git cat-file --batch` for their contents). Without git, in
a folder that is not a repository, in a shallow clone that lacks the old version, or when
git fails in any way, the answer is simply "unknown": history is a help, never a
requirement.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from kb_builder.content.frontmatter import ParsedDocument, parse_document
from kb_builder.content.model import Catalog
from kb_builder.content.source import decode_source
from kb_builder.findings import Finding
from kb_builder.i18n import fingerprint
from kb_builder.i18n.coverage import (
    STALE,
    CoverageReport,
    History,
    TranslationState,
    measure,
    with_history,
)

TIMEOUT = 60
"""Seconds before a git command is given up on (history is then unknown)."""

_PATHS_ON_COMMAND_LINE = 500
"""Above this many files, log the whole docs folder rather than name every file."""


@dataclass(frozen=True)
class Version:
    """One committed version of a file."""

    commit: str
    date: str
    """Committer date, ISO 8601."""
    blob: str | None
    """Object id of the file's content; None where the commit deleted it."""


def measure_with_history(
    catalog: Catalog,
    audience: str,
    minimums: Mapping[str, float],
    docs_dir: Path | None,
    languages: Iterable[str] | None = None,
) -> CoverageReport:
    """`coverage.measure`, plus git's account of each stale translation when `docs_dir` is
    given (the plugin and `kb status` both measure through here)."""
    report = measure(catalog, audience, minimums, languages)
    if docs_dir is None:
        return report
    return with_history(report, stale_histories(report, docs_dir))


def stale_histories(report: CoverageReport, docs_dir: Path) -> dict[tuple[str, str], History]:
    """History of each stale translation in `report`, keyed (lang, rel); {} without git."""
    stale = [state for state in report.states() if state.status == STALE and state.original]
    if not stale:
        return {}
    uris = sorted({state.original.disk_uri for state in stale if state.original})
    versions = file_versions(docs_dir, uris)
    if versions is None:
        return {}
    blobs = read_blobs(docs_dir, {v.blob for uri in uris for v in versions.get(uri, ()) if v.blob})
    parsed = {blob: _parse(data) for blob, data in blobs.items()}
    histories = {}
    for state in stale:
        uri = state.original.disk_uri if state.original else ""
        histories[(state.lang, state.rel)] = _history(state, versions.get(uri, []), parsed)
    return histories


def _history(
    state: TranslationState, versions: list[Version], parsed: Mapping[str, ParsedDocument | None]
) -> History:
    """Find the version the translation was made from and compare it with the original now."""
    source = state.original
    if not versions or source is None:
        return History()
    newer: Version | None = None
    for version in versions:
        old = parsed.get(version.blob) if version.blob else None
        if old is not None and _fingerprint(old) == state.recorded_hash:
            then = fingerprint.parts(old.front.title, old.front.description, old.body)
            now = fingerprint.parts(source.front.title, source.front.description, source.body)
            return History(
                changes=tuple(fingerprint.compare(then, now)),
                source_changed=versions[0].date,
                stale_since=newer.date if newer is not None else None,
            )
        newer = version
    return History(source_changed=versions[0].date)


def _parse(data: bytes) -> ParsedDocument | None:
    decoded = decode_source(data, "")
    if isinstance(decoded, Finding):
        return None
    parsed = parse_document(decoded.text, "")
    return None if isinstance(parsed, list) else parsed


def _fingerprint(parsed: ParsedDocument) -> str:
    return fingerprint.fingerprint(parsed.front.title, parsed.front.description, parsed.body)


def file_versions(docs_dir: Path, uris: Iterable[str]) -> dict[str, list[Version]] | None:
    """Committed versions of each file (paths relative to docs_dir), newest first.

    None when git cannot be asked (not installed, not a repository, any failure).
    """
    wanted = list(uris)
    pathspecs = wanted if len(wanted) <= _PATHS_ON_COMMAND_LINE else ["."]
    output = _git(
        docs_dir,
        [
            "--literal-pathspecs",
            "log",
            "-z",
            "--format=%x01%H%x00%cI",
            "--raw",
            "--no-abbrev",
            "--no-renames",
            "--relative",
            "--",
            *pathspecs,
        ],
    )
    if output is None:
        return None
    keep = set(wanted)
    versions: dict[str, list[Version]] = {}
    for record in output.split(b"\x01")[1:]:
        fields = record.split(b"\x00")
        if len(fields) < 2:
            continue
        commit, date = fields[0].decode("ascii"), fields[1].decode("ascii")
        rest = [field for field in fields[2:] if field.strip()]
        # --raw -z: ":<mode> <mode> <old blob> <new blob> <status>" then the path.
        for meta, path in zip(rest[::2], rest[1::2], strict=False):
            parts = meta.strip().split()
            if len(parts) < 5:
                continue
            name = path.decode("utf-8", "surrogateescape")
            if name not in keep:
                continue
            blob = None if parts[4].startswith(b"D") else parts[3].decode("ascii")
            versions.setdefault(name, []).append(Version(commit, date, blob))
    return versions


def read_blobs(docs_dir: Path, blobs: Iterable[str]) -> dict[str, bytes]:
    """The contents of git objects by id; objects git cannot give are left out."""
    wanted = sorted(blobs)
    if not wanted:
        return {}
    output = _git(docs_dir, ["cat-file", "--batch"], stdin="".join(f"{b}\n" for b in wanted))
    if output is None:
        return {}
    found: dict[str, bytes] = {}
    position = 0
    while position < len(output):
        end = output.index(b"\n", position)
        header = output[position:end].split()
        position = end + 1
        if len(header) != 3:  # "<id> missing"
            continue
        size = int(header[2])
        found[header[0].decode("ascii")] = output[position : position + size]
        position += size + 1
    return found


def _git(cwd: Path, arguments: list[str], stdin: str | None = None) -> bytes | None:
    try:
        run = subprocess.run(
            ["git", *arguments],
            cwd=cwd,
            input=stdin.encode("ascii") if stdin is not None else None,
            capture_output=True,
            timeout=TIMEOUT,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return run.stdout if run.returncode == 0 else None
