"""The benchmark runner on tiny corpora: it measures real builds and writes its tables.

Nothing here asserts how long anything took; timings are the benchmark's business.
"""

from __future__ import annotations

from pathlib import Path

from bench import measure, report, run
from bench.generate import KB_CONFIG, CorpusStats, generate


def test_runner_writes_every_table(tmp_path: Path) -> None:
    output = tmp_path / "out" / "results.md"  # a folder that does not exist yet
    code = run.main(
        [
            "--sizes",
            "16",
            "12",
            "--no-serve",
            "--workdir",
            str(tmp_path / "w"),
            "--output",
            str(output),
        ]
    )
    assert code == 0
    text = output.read_text(encoding="utf-8")
    for heading in (
        "## Corpus",
        "## Builds",
        "## kb_builder's steps",
        "## kb_builder / plain Material",
        "## Scaling",
        "## Targets",
    ):
        assert heading in text
    # Sizes are reported smallest first; both builds of both sizes have a row.
    assert text.index("| 12 | kb_builder |") < text.index("| 16 | kb_builder |")
    assert "| 16 | plain Material |" in text
    # Every kb step is timed: content load, coverage, navigation, pages, assets, links, search.
    steps_row = next(line for line in text.splitlines() if line.startswith("| 12 | 0."))
    assert "| — |" not in steps_row
    cells = steps_row.strip("|").split("|")
    assert len(cells) == 12
    # Pagefind runs as a program of its own: its processor time is measured too.
    assert float(cells[10]) > 0
    assert not (tmp_path / "w").exists()
    # The raw measurements are saved; the same tables can be written from them.
    again = tmp_path / "again.md"
    saved = output.with_suffix(".json")
    assert run.main(["--from-json", str(saved), "--output", str(again)]) == 0
    assert again.read_text(encoding="utf-8") == text


def test_build_measures_pages_sizes_memory_and_kb_steps(tmp_path: Path) -> None:
    stats = generate(tmp_path, articles=12, seed=4)
    result = measure.build(tmp_path, KB_CONFIG, "site", timings=True)
    assert result.pages == len(list((tmp_path / "site").rglob("index.html")))
    assert result.pages == 4 * (12 - stats.internal) + 1
    assert result.peak_bytes > 10 * 1024 * 1024
    assert 0 < result.search_bytes < result.output_bytes
    assert {"content load", "coverage", "navigation", "page work"} <= result.steps.keys()
    # Only the project's min_coverage can warn: the corpus has missing and stale translations.
    log = (tmp_path / "mkdocs.build.log").read_text(encoding="utf-8").splitlines()
    warnings = [line for line in log if line.startswith("WARNING")]
    assert len(warnings) == result.warnings
    assert all("below its min_coverage" in line for line in warnings), warnings


def test_serve_session_times_each_kind_of_edit_and_restores_the_files(tmp_path: Path) -> None:
    stats = generate(tmp_path, articles=12, seed=4)
    article = tmp_path / "content" / stats.edit_target
    original = article.read_bytes()
    files = sorted(p for p in (tmp_path / "content").rglob("*") if p.is_file())
    served = measure.serve_edits(
        tmp_path, KB_CONFIG, article, edits=1, dirty=True, timeout=120, kinds=measure.EDIT_KINDS
    )
    assert [serve.kind for serve in served] == ["text", "title", "new"]
    for serve in served:
        assert len(serve.edit_seconds) == len(serve.rebuild_seconds) == 1
        assert serve.first_build_seconds > 0
    assert article.read_bytes() == original
    assert sorted(p for p in (tmp_path / "content").rglob("*") if p.is_file()) == files


def test_report_marks_targets_and_missing_steps() -> None:
    def result(pages: int, seconds: float, steps: dict[str, float]) -> measure.BuildResult:
        return measure.BuildResult(
            "x.yml",
            seconds + 1,
            seconds,
            seconds,
            300 * report.MB,
            pages,
            50 * report.MB,
            5 * report.MB,
            0,
            steps,
        )

    stats = CorpusStats(articles=250, seed=1, search="stand-in")
    stats.missing = stats.stale = {"el": 1, "pl": 2, "hu": 3}
    size = report.SizeResult(
        stats, [result(1000, 8.0, {"content load": 0.2})], [result(900, 9.0, {})]
    )
    text = report.render(report.Results(seed=1, sizes=[size]))
    assert "| 250 | 0.20 | — | — | — | — | — | — | 0.20 | 2.5% |" in text
    assert "- met: speed at 250: kb_builder takes 0.80× plain Material's CPU time per page" in text
    assert "- met: peak memory at 250: 300 MB, the highest of its builds (target < 1 GB)" in text
    assert "| 250 | kb_builder | 1,000 | 9.0 s | 8.0 | 300 MB | 50 MB | 5.0 MB | 2.5% |" in (
        report.summary_table(report.Results(seed=1, sizes=[size]))
    )


def test_ratios_are_taken_within_a_round() -> None:
    """Each round runs under its own machine load; a ratio compares builds of one round."""

    def run(pages: int, cpu: float) -> measure.BuildResult:
        return measure.BuildResult("x.yml", cpu, cpu, cpu, report.MB, pages, 1, 1, 0, {})

    small = CorpusStats(articles=250, seed=1)
    big = CorpusStats(articles=1000, seed=1)
    for stats in (small, big):
        stats.missing = stats.stale = {"el": 0, "pl": 0, "hu": 0}
    # kb ms per page by round: 10 -> 11, 20 -> 55, 30 -> 16.5: ratios 1.1, 2.75, 0.55.
    # The median ratio is 1.1; the ratio of the medians (16.5 / 20) would be 0.82.
    sizes = [
        report.SizeResult(
            small, [run(1000, c) for c in (10, 20, 30)], [run(1000, c) for c in (12, 24, 36)]
        ),
        report.SizeResult(
            big, [run(4000, c) for c in (44, 220, 66)], [run(4000, c) for c in (60, 120, 180)]
        ),
    ]
    text = report.render(report.Results(seed=1, sizes=sizes))
    assert "CPU ms per page at 1,000 is 1.10× that at 250" in text
    # kb over Material at 1,000 by round: 11/15, 55/30, 16.5/45: median 0.73.
    assert "kb_builder takes 0.73× plain Material's CPU time per page" in text
