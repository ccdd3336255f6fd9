"""The search box's script as the site serves it: terser's minified file while it was made
from the theme's sources as they are, else the sources themselves (kb_builder/search/scripts.py)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from sitekit import page

from kb_builder.search import scripts

REPO = Path(__file__).resolve().parent.parent
THEME = REPO / "theme"
TERSER = REPO / ".venv" / "node_modules" / ".bin" / "terser"
SITE = {"en/index.md": page("Help", "Start here.")}


def theme_sources() -> list[str]:
    return [(THEME / uri).read_text(encoding="utf-8") for uri in scripts.PARTS]


def test_the_committed_minified_script_is_made_from_the_theme_sources() -> None:
    minified = (THEME / scripts.MINIFIED).read_text(encoding="utf-8")
    assert scripts.made_from(minified) == scripts.digest(theme_sources()), (
        "theme/assets/kb/search.min.js is older than search.js or search.core.js: "
        "run .venv/bin/python scripts/minify_search.py"
    )


def test_the_committed_minified_script_is_what_terser_makes_of_them() -> None:
    if not TERSER.exists() and not os.environ.get("TERSER"):
        problem = "needs terser in .venv (run scripts/setup.sh test)"
        if os.environ.get("KB_REQUIRE_BROWSER") == "1":
            pytest.fail(problem)
        pytest.skip(problem)
    result = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "minify_search.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == "theme/assets/kb/search.min.js is current\n"


def test_a_digest_changes_with_any_source_and_with_their_order() -> None:
    core, box = theme_sources()
    assert scripts.digest([core, box]) != scripts.digest([core, box + " "])
    assert scripts.digest([core, box]) != scripts.digest([box, core])
    assert scripts.made_from(scripts.header([core, box]) + "\n!x") == scripts.digest([core, box])
    assert scripts.made_from("!function(){}()\n") is None


def test_the_site_serves_the_minified_script(build_site) -> None:
    built = build_site(SITE)
    assert built.ok, built.logs
    served = (built.site / "assets" / "kb" / "search.js").read_text(encoding="utf-8")
    assert served == (THEME / scripts.MINIFIED).read_text(encoding="utf-8")
    # What it is made of is not published: no page loads it.
    assert not (built.site / "assets" / "kb" / "search.core.js").exists()
    assert not (built.site / scripts.MINIFIED).exists()


def test_a_site_that_overrides_a_source_gets_its_own_code(build_site, tmp_path) -> None:
    project = tmp_path / "project"
    core = (THEME / "assets" / "kb" / "search.core.js").read_text(encoding="utf-8")
    override = core.replace("var PLAIN = {", 'var PLAIN = { /* site\'s own */ "ß": "s",', 1)
    assert override != core
    built = build_site(
        SITE,
        project=project,
        config={"theme": {"name": "material", "custom_dir": "overrides"}},
        extra={"overrides/assets/kb/search.core.js": override},
    )
    assert built.ok, built.logs
    served = (built.site / "assets" / "kb" / "search.js").read_text(encoding="utf-8")
    assert scripts.made_from(served) is None
    assert 'var PLAIN = { /* site\'s own */ "ß": "s",' in served
    # The rest of the box is there too, without its comment lines.
    assert "window.kbSearchCore" in served
    assert "/* -- words" not in served
