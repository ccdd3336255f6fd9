"""Headless Chromium for browser tests: a local static server and a Playwright browser."""

from __future__ import annotations

import contextlib
import functools
import http.server
import json
import os
import re
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


REPO = Path(__file__).resolve().parent.parent
AXE = REPO / ".venv" / "node_modules" / "axe-core"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        return


class _SiteHandler(_QuietHandler):
    """Answers a missing address with the site's 404.html, as web hosts do."""

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@contextlib.contextmanager
def serve(folder: Path, *, not_found_page: bool = False) -> Iterator[str]:
    """Serve `folder` on 127.0.0.1 (a free port) and yield its base URL.

    `not_found_page`: missing addresses get the site's 404.html (status 404).
    """
    handler_class = _SiteHandler if not_found_page else _QuietHandler
    handler = functools.partial(handler_class, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@contextlib.contextmanager
def built_and_served(root: Path, files: dict[str, str], settings: dict) -> Iterator[str]:
    """Build `files` with `settings` under `root` (see sitekit.build_files) and serve the
    site: a module's browser tests share one."""
    from sitekit import build_files

    built = build_files(root, files, settings)
    assert built.ok, built.logs
    with serve(built.site) as url:
        yield url


def require_chromium() -> None:
    """Skip without Chromium, unless this run promised a browser (CI sets KB_REQUIRE_BROWSER)."""
    if Path(CHROMIUM).exists():
        return
    message = f"browser tests need {CHROMIUM} (Debian package 'chromium')"
    if os.environ.get("KB_REQUIRE_BROWSER") == "1":
        pytest.fail(message)
    pytest.skip(message)


def launch(playwright):  # type: ignore[no-untyped-def]
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


TIMERS = """(() => {
  const setTimeout = window.setTimeout;
  window.__timers = [];
  window.setTimeout = (callback, ms, ...rest) => {
    window.__timers.push({ms: ms, at: performance.now()});
    return setTimeout(callback, ms, ...rest);
  };
  document.addEventListener("keydown", () => { window.__lastKey = performance.now(); }, true);
})()"""
"""An init script that logs the page's timers (`window.__timers`: their ms and when they
were set) and the time of the last key (`window.__lastKey`)."""


def type_text(page, text: str) -> None:  # type: ignore[no-untyped-def]
    """Type `text` key by key as a keyboard of its language would send it.

    Playwright's own typing knows the keys of a US keyboard only and inserts other letters
    without key events; these are real keydown/keypress/input/keyup events for every letter.
    """
    session = page.context.new_cdp_session(page)
    try:
        for char in text:
            event = {"key": char, "text": char, "unmodifiedText": char}
            session.send("Input.dispatchKeyEvent", {"type": "keyDown", **event})
            session.send("Input.dispatchKeyEvent", {"type": "keyUp", "key": char})
    finally:
        session.detach()


def axe_script() -> str:
    """axe-core's script, the version scripts/setup.sh pins (installed from npm with it).

    Missing or another version: the test fails under KB_REQUIRE_BROWSER=1, else skips.
    """
    pinned = re.search(
        r"^AXE_CORE_NPM_VERSION=(\S+)$", (REPO / "scripts" / "setup.sh").read_text(), re.M
    )
    wanted = pinned.group(1) if pinned else "?"
    problem = None
    try:
        installed = json.loads((AXE / "package.json").read_text(encoding="utf-8"))["version"]
        script = (AXE / "axe.min.js").read_text(encoding="utf-8")
    except (OSError, ValueError, KeyError):
        problem = f"accessibility tests need axe-core {wanted} in {AXE} (run scripts/setup.sh test)"
    else:
        if installed != wanted:
            problem = (
                f"axe-core {installed} is installed, scripts/setup.sh pins {wanted}: run it again"
            )
    if problem is None:
        return script
    if os.environ.get("KB_REQUIRE_BROWSER") == "1":
        pytest.fail(problem)
    pytest.skip(problem)
