"""The desk's browser logic under Node's own test runner (tests/js/desk-*.test.js)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent


def test_phrase_ranking_unit_tests_pass() -> None:
    node = shutil.which("node")
    if node is None:
        if os.environ.get("KB_REQUIRE_BROWSER") == "1":
            pytest.fail("the desk's JavaScript unit tests need Node.js (`node`)")
        pytest.skip("the desk's JavaScript unit tests need Node.js (`node`)")
    files = sorted(str(path) for path in (HERE / "js").glob("desk-*.test.js"))
    assert files, "no desk JavaScript tests found"
    run = subprocess.run(
        [node, "--test", *files], capture_output=True, text=True, timeout=120, check=False
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "# fail 0" in run.stdout
