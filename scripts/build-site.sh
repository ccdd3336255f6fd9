#!/usr/bin/env bash
# Set up a virtual environment in .venv with kb_builder (scripts/setup.sh), then build the
# site into site/. Extra arguments go to `mkdocs build`.
set -euo pipefail
cd "$(dirname "$0")/.."

./scripts/setup.sh
export NO_MKDOCS_2_WARNING=1
exec .venv/bin/mkdocs build --strict "$@"
