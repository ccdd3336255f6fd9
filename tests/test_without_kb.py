"""Builds that skip kb_builder publish nothing internal (issue 16, finding 9).

Material for MkDocs announces its end of life and points to Zensical, which reads
mkdocs.yml but skips plugins it does not know; MkDocs itself skips a plugin line someone
removed. With the articles in kb_builder's `content_dir` and MkDocs' `docs_dir` an empty
folder, neither finds an article: the canary of an internal page, and every public page
too, stay out of what they write. `mkdocs build` with kb_builder works as before.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from leakscan import find
from sitekit import page, run_build

REPO = Path(__file__).resolve().parent.parent
CANARY = "zqxcanary-internal-escalation-4471"
PUBLIC_TEXT = "zqxpublic-opening-hours-2203"
ZENSICAL = Path(sys.executable).with_name("zensical")


def run(*command: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(part) for part in command],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )


@pytest.fixture(scope="module")
def repository(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the repository's project with a canary article for the agent desk only."""
    project = tmp_path_factory.mktemp("repo")
    for folder in ("content", "theme"):
        shutil.copytree(REPO / folder, project / folder)
    for name in ("mkdocs.yml", "mkdocs.internal.yml"):
        shutil.copy(REPO / name, project / name)
    (project / "content" / "en" / "agents" / "canary.md").write_text(
        page("Canary escalation", f"Call the duty manager: {CANARY}.", audience="internal"),
        encoding="utf-8",
    )
    (project / "content" / "en" / "opening.md").write_text(
        page("Opening hours", f"We answer every day: {PUBLIC_TEXT}."), encoding="utf-8"
    )
    return project


def without_kb(project: Path) -> Path:
    """mkdocs.yml with the kb plugin line removed, as someone trying a plain build would."""
    settings = yaml.load((project / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.Loader)
    settings.pop("plugins")
    target = project / "mkdocs-without-kb.yml"
    target.write_text(yaml.dump(settings, allow_unicode=True), encoding="utf-8")
    return target


def test_mkdocs_with_kb_publishes_the_public_site(repository: Path) -> None:
    built = run_build(repository, repository / "mkdocs.yml")
    assert built.ok, built.logs
    assert PUBLIC_TEXT in (built.site / "en" / "opening" / "index.html").read_text("utf-8")
    assert find(built.site, [CANARY]) == []
    desk = run_build(repository, repository / "mkdocs.internal.yml")
    assert desk.ok, desk.logs
    assert CANARY in (desk.site / "en" / "agents" / "canary" / "index.html").read_text("utf-8")
    shutil.rmtree(built.site)
    shutil.rmtree(desk.site)


def test_mkdocs_without_the_plugin_publishes_no_article(repository: Path) -> None:
    config = without_kb(repository)
    result = run(Path(sys.executable).with_name("mkdocs"), "build", "-f", config, cwd=repository)
    # It stops at kb_builder's templates, after copying the theme's files; either way no
    # article, internal or public, is in what it wrote.
    assert "'kb' is undefined" in result.stderr
    site = repository / "site"
    assert site.exists()
    assert find(site, [CANARY, PUBLIC_TEXT, "Canary escalation"]) == []
    assert not (site / "en").exists()
    shutil.rmtree(site)


@pytest.mark.skipif(not ZENSICAL.exists(), reason="Zensical is installed with the test extra")
def test_zensical_publishes_no_article(repository: Path) -> None:
    result = run(ZENSICAL, "build", cwd=repository)
    site = repository / "site"
    # Zensical stops at kb_builder's templates, after copying theme files; either way no
    # article, internal or public, is in what it wrote.
    assert site.exists(), result.stderr
    assert find(site, [CANARY, PUBLIC_TEXT, "Canary escalation"]) == []
    assert not (site / "en").exists()
    shutil.rmtree(site)


def test_content_dir_must_exist(build_site, tmp_path: Path) -> None:
    built = build_site({"en/index.md": page("Home")}, plugin={"content_dir": "articles"})
    assert built.error is not None
    assert built.error.startswith("kb plugin: content_dir 'articles' is not a folder (")


def test_content_dir_reads_articles_from_its_own_folder(build_site, tmp_path: Path) -> None:
    root = tmp_path / "project"
    (root / "empty").mkdir(parents=True)
    built = build_site(
        {
            "en/index.md": page("Home", PUBLIC_TEXT),
            "en/secret.md": page("S", CANARY, audience="internal"),
        },
        config={"docs_dir": "empty"},
        plugin={"content_dir": "content"},
        project=root,
    )
    assert built.ok, built.logs
    assert PUBLIC_TEXT in built.html("en/")
    assert find(built.site, [CANARY]) == []
