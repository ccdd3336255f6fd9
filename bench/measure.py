"""Measure one `mkdocs build`, or edits under one `mkdocs serve`, each in its own process.

Each build runs in a fresh interpreter (bench/child.py, which does what `mkdocs build`
does), so its wall time is what a user waits for and its peak memory, read from the
operating system when the process is reaped (`os.wait4`), belongs to that build alone. The
child times the build itself, in wall and CPU seconds, without interpreter start-up and
config loading; kb's step timings come from the plugin through KB_TIMINGS_FILE.
"""

from __future__ import annotations

import json
import os
import queue
import re
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

BUILT = re.compile(r"Documentation built in ([0-9.]+) seconds")
CHILD = Path(__file__).resolve().parent / "child.py"
SEARCH_DIRS = ("search", "pagefind")
"""Folders of a built site that hold a search index (Material's, Pagefind's)."""
TIMINGS_ENV = "KB_TIMINGS_FILE"


@dataclass
class BuildResult:
    config: str
    wall_seconds: float
    """The whole process: interpreter start-up, config, build."""
    build_seconds: float
    """The build alone, wall clock."""
    build_cpu_seconds: float
    """The build alone, CPU (user + system): what a busy machine does not inflate."""
    peak_bytes: int
    pages: int
    output_bytes: int
    search_bytes: int
    warnings: int
    steps: dict[str, float] = field(default_factory=dict)
    """kb's step timings, empty for a build without the kb plugin."""
    programs_cpu_seconds: float = 0.0
    """CPU of the programs the build ran (Pagefind, git), included in build_cpu_seconds."""

    @property
    def ms_per_page(self) -> float:
        return 1000 * self.build_seconds / self.pages if self.pages else float("nan")

    @property
    def cpu_ms_per_page(self) -> float:
        return 1000 * self.build_cpu_seconds / self.pages if self.pages else float("nan")

    @property
    def kb_seconds(self) -> float:
        return sum(self.steps.values())


@dataclass
class ServeResult:
    config: str
    dirty: bool
    first_build_seconds: float
    edit_seconds: list[float]
    """From saving the file to MkDocs telling browsers to reload, per edit."""
    rebuild_seconds: list[float]
    """MkDocs' own figure for each rebuild."""
    kind: str = "text"
    """What each edit changed (see EDIT_KINDS)."""

    @property
    def median_edit(self) -> float:
        return statistics.median(self.edit_seconds)

    @property
    def median_rebuild(self) -> float:
        return statistics.median(self.rebuild_seconds)


def child_env(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env.pop(TIMINGS_ENV, None)
    # Material prints a banner about MkDocs 2.0 on every run; it is not part of the build.
    env["NO_MKDOCS_2_WARNING"] = "1"
    env.update(extra)
    return env


def build(
    project: Path,
    config: str,
    site_dir: str,
    *,
    timings: bool,
    env: dict[str, str] | None = None,
) -> BuildResult:
    """Build `config` in `project`, as `mkdocs build -f config` does, and measure it;
    `env`: more environment for the build (another kb_builder on `PYTHONPATH`)."""
    stem = Path(config).stem
    log_path = project / f"{stem}.build.log"
    timings_path = project / f"{stem}.timings.json"
    result_path = project / f"{stem}.result.json"
    for stale in (timings_path, result_path):
        stale.unlink(missing_ok=True)
    extra = dict(env or {})
    if timings:
        extra[TIMINGS_ENV] = str(timings_path)
    command = [sys.executable, str(CHILD), config, str(result_path)]
    with log_path.open("wb") as log:
        start = time.perf_counter()
        process = subprocess.Popen(
            command, cwd=project, env=child_env(**extra), stdout=log, stderr=log
        )
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
    text = log_path.read_text(encoding="utf-8", errors="replace")
    if process.returncode != 0 or not result_path.is_file():
        raise RuntimeError(f"{' '.join(command)} failed in {project}; see {log_path}")
    timed = json.loads(result_path.read_text(encoding="utf-8"))
    site = project / site_dir
    steps = {}
    if timings and timings_path.is_file():
        steps = json.loads(timings_path.read_text(encoding="utf-8"))["steps"]
    return BuildResult(
        config=config,
        wall_seconds=wall,
        build_seconds=timed["build_wall_seconds"],
        build_cpu_seconds=timed["build_cpu_seconds"],
        programs_cpu_seconds=timed.get("programs_cpu_seconds", 0.0),
        peak_bytes=_max_rss_bytes(usage.ru_maxrss),
        pages=sum(1 for _ in site.rglob("index.html")),
        output_bytes=_size(site),
        search_bytes=sum(_size(site / name) for name in SEARCH_DIRS),
        warnings=sum(1 for line in text.splitlines() if line.startswith("WARNING")),
        steps=steps,
    )


def _max_rss_bytes(value: int) -> int:
    return value if sys.platform == "darwin" else value * 1024


def _size(folder: Path) -> int:
    if not folder.is_dir():
        return 0
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())


EDIT_KINDS = ("text", "title", "new")
"""An edit of an article's text, of its title (its section's menus change in every
language), and a new article next to it (menus, switchers, links elsewhere)."""


def serve_edits(
    project: Path,
    config: str,
    article: Path,
    *,
    edits: int,
    dirty: bool,
    timeout: float,
    kinds: tuple[str, ...] = ("text",),
    env: dict[str, str] | None = None,
) -> list[ServeResult]:
    """Start `mkdocs serve`, make `edits` edits of each kind in turn, time each rebuild and
    reload; one result per kind. Every file is put back as it was afterwards. `env`: more
    environment for the server (another kb_builder on `PYTHONPATH`)."""
    port = _free_port()
    command = [sys.executable, "-m", "mkdocs", "serve", "-f", config, "--livereload"]
    command += ["-a", f"127.0.0.1:{port}"] + (["--dirty"] if dirty else [])
    process = subprocess.Popen(
        command,
        cwd=project,
        env=child_env(**(env or {})),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        encoding="utf-8",
        errors="replace",
    )
    lines: queue.Queue[tuple[float, str]] = queue.Queue()
    reader = threading.Thread(target=_read_lines, args=(process, lines), daemon=True)
    reader.start()
    original = article.read_text(encoding="utf-8")
    created: list[Path] = []
    try:
        first = _wait_for(lines, "Serving on", timeout)
        first_build = _last_build_seconds(first)
        results = []
        for kind in kinds:
            edit_seconds, rebuild_seconds = [], []
            for number in range(1, edits + 1):
                time.sleep(1.0)  # let the file watcher settle after the previous reload
                saved = time.monotonic()
                _edit(kind, article, original, number, created)
                seen = _wait_for(lines, "Reloading browsers", timeout)
                edit_seconds.append(seen[-1][0] - saved)
                rebuild_seconds.append(_last_build_seconds(seen))
            results.append(
                ServeResult(config, dirty, first_build, edit_seconds, rebuild_seconds, kind)
            )
        return results
    finally:
        article.write_text(original, encoding="utf-8")
        for path in created:
            path.unlink(missing_ok=True)
        _stop(process)


def _edit(kind: str, article: Path, original: str, number: int, created: list[Path]) -> None:
    if kind == "text":
        article.write_text(original + f"\nEdited by the benchmark ({number}).\n", "utf-8")
    elif kind == "title":
        article.write_text(_retitle(original, lambda old: f"{old} ({number})"), "utf-8")
    elif kind == "new":
        target = article.with_name(f"bench-new-{number}.md")
        created.append(target)
        target.write_text(_retitle(original, lambda _old: f"New article {number}"), "utf-8")
    else:
        raise ValueError(f"unknown edit kind {kind!r}; expected one of {EDIT_KINDS}")


def _retitle(text: str, title: Callable[[str], str]) -> str:
    """`text` with its front matter's title changed (written as a quoted YAML string)."""

    def replace(match: re.Match[str]) -> str:
        return "title: " + json.dumps(title(str(yaml.safe_load(match.group(1)))))

    return re.sub(r"^title: (.*)$", replace, text, count=1, flags=re.MULTILINE)


def _read_lines(process: subprocess.Popen, lines: queue.Queue) -> None:
    assert process.stdout is not None
    for line in process.stdout:
        lines.put((time.monotonic(), line.rstrip("\n")))
    lines.put((time.monotonic(), None))  # the process closed its output: it has ended


def _wait_for(lines: queue.Queue, marker: str, timeout: float) -> list[tuple[float, str]]:
    """Lines up to and including the first one containing `marker`."""
    seen: list[tuple[float, str]] = []
    deadline = time.monotonic() + timeout
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise TimeoutError(f"mkdocs serve did not log {marker!r} within {timeout:.0f} s")
        try:
            stamp, line = lines.get(timeout=remaining)
        except queue.Empty:
            continue
        if line is None:
            tail = "\n".join(text for _, text in seen[-20:])
            raise RuntimeError(f"mkdocs serve stopped before logging {marker!r}:\n{tail}")
        seen.append((stamp, line))
        if marker in line:
            return seen
        if line.startswith(("ERROR", "Error:")) or "Aborted" in line:
            tail = "\n".join(text for _, text in seen[-20:])
            raise RuntimeError(f"mkdocs serve failed:\n{tail}")


def _last_build_seconds(seen: list[tuple[float, str]]) -> float:
    for _, line in reversed(seen):
        if match := BUILT.search(line):
            return float(match.group(1))
    return float("nan")


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is not None:
        return
    # Ctrl+C, as a user stops it: MkDocs then removes its temporary site folder.
    process.send_signal(signal.SIGINT)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])
