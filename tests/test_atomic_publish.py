"""An interrupted build leaves the previous site as it was (issue 16, finding 4).

The build runs as `mkdocs build` in a child process; the test sends it SIGTERM, SIGKILL or
SIGINT (Ctrl-C) by its PID while it is writing, then compares the site byte for byte.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from sitekit import page
from test_cli import write_project

PAGES = 60


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("atomic")
    files = {"en/index.md": page("Home"), "el/index.md": page("Αρχική")}
    for number in range(PAGES):
        body = "\n\n".join(f"Paragraph {n} of article {number}." for n in range(40))
        files[f"en/topic-{number:03}.md"] = page(f"Topic {number}", body)
    config = write_project(root, files)
    settings = yaml.safe_load(config.read_text(encoding="utf-8"))
    settings["plugins"][0]["kb"]["search"] = {"enabled": False}  # faster; not what is tested
    config.write_text(yaml.safe_dump(settings, allow_unicode=True), encoding="utf-8")
    return config


def mkdocs(config: Path) -> subprocess.Popen[bytes]:
    # The log goes to a file: a pipe nobody reads while polling would fill and stop the build.
    log = (config.parent / "build.log").open("wb")
    return subprocess.Popen(
        [Path(sys.executable).with_name("mkdocs"), "build", "-f", str(config)],
        stdout=log,
        stderr=subprocess.STDOUT,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        # Ctrl-C as a terminal sends it: a test run started in the background (`cmd &` in a
        # script) ignores SIGINT, and Python keeps an ignored SIGINT ignored in its children.
        preexec_fn=_default_sigint,
    )


def _default_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def build(config: Path) -> None:
    run = mkdocs(config)
    run.wait(timeout=600)
    assert run.returncode == 0, (config.parent / "build.log").read_text(encoding="utf-8")


def snapshot(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def staging(root: Path) -> list[Path]:
    return sorted(root.glob(".site.kb-build-*"))


def interrupt_while_writing(config: Path, signum: int) -> subprocess.Popen[bytes]:
    """Start a build and send `signum` once it has written pages into its staging folder."""
    root = config.parent
    run = mkdocs(config)
    deadline = time.monotonic() + 600  # a guard against a hang, not a measurement
    while time.monotonic() < deadline and run.poll() is None:
        if any(next(folder.glob("en/topic-*/index.html"), None) for folder in staging(root)):
            break
        time.sleep(0.005)
    assert run.poll() is None, "the build ended before it could be interrupted"
    os.kill(run.pid, signum)
    run.wait(timeout=600)
    return run


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGKILL])
def test_killed_build_leaves_the_previous_site_intact(project: Path, signum: int) -> None:
    root = project.parent
    build(project)
    site = root / "site"
    before = snapshot(site)
    assert "en/topic-000/index.html" in before
    # Editors change every page; the interrupted build would have written new ones.
    for path in (root / "content" / "en").glob("topic-*.md"):
        path.write_text(path.read_text(encoding="utf-8") + "\nChanged.\n", encoding="utf-8")
    run = interrupt_while_writing(project, signum)
    assert run.returncode == -signum
    assert snapshot(site) == before
    # The killed build could not clean up; the next build removes what it left.
    assert staging(root)
    build(project)
    assert staging(root) == []
    assert "Changed." in (site / "en" / "topic-000" / "index.html").read_text(encoding="utf-8")


def test_ctrl_c_leaves_the_previous_site_and_no_staging_folder(project: Path) -> None:
    root = project.parent
    build(project)
    before = snapshot(root / "site")
    run = interrupt_while_writing(project, signal.SIGINT)
    assert run.returncode != 0
    assert snapshot(root / "site") == before
    assert staging(root) == []
    assert list(root.glob(".site.kb-old-*")) == []
