"""External link checks, against a local HTTP server on 127.0.0.1 (never the internet)."""

from __future__ import annotations

import json
import re
import shutil
import ssl
import subprocess
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import yaml
from sitekit import LANGUAGES, page

from kb_builder.checks.external import (
    BROKEN,
    EXCLUDED,
    MOVED,
    OK,
    ExternalChecker,
    ExternalOptions,
    Result,
    ascii_address,
    load_cache,
)
from kb_builder.cli import main


class Server:
    """A tiny web server whose answers the tests choose, and which remembers requests."""

    def __init__(self) -> None:
        self.requests: list[tuple[str, str]] = []
        self.busy_left = 0
        self.busy_after = "0"
        self.active = 0
        self.most_active = 0
        self.lock = threading.Lock()
        self.slow = 1.0
        self.pairs = threading.Barrier(2)
        handler = self._handler()
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def paths(self) -> list[str]:
        return [path for path, _agent in self.requests]

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                with server.lock:
                    server.requests.append((self.path, self.headers.get("User-Agent", "")))
                self._answer()

            def _answer(self) -> None:
                path = self.path.split("?", 1)[0]
                if path.startswith("/ok") or path == "/final":
                    self._send(200)
                elif path == "/moved":
                    self._send(301, Location=f"{server.url}/final")
                elif path == "/found":
                    self._send(302, Location=f"{server.url}/final")
                elif path == "/missing":
                    self._send(404)
                elif path == "/busy":
                    with server.lock:
                        server.busy_left -= 1
                        still = server.busy_left >= 0
                    if still:
                        self._send(429, **{"Retry-After": server.busy_after})
                    else:
                        self._send(200)
                elif path.startswith("/slow"):
                    time.sleep(server.slow)
                    self._send(200)
                elif path.startswith("/pair"):
                    # Counted until just before the answer goes out: once the client has
                    # it, it may start its next request while this thread is still here.
                    with server.lock:
                        server.active += 1
                        server.most_active = max(server.most_active, server.active)
                    try:
                        server.pairs.wait(timeout=5)
                        paired = True
                    except threading.BrokenBarrierError:
                        paired = False
                    finally:
                        with server.lock:
                            server.active -= 1
                    self._send(200 if paired else 500)
                elif path == "/error":
                    self._send(503)
                else:
                    self._send(404)

            def _send(self, code: int, **headers: str) -> None:
                try:
                    self.send_response(code)
                    for name, value in headers.items():
                        self.send_header(name, value)
                    self.send_header("Content-Length", "2")
                    self.end_headers()
                    self.wfile.write(b"ok")
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the checker stopped waiting (a timeout test)

        return Handler


@pytest.fixture
def server() -> Iterator[Server]:
    running = Server()
    running.thread.start()
    yield running
    running.httpd.shutdown()
    running.httpd.server_close()


def options(**overrides: object) -> ExternalOptions:
    values: dict[str, object] = {"timeout": 2.0, "retries": 2, "backoff": 0.0, "cache": None}
    values.update(overrides)
    return ExternalOptions(**values)  # type: ignore[arg-type]


def test_answers_are_classified(server: Server) -> None:
    checker = ExternalChecker(options(retries=0))
    results = checker.check(
        [
            f"{server.url}/ok#part",
            f"{server.url}/moved",
            f"{server.url}/found",
            f"{server.url}/missing",
        ]
    )
    assert results == {
        f"{server.url}/ok": Result(f"{server.url}/ok", OK, code=200),
        f"{server.url}/moved": Result(
            f"{server.url}/moved", MOVED, code=301, location=f"{server.url}/final"
        ),
        f"{server.url}/found": Result(f"{server.url}/found", OK, code=200),
        f"{server.url}/missing": Result(
            f"{server.url}/missing", BROKEN, detail="404 Not Found", code=404
        ),
    }
    assert all(agent.startswith("kb_builder link check") for _path, agent in server.requests)


def test_addresses_with_greek_letters_are_sent_encoded(server: Server) -> None:
    url = f"{server.url}/ok/Ελλάδα?q=ζ"
    result = ExternalChecker(options(retries=0)).check([url])[url]
    assert result.status == OK
    assert server.paths() == ["/ok/%CE%95%CE%BB%CE%BB%CE%AC%CE%B4%CE%B1?q=%CE%B6"]
    assert ascii_address("https://ελληνικά.gr/a%20b") == "https://xn--hxargifdar.gr/a%20b"


def test_too_many_requests_waits_as_asked_then_succeeds(server: Server) -> None:
    server.busy_left, server.busy_after = 2, "7"
    waits: list[float] = []
    checker = ExternalChecker(options(retries=2), sleep=waits.append)
    result = checker.check([f"{server.url}/busy"])[f"{server.url}/busy"]
    assert result.status == OK
    assert waits == [7.0, 7.0]
    assert server.paths() == ["/busy", "/busy", "/busy"]


def test_too_many_requests_gives_up_after_the_retries(server: Server) -> None:
    server.busy_left = 10
    waits: list[float] = []
    checker = ExternalChecker(options(retries=1), sleep=waits.append)
    result = checker.check([f"{server.url}/busy"])[f"{server.url}/busy"]
    assert result == Result(
        f"{server.url}/busy", BROKEN, detail="429 Too Many Requests (2 attempts)", code=429
    )
    assert waits == [0.0]


def test_a_server_asking_to_wait_too_long_is_not_waited_for(server: Server) -> None:
    server.busy_left, server.busy_after = 10, "3600"
    waits: list[float] = []
    checker = ExternalChecker(options(retries=3, max_wait=60), sleep=waits.append)
    result = checker.check([f"{server.url}/busy"])[f"{server.url}/busy"]
    assert result.detail == "429 Too Many Requests (asks to wait 3600 s) (4 attempts)"
    assert waits == []
    assert server.paths() == ["/busy"]


def test_slow_servers_time_out_and_are_retried(server: Server) -> None:
    server.slow = 1.0
    waits: list[float] = []
    checker = ExternalChecker(options(timeout=0.2, retries=1, backoff=0.5), sleep=waits.append)
    result = checker.check([f"{server.url}/slow"])[f"{server.url}/slow"]
    assert result == Result(f"{server.url}/slow", BROKEN, detail="timed out (2 attempts)")
    assert waits == [0.5]


def test_server_errors_are_retried_with_growing_pauses(server: Server) -> None:
    waits: list[float] = []
    checker = ExternalChecker(options(retries=2, backoff=1.0), sleep=waits.append)
    result = checker.check([f"{server.url}/error"])[f"{server.url}/error"]
    assert result.detail == "503 Service Unavailable (3 attempts)"
    assert waits == [1.0, 2.0]


def test_no_more_than_per_host_requests_at_once(server: Server) -> None:
    # Each request to /pair waits until a second one is in: they only succeed in pairs.
    checker = ExternalChecker(options(concurrency=8, per_host=2, retries=0, timeout=10))
    results = checker.check([f"{server.url}/pair/{n}" for n in range(12)])
    assert {result.status for result in results.values()} == {OK}
    assert server.most_active == 2


def test_excluded_addresses_are_not_fetched(server: Server) -> None:
    checker = ExternalChecker(options(exclude=(f"{server.url}/miss*",)))
    results = checker.check([f"{server.url}/missing", f"{server.url}/ok"])
    assert results[f"{server.url}/missing"].status == EXCLUDED
    assert server.paths() == ["/ok"]


def test_cache_remembers_what_worked_for_its_age(server: Server, tmp_path: Path) -> None:
    cache = tmp_path / "cache" / "links.json"
    clock = [1_000_000.0]
    urls = [f"{server.url}/ok", f"{server.url}/moved", f"{server.url}/missing"]

    def checker(age: float) -> ExternalChecker:
        return ExternalChecker(options(cache=cache, cache_age=age), now=lambda: clock[0])

    checker(3600).check(urls)
    saved = json.loads(cache.read_text(encoding="utf-8"))
    assert saved == {
        "version": 1,
        "links": {
            f"{server.url}/moved": {
                "status": MOVED,
                "checked": 1_000_000.0,
                "code": 301,
                "location": f"{server.url}/final",
            },
            f"{server.url}/ok": {"status": OK, "checked": 1_000_000.0, "code": 200},
        },
    }
    server.requests.clear()
    clock[0] += 1800
    results = checker(3600).check(urls)
    assert server.paths() == ["/missing"]  # failures are always checked again
    assert results[f"{server.url}/ok"].cached
    server.requests.clear()
    clock[0] += 3600  # now older than the cache age
    checker(3600).check(urls)
    assert sorted(server.paths()) == ["/final", "/missing", "/moved", "/ok"]
    assert load_cache(cache, 3600, clock[0] + 7200) == {}


def test_unreadable_cache_is_ignored(server: Server, tmp_path: Path) -> None:
    cache = tmp_path / "links.json"
    cache.write_text("{not json", encoding="utf-8")
    results = ExternalChecker(options(cache=cache)).check([f"{server.url}/ok"])
    assert results[f"{server.url}/ok"].status == OK
    assert json.loads(cache.read_text(encoding="utf-8"))["version"] == 1


@pytest.mark.skipif(shutil.which("openssl") is None, reason="needs openssl to make a certificate")
def test_certificates_are_always_verified(tmp_path: Path) -> None:
    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj",
         "/CN=127.0.0.1", "-keyout", str(key), "-out", str(cert)],
        check=True,
        capture_output=True,
    )  # fmt: skip
    running = Server()
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    running.httpd.socket = context.wrap_socket(running.httpd.socket, server_side=True)
    running.thread.start()
    try:
        url = running.url.replace("http://", "https://") + "/ok"
        result = ExternalChecker(options(retries=0)).check([url])[url]
    finally:
        running.httpd.shutdown()
        running.httpd.server_close()
    assert result.status == BROKEN
    assert result.detail.startswith("its TLS certificate is not valid (self")


# -- kb check --external ----------------------------------------------------------------


def write_site(root: Path, server: Server, links: dict[str, object]) -> Path:
    body = (
        f"Good [ok]({server.url}/ok), [moved]({server.url}/moved).\n\n"
        f"Gone [missing]({server.url}/missing), [busy]({server.url}/busy), "
        f"[slow]({server.url}/slow)."
    )
    files = {"en/a.md": page("A", body), "el/a.md": page("Α", f"[ok]({server.url}/ok#x)")}
    for rel, text in files.items():
        target = root / "content" / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    config = {
        "site_name": "T",
        "docs_dir": "content",
        # No Google Fonts and no "Made with Material" link: the theme's own web addresses
        # would be checked too, and tests never leave 127.0.0.1.
        "theme": {"name": "material", "font": False},
        "extra": {"generator": False},
        "plugins": [
            {
                "kb": {
                    "languages": {"en": LANGUAGES["en"], "el": LANGUAGES["el"]},
                    "links": links,
                }
            }
        ],
    }
    path = root / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return path


def test_kb_check_external(
    server: Server, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Generous timings, so that a busy test machine answering slowly is not taken for the
    # slow server: that one answers after 4 s, the checker waits 1.5 s.
    server.busy_left = 100
    server.slow = 4.0
    config = write_site(tmp_path, server, {"retries": 0, "timeout": 1.5})
    assert main(["check", "-f", str(config), "--external", "--format", "json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["summary"]["external"] == 5
    assert [(f["level"], f["kind"], f["text"]) for f in report["findings"]] == [
        (
            "info",
            "external_redirect",
            f"content/en/a.md:6: the link '{server.url}/moved' has moved permanently (301) to "
            f"'{server.url}/final'. Update the link to '{server.url}/final'.",
        ),
        (
            "warning",
            "external_link",
            f"content/en/a.md:8: the link '{server.url}/busy' is broken: 429 Too Many Requests. "
            "Fix or remove the link; if the server turns away link checkers, add the address "
            "to 'exclude' under 'links:' in mkdocs.yml.",
        ),
        (
            "warning",
            "external_link",
            f"content/en/a.md:8: the link '{server.url}/missing' is broken: 404 Not Found. "
            "Fix or remove the link; if the server turns away link checkers, add the address "
            "to 'exclude' under 'links:' in mkdocs.yml.",
        ),
        (
            "warning",
            "external_link",
            f"content/en/a.md:8: the link '{server.url}/slow' is broken: timed out. Fix or "
            "remove the link; if the server turns away link checkers, add the address to "
            "'exclude' under 'links:' in mkdocs.yml.",
        ),
    ]
    # Each address is fetched once, however many pages and languages show it.
    assert sorted(server.paths()) == ["/busy", "/final", "/missing", "/moved", "/ok", "/slow"]
    cache = tmp_path / ".cache" / "kb" / "links.json"
    assert set(json.loads(cache.read_text(encoding="utf-8"))["links"]) == {
        f"{server.url}/ok",
        f"{server.url}/moved",
    }


def test_kb_check_external_exclude_and_offline_default(
    server: Server, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = write_site(
        tmp_path, server, {"retries": 0, "timeout": 5, "exclude": [f"{server.url}/slow"]}
    )
    server.busy_left = 0
    assert main(["check", "-f", str(config)]) == 0  # no --external: nothing is fetched
    assert server.requests == []
    out, err = capsys.readouterr()
    assert out == ""
    assert re.fullmatch(r"4 pages and \d+ links checked: 0 errors, 0 warnings, 0 notes\n", err)
    code = main(
        ["check", "-f", str(config), "--external", "--exclude", "*/missing", "--cache-age", "0"]
    )
    assert code == 0
    out, err = capsys.readouterr()
    assert out == (
        f"info: content/en/a.md:6: the link '{server.url}/moved' has moved permanently (301) "
        f"to '{server.url}/final'. Update the link to '{server.url}/final'.\n"
    )
    assert "/missing" not in server.paths() and "/slow" not in server.paths()
    assert not (tmp_path / ".cache").exists()


def test_mkdocs_build_can_check_web_addresses_too(
    server: Server, tmp_path: Path, build_site
) -> None:
    built = build_site(
        {"en/a.md": page("A", f"[gone]({server.url}/missing) [ok]({server.url}/ok)")},
        config={"theme": {"name": "material", "font": False}, "extra": {"generator": False}},
        plugin={
            "languages": {"en": LANGUAGES["en"]},
            "links": {"external": True, "retries": 0, "cache_age": 0},
        },
        strict=True,
    )
    assert not built.ok
    assert built.kb_logs("WARNING") == [
        f"content/en/a.md:6: the link '{server.url}/missing' is broken: 404 Not Found. Fix or "
        "remove the link; if the server turns away link checkers, add the address to "
        "'exclude' under 'links:' in mkdocs.yml."
    ]
