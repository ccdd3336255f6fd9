#!/usr/bin/env bash
# The agent desk's agent-task benchmark from a fresh clone: set up, build the desk, measure.
# Prints median keys and milliseconds per language (see bench/desk/run.py).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh test
NO_MKDOCS_2_WARNING=1 exec .venv/bin/python bench/desk/run.py "$@"
