"""One `mkdocs build`, run the way the `mkdocs build` command runs it, timed from inside.

    python bench/child.py CONFIG RESULT.json

bench/measure.py starts this in a fresh interpreter for every build. It does what
`mkdocs build -f CONFIG` does (load the config, the startup event, the build, the shutdown
event, log at INFO to stderr) and writes the build's own wall and CPU seconds to
RESULT.json. CPU seconds matter on a shared machine: a busy neighbour stretches the wall
time of a build but hardly its CPU time, so comparisons between sizes and builds use them.
"""

from __future__ import annotations

import json
import logging
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
    cpu, wall = time.process_time(), time.perf_counter()
    try:
        build(config)
        result = {
            "build_wall_seconds": time.perf_counter() - wall,
            "build_cpu_seconds": time.process_time() - cpu,
        }
    finally:
        config.plugins.on_shutdown()
    Path(result_file).write_text(json.dumps(result) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
