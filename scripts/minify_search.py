"""Minify the search box's scripts into theme/assets/kb/search.min.js, with terser.

    .venv/bin/python scripts/minify_search.py          # after editing search.js or search.core.js
    .venv/bin/python scripts/minify_search.py --check  # exit 1 if the committed file is not current

The site serves the minified file while it was made from the theme's sources as they are
(kb_builder/search/scripts.py); otherwise the sources themselves, so forgetting this step
costs download size, never behaviour. terser comes from npm: `scripts/setup.sh test`
installs the pinned release into .venv (TERSER_NPM_VERSION there).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from kb_builder.search import scripts  # noqa: E402

THEME = REPO / "theme"
TERSER_OPTIONS = ["--compress", "passes=2", "--mangle", "--ecma", "2020", "--comments", "false"]


def terser() -> list[str]:
    """The terser command: $TERSER, the one setup.sh installs into .venv, or one on PATH."""
    if os.environ.get("TERSER"):
        return [os.environ["TERSER"]]
    local = REPO / ".venv" / "node_modules" / ".bin" / "terser"
    if local.exists():
        return [str(local)]
    found = shutil.which("terser")
    if found:
        return [found]
    raise SystemExit("terser not found: run scripts/setup.sh test (needs npm), or set TERSER")


def minify() -> str:
    """The minified file for the theme's sources as they are."""
    sources = [(THEME / uri).read_text(encoding="utf-8") for uri in scripts.PARTS]
    result = subprocess.run(
        [*terser(), *TERSER_OPTIONS],
        input=";\n".join(sources),
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    if result.returncode != 0:
        raise SystemExit(f"terser failed:\n{result.stderr}")
    return scripts.header(sources) + "\n" + result.stdout.rstrip("\n") + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare, do not write")
    args = parser.parse_args(argv)
    target = THEME / scripts.MINIFIED
    fresh = minify()
    if args.check:
        if not target.exists() or target.read_text(encoding="utf-8") != fresh:
            print(f"{target.relative_to(REPO)} is not current: run scripts/minify_search.py")
            return 1
        print(f"{target.relative_to(REPO)} is current")
        return 0
    target.write_text(fresh, encoding="utf-8")
    print(f"wrote {target.relative_to(REPO)} ({len(fresh.encode())} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
