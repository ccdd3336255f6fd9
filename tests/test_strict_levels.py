"""kb_builder's findings fail `mkdocs build --strict` at every log level (issue 16, finding 8).

MkDocs counts warnings only when they are logged, and `-q` raises the level above them
(upstream mkdocs#4126); `-v` has had a similar bug (mkdocs#3991). Run through the real
command line, as CI scripts do.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from sitekit import page
from test_cli import write_project


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    config = write_project(
        tmp_path, {"en/index.md": page("Home", "See [the refunds page](refunds.md).")}
    )
    settings = yaml.safe_load(config.read_text(encoding="utf-8"))
    settings["plugins"][0]["kb"]["search"] = {"enabled": False}
    config.write_text(yaml.safe_dump(settings, allow_unicode=True), encoding="utf-8")
    return config


def mkdocs(config: Path, *flags: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [Path(sys.executable).with_name("mkdocs"), "build", "-f", str(config), *flags],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )


def test_strict_quiet_fails_on_kb_warnings(broken: Path) -> None:
    run = mkdocs(broken, "--strict", "-q")
    assert run.returncode == 1
    assert run.stderr.splitlines() == [
        "ERROR   -  Aborted with 1 kb_builder warning in strict mode; nothing was published. "
        "They are not shown at this log level: build without -q to see them."
    ]
    assert "refunds.md" not in run.stderr  # -q still hides the warning itself
    assert not (broken.parent / "site").exists()


def test_strict_verbose_fails_on_kb_warnings(broken: Path) -> None:
    run = mkdocs(broken, "--strict", "-v")
    assert run.returncode == 1
    assert "the link 'refunds.md' goes to content/en/refunds.md" in run.stderr
    assert run.stdout.strip() == "Aborted with 1 warnings in strict mode!"
    assert not (broken.parent / "site").exists()


def test_quiet_without_strict_still_builds(broken: Path) -> None:
    run = mkdocs(broken, "-q")
    assert run.returncode == 0, run.stderr
    assert (broken.parent / "site" / "en" / "index.html").is_file()
