"""Project-wide checks: lint, and the repository's own site builds strictly."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from sitekit import run_build

REPO = Path(__file__).resolve().parent.parent


def test_ruff_is_clean() -> None:
    ruff = shutil.which("ruff") or str(Path(sys.executable).with_name("ruff"))
    run = subprocess.run([ruff, "check", str(REPO)], capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stdout + run.stderr


def test_repository_site_builds_strictly_in_every_language(tmp_path: Path) -> None:
    project = tmp_path / "repo"
    shutil.copytree(REPO / "content", project / "content")
    shutil.copytree(REPO / "theme", project / "theme")
    shutil.copy(REPO / "mkdocs.yml", project / "mkdocs.yml")
    built = run_build(project, project / "mkdocs.yml", strict=True)
    assert built.ok, "\n".join(line for line in built.logs if not line.startswith("INFO"))
    for lang in ("en", "el", "pl", "hu"):
        assert f'<html lang="{lang}"' in (built.site / lang / "index.html").read_text("utf-8")
