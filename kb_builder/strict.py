"""kb_builder's own warnings fail `mkdocs build --strict` whatever the log level.

MkDocs counts warnings for `--strict` with a handler on its logger, so a warning that is
never logged is never counted: `-q` raises the log level to ERROR, and strict builds with
broken links pass (upstream mkdocs#4126). kb_builder counts its warnings where they are
made, before the level is looked at, and fails the build itself when MkDocs cannot see them.
"""

from __future__ import annotations

import logging
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import PrefixedLogger


class WarningCount:
    """Warnings kb_builder has logged (or would have, at this log level) in this build."""

    def __init__(self) -> None:
        self.warnings = 0

    def reset(self) -> None:
        self.warnings = 0


COUNT = WarningCount()
"""One per process: MkDocs runs one build at a time; the plugin resets it in on_config."""


class CountingLogger(PrefixedLogger):
    """The plugin logger of MkDocs (`kb_builder: ` prefix) that also counts warnings."""

    def log(self, level: int, msg: object, *args: Any, **kwargs: Any) -> None:
        if level >= logging.WARNING:
            COUNT.warnings += 1
        super().log(level, msg, *args, **kwargs)


def get_logger(name: str) -> CountingLogger:
    """Use instead of `mkdocs.plugins.get_plugin_logger`: the same logger, counted."""
    return CountingLogger(name.split(".", 1)[0], logging.getLogger(f"mkdocs.plugins.{name}"))


def check(config: MkDocsConfig, logger: logging.LoggerAdapter) -> None:
    """Fail a strict build whose kb_builder warnings MkDocs did not count (hidden by `-q`)."""
    if not config.strict or COUNT.warnings == 0 or logger.isEnabledFor(logging.WARNING):
        return
    count = COUNT.warnings
    raise PluginError(
        f"Aborted with {count} kb_builder warning{'s' if count != 1 else ''} in strict mode; "
        "nothing was published. They are not shown at this log level: build without -q "
        "to see them."
    )
