"""Helpers for tests: write a tiny site, build it with the real plugin, read the output."""

from __future__ import annotations

import gzip
import json
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, ConfigurationError

PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 16
"""A small file that starts like a PNG picture."""

LANGUAGES = {
    "en": {"name": "English"},
    "el": {"name": "Ελληνικά"},
    "pl": {"name": "Polski"},
    "hu": {"name": "Magyar"},
}


def page(title: str, body: str = "Text.", **front: Any) -> str:
    """A Markdown file with front matter; `audience` defaults to public."""
    front = {"title": title, "description": f"About {title}.", "audience": "public", **front}
    header = yaml.safe_dump(front, allow_unicode=True, sort_keys=False)
    return f"---\n{header}---\n{body}\n"


@dataclass
class BuiltSite:
    root: Path
    site: Path
    logs: list[str] = field(default_factory=list)
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None

    def html(self, path: str) -> str:
        target = self.site / path
        if target.is_dir() or path.endswith("/") or path == "":
            target = target / "index.html"
        return target.read_text(encoding="utf-8")

    def kb_logs(self, level: str | None = None) -> list[str]:
        """Log lines of the kb plugin, without the prefix, optionally of one level."""
        lines = []
        for line in self.logs:
            lvl, _, message = line.partition(" - ")
            if not message.startswith("kb_builder: "):
                continue
            if level is None or lvl == level:
                lines.append(message.removeprefix("kb_builder: "))
        return lines


class _Capture(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno >= logging.INFO:
            self.lines.append(f"{record.levelname} - {record.getMessage()}")


def run_build(
    root: Path,
    config_file: Path,
    *,
    strict: bool = False,
    dirty: bool = False,
    command: str = "build",
    shutdown: bool = True,
) -> BuiltSite:
    """Build as `mkdocs build` (or one rebuild of `mkdocs serve`) does, `--dirty` when asked,
    capturing MkDocs' log lines."""
    capture = _Capture()
    logger = logging.getLogger("mkdocs")
    previous = logger.level
    logger.setLevel(logging.DEBUG)
    logger.addHandler(capture)
    error = None
    site = root / "site"
    try:
        cfg = load_config(str(config_file), strict=strict)
        site = Path(cfg.site_dir)
        cfg.plugins.on_startup(command=command, dirty=dirty)
        try:
            build(cfg, dirty=dirty)
        finally:
            if shutdown:  # else the next build is the same `mkdocs serve` session's
                cfg.plugins.on_shutdown()
    except (Abort, ConfigurationError) as exc:
        error = str(exc)
    finally:
        logger.removeHandler(capture)
        logger.setLevel(previous)
    return BuiltSite(root=root, site=site, logs=capture.lines, error=error)


def build_files(root: Path, files: dict[str, str], settings: dict[str, Any]) -> BuiltSite:
    """Write `files` under `root/content` and `settings` as `root/mkdocs.yml` (docs_dir
    `content` unless given), then build."""
    for rel, text in files.items():
        target = root / "content" / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    config = root / "mkdocs.yml"
    config.write_text(
        yaml.safe_dump({"docs_dir": "content", **settings}, allow_unicode=True), encoding="utf-8"
    )
    return run_build(root, config)


def fragments(site: Path, lang: str) -> list[dict]:
    """The records of a language's Pagefind bundle, as the browser reads them."""
    records = []
    for path in sorted((site / "pagefind" / lang / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(path.read_bytes())
        assert data[:12] == b"pagefind_dcd"
        records.append(json.loads(data[12:]))
    return records
