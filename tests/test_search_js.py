"""The search box's JavaScript unit tests (tests/js/, Node's built-in test runner), run as
part of pytest so CI runs them with the rest."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

JS_TESTS = Path(__file__).parent / "js"


def test_node_unit_tests_pass() -> None:
    node = shutil.which("node")
    if node is None:
        if os.environ.get("KB_REQUIRE_BROWSER"):
            pytest.fail("node is not installed; the JavaScript unit tests cannot run")
        pytest.skip("node is not installed")
    tests = sorted(str(path) for path in JS_TESTS.glob("*.test.js"))
    assert tests, f"no JavaScript tests in {JS_TESTS}"
    done = subprocess.run(
        [node, "--test", *tests], capture_output=True, text=True, timeout=300, check=False
    )
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
    assert "# fail 0" in done.stdout
