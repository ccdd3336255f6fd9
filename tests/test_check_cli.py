"""`kb check`: the build's link checks on demand, as text, JSON or Markdown, with exit codes."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from sitekit import LANGUAGES, page

from kb_builder.cli import main

SITE = {
    "en/index.md": page("Help", "See [prices](prices.md) | [a](a.md)."),
    "en/a.md": page("A", "## Refunds\n\n[home](index.md#welcome)"),
    "el/a.md": page("Α", "## Επιστροφές\n\n[αρχή](index.md)"),
}


def write_project(root: Path, files: dict[str, str], **kb: object) -> Path:
    for rel, text in files.items():
        target = root / "content" / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    config = {
        "site_name": "T",
        "docs_dir": "content",
        "site_dir": "site",
        "theme": {"name": "material"},
        "plugins": [{"kb": {"languages": LANGUAGES, **kb}}],
    }
    path = root / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


WARNINGS = [
    "warning: content/en/a.md:8: the link 'index.md#welcome' goes to the anchor '#welcome', "
    "which content/en/index.md does not have. The page has no headings to link to; link to "
    "the page itself.",
    "warning: content/en/index.md:6: the link 'prices.md' goes to content/en/prices.md, which "
    "does not exist. Check the path: links are relative to the file they are written in.",
]


def test_text_report_and_exit_code(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = write_project(tmp_path, SITE)
    assert main(["check", "-f", str(config)]) == 1
    out, err = capsys.readouterr()
    assert out.splitlines() == [
        "info: content/el/a.md:8: the link 'index.md' goes to an article not translated into "
        "'el' yet: readers get the 'en' original with a notice. Translate content/en/index.md "
        "('kb new --lang el content/en/index.md').",
        *WARNINGS,
    ]
    assert re.fullmatch(r"10 pages and \d+ links checked: 0 errors, 2 warnings, 1 note\n", err)
    # The check builds into a temporary folder: the site folder is left alone.
    assert not (tmp_path / "site").exists()


def test_site_dir_keeps_the_build(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = write_project(tmp_path, SITE)
    out = tmp_path / "checked"
    assert main(["check", "-f", str(config), "--site-dir", str(out)]) == 1
    assert (out / "el" / "a" / "index.html").is_file()


def test_levels_from_mkdocs_yml_apply(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = write_project(
        tmp_path,
        SITE,
        validation={
            "broken_link": "info",
            "broken_anchor": "ignore",
            "untranslated_target": "ignore",
        },
    )
    assert main(["check", "-f", str(config)]) == 0
    out, _err = capsys.readouterr()
    assert out == "info" + WARNINGS[1].removeprefix("warning") + "\n"


def test_json_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = write_project(tmp_path, SITE)
    assert main(["check", "-f", str(config), "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["summary"]["passed"] is False
    assert data["summary"]["pages"] == 10
    assert data["summary"]["external"] is None
    assert (data["summary"]["errors"], data["summary"]["warnings"], data["summary"]["infos"]) == (
        0,
        2,
        1,
    )
    assert data["findings"][2] == {
        "level": "warning",
        "kind": "broken_link",
        "path": "content/en/index.md",
        "line": 6,
        "message": "the link 'prices.md' goes to content/en/prices.md, which does not exist",
        "hint": "Check the path: links are relative to the file they are written in",
        "text": WARNINGS[1].removeprefix("warning: "),
    }


def test_markdown_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    files = {
        **SITE,
        "en/index.md": page("Help", "See [prices|costs](prices.md)."),
        "el/a.md": page("Α"),
    }
    config = write_project(tmp_path, files)
    assert main(["check", "-f", str(config), "--format", "markdown"]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "## Link check"
    assert re.fullmatch(
        r"\*\*10 pages and \d+ links checked: 0 errors, 2 warnings, 0 notes\*\*", lines[2]
    )
    assert lines[4:] == [
        "| Level | Where | Problem | How to fix |",
        "|---|---|---|---|",
        "| warning | `content/en/a.md:8` | the link 'index.md#welcome' goes to the anchor "
        "'#welcome', which content/en/index.md does not have | The page has no headings to "
        "link to; link to the page itself |",
        "| warning | `content/en/index.md:6` | the link 'prices.md' goes to "
        "content/en/prices.md, which does not exist | Check the path: links are relative to "
        "the file they are written in |",
    ]


def test_clean_site_passes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = write_project(
        tmp_path,
        {"en/index.md": page("Help", "[a](a.md#refunds)"), "en/a.md": page("A", "## Refunds")},
    )
    assert main(["check", "-f", str(config), "--format", "markdown"]) == 0
    assert capsys.readouterr().out.endswith("\n\nNo problems found.\n")


def test_errors_are_reported_and_fail(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = write_project(
        tmp_path,
        {
            "en/index.md": page("Help", "[desk](desk.md) [x](javascript:void(0))"),
            "en/desk.md": page("Desk", audience="internal"),
        },
        validation={"missing_translation": "ignore"},
    )
    assert main(["check", "-f", str(config)]) == 1
    out, err = capsys.readouterr()
    assert out.splitlines() == [
        "error: content/en/index.md:6: the link 'desk.md' goes to content/en/desk.md, which is "
        "internal and left out of the public site. Remove the link from this public page, or "
        "set 'audience: public' in content/en/desk.md if customers may read it.",
        "error: content/en/index.md:6: the link 'javascript:void(0)' is unsafe: it uses the "
        "'javascript:' scheme, which runs code in the reader's browser. Remove it; link to a "
        "page or an https:// address instead.",
    ]
    assert "2 errors, 0 warnings, 0 notes" in err


def test_content_errors_stop_the_check(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = write_project(tmp_path, {"en/a.md": "---\ntitle: A\n---\n"})
    assert main(["check", "-f", str(config), "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert [finding["text"] for finding in data["findings"]] == [
        "content/en/a.md:3: the required key 'description' is missing. Add a 'description:' "
        "line to the front matter."
    ]


def test_usage_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = write_project(tmp_path, SITE)
    assert main(["check", "-f", str(config), "--cache-age", "soon"]) == 2
    assert (
        "--cache-age: Expected a duration such as 30m, 12h or 7d, got 'soon'"
        in capsys.readouterr().err
    )
    assert main(["check", "-f", str(tmp_path / "nope.yml")]) == 2


def test_kb_check_is_a_command() -> None:
    run = subprocess.run(
        [Path(sys.executable).with_name("kb"), "check", "--help"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0
    assert "--format {text,json,markdown}" in run.stdout
    assert "--external" in run.stdout
