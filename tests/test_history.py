"""Git history of stale translations: which sections changed and when; unknown without git."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from sitekit import LANGUAGES, page

from kb_builder.cli import main
from kb_builder.i18n import history
from kb_builder.i18n.fingerprint import fingerprint

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")

V1 = "Intro.\n\n## Listen first\n\nLet them finish.\n\n## Resolve\n\nFix it."
V2 = V1.replace("Fix it.", "Fix it today.") + "\n\n## Costs\n\nNone."
V3 = V2.replace("Intro.", "Introduction.")
NAME = "en/zwroty-ż.md"


def source_hash(title: str, body: str) -> str:
    return fingerprint(title, f"About {title}.", f"{body}\n")


def git(root: Path, *args: str, date: str = "2026-01-01T10:00:00+00:00") -> None:
    env = {
        **os.environ,
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_DATE": date,
        "GIT_COMMITTER_DATE": date,
    }
    subprocess.run(
        ["git", "-c", "user.name=Editor", "-c", "user.email=editor@example.com", *args],
        cwd=root,
        env=env,
        check=True,
        capture_output=True,
    )


def write(root: Path, files: dict[str, str]) -> None:
    for rel, text in files.items():
        target = root / "content" / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")


def commit(root: Path, files: dict[str, str], date: str) -> None:
    write(root, files)
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", f"edit {date}", date=date)


def config_file(root: Path, **kb: object) -> Path:
    settings = {
        "site_name": "T",
        "docs_dir": "content",
        "theme": {"name": "material"},
        "plugins": [{"kb": {"languages": LANGUAGES, **kb}}],
    }
    path = root / "mkdocs.yml"
    path.write_text(yaml.safe_dump(settings, allow_unicode=True), encoding="utf-8")
    return path


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository where the Greek translation was made from V1, then the source moved on."""
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q")
    config_file(root)
    commit(root, {NAME: page("Refunds", V1)}, "2026-01-02T10:00:00+00:00")
    translation = page("Επιστροφές", "Κείμενο.", source_hash=source_hash("Refunds", V1))
    commit(root, {"el/zwroty-ż.md": translation}, "2026-01-03T10:00:00+00:00")
    commit(root, {NAME: page("Refunds", V2)}, "2026-01-05T10:00:00+00:00")
    commit(root, {NAME: page("Refunds", V3)}, "2026-01-07T10:00:00+00:00")
    return root


def status_json(root: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> dict:
    assert main(["status", "--format", "json", "--lang", "el", *extra,
                 "-f", str(root / "mkdocs.yml")]) == 0  # fmt: skip
    return json.loads(capsys.readouterr().out)["languages"][0]["articles"][0]


def test_status_names_changed_sections_and_dates(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    entry = status_json(repo, capsys)
    assert entry["status"] == "stale"
    assert entry["changed_sections"] == [
        {"part": "introduction", "heading": None, "change": "changed"},
        {"part": "section", "heading": "Resolve", "change": "changed"},
        {"part": "section", "heading": "Costs", "change": "added"},
    ]
    assert entry["source_changed"] == "2026-01-07T10:00:00+00:00"
    assert entry["stale_since"] == "2026-01-05T10:00:00+00:00"


def test_text_report_and_build_log_say_the_same(repo: Path, capsys, build_site) -> None:
    assert main(["status", "--lang", "el", "-f", str(repo / "mkdocs.yml")]) == 0
    out = capsys.readouterr().out
    assert (
        '    content/el/zwroty-ż.md\n      introduction changed, section "Resolve" changed, '
        'section "Costs" added; last changed 2026-01-07\n' in out
    )
    built = build_site({}, project=repo)
    assert (
        "content/el/zwroty-ż.md:5: the source content/en/zwroty-ż.md changed after this "
        'translation was made (introduction changed, section "Resolve" changed, section '
        '"Costs" added; last changed 2026-01-07). Update the translation, then run '
        "'kb ack content/el/zwroty-ż.md'." in built.kb_logs("INFO")
    )


def test_coverage_page_shows_the_changes(repo: Path, build_site) -> None:
    built = build_site({}, project=repo, plugin={"audience": "internal"})
    text = " ".join(built.html("coverage/").split())
    assert "<p>Changed: introduction, “Resolve”</p> <p>Added: “Costs”</p>" in text
    assert "<p>Original last changed on 2026-01-07.</p>" in text


def test_uncommitted_source_edits_are_compared_too(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(repo, {NAME: page("Refunds!", V1)})
    entry = status_json(repo, capsys)
    assert entry["changed_sections"] == [
        {"part": "title", "heading": None, "change": "changed"},
        {"part": "description", "heading": None, "change": "changed"},
    ]
    assert entry["source_changed"] == "2026-01-07T10:00:00+00:00"


def test_a_version_never_committed_leaves_the_sections_unknown(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    translation = page("Επιστροφές", source_hash=source_hash("Refunds", "Never committed."))
    write(repo, {"el/zwroty-ż.md": translation})
    entry = status_json(repo, capsys)
    assert entry["status"] == "stale"
    assert entry["changed_sections"] is None
    assert entry["source_changed"] == "2026-01-07T10:00:00+00:00"
    assert entry["stale_since"] is None


def test_history_can_be_switched_off(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    entry = status_json(repo, capsys, "--no-history")
    assert (entry["changed_sections"], entry["source_changed"]) == (None, None)
    config_file(repo, git_history=False)
    entry = status_json(repo, capsys)
    assert (entry["changed_sections"], entry["source_changed"]) == (None, None)


def test_without_git_history_is_unknown_not_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "plain"
    root.mkdir()
    config_file(root)
    write(
        root,
        {
            NAME: page("Refunds", V2),
            "el/zwroty-ż.md": page("Επ", source_hash=source_hash("Refunds", V1)),
        },
    )
    assert history.file_versions(root / "content", [NAME]) is None
    entry = status_json(root, capsys)
    assert entry["status"] == "stale"
    assert (entry["changed_sections"], entry["source_changed"]) == (None, None)
    assert main(["status", "--lang", "el", "-f", str(root / "mkdocs.yml")]) == 0
    assert "      which sections changed is unknown\n" in capsys.readouterr().out


def test_file_versions_lists_each_commit_newest_first(repo: Path) -> None:
    versions = history.file_versions(repo / "content", [NAME, "en/none.md"])
    assert versions is not None
    assert [v.date for v in versions[NAME]] == [
        "2026-01-07T10:00:00+00:00",
        "2026-01-05T10:00:00+00:00",
        "2026-01-02T10:00:00+00:00",
    ]
    assert "en/none.md" not in versions
    blobs = history.read_blobs(repo / "content", {versions[NAME][-1].blob or ""})
    assert list(blobs.values()) == [page("Refunds", V1).encode()]
