"""The `kb` command: help, validate, exit codes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from sitekit import LANGUAGES, page

from kb_builder.cli import main


def write_project(root: Path, files: dict[str, str | bytes]) -> Path:
    for rel, content in files.items():
        target = root / "content" / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")
    config = {
        "site_name": "T",
        "docs_dir": "content",
        "theme": {"name": "material"},
        "plugins": [{"kb": {"languages": LANGUAGES}}],
    }
    path = root / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def test_kb_help_is_installed_as_a_command() -> None:
    run = subprocess.run(
        [Path(sys.executable).with_name("kb"), "--help"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0
    assert "usage: kb" in run.stdout
    assert "validate" in run.stdout


def test_validate_reports_errors_and_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = write_project(tmp_path, {"en/a.md": page("A"), "en/b.md": "---\ntitle: B\n---\n"})
    assert main(["validate", "-f", str(config)]) == 1
    out, err = capsys.readouterr()
    assert out.splitlines() == [
        "error: content/en/b.md:3: the required key 'description' is missing. "
        "Add a 'description:' line to the front matter."
    ]
    assert "1 files checked: 1 errors, 0 warnings" in err


def test_validate_passes_clean_content(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = write_project(tmp_path, {"en/a.md": page("A"), "el/a.md": page("Α")})
    assert main(["validate", "-f", str(config)]) == 0
    assert "2 files checked: 0 errors, 0 warnings" in capsys.readouterr().err


def test_validate_strict_fails_on_warnings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = write_project(tmp_path, {"en/a.md": "---\ntitle: A\ndescription: a\n---\n"})
    assert main(["validate", "-f", str(config)]) == 0
    assert main(["validate", "--strict", "-f", str(config)]) == 1
    out = capsys.readouterr().out
    assert "warning: content/en/a.md:2: no 'audience' is set" in out


def test_validate_checks_the_synonyms_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = write_project(
        tmp_path,
        {
            "en/a.md": page("Refunds", "A refund takes three days."),
            "en/synonyms.yml": "- [refund, money back]\n- [rebate, price cut]\n",
            "el/a.md": page("Α"),
            "el/synonyms.yml": "- [επιστροφή]\n",
        },
    )
    assert main(["validate", "-f", str(config)]) == 1
    out, err = capsys.readouterr()
    assert out.splitlines() == [
        "error: content/el/synonyms.yml:1: a group needs at least two words or phrases that "
        "mean the same; this one has 1.",
        "warning: content/en/synonyms.yml:2: none of 'rebate', 'price cut' is on any page in "
        "'en', so the group finds nothing. Check the spelling, or add the word the pages use "
        "for it.",
    ]
    assert "2 files checked: 1 errors, 1 warnings" in err
    (tmp_path / "content/el/synonyms.yml").write_text("- [επιστροφή, αποζημίωση]\n", "utf-8")
    assert main(["validate", "-f", str(config)]) == 0
    assert main(["validate", "--strict", "-f", str(config)]) == 1


def test_missing_config_file_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["validate", "-f", str(tmp_path / "nope.yml")]) == 2
    assert "no such file" in capsys.readouterr().err
