"""Where kb_builder's share of a build goes: named steps, totalled per build.

kb's steps (content load, coverage, navigation, per-page work, public assets, and later
link check and search index) wrap their work in `timings.step(name)`. The plugin logs the
totals at debug level (`mkdocs build -v`) and, when the environment variable
`KB_TIMINGS_FILE` names a file, writes them there as JSON after the build; that is how
`bench/run.py` reports what each step cost without a profiler. Steps must not nest, or
their time would be counted twice.
"""

from __future__ import annotations

import functools
import json
import logging
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

_Method = TypeVar("_Method", bound=Callable[..., Any])

ENV_FILE = "KB_TIMINGS_FILE"
"""Environment variable: write the build's step totals as JSON to this path."""

CONTENT = "content load"
COVERAGE = "coverage"
NAVIGATION = "navigation"
PAGES = "page work"
ASSETS = "public assets"
LINKS = "link check"
SEARCH = "search index"
STEPS = (CONTENT, COVERAGE, NAVIGATION, PAGES, ASSETS, LINKS, SEARCH)
"""Step names; the benchmark shows these as columns, and any other name after them."""


class Timings:
    """Seconds spent in each named step of one build."""

    def __init__(self) -> None:
        self._seconds: dict[str, float] = {}
        self._calls: dict[str, int] = {}

    @contextmanager
    def step(self, name: str) -> Iterator[None]:
        """Add the time spent in the `with` block to the step `name`."""
        start = time.perf_counter()
        try:
            yield
        finally:
            elapsed = time.perf_counter() - start
            self._seconds[name] = self._seconds.get(name, 0.0) + elapsed
            self._calls[name] = self._calls.get(name, 0) + 1

    @property
    def seconds(self) -> dict[str, float]:
        """Seconds per step, in the order the steps first ran."""
        return dict(self._seconds)

    @property
    def total(self) -> float:
        return sum(self._seconds.values())

    def summary(self) -> str:
        """One line for the log: `content load 0.41 s, navigation 0.02 s (total 0.43 s)`."""
        if not self._seconds:
            return "no kb steps ran"
        parts = ", ".join(f"{name} {seconds:.2f} s" for name, seconds in self._seconds.items())
        return f"{parts} (total {self.total:.2f} s)"

    def as_json(self) -> dict[str, object]:
        return {
            "steps": {name: round(seconds, 6) for name, seconds in self._seconds.items()},
            "calls": dict(self._calls),
            "total": round(self.total, 6),
        }

    def write(self, path: str | os.PathLike[str]) -> None:
        Path(path).write_text(json.dumps(self.as_json(), indent=2) + "\n", encoding="utf-8")


def requested_file() -> str | None:
    """The file named by `KB_TIMINGS_FILE`, if the environment asks for the timings."""
    return os.environ.get(ENV_FILE) or None


def report(timings: Timings, log: logging.Logger | logging.LoggerAdapter) -> None:
    """Log the totals at debug level; write them where `KB_TIMINGS_FILE` asks, if it does."""
    log.debug(f"time in kb steps: {timings.summary()}")
    if path := requested_file():
        timings.write(path)


def timed(name: str) -> Callable[[_Method], _Method]:
    """Decorate a plugin event so its time counts towards step `name` of `self.timings`."""

    def decorate(method: _Method) -> _Method:
        @functools.wraps(method)
        def wrapper(self: Any, *args: Any, **kwargs: Any) -> Any:
            with self.timings.step(name):
                return method(self, *args, **kwargs)

        return wrapper  # type: ignore[return-value]

    return decorate
