"""One `mkdocs build`, run the way the `mkdocs build` command runs it, timed from inside.

    python bench/child.py CONFIG RESULT.json

bench/measure.py starts this in a fresh interpreter for every build. It does what
`mkdocs build -f CONFIG` does (load the config, the startup event, the build, the shutdown
event, log at INFO to stderr) and writes the build's own wall and CPU seconds to
RESULT.json (CPU seconds include the programs the build runs, such as
Pagefind). CPU seconds matter on a shared machine: a busy neighbour stretches the wall
time of a build but hardly its CPU time, so comparisons between sizes and builds use them.
"""

from __future__ import annotations

import json
import logging
import os
import sys
import time
from pathlib import Path


def main(argv: list[str]) -> int:
    config_file, result_file = argv
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False

    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(config_file)
    config.plugins.on_startup(command="build", dirty=False)
    cpu, programs, wall = _cpu_seconds(), _programs_cpu_seconds(), time.perf_counter()
    try:
        build(config)
        result = {
            "build_wall_seconds": time.perf_counter() - wall,
            "build_cpu_seconds": _cpu_seconds() - cpu,
            "programs_cpu_seconds": _programs_cpu_seconds() - programs,
        }
    finally:
        config.plugins.on_shutdown()
    Path(result_file).write_text(json.dumps(result) + "\n", encoding="utf-8")
    return 0


def _cpu_seconds() -> float:
    """Processor time of this process and of the programs it ran and waited for.

    kb_builder runs Pagefind as a program of its own; its time is part of the build.
    """
    times = os.times()
    return times.user + times.system + _programs_cpu_seconds()


def _programs_cpu_seconds() -> float:
    times = os.times()
    return times.children_user + times.children_system


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
