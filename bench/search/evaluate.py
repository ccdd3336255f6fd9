"""Measure the site search the way readers use it: typing into the real search box.

Builds the site (or takes one already built), serves it on 127.0.0.1, opens each language's
home page in headless Chromium and types every query of the query set key by key into the
search box. Reports per language:

  hit@1, hit@5   the expected page (or FAQ question) is the first / among the first five
                 results (a FAQ question shown as its own result counts as one result)
  median ms      from the last keystroke to the results being on screen (warm: the reader
                 has searched before on this page)
  first search   what a first search downloads: every query is also typed on a fresh visit
                 with an empty cache, counting the search script and style, Pagefind's
                 script, WebAssembly, index chunks, result fragments and word lists, as a
                 server that gzips text sends them; median and largest over the queries, and
                 the median time to results of those cold searches

Keys are sent as the browser's own key events (Chrome DevTools Input.dispatchKeyEvent, as
Playwright does for US keys), one character at a time, so Greek and Polish letters arrive
the way a Greek or Polish keyboard sends them.

Not a test: timings depend on the machine. Run it from the repository:

    python bench/search/evaluate.py                      # the repository's knowledge base
    python bench/search/evaluate.py --audience public    # the public site only
    python bench/search/evaluate.py --large 1000         # 1,000 pages per language
    python bench/search/evaluate.py --project DIR        # another project (its mkdocs.yml)
    python bench/search/evaluate.py --site DIR --queries FILE   # a site built already
    python bench/search/evaluate.py --suite              # agent desk, public site, --large 1000
    python bench/search/evaluate.py --suite --search-script REV   # the search of git revision REV

`--search-script REV` serves the search box's script of an earlier git revision in place of
today's, on today's content and index (the pages, word lists and Pagefind bundles of this
build): what that search found, how fast, and what its first search downloaded. The script
is served as that revision's build served it (see `script_of`).

Needs Chromium at /usr/bin/chromium (Debian package `chromium`) and Playwright for Python.
"""

from __future__ import annotations

import argparse
import gzip
import json
import logging
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

import yaml

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(REPO))  # run as a script: bench.static is a module of the repository

from synthetic import make_large_project  # noqa: E402

from bench.static import serve  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]

# Runs in every page before its own scripts: note when keys go down and when the search
# box shows results (search.js announces each result list with a "kb-search:results" event).
PROBE = """
window.__kbProbe = {lastKey: 0, shown: []};
document.addEventListener("keydown", () => { window.__kbProbe.lastKey = performance.now(); }, true);
document.addEventListener("kb-search:results", (event) => {
  window.__kbProbe.shown.push({query: event.detail.query, at: performance.now()});
}, true);
"""

RESULTS = """
() => Array.from(document.querySelectorAll("#kb-search-results > li.md-search-result__item"))
  .map((item) => item.querySelector("a.md-search-result__link").href)
"""


@dataclass
class Query:
    lang: str
    text: str
    expect: list[str]
    kind: str = ""


@dataclass
class Outcome:
    query: Query
    results: list[str]
    ms: float
    rank: int | None

    @property
    def hit1(self) -> bool:
        return self.rank is not None and self.rank < 1

    @property
    def hit5(self) -> bool:
        return self.rank is not None and self.rank < 5


@dataclass
class ColdSearch:
    query: str
    ms: float
    raw: int
    packed: int
    files: list[tuple[str, int, int]]


@dataclass
class LanguageReport:
    lang: str
    outcomes: list[Outcome] = field(default_factory=list)
    skipped: list[Query] = field(default_factory=list)
    cold: list[ColdSearch] = field(default_factory=list)

    def rate(self, name: str) -> tuple[int, int]:
        judged = [o for o in self.outcomes if o.query.expect]
        return sum(getattr(o, name) for o in judged), len(judged)

    @property
    def median_ms(self) -> float:
        return statistics.median(o.ms for o in self.outcomes) if self.outcomes else 0.0

    @property
    def p90_ms(self) -> float:
        times = sorted(o.ms for o in self.outcomes)
        return times[min(len(times) - 1, int(0.9 * len(times)))] if times else 0.0

    def cold_median(self, name: str) -> float:
        return statistics.median(getattr(c, name) for c in self.cold) if self.cold else 0.0

    def cold_max(self, name: str) -> float:
        return max((getattr(c, name) for c in self.cold), default=0)


# -- building ----------------------------------------------------------------------------


def script_of(revision: str) -> bytes:
    """The search box's script as the build of git `revision` served it.

    A revision with `search.core.js` (issue 17 on) has both files packed the way today's
    build packs them (kb_builder/search/scripts.py: one file without comment lines); an
    earlier one served its `search.js` as written, and so is it here.
    """

    def show(path: str) -> str | None:
        done = subprocess.run(
            ["git", "-C", str(REPO), "show", f"{revision}:{path}"],
            capture_output=True,
            text=True,
            encoding="utf-8",
        )
        return done.stdout if done.returncode == 0 else None

    main = show("theme/assets/kb/search.js")
    if main is None:
        raise SystemExit(
            f"--search-script: git revision {revision!r} has no theme/assets/kb/search.js"
        )
    core = show("theme/assets/kb/search.core.js")
    if core is None:
        return main.encode("utf-8")
    from kb_builder.search.scripts import strip

    return ";\n".join([strip(core), strip(main)]).encode("utf-8")


def build_project(project: Path, site_dir: Path, audience: str | None) -> None:
    """Build `project` into `site_dir` with kb_builder, optionally as the other audience."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(site_dir))
    if audience is not None:
        config.plugins["kb"].config.audience = audience
    started = time.perf_counter()
    build(config)
    print(f"built {project} -> {site_dir} in {time.perf_counter() - started:.1f} s", flush=True)


def copy_repository(target: Path) -> Path:
    for name in ("content", "theme"):
        shutil.copytree(REPO / name, target / name)
    shutil.copy(REPO / "mkdocs.yml", target / "mkdocs.yml")
    return target


# -- queries -----------------------------------------------------------------------------


def load_queries(path: Path, languages: list[str] | None) -> list[Query]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    queries = []
    for lang, items in data.items():
        if languages and lang not in languages:
            continue
        for item in items or []:
            expect = [item["expect"]] if item.get("expect") else []
            expect += list(item.get("also") or [])
            queries.append(Query(lang, str(item["q"]), expect, str(item.get("kind", ""))))
    return queries


def target_url(lang: str, target: str) -> str:
    """Site path of an expected page: `complaints/faq.md#x` -> `/el/complaints/faq/#x`."""
    page, _, anchor = target.partition("#")
    stem = page[: -len(".md")] if page.endswith(".md") else page
    if stem == "index":
        path = f"/{lang}/"
    elif stem.endswith("/index"):
        path = f"/{lang}/{stem[: -len('/index')]}/"
    else:
        path = f"/{lang}/{stem}/"
    return f"{path}#{anchor}" if anchor else path


def page_exists(site: Path, url: str) -> bool:
    path = url.split("#", 1)[0].strip("/")
    return (site / path / "index.html").is_file()


def rank_of(results: list[str], targets: list[str]) -> int | None:
    for position, url in enumerate(results):
        parts = urlsplit(url)
        path = unquote(parts.path)
        anchor = unquote(parts.fragment)
        for target in targets:
            want_path, _, want_anchor = target.partition("#")
            if path == want_path and (not want_anchor or anchor == want_anchor):
                return position
    return None


# -- browsing ----------------------------------------------------------------------------


def send_keys(page, text: str, delay: float) -> None:  # type: ignore[no-untyped-def]
    """Press a key for every character: keydown, keypress, input, keyup, as from a keyboard."""
    session = page.context.new_cdp_session(page)
    try:
        for index, char in enumerate(text):
            if index:
                time.sleep(delay / 1000)
            event = {"key": char, "text": char, "unmodifiedText": char}
            session.send("Input.dispatchKeyEvent", {"type": "keyDown", **event})
            session.send("Input.dispatchKeyEvent", {"type": "keyUp", "key": char})
    finally:
        session.detach()


def type_query(page, text: str, delay: float) -> float:  # type: ignore[no-untyped-def]
    """Type `text` into the open search box; return ms from last key to its results."""
    page.evaluate("() => { window.__kbProbe.shown = []; }")
    page.keyboard.press("Control+A")
    page.keyboard.press("Backspace")
    send_keys(page, text, delay)
    query = " ".join(text.split())
    page.wait_for_function(
        """(query) => window.__kbProbe.shown.some(
             (s) => s.query === query && s.at >= window.__kbProbe.lastKey)""",
        arg=query,
        timeout=30_000,
    )
    return page.evaluate(
        """(query) => {
             const probe = window.__kbProbe;
             const shown = probe.shown.find((s) => s.query === query && s.at >= probe.lastKey);
             return shown.at - probe.lastKey;
           }""",
        query,
    )


def open_language(browser, base: str, lang: str, script: bytes | None = None):  # type: ignore[no-untyped-def]
    """A fresh visit (empty cache) to a language's home page, recording every request;
    `script`: served in place of the site's search script (see --search-script)."""
    context = browser.new_context(locale=lang)
    if script is not None:
        context.route(
            f"{base}/assets/kb/search.js",
            lambda route: route.fulfill(
                status=200, body=script, content_type="text/javascript; charset=utf-8"
            ),
        )
    page = context.new_page()
    page.add_init_script(PROBE)
    fetched: list = []
    # On the context, so requests of web workers would be counted too.
    context.on("requestfinished", lambda request: fetched.append(request))
    page.goto(f"{base}/{lang}/", wait_until="load")
    return context, page, fetched


def measure_language(  # type: ignore[no-untyped-def]
    browser,
    base: str,
    lang: str,
    queries: list[Query],
    delay: float,
    cold: bool = True,
    script: bytes | None = None,
):
    report = LanguageReport(lang)
    context, page, _ = open_language(browser, base, lang, script)
    page.keyboard.press("/")
    for query in queries:
        ms = type_query(page, query.text, delay)
        results = [unquote(u.removeprefix(base)) for u in page.evaluate(RESULTS)]
        rank = rank_of(results, [target_url(lang, t) for t in query.expect])
        report.outcomes.append(Outcome(query, results, ms, rank))
    context.close()
    for query in queries if cold else ():
        context, page, fetched = open_language(browser, base, lang, script)
        page_assets = [r for r in fetched if "/assets/kb/search." in r.url]
        fetched.clear()
        page.keyboard.press("/")
        ms = type_query(page, query.text, delay)
        raw, packed, files = count_bytes(page_assets + list(fetched), base)
        report.cold.append(ColdSearch(query.text, ms, raw, packed, files))
        context.close()
    return report


def count_bytes(requests: list, base: str) -> tuple[int, int, list[tuple[str, int, int]]]:  # type: ignore[type-arg]
    """Bytes of the search's own requests: raw, and as a server that gzips text sends them."""
    raw = packed = 0
    files = []
    for request in requests:
        path = request.url.removeprefix(base)
        if not path.startswith(("/pagefind/", "/assets/kb/search.")):
            continue  # the page itself, Material's fonts and icons: not search
        response = request.response()
        body = response.body() if response is not None else b""
        # Pagefind's index files are gzip already; text shrinks as a web server would.
        size = min(len(body), len(gzip.compress(body, 6)))
        raw += len(body)
        packed += size
        files.append((path, len(body), size))
    return raw, packed, files


def evaluate_site(
    site: Path,
    queries: list[Query],
    delay: float,
    cold: bool = True,
    script: bytes | None = None,
) -> list[LanguageReport]:
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        raise SystemExit(f"needs {CHROMIUM} (Debian package 'chromium')")
    reports = []
    with serve(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for lang in dict.fromkeys(q.lang for q in queries):
                mine = [q for q in queries if q.lang == lang]
                present = [
                    q
                    for q in mine
                    if not q.expect or any(page_exists(site, target_url(lang, t)) for t in q.expect)
                ]
                if not (site / lang / "index.html").is_file() or not present:
                    print(f"{lang}: no pages in this site, skipped")
                    continue
                report = measure_language(browser, base, lang, present, delay, cold, script)
                report.skipped = [q for q in mine if q not in present]
                reports.append(report)
                print(f"{lang}: {len(report.outcomes)} queries typed", flush=True)
        finally:
            browser.close()
    return reports


# -- reporting ---------------------------------------------------------------------------


def table(reports: list[LanguageReport]) -> str:
    lines = [
        "| language | queries | hit@1 | hit@5 | median ms | p90 ms "
        "| first search KB, median / largest | first search ms, median |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for report in reports:
        h1, n = report.rate("hit1")
        h5, _ = report.rate("hit5")
        lines.append(
            f"| {report.lang} | {len(report.outcomes)} | {_pct(h1, n)} | {_pct(h5, n)} "
            f"| {report.median_ms:.0f} | {report.p90_ms:.0f} "
            f"| {report.cold_median('packed') / 1024:.0f} / {report.cold_max('packed') / 1024:.0f} "
            f"| {report.cold_median('ms'):.0f} |"
        )
    return "\n".join(lines)


def _pct(hits: int, total: int) -> str:
    return f"{hits}/{total} ({100 * hits / total:.0f}%)" if total else "-"


def misses(reports: list[LanguageReport]) -> str:
    lines = []
    for report in reports:
        for outcome in report.outcomes:
            if outcome.query.expect and not outcome.hit1:
                got = ", ".join(outcome.results[:3]) or "nothing"
                where = "not in top 5" if not outcome.hit5 else f"rank {outcome.rank + 1}"
                lines.append(
                    f"- {report.lang} `{outcome.query.text}` ({outcome.query.kind}, {where}): "
                    f"wanted {outcome.query.expect[0]}; got {got}"
                )
        for query in report.skipped:
            lines.append(f"- {report.lang} `{query.text}`: skipped, its page is not in this site")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    source = parser.add_mutually_exclusive_group()
    source.add_argument("--project", type=Path, help="build this project (folder of mkdocs.yml)")
    source.add_argument("--site", type=Path, help="evaluate this built site as it is")
    source.add_argument(
        "--large", type=int, metavar="N", help="the repository's articles among N pages a language"
    )
    parser.add_argument("--queries", type=Path, default=HERE / "queries.yml")
    parser.add_argument(
        "--audience",
        choices=("public", "internal"),
        default="internal",
        help="which site to build (default: internal, every page)",
    )
    source.add_argument(
        "--suite",
        action="store_true",
        help="the repository's agent desk, its public site and --large 1000, one after the other",
    )
    parser.add_argument("--lang", action="append", help="only these languages")
    parser.add_argument("--delay", type=float, default=60, help="ms between keys (default 60)")
    parser.add_argument("--json", type=Path, help="write every result here")
    parser.add_argument(
        "--search-script",
        metavar="REV",
        help="serve the search script of this git revision instead of today's (same content)",
    )
    parser.add_argument(
        "--no-first-search",
        dest="cold",
        action="store_false",
        help="skip the fresh-visit searches (quicker; no first-search figures)",
    )
    args = parser.parse_args(argv)

    queries = load_queries(args.queries, args.lang)
    args.script = script_of(args.search_script) if args.search_script else None
    if args.suite:
        return run_suite(args, queries)
    with tempfile.TemporaryDirectory(prefix="kb-search-eval-") as tmp:
        work = Path(tmp)
        if args.site:
            site = args.site.resolve()
        else:
            if args.project:
                project = args.project.resolve()
            elif args.large:
                project = make_large_project(REPO, work / "project", args.large)
            else:
                project = copy_repository(work / "project")
            site = work / "site"
            build_project(project, site, args.audience)
        reports = evaluate_site(site, queries, args.delay, args.cold, args.script)
        print()
        print(table(reports))
        print()
        print(misses(reports))
        if args.json:
            args.json.write_text(
                json.dumps(
                    [
                        {
                            "lang": r.lang,
                            "first_search": [
                                {
                                    "q": c.query,
                                    "ms": c.ms,
                                    "bytes": c.raw,
                                    "gzip": c.packed,
                                    "files": c.files,
                                }
                                for c in r.cold
                            ],
                            "queries": [
                                {
                                    "q": o.query.text,
                                    "kind": o.query.kind,
                                    "expect": o.query.expect,
                                    "rank": o.rank,
                                    "ms": o.ms,
                                    "results": o.results[:10],
                                }
                                for o in r.outcomes
                            ],
                        }
                        for r in reports
                    ],
                    ensure_ascii=False,
                    indent=2,
                ),
                encoding="utf-8",
            )
    return 0


SUITE = (
    ("agent desk", "internal", None),
    ("public site", "public", None),
    ("4,000 pages (--large 1000)", "internal", 1000),
)
"""What `--suite` measures: (name, audience, pages per language or None)."""


def run_suite(args: argparse.Namespace, queries: list[Query]) -> int:
    """Every site of SUITE in one run, each built afresh, with one table each at the end."""
    tables = []
    everything = {}
    for name, audience, large in SUITE:
        with tempfile.TemporaryDirectory(prefix="kb-search-eval-") as tmp:
            work = Path(tmp)
            if large:
                project = make_large_project(REPO, work / "project", large)
            else:
                project = copy_repository(work / "project")
            build_project(project, work / "site", audience)
            reports = evaluate_site(work / "site", queries, args.delay, args.cold, args.script)
        tables.append(f"**{name}**\n\n{table(reports)}\n\n{misses(reports)}")
        # Each site's figures as soon as they are measured, and all of them again at the end.
        print(f"\n{tables[-1]}\n", flush=True)
        everything[name] = [
            {
                "lang": r.lang,
                "hit1": r.rate("hit1"),
                "hit5": r.rate("hit5"),
                "median_ms": r.median_ms,
                "first_search_kb": r.cold_median("packed") / 1024,
            }
            for r in reports
        ]
    print()
    print("\n\n".join(tables))
    if args.json:
        args.json.write_text(json.dumps(everything, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
