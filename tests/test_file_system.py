"""Content is read only from inside the content folder (issue 16, findings 1 to 3).

Symbolic links that leave content/, dangling links, link loops and special files (a FIFO
named `x.md`) are errors naming the path, in `mkdocs build` and in every `kb` command;
never followed, never a traceback, never a hang.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from sitekit import page
from test_cli import write_project

from kb_builder.cli import main
from kb_builder.content.discovery import scan

SECRET = "CANARY-build-machine-secret-7d1f"


def outside_file(tmp_path: Path) -> Path:
    secret = tmp_path / "outside" / "passwd.txt"
    secret.parent.mkdir(parents=True, exist_ok=True)
    secret.write_text(f"root:x:0:0:{SECRET}\n", encoding="utf-8")
    return secret


def content_of(root: Path) -> Path:
    folder = root / "content" / "en"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def published(site: Path) -> str:
    return "\n".join(
        path.read_text(encoding="utf-8", errors="replace")
        for path in site.rglob("*")
        if path.is_file()
    )


# -- finding 1: symbolic links that leave content/ -------------------------------------------


def test_link_to_a_file_outside_content_is_an_error_and_not_published(
    build_site, tmp_path: Path
) -> None:
    root = tmp_path / "project"
    (content_of(root) / "passwd.txt").symlink_to(outside_file(tmp_path))
    built = build_site(
        {"en/index.md": page("Home", "See [the file](passwd.txt)."), "el/index.md": page("Α")},
        project=root,
        strict=True,
    )
    assert built.error == "Aborted with a BuildError!"
    assert built.kb_logs("ERROR")[0] == (
        f"content/en/passwd.txt: it is a symbolic link to '{tmp_path}/outside/passwd.txt', "
        "outside content, so it is not read or published. Copy the file into content "
        "instead of linking to it."
    )
    assert not built.site.exists() or SECRET not in published(built.site)


def test_markdown_link_to_a_page_outside_content_is_an_error(build_site, tmp_path: Path) -> None:
    root = tmp_path / "project"
    outside = tmp_path / "elsewhere.md"
    outside.write_text(page("Secret", SECRET), encoding="utf-8")
    (content_of(root) / "elsewhere.md").symlink_to(outside)
    built = build_site({"en/index.md": page("Home")}, project=root)
    assert not built.ok
    assert any(
        line.startswith("content/en/elsewhere.md: it is a symbolic link to ")
        for line in built.kb_logs("ERROR")
    )
    assert not built.site.exists() or SECRET not in published(built.site)


def test_links_that_stay_inside_content_are_fine(build_site, tmp_path: Path) -> None:
    root = tmp_path / "project"
    shared = root / "content" / "shared"
    shared.mkdir(parents=True)
    (shared / "logo.txt").write_text("shared file\n", encoding="utf-8")
    (content_of(root) / "logo.txt").symlink_to(Path("..") / "shared" / "logo.txt")
    built = build_site(
        {"en/index.md": page("Home", "See [the file](logo.txt).")},
        project=root,
        plugin={"public_files": ["shared/*"]},
    )
    assert built.ok, built.logs
    assert (built.site / "en" / "logo.txt").read_text(encoding="utf-8") == "shared file\n"


# -- finding 2: dangling links ----------------------------------------------------------------


def test_dangling_markdown_link_is_an_error_not_a_traceback(build_site, tmp_path: Path) -> None:
    root = tmp_path / "project"
    (content_of(root) / "gone.md").symlink_to(tmp_path / "nowhere.md")
    built = build_site({"en/index.md": page("Home")}, project=root)
    assert built.error == "Aborted with a BuildError!"
    assert built.kb_logs("ERROR")[0] == (
        f"content/en/gone.md: it is a symbolic link to '{tmp_path}/nowhere.md', which does "
        "not exist. Remove the link or point it at a file in content."
    )


@pytest.mark.parametrize("command", ["validate", "status", "check"])
def test_dangling_link_in_every_kb_command(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    config = write_project(tmp_path, {"en/index.md": page("Home")})
    (tmp_path / "content" / "en" / "gone.md").symlink_to(tmp_path / "nowhere.md")
    assert main([command, "-f", str(config)]) == 1
    out, err = capsys.readouterr()
    assert "content/en/gone.md: it is a symbolic link to " in out + err
    assert "Traceback" not in out + err


# -- finding 3: loops and special files ------------------------------------------------------


def test_folder_loops_are_named_once_and_never_followed(build_site, tmp_path: Path) -> None:
    root = tmp_path / "project"
    folder = content_of(root)
    (folder / "loop").symlink_to(".")
    (folder / "up").symlink_to("..")
    built = build_site({"en/index.md": page("Home"), "el/index.md": page("Α")}, project=root)
    assert built.error == "Aborted with a BuildError!"
    errors = built.kb_logs("ERROR")
    assert errors == [
        "content/en/loop: it is a symbolic link to the folder 'content/en', which contains "
        "it, so the folder would repeat forever (a loop). Remove the link.",
        "content/en/up: it is a symbolic link to the folder 'content', which contains it, "
        "so the folder would repeat forever (a loop). Remove the link.",
    ]


def test_links_that_lead_to_each_other(tmp_path: Path) -> None:
    root = tmp_path / "content"
    root.mkdir()
    (root / "a.md").symlink_to("b.md")
    (root / "b.md").symlink_to("a.md")
    found = scan(str(root), "content")
    assert found.files == set()
    assert [str(error) for error in found.errors] == [
        "content/a.md: it is a symbolic link to 'b.md' that leads back to itself. "
        "Remove the link or point it at a file in content.",
        "content/b.md: it is a symbolic link to 'a.md' that leads back to itself. "
        "Remove the link or point it at a file in content.",
    ]


def test_a_fifo_named_like_a_page_does_not_hang_the_build(tmp_path: Path) -> None:
    config = write_project(tmp_path, {"en/index.md": page("Home")})
    os.mkfifo(tmp_path / "content" / "en" / "x.md")
    # In a child process with a generous limit: a regression would hang, not fail.
    run = subprocess.run(
        [Path(sys.executable).with_name("mkdocs"), "build", "-f", str(config)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert run.returncode == 1
    assert (
        "content/en/x.md: it is a named pipe (FIFO), not a file, so it is never read. "
        "Remove it, or replace it with a regular file." in run.stderr
    )
    assert "Traceback" not in run.stderr


def test_a_socket_is_named(tmp_path: Path) -> None:
    import socket

    root = tmp_path / "c"
    root.mkdir()
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(root / "s.md"))
        found = scan(str(root), "c")
    finally:
        server.close()
    assert [str(error) for error in found.errors] == [
        "c/s.md: it is a socket, not a file, so it is never read. "
        "Remove it, or replace it with a regular file."
    ]


def test_hidden_entries_are_not_looked_at(build_site, tmp_path: Path) -> None:
    # An editor's lock file (Emacs writes `.#name.md` as a dangling link) must not stop a build.
    root = tmp_path / "project"
    (content_of(root) / ".#index.md").symlink_to("editor@host.1234")
    built = build_site({"en/index.md": page("Home")}, project=root)
    assert built.ok, built.logs


# -- NUL bytes ---------------------------------------------------------------------------------


def test_nul_byte_is_an_error_with_its_line(build_site) -> None:
    built = build_site({"en/index.md": page("Home", "Line one.\nBad \0 here.").encode()})
    assert not built.ok
    assert built.kb_logs("ERROR")[0] == (
        "content/en/index.md:7: the file contains a NUL character (byte 0x00), so it is not "
        "text. Remove the character, or save the file again as plain UTF-8 text."
    )
