#!/usr/bin/env bash
# Set up .venv with kb_builder; arguments name extras to install with it (`test`).
# Where npm is available, also install Pagefind's newest release from npm into .venv:
# PyPI's `pagefind[bin]` lags behind (1.5.2 against 1.6.0), and 1.6 cuts Greek indexes
# into chunks as small as other languages' (a first Greek search downloads less).
# kb_builder uses the npm program when it finds one, else the Python package's.
# With the `test` extra, also axe-core (pinned) for the accessibility browser tests, and
# terser (pinned), which made theme/assets/kb/search.min.js (scripts/minify_search.py; a
# test checks that the committed file is what it makes of the sources).
set -euo pipefail
cd "$(dirname "$0")/.."

PAGEFIND_NPM_VERSION=1.6.0
# axe-core: accessibility rules for the browser tests (installed with the `test` extra).
AXE_CORE_NPM_VERSION=4.14.1
TERSER_NPM_VERSION=5.51.4
PYTHON="${PYTHON:-$(command -v python3.11 || command -v python3)}"
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
extras="$(IFS=,; echo "$*")"
.venv/bin/python -m pip install --quiet -e ".${extras:+[$extras]}"

if command -v npm >/dev/null 2>&1; then
  packages=("pagefind@$PAGEFIND_NPM_VERSION")
  case ",$extras," in
    *,test,*) packages+=("axe-core@$AXE_CORE_NPM_VERSION" "terser@$TERSER_NPM_VERSION") ;;
  esac
  # --no-save installs only what is named, so every package is named every time.
  if ! npm install --prefix .venv --no-save --no-audit --no-fund --loglevel=error \
      "${packages[@]}" >/dev/null; then
    echo "npm could not install ${packages[*]}; builds use the Python package's Pagefind," \
      "and the accessibility tests fail without axe-core." >&2
  fi
fi
