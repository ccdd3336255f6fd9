#!/usr/bin/env bash
# Set up .venv with kb_builder; arguments name extras to install with it (`test`).
# Where npm is available, also install Pagefind's newest release from npm into .venv:
# PyPI's `pagefind[bin]` lags behind (1.5.2 against 1.6.0), and 1.6 cuts Greek indexes
# into chunks as small as other languages' (a first Greek search downloads less).
# kb_builder uses the npm program when it finds one, else the Python package's.
set -euo pipefail
cd "$(dirname "$0")/.."

PAGEFIND_NPM_VERSION=1.6.0
PYTHON="${PYTHON:-$(command -v python3.11 || command -v python3)}"
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
extras="$(IFS=,; echo "$*")"
.venv/bin/python -m pip install --quiet -e ".${extras:+[$extras]}"

if command -v npm >/dev/null 2>&1; then
  if ! npm install --prefix .venv --no-save --no-audit --no-fund --loglevel=error \
      "pagefind@$PAGEFIND_NPM_VERSION" >/dev/null; then
    echo "npm could not install Pagefind $PAGEFIND_NPM_VERSION; builds use the Python package's Pagefind." >&2
  fi
fi
