"""The kb_builder benchmark: build synthetic knowledge bases with kb_builder and with plain
Material, time an edit under `mkdocs serve`, and write the figures to bench/results.md.

    python -m bench.run                      # 250 and 1,000 articles per language
    python -m bench.run --sizes 100 --no-serve

Run it from the repository root with the project's virtualenv. Every build is the real
`mkdocs build` in its own process (see bench/measure.py); the corpora are generated fresh
from the seed (bench/generate.py) in a temporary folder that is removed afterwards.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

from bench import measure, report
from bench.generate import KB_CONFIG, MATERIAL_CONFIG, generate

HERE = Path(__file__).resolve().parent
KB_SITE = "site"
MATERIAL_SITE = "site-material"


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    # Made before the builds, so that half an hour of measurements has somewhere to go.
    args.output.parent.mkdir(parents=True, exist_ok=True)
    if args.from_json:
        results = report.load(args.from_json)
        args.output.write_text(report.render(results), encoding="utf-8")
        _say(f"written to {args.output} from {args.from_json}")
        return 0
    workdir = Path(args.workdir or tempfile.mkdtemp(prefix="kb-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    results = report.Results(seed=args.seed, load=[os.getloadavg()[0]])
    try:
        projects = {n: _project(workdir, n, args.seed) for n in sorted(set(args.sizes))}
        results.sizes = _measure_builds(projects, args)
        if not args.no_serve:
            articles = args.serve_at or max(args.sizes)
            if articles not in projects:
                projects[articles] = _project(workdir, articles, args.seed)
            _measure_serve(*projects[articles], articles, args, results)
    finally:
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)
    results.load.append(os.getloadavg()[0])
    report.save(results, args.output.with_suffix(".json"))
    text = report.render(results)
    args.output.write_text(text, encoding="utf-8")
    print(text)
    _say(f"written to {args.output}")
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m bench.run", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument(
        "--sizes", type=int, nargs="+", default=[250, 1000], help="articles per language"
    )
    parser.add_argument("--seed", type=int, default=1, help="corpus seed (default 1)")
    parser.add_argument(
        "--repeat",
        type=int,
        default=1,
        help="rounds of builds; each round builds every size with kb and with Material, "
        "and ratios are taken within a round (the median over rounds is reported)",
    )
    parser.add_argument(
        "--serve-at",
        type=int,
        default=None,
        help="articles per language for the serve test (default: the largest size)",
    )
    parser.add_argument("--edits", type=int, default=3, help="edits timed per serve session")
    parser.add_argument("--no-serve", action="store_true", help="skip the mkdocs serve test")
    parser.add_argument(
        "--serve-timeout", type=float, default=900, help="seconds to wait for one build"
    )
    parser.add_argument("--workdir", type=Path, help="where to generate (default: a temp dir)")
    parser.add_argument("--keep", action="store_true", help="keep the generated projects")
    parser.add_argument(
        "--output",
        type=Path,
        default=HERE / "results.md",
        help="Markdown results file; the raw measurements go next to it as .json",
    )
    parser.add_argument(
        "--from-json", type=Path, help="write the tables from saved measurements, no builds"
    )
    return parser


def _project(workdir: Path, articles: int, seed: int):
    project = workdir / f"articles-{articles}"
    if project.exists():
        shutil.rmtree(project)
    stats = generate(project, articles=articles, seed=seed)
    _say(f"generated {stats.files:,} files for {articles} articles per language in {project}")
    return project, stats


def _measure_builds(projects: dict, args: argparse.Namespace) -> list[report.SizeResult]:
    """Rounds of builds: every size with kb and with Material in each round.

    On a shared machine the load drifts over minutes; building the sizes and both tools
    side by side within a round lets each ratio compare builds made under the same load.
    """
    runs: dict[int, tuple[list, list]] = {n: ([], []) for n in projects}
    for number in range(1, max(1, args.repeat) + 1):
        for articles, (project, _) in projects.items():
            kb_runs, material_runs = runs[articles]
            kb_runs.append(measure.build(project, KB_CONFIG, KB_SITE, timings=True))
            _say(_line(f"round {number}, {articles}: kb_builder", kb_runs[-1]))
            material_runs.append(
                measure.build(project, MATERIAL_CONFIG, MATERIAL_SITE, timings=False)
            )
            _say(_line(f"round {number}, {articles}: plain Material", material_runs[-1]))
            if not args.keep:
                for site in (KB_SITE, MATERIAL_SITE):
                    shutil.rmtree(project / site, ignore_errors=True)
    return [report.SizeResult(stats, runs[n][0], runs[n][1]) for n, (_, stats) in projects.items()]


def _measure_serve(project, stats, articles: int, args, results: report.Results) -> None:
    article = project / "content" / stats.edit_target
    results.serve_articles = articles
    # One edit is enough to show what a full rebuild costs; the preview (`--dirty`) is
    # timed for each kind of edit, since each touches a different share of the site.
    sessions = (
        ("kb_builder", KB_CONFIG, False, 1, ("text",)),
        ("kb_builder", KB_CONFIG, True, args.edits, measure.EDIT_KINDS),
        ("plain Material", MATERIAL_CONFIG, False, 1, ("text",)),
    )
    for name, config, dirty, edits, kinds in sessions:
        served = measure.serve_edits(
            project,
            config,
            article,
            edits=edits,
            dirty=dirty,
            timeout=args.serve_timeout,
            kinds=kinds,
        )
        for serve in served:
            results.serve.append((name, serve))
            _say(
                f"serve{' --dirty' if dirty else ''} {name}, {serve.kind} edit: first build "
                f"{serve.first_build_seconds:.1f} s, edit → reload {serve.median_edit:.1f} s"
            )


def _line(name: str, result: measure.BuildResult) -> str:
    return (
        f"  {name}: {result.pages:,} pages, wall {result.wall_seconds:.1f} s, build "
        f"{result.build_seconds:.1f} s ({result.build_cpu_seconds:.1f} s CPU), "
        f"{result.cpu_ms_per_page:.1f} CPU ms/page, peak {result.peak_bytes / report.MB:.0f} MB"
    )


def _say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


if __name__ == "__main__":
    sys.exit(main())
