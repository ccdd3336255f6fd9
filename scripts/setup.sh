#!/usr/bin/env bash
# Set up .venv with kb_builder; arguments name extras to install with it (`test`).
# Where npm is available, also install Pagefind's newest release from npm into .venv:
# PyPI's `pagefind[bin]` lags behind (1.5.2 against 1.6.0), and 1.6 cuts Greek indexes
# into chunks as small as other languages' (a first Greek search downloads less).
# kb_builder uses the npm program when it finds one, else the Python package's.
set -euo pipefail
cd "$(dirname "$0")/.."

PAGEFIND_NPM_VERSION=1.6.0
# axe-core: accessibility rules for the browser tests. One npm command installs both, since
# an `npm install --no-save` removes the packages an earlier one installed.
AXE_CORE_NPM_VERSION=4.10.3
PYTHON="${PYTHON:-$(command -v python3.11 || command -v python3)}"
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
extras="$(IFS=,; echo "$*")"
.venv/bin/python -m pip install --quiet -e ".${extras:+[$extras]}"

if command -v npm >/dev/null 2>&1; then
  if ! npm install --prefix .venv --no-save --no-audit --no-fund --loglevel=error \
      "pagefind@$PAGEFIND_NPM_VERSION" "axe-core@$AXE_CORE_NPM_VERSION" >/dev/null; then
    echo "npm could not install Pagefind $PAGEFIND_NPM_VERSION and axe-core; builds use the Python package's Pagefind, accessibility tests are skipped." >&2
  fi
fi
