"""The benchmark's results as Markdown tables (bench/results.md, and the README's figures)."""

from __future__ import annotations

import math
import os
import platform
import sys
from dataclasses import dataclass, field
from importlib import metadata

from bench.generate import TRANSLATED, CorpusStats
from bench.measure import BuildResult, ServeResult
from kb_builder import timing

KNOWN_STEPS = timing.STEPS
"""kb steps shown as columns, whether or not they ran; other step names follow them."""

SCALING_LIMIT = 1.3
KB_SHARE_LIMIT = 0.15
PEAK_LIMIT = 1024**3
MB = 1024 * 1024


@dataclass
class SizeResult:
    """Both builds of one corpus size."""

    stats: CorpusStats
    kb: BuildResult
    material: BuildResult


@dataclass
class Results:
    seed: int
    sizes: list[SizeResult] = field(default_factory=list)
    serve: list[tuple[str, ServeResult]] = field(default_factory=list)
    serve_articles: int | None = None
    load: list[float] = field(default_factory=list)
    """The machine's 1-minute load average when the run started and when it ended."""


def render(results: Results) -> str:
    parts = [
        "# kb_builder benchmark results",
        "",
        _preamble(results),
        "",
        "## Summary",
        "",
        summary_table(results),
        "",
        "## Corpus",
        "",
        _corpus_table(results),
        "",
        "## Builds",
        "",
        _build_table(results),
        "",
        "## kb_builder's steps",
        "",
        _steps_table(results),
        "",
        "## kb_builder / plain Material",
        "",
        _ratio_table(results),
        "",
    ]
    if len(results.sizes) > 1:
        parts += ["## Scaling", "", _scaling_table(results), ""]
    if results.serve:
        parts += [
            f"## `mkdocs serve`: one edit at {results.serve_articles} articles per language",
            "",
            _serve_table(results),
            "",
        ]
    parts += ["## Targets", "", _targets(results), ""]
    return "\n".join(parts)


def summary_table(results: Results) -> str:
    """The short table for the README: one row per build and size."""
    rows = [
        "| articles per language | build | pages | wall | CPU ms per page | peak memory "
        "| output | search index | kb steps |",
        "|---:|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for size in results.sizes:
        for name, result in (("kb_builder", size.kb), ("plain Material", size.material)):
            share = (
                f"{_pct(result.kb_seconds / result.build_seconds)}" if result.steps else "—"
            )
            rows.append(
                f"| {size.stats.articles:,} | {name} | {result.pages:,} "
                f"| {result.wall_seconds:.1f} s | {result.cpu_ms_per_page:.1f} "
                f"| {result.peak_bytes / MB:.0f} MB | {result.output_bytes / MB:.0f} MB "
                f"| {result.search_bytes / MB:.1f} MB | {share} |"
            )
    return "\n".join(rows)


def _preamble(results: Results) -> str:
    versions = ", ".join(
        f"{name} {_version(name)}" for name in ("mkdocs", "mkdocs-material", "markdown")
    )
    search = results.sizes[0].stats.search if results.sizes else ""
    load = " → ".join(f"{value:.1f}" for value in results.load) or "?"
    return (
        f"Written by `python -m bench.run` (seed {results.seed}) on {platform.system()} "
        f"{platform.machine()} with {os.cpu_count()} CPUs (load average {load} during the "
        f"run), Python {sys.version.split()[0]}, {versions}.\n\n"
        "Each build runs as `mkdocs build` does, in its own process: *wall* is the whole "
        "process; *build* is the build alone (no interpreter start-up or config loading), "
        "in wall and in CPU seconds; *ms per page* is build time over the HTML pages "
        "written; *peak* is the process's maximum resident memory. Ratios and targets use "
        "CPU time, which a busy machine inflates far less than wall time. kb_builder "
        "builds every language in full (an untranslated article is published with a "
        "notice); plain Material builds the files that exist. Search in the kb_builder "
        f"build: {search}."
    )


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "?"


def _corpus_table(results: Results) -> str:
    langs = "/".join(TRANSLATED)
    rows = [
        f"| articles per language | sections | subsections | FAQ pages | internal | files "
        f"| missing ({langs}) | stale ({langs}) | links per language |",
        "|---:|---:|---:|---:|---:|---:|---|---|---:|",
    ]
    for size in results.sizes:
        s = size.stats
        missing = "/".join(str(s.missing[lang]) for lang in TRANSLATED)
        stale = "/".join(str(s.stale[lang]) for lang in TRANSLATED)
        rows.append(
            f"| {s.articles:,} | {s.sections} | {s.subsections} | {s.faq} | {s.internal} "
            f"| {s.files:,} | {missing} | {stale} | {s.links:,} |"
        )
    return "\n".join(rows)


def _build_table(results: Results) -> str:
    rows = [
        "| articles per language | build | pages | wall (s) | build (s) | build CPU (s) "
        "| ms per page | CPU ms per page | peak memory (MB) | output (MB) "
        "| search index (MB) | warnings |",
        "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for size in results.sizes:
        for name, r in (("kb_builder", size.kb), ("plain Material", size.material)):
            rows.append(
                f"| {size.stats.articles:,} | {name} | {r.pages:,} | {r.wall_seconds:.1f} "
                f"| {r.build_seconds:.1f} | {r.build_cpu_seconds:.1f} | {r.ms_per_page:.1f} "
                f"| {r.cpu_ms_per_page:.1f} | {r.peak_bytes / MB:.0f} "
                f"| {r.output_bytes / MB:.0f} | {r.search_bytes / MB:.1f} | {r.warnings:,} |"
            )
    return "\n".join(rows)


def _steps_table(results: Results) -> str:
    names = list(KNOWN_STEPS)
    for size in results.sizes:
        names += [name for name in size.kb.steps if name not in names]
    header = " | ".join(f"{name} (s)" for name in names)
    rows = [
        f"| articles per language | {header} | kb total (s) | share of build |",
        "|---:|" + "---:|" * (len(names) + 2),
    ]
    for size in results.sizes:
        steps = size.kb.steps
        cells = " | ".join(f"{steps[name]:.2f}" if name in steps else "—" for name in names)
        share = size.kb.kb_seconds / size.kb.build_seconds
        rows.append(
            f"| {size.stats.articles:,} | {cells} | {size.kb.kb_seconds:.2f} | {_pct(share)} |"
        )
    rows.append("")
    rows.append(
        "— : the step does not exist in this version of kb_builder yet; it is timed "
        "automatically once it does."
    )
    return "\n".join(rows)


def _ratio_table(results: Results) -> str:
    rows = [
        "| articles per language | pages | wall | build CPU | CPU ms per page | ms per page "
        "| peak memory | output | search index |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for size in results.sizes:
        kb, mat = size.kb, size.material
        rows.append(
            f"| {size.stats.articles:,} | {_ratio(kb.pages, mat.pages)} "
            f"| {_ratio(kb.wall_seconds, mat.wall_seconds)} "
            f"| {_ratio(kb.build_cpu_seconds, mat.build_cpu_seconds)} "
            f"| {_ratio(kb.cpu_ms_per_page, mat.cpu_ms_per_page)} "
            f"| {_ratio(kb.ms_per_page, mat.ms_per_page)} "
            f"| {_ratio(kb.peak_bytes, mat.peak_bytes)} "
            f"| {_ratio(kb.output_bytes, mat.output_bytes)} "
            f"| {_ratio(kb.search_bytes, mat.search_bytes)} |"
        )
    return "\n".join(rows)


def _scaling(results: Results, which: str, measure: str = "cpu_ms_per_page") -> float:
    first, last = results.sizes[0], results.sizes[-1]
    return getattr(getattr(last, which), measure) / getattr(getattr(first, which), measure)


def _scaling_table(results: Results) -> str:
    first, last = results.sizes[0], results.sizes[-1]
    small, big = f"{first.stats.articles:,}", f"{last.stats.articles:,}"
    rows = [
        f"| build | CPU ms per page at {small} | at {big} | ratio (target ≤ {SCALING_LIMIT}) "
        f"| ms per page at {small} | at {big} | ratio |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for name, which in (("kb_builder", "kb"), ("plain Material", "material")):
        a, b = getattr(first, which), getattr(last, which)
        rows.append(
            f"| {name} | {a.cpu_ms_per_page:.1f} | {b.cpu_ms_per_page:.1f} "
            f"| {_scaling(results, which):.2f} | {a.ms_per_page:.1f} | {b.ms_per_page:.1f} "
            f"| {_scaling(results, which, 'ms_per_page'):.2f} |"
        )
    return "\n".join(rows)


def _serve_table(results: Results) -> str:
    rows = [
        "| build | command | first build (s) | save → browser reload (s) | rebuild (s) "
        "| edits |",
        "|---|---|---:|---:|---:|---:|",
    ]
    for name, serve in results.serve:
        command = "mkdocs serve --dirty" if serve.dirty else "mkdocs serve"
        edits = serve.edit_seconds
        spread = f" ({min(edits):.1f}–{max(edits):.1f})" if len(edits) > 1 else ""
        rows.append(
            f"| {name} | `{command}` | {serve.first_build_seconds:.1f} "
            f"| {serve.median_edit:.1f}{spread} | {serve.median_rebuild:.1f} | {len(edits)} |"
        )
    rows.append("")
    rows.append(
        "Median over the edits (min–max). *save → browser reload* runs from writing the file "
        "to MkDocs' \"Reloading browsers\"; it includes the file watcher's delay and, for a "
        "full rebuild, MkDocs clearing the previous output. These are wall-clock times, "
        "so a busy machine stretches them (see the load average above)."
    )
    return "\n".join(rows)


def _targets(results: Results) -> str:
    lines = []
    if len(results.sizes) > 1:
        ratio = _scaling(results, "kb")
        lines.append(
            _check(ratio <= SCALING_LIMIT, f"linear growth: CPU ms per page at "
                   f"{results.sizes[-1].stats.articles:,} is {ratio:.2f}× that at "
                   f"{results.sizes[0].stats.articles:,} (target ≤ {SCALING_LIMIT}×)")
        )
    last = results.sizes[-1]
    n = f"{last.stats.articles:,}"
    speed = last.kb.cpu_ms_per_page / last.material.cpu_ms_per_page
    lines.append(
        _check(speed <= 1, f"speed at {n}: kb_builder takes {speed:.2f}× plain Material's "
               "CPU time per page (target ≤ 1)")
    )
    share = last.kb.kb_seconds / last.kb.build_seconds
    lines.append(
        _check(share < KB_SHARE_LIMIT, f"kb_builder's own steps at {n}: {_pct(share)} of the "
               f"build (target < {_pct(KB_SHARE_LIMIT)})")
    )
    peak = last.kb.peak_bytes
    lines.append(
        _check(peak < PEAK_LIMIT, f"peak memory at {n}: {peak / MB:.0f} MB (target < 1 GB)")
    )
    return "\n".join(lines)


def _check(ok: bool, text: str) -> str:
    return f"- {'met' if ok else 'NOT met'}: {text}"


def _ratio(a: float, b: float) -> str:
    if not b or math.isnan(a) or math.isnan(b):
        return "—"
    return f"{a / b:.2f}"


def _pct(share: float) -> str:
    return f"{100 * share:.1f}%"
