#!/usr/bin/env bash
# Set up everything the tests need on a fresh machine, then run them.
#   - a virtual environment in .venv with kb_builder and its test dependencies, and
#     Pagefind from npm where npm is available (scripts/setup.sh)
#   - Debian's chromium for the browser tests (installed with apt-get when missing)
# Extra arguments go to pytest, for example: scripts/test.sh -k search
set -euo pipefail
cd "$(dirname "$0")/.."

./scripts/setup.sh test

if [ ! -x /usr/bin/chromium ]; then
  echo "Installing Debian's chromium for the browser tests..."
  SUDO=""
  if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi

# Browser tests fail, rather than skip, when the browser is missing here.
export KB_REQUIRE_BROWSER=1
export NO_MKDOCS_2_WARNING=1
exec .venv/bin/python -m pytest "$@"
