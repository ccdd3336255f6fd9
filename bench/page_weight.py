"""What a cold page load costs a reader: requests and bytes, per built site, in one run.

Serves each site on 127.0.0.1 and opens the page in a fresh headless Chromium context (empty
cache), waiting until the network is idle. Counts every request and, for the site's own
responses, the bytes on the wire (headers and bodies, as this uncompressed server sends them)
and the bytes a server that gzips text would send (bodies of text types compressed at gzip's
level 6, the usual server setting; pictures, fonts and WebAssembly as they are). Requests to
any other host are blocked (this benchmark never uses the network) and listed. The favicon
is not counted: browsers fetch it once per site, at no fixed moment.

    python -m bench.page_weight --ref main --ref HEAD             # build two commits, compare
    python -m bench.page_weight --site before=site-old --site after=site
    python -m bench.page_weight --ref main --page en/ --page en/complaints/faq/

`--ref` builds the commit's public site with that commit's own kb_builder and theme (from
`git archive`, in a temporary folder). Needs Chromium at /usr/bin/chromium and Playwright.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from bench.static import serve

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
DEFAULT_PAGE = "en/complaints/handling-a-complaint-call/"
TEXT_TYPES = ("text/", "application/javascript", "application/json", "image/svg+xml")


@dataclass
class Weight:
    """One cold load of one page."""

    site: str
    page: str
    requests: int = 0
    wire_bytes: int = 0
    gzip_bytes: int = 0
    blocked: list[str] = field(default_factory=list)
    by_type: dict[str, int] = field(default_factory=dict)
    """Requests per resource type (document, stylesheet, script, font, ...)."""
    urls: list[str] = field(default_factory=list)
    """In the order the browser asked for them (the page first), not the order they ended:
    a stylesheet can finish before the page that names it."""


def gzip_size(body: bytes, content_type: str) -> int:
    """Bytes a server that compresses text sends for `body`."""
    if content_type.startswith(TEXT_TYPES):
        return len(gzip.compress(body, compresslevel=6, mtime=0))
    return len(body)


def measure(browser, name: str, folder: Path, page: str) -> Weight:  # type: ignore[no-untyped-def]
    """A cold load of `page` (site-relative) of the site built in `folder`."""
    weight = Weight(site=name, page=page)
    with serve(folder) as root:
        base = root + "/"
        own = urlsplit(base).netloc
        context = browser.new_context(viewport={"width": 390, "height": 844})

        def route(request_route):  # type: ignore[no-untyped-def]
            if urlsplit(request_route.request.url).netloc == own:
                request_route.continue_()
            else:
                weight.blocked.append(request_route.request.url)
                request_route.abort()

        asked: dict[str, int] = {}

        def started(request):  # type: ignore[no-untyped-def]
            asked.setdefault(request.url.removeprefix(base), len(asked))

        def finished(request):  # type: ignore[no-untyped-def]
            if urlsplit(request.url).netloc != own or _is_favicon(request):
                return
            response = request.response()
            sizes = request.sizes()
            weight.requests += 1
            weight.urls.append(request.url.removeprefix(base))
            weight.by_type[request.resource_type] = weight.by_type.get(request.resource_type, 0) + 1
            weight.wire_bytes += sizes["responseHeadersSize"] + sizes["responseBodySize"]
            body = response.body() if response is not None else b""
            content_type = (response.headers.get("content-type", "") if response else "").lower()
            weight.gzip_bytes += sizes["responseHeadersSize"] + gzip_size(body, content_type)

        context.route("**/*", route)
        context.on("request", started)
        context.on("requestfinished", finished)
        try:
            tab = context.new_page()
            tab.goto(base + page)
            tab.wait_for_load_state("networkidle")
        finally:
            context.close()
    weight.urls.sort(key=lambda url: asked.get(url, len(asked)))
    return weight


def _is_favicon(request) -> bool:  # type: ignore[no-untyped-def]
    # Browsers fetch the icon once per site and at no fixed moment (before or after the
    # network goes idle), so counting it would make runs differ; it is left out.
    return request.resource_type == "other" and "favicon" in urlsplit(request.url).path


def build_ref(ref: str, workdir: Path) -> Path:
    """Build the public site of commit `ref` with its own kb_builder; return the site folder."""
    source = workdir / ref.replace("/", "_")
    source.mkdir(parents=True)
    archive = subprocess.run(
        ["git", "-C", str(REPO), "archive", "--format=tar", ref], check=True, capture_output=True
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(source)], input=archive, check=True)
    # That commit's kb_builder package and theme, ahead of the installed one.
    env = {**os.environ, "PYTHONPATH": str(source), "NO_MKDOCS_2_WARNING": "1"}
    site = source / "site"
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(source / "mkdocs.yml")],
        check=True,
        cwd=source,
        env=env,
    )
    return site


def table(weights: list[Weight]) -> str:
    lines = [
        "| site | page | requests | KB on the wire | KB gzipped | other hosts (blocked) |",
        "|---|---|---:|---:|---:|---|",
    ]
    for w in weights:
        hosts = sorted({urlsplit(url).netloc for url in w.blocked})
        other = f"{len(w.blocked)}: {', '.join(hosts)}" if w.blocked else "none"
        lines.append(
            f"| {w.site} | `{w.page}` | {w.requests} | {w.wire_bytes / 1024:,.1f} "
            f"| {w.gzip_bytes / 1024:,.1f} | {other} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--ref", action="append", default=[], help="git commit to build")
    parser.add_argument("--site", action="append", default=[], help="NAME=DIR of a built site")
    parser.add_argument("--page", action="append", default=[], help=f"default {DEFAULT_PAGE}")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args(argv)
    pages = args.page or [DEFAULT_PAGE]
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="kb-weight-") as temp:
        sites = [(ref, build_ref(ref, Path(temp))) for ref in args.ref]
        for item in args.site:
            name, _, folder = item.partition("=")
            sites.append((name, Path(folder or name)))
        if not sites:
            parser.error("name at least one --ref or --site")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
            )
            try:
                weights = [
                    measure(browser, name, folder, page) for page in pages for name, folder in sites
                ]
            finally:
                browser.close()
    print(table(weights))
    if args.json:
        args.json.write_text(
            json.dumps([w.__dict__ for w in weights], indent=2) + "\n", encoding="utf-8"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
