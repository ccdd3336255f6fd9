"""Step timings: totals per named step, and the JSON the plugin writes for the benchmark."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sitekit import page

from kb_builder import timing
from kb_builder.timing import Timings


def test_steps_add_up_per_name_in_first_run_order() -> None:
    timings = Timings()
    for name in ("content load", "page work", "content load"):
        with timings.step(name):
            pass
    assert list(timings.seconds) == ["content load", "page work"]
    assert all(seconds >= 0 for seconds in timings.seconds.values())
    assert timings.total == pytest.approx(sum(timings.seconds.values()))
    data = timings.as_json()
    assert data["calls"] == {"content load": 2, "page work": 1}
    assert set(data["steps"]) == {"content load", "page work"}


def test_a_step_that_fails_is_still_counted() -> None:
    timings = Timings()
    with pytest.raises(ValueError), timings.step("link check"):
        raise ValueError("broken")
    assert "link check" in timings.seconds


def test_summary_names_every_step() -> None:
    timings = Timings()
    assert timings.summary() == "no kb steps ran"
    with timings.step("coverage"):
        pass
    assert timings.summary().startswith("coverage 0.00 s (total 0.00 s)")


def test_build_writes_timings_when_asked(build_site, tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "timings.json"
    monkeypatch.setenv(timing.ENV_FILE, str(target))
    built = build_site({"en/index.md": page("Home"), "en/a.md": page("A")})
    assert built.ok, built.logs
    data = json.loads(target.read_text(encoding="utf-8"))
    # Every step, in the order each first ran.
    assert list(data["steps"]) == [
        timing.CONTENT,
        timing.COVERAGE,
        timing.NAVIGATION,
        timing.PAGES,
        timing.LINKS,
        timing.SEARCH,
        timing.ASSETS,
    ]
    # Reading the files, then publishing them once coverage is known.
    assert data["calls"][timing.CONTENT] == 2
    # Markdown, content and context events of 9 pages: two per language and the chooser.
    assert data["calls"][timing.PAGES] == 27
    assert data["total"] == pytest.approx(sum(data["steps"].values()), abs=1e-5)


def test_no_file_without_the_variable(build_site, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.delenv(timing.ENV_FILE, raising=False)
    assert timing.requested_file() is None
    built = build_site({"en/a.md": page("A")})
    assert built.ok
    outside_site = [
        path for path in tmp_path.rglob("*.json") if "site" not in path.relative_to(tmp_path).parts
    ]
    assert outside_site == []
