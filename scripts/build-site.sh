#!/usr/bin/env bash
# Set up a virtual environment in .venv with kb_builder, then build the site into site/.
# Extra arguments go to `mkdocs build`.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON="${PYTHON:-$(command -v python3.11 || command -v python3)}"
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e .
export NO_MKDOCS_2_WARNING=1
exec .venv/bin/mkdocs build --strict "$@"
