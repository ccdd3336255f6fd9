"""The benchmark's results as Markdown tables (bench/results.md, and the README's figures)."""

from __future__ import annotations

import dataclasses
import json
import math
import os
import platform
import statistics
import sys
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

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
    """Every build of one corpus size: one kb and one Material build per round."""

    stats: CorpusStats
    kb_runs: list[BuildResult]
    material_runs: list[BuildResult]

    @property
    def kb(self) -> BuildResult:
        return _median_run(self.kb_runs)

    @property
    def material(self) -> BuildResult:
        return _median_run(self.material_runs)

    @property
    def kb_share(self) -> float:
        """Share of the build spent in kb's own steps: the median over kb's builds."""
        return statistics.median(run.kb_seconds / run.build_seconds for run in self.kb_runs)

    @property
    def rounds(self) -> int:
        return min(len(self.kb_runs), len(self.material_runs))


def _median_run(runs: list[BuildResult]) -> BuildResult:
    """The run with the median build CPU time (the lower middle for an even count)."""
    middle = statistics.median_low([run.build_cpu_seconds for run in runs])
    return next(run for run in runs if run.build_cpu_seconds == middle)


def _paired(pairs: list[tuple[float, float]]) -> float:
    """Median of a/b over pairs measured in the same round, so under the same load."""
    ratios = [a / b for a, b in pairs if b and not (math.isnan(a) or math.isnan(b))]
    return statistics.median(ratios) if ratios else float("nan")


@dataclass
class Results:
    seed: int
    sizes: list[SizeResult] = field(default_factory=list)
    serve: list[tuple[str, ServeResult]] = field(default_factory=list)
    serve_articles: int | None = None
    load: list[float] = field(default_factory=list)
    """The machine's 1-minute load average when the run started and when it ended."""


def save(results: Results, path: Path) -> None:
    """The raw measurements, so the tables can be written again without building."""
    path.write_text(json.dumps(dataclasses.asdict(results), indent=1) + "\n", encoding="utf-8")


def load(path: Path) -> Results:
    data = json.loads(path.read_text(encoding="utf-8"))
    sizes = [
        SizeResult(
            CorpusStats(**size["stats"]),
            [BuildResult(**run) for run in size["kb_runs"]],
            [BuildResult(**run) for run in size["material_runs"]],
        )
        for size in data["sizes"]
    ]
    serve = [(name, ServeResult(**session)) for name, session in data["serve"]]
    return Results(data["seed"], sizes, serve, data["serve_articles"], data["load"])


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
            share = _pct(size.kb_share) if result.steps else "—"
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
    count = min((size.rounds for size in results.sizes), default=1)
    rounds = (
        f"The builds ran in {count} rounds, each building every size with kb_builder and "
        "with plain Material, so that builds compared with each other ran minutes apart, "
        "not tens of minutes."
        if count > 1
        else ""
    )
    return (
        f"Written by `python -m bench.run` (seed {results.seed}) on {platform.system()} "
        f"{platform.machine()} with {os.cpu_count()} CPUs (load average {load} during the "
        f"run), Python {sys.version.split()[0]}, {versions}.\n\n"
        "Each build runs as `mkdocs build` does, in its own process: *wall* is the whole "
        "process; *build* is the build alone (no interpreter start-up or config loading), "
        "in wall and in CPU seconds (CPU seconds include the programs a build runs, such "
        "as Pagefind); *ms per page* is build time over the HTML pages "
        f"written; *peak* is the process's maximum resident memory. {rounds} Tables show "
        "the run with the median build CPU time; ratios are taken between builds of the "
        "same round and their median is shown. Ratios and targets use CPU time, which a "
        "busy machine inflates far less than wall time. kb_builder "
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
        f"| articles per language | {header} | kb total (s) | share of build "
        "| programs' CPU (s) | share of build CPU |",
        "|---:|" + "---:|" * (len(names) + 4),
    ]
    for size in results.sizes:
        steps = size.kb.steps
        cells = " | ".join(f"{steps[name]:.2f}" if name in steps else "—" for name in names)
        programs = size.kb.programs_cpu_seconds
        rows.append(
            f"| {size.stats.articles:,} | {cells} | {size.kb.kb_seconds:.2f} "
            f"| {_pct(size.kb_share)} | {programs:.1f} "
            f"| {_pct(programs / size.kb.build_cpu_seconds)} |"
        )
    rows.append("")
    rows.append(
        "Seconds of the median build; the share is the median over all kb builds of kb's "
        "time over the build's (both wall clock, inside the build). *Programs' CPU* is the "
        "processor time of the programs the build runs, Pagefind (one run per language) and "
        "git: Pagefind indexes each language while MkDocs writes the next ones, so the "
        "*search index* step shows the time the build spends on search (word lists, "
        "starting Pagefind, waiting for the last language), not Pagefind's processor time, "
        "which is counted in build CPU. — : the step does not exist in this version of "
        "kb_builder yet; it is timed automatically once it does."
    )
    return "\n".join(rows)


def _ratio_table(results: Results) -> str:
    rows = [
        "| articles per language | pages | wall | build CPU | CPU ms per page | ms per page "
        "| peak memory | output | search index |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    columns = (
        "pages",
        "wall_seconds",
        "build_cpu_seconds",
        "cpu_ms_per_page",
        "ms_per_page",
        "peak_bytes",
        "output_bytes",
        "search_bytes",
    )
    for size in results.sizes:
        cells = " | ".join(_fmt(_kb_over_material(size, column)) for column in columns)
        rows.append(f"| {size.stats.articles:,} | {cells} |")
    return "\n".join(rows)


def _kb_over_material(size: SizeResult, column: str) -> float:
    pairs = zip(size.kb_runs, size.material_runs, strict=False)
    return _paired([(getattr(kb, column), getattr(mat, column)) for kb, mat in pairs])


def _fmt(value: float) -> str:
    return "—" if math.isnan(value) else f"{value:.2f}"


def _scaling(results: Results, which: str, measure: str = "cpu_ms_per_page") -> float:
    """Time per page at the largest size over that at the smallest, round by round."""
    first, last = results.sizes[0], results.sizes[-1]
    small, big = getattr(first, f"{which}_runs"), getattr(last, f"{which}_runs")
    pairs = zip(big, small, strict=False)
    return _paired([(getattr(b, measure), getattr(a, measure)) for b, a in pairs])


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
        "| build | command | edit | first build (s) | save → browser reload (s) | rebuild (s) "
        "| edits |",
        "|---|---|---|---:|---:|---:|---:|",
    ]
    for name, serve in results.serve:
        command = "mkdocs serve --dirty" if serve.dirty else "mkdocs serve"
        edits = serve.edit_seconds
        spread = f" ({min(edits):.1f}–{max(edits):.1f})" if len(edits) > 1 else ""
        rows.append(
            f"| {name} | `{command}` | {serve.kind} | {serve.first_build_seconds:.1f} "
            f"| {serve.median_edit:.1f}{spread} | {serve.median_rebuild:.1f} | {len(edits)} |"
        )
    rows.append("")
    rows.append(
        "Median over the edits (min–max). *text*: a sentence added to an article; *title*: "
        "its title changed (its section's menu, in every language); *new*: a new article "
        "next to it. *save → browser reload* runs from writing the file "
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
            _check(
                ratio <= SCALING_LIMIT,
                f"linear growth: CPU ms per page at "
                f"{results.sizes[-1].stats.articles:,} is {ratio:.2f}× that at "
                f"{results.sizes[0].stats.articles:,} (target ≤ {SCALING_LIMIT}×)",
            )
        )
    last = results.sizes[-1]
    n = f"{last.stats.articles:,}"
    speed = _kb_over_material(last, "cpu_ms_per_page")
    lines.append(
        _check(
            speed <= 1,
            f"speed at {n}: kb_builder takes {speed:.2f}× plain Material's "
            "CPU time per page (target ≤ 1)",
        )
    )
    share = last.kb_share
    lines.append(
        _check(
            share < KB_SHARE_LIMIT,
            f"kb_builder's own steps at {n}: {_pct(share)} of the "
            f"build (target < {_pct(KB_SHARE_LIMIT)})",
        )
    )
    peak = max(run.peak_bytes for run in last.kb_runs)
    lines.append(
        _check(
            peak < PEAK_LIMIT,
            f"peak memory at {n}: {peak / MB:.0f} MB, the highest of its builds (target < 1 GB)",
        )
    )
    return "\n".join(lines)


def _check(ok: bool, text: str) -> str:
    return f"- {'met' if ok else 'NOT met'}: {text}"


def _pct(share: float) -> str:
    return f"{100 * share:.1f}%"
