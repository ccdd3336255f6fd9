"""Agent-task benchmark of the agent desk: from the start page to the right phrase on the
clipboard, counting keys and milliseconds, in every language.

For each task of tasks.yml and each language, in headless Chromium:

  1. open the language's desk start page (the search field has the focus on load);
  2. type the agent's query key by key (Chrome DevTools key events, so Greek and Polish
     letters arrive as a keyboard of that language sends them; 60 ms between keys);
  3. look at the phrases the search lists; if the first is a right one, press Shift+Enter
     (copies the best phrase); if a later one is, press ↓ until it has the focus, then Enter;
  4. note the keys pressed and the milliseconds from the last key to the phrase being on the
     clipboard, and check that the clipboard holds exactly that phrase.

The first task of a language runs in a fresh browser profile (the search and the phrase
index are downloaded then); the others find them in the cache, as on an agent's desk.
Target (issue 15): the right phrase on the clipboard in at most the query plus 2 keys, and
under 1 s after the last key, for every task.

Not a test: timings depend on the machine. From a fresh clone, one command:

    ./scripts/bench-desk.sh                    # set up, build the desk, run, print the table
    .venv/bin/python bench/desk/run.py --site site-internal   # a desk built already
"""

from __future__ import annotations

import argparse
import gzip
import json
import logging
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

import yaml

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
sys.path.insert(0, str(REPO))  # run as a script: bench.static is a module of the repository

from bench.static import serve  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-sync"]
KEY_DELAY_MS = 60
TARGET_EXTRA_KEYS = 2
TARGET_MS = 1000

# Before the page's scripts: when keys go down, when phrases are listed, when one is copied.
PROBE = """
window.__desk = {lastKey: 0, shown: {}, copied: []};
document.addEventListener("keydown", () => { window.__desk.lastKey = performance.now(); }, true);
document.addEventListener("kb-desk:copied", (event) => {
  window.__desk.copied.push({text: event.detail.text, ok: event.detail.ok, at: performance.now()});
}, true);
document.addEventListener("DOMContentLoaded", () => {
  const box = document.querySelector("[data-kb-search]");
  if (!box) return;
  new MutationObserver(() => {
    const query = box.getAttribute("data-kb-phrases");
    if (query && !(query in window.__desk.shown)) window.__desk.shown[query] = performance.now();
  }).observe(box, {attributes: true, attributeFilter: ["data-kb-phrases"]});
});
"""
LISTED = """() => Array.from(document.querySelectorAll(".kb-phrase")).map((button) => ({
  text: button.querySelector(".kb-phrase__text").textContent,
  url: button.querySelector(".kb-phrase__source").getAttribute("data-href"),
}))"""


@dataclass
class Task:
    name: str
    lang: str
    query: str
    expect: list[str]


@dataclass
class Outcome:
    task: Task
    keys: int | None
    """Keys pressed from the start page to the copy; None when no right phrase was listed."""
    ms: float | None
    """From the last key to the phrase on the clipboard."""
    shown_ms: float
    """From the last key of the query to the phrases being listed."""
    total_ms: float | None
    """From opening the start page to the phrase on the clipboard (typing included)."""
    rank: int | None
    copied: str
    first_visit: bool

    @property
    def query_keys(self) -> int:
        return len(self.task.query)

    @property
    def on_target(self) -> bool:
        return (
            self.keys is not None
            and self.ms is not None
            and self.keys <= self.query_keys + TARGET_EXTRA_KEYS
            and self.ms < TARGET_MS
        )


@dataclass
class LanguageReport:
    lang: str
    outcomes: list[Outcome] = field(default_factory=list)
    index_bytes: int = 0
    index_gzip: int = 0

    def median(self, name: str) -> float:
        values = [getattr(o, name) for o in self.outcomes if getattr(o, name) is not None]
        return statistics.median(values) if values else float("nan")

    def extra_keys(self) -> float:
        values = [o.keys - o.query_keys for o in self.outcomes if o.keys is not None]
        return statistics.median(values) if values else float("nan")


def load_tasks(path: Path, languages: list[str] | None) -> list[Task]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))["tasks"]
    tasks = []
    for name, spec in data.items():
        for lang, query in spec["q"].items():
            if not languages or lang in languages:
                tasks.append(Task(name, lang, str(query), list(spec["expect"])))
    return tasks


def is_right(url: str, lang: str, expect: list[str]) -> bool:
    parts = urlsplit(url)
    path = unquote(parts.path)
    for target in expect:
        page, _, anchor = target.partition("#")
        stem = page.removesuffix(".md")
        stem = stem.removesuffix("index") if stem.endswith("index") else stem + "/"
        if path.endswith(f"/{lang}/{stem}") and (not anchor or unquote(parts.fragment) == anchor):
            return True
    return False


# -- building and serving ----------------------------------------------------------------


def build_desk(target: Path) -> Path:
    """Build the repository's agent desk into `target`/site-internal."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    for name in ("content", "theme"):
        shutil.copytree(REPO / name, target / name)
    for name in ("mkdocs.yml", "mkdocs.internal.yml"):
        shutil.copy(REPO / name, target / name)
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    started = time.perf_counter()
    config = load_config(str(target / "mkdocs.internal.yml"))
    build(config)
    print(f"built the agent desk in {time.perf_counter() - started:.1f} s", flush=True)
    return Path(config.site_dir)


# -- one task ----------------------------------------------------------------------------


def press(session, key: str, *, code: str = "", vk: int = 0, shift: bool = False) -> None:  # type: ignore[no-untyped-def]
    """One key, as the browser's own key events (modifier 8 is Shift)."""
    base = {
        "key": key,
        "code": code or key,
        "windowsVirtualKeyCode": vk,
        "modifiers": 8 if shift else 0,
    }
    text = {"text": "\r"} if key == "Enter" else {}
    session.send("Input.dispatchKeyEvent", {"type": "keyDown", **base, **text})
    session.send("Input.dispatchKeyEvent", {"type": "keyUp", **base})


def type_text(session, text: str) -> None:  # type: ignore[no-untyped-def]
    for index, char in enumerate(text):
        if index:
            time.sleep(KEY_DELAY_MS / 1000)
        event = {"key": char, "text": char, "unmodifiedText": char}
        session.send("Input.dispatchKeyEvent", {"type": "keyDown", **event})
        session.send("Input.dispatchKeyEvent", {"type": "keyUp", "key": char})


def run_task(page, base: str, task: Task, first_visit: bool) -> Outcome:  # type: ignore[no-untyped-def]
    page.goto(f"{base}/{task.lang}/", wait_until="load")
    page.wait_for_function("document.activeElement.matches('[data-kb-search] input')")
    session = page.context.new_cdp_session(page)
    try:
        type_text(session, task.query)
        query = " ".join(task.query.split())
        page.wait_for_function("(q) => q in window.__desk.shown", arg=query, timeout=10_000)
        shown_ms = page.evaluate("(q) => window.__desk.shown[q] - window.__desk.lastKey", query)
        listed = page.evaluate(LISTED)
        rank = next(
            (n for n, item in enumerate(listed) if is_right(item["url"], task.lang, task.expect)),
            None,
        )
        if rank is None:
            return Outcome(task, None, None, shown_ms, None, None, "", first_visit)
        if rank == 0:
            press(session, "Enter", vk=13, shift=True)
            extra = 1
        else:
            for _ in range(rank + 1):
                press(session, "ArrowDown", vk=40)
            press(session, "Enter", vk=13)
            extra = rank + 2
        page.wait_for_function("window.__desk.copied.length > 0", timeout=10_000)
        copy = page.evaluate("window.__desk.copied[0]")
        ms = copy["at"] - page.evaluate("window.__desk.lastKey")
        # performance.now() counts from the start of the start page's navigation.
        total = copy["at"]
        on_clipboard = page.evaluate("navigator.clipboard.readText()")
    finally:
        session.detach()
    right = copy["ok"] and on_clipboard == listed[rank]["text"]
    return Outcome(
        task,
        len(task.query) + extra if right else None,
        ms if right else None,
        shown_ms,
        total if right else None,
        rank,
        on_clipboard,
        first_visit,
    )


def run(site: Path, tasks: list[Task]) -> list[LanguageReport]:
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        raise SystemExit(f"needs {CHROMIUM} (Debian package 'chromium')")
    reports = []
    with serve(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for lang in dict.fromkeys(task.lang for task in tasks):
                report = LanguageReport(lang)
                index = site / "assets/kb/desk/phrases" / f"{lang}.json"
                data = index.read_bytes()
                report.index_bytes, report.index_gzip = len(data), len(gzip.compress(data, 6))
                context = browser.new_context(locale=lang, viewport={"width": 1280, "height": 900})
                context.grant_permissions(["clipboard-read", "clipboard-write"])
                context.add_init_script(PROBE)
                page = context.new_page()
                for number, task in enumerate(t for t in tasks if t.lang == lang):
                    report.outcomes.append(run_task(page, base, task, number == 0))
                context.close()
                reports.append(report)
                print(f"{lang}: {len(report.outcomes)} tasks", flush=True)
        finally:
            browser.close()
    return reports


# -- reporting ---------------------------------------------------------------------------


def table(reports: list[LanguageReport]) -> str:
    lines = [
        "| language | tasks | right phrase copied | on target | median keys (query + extra) "
        "| phrases listed, ms after the query | copied, ms after the last key (slowest) "
        "| start page to clipboard, ms | phrase index KB (gzip) |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for r in reports:
        done = sum(o.keys is not None for o in r.outcomes)
        target = sum(o.on_target for o in r.outcomes)
        slowest = max((o.ms for o in r.outcomes if o.ms is not None), default=float("nan"))
        lines.append(
            f"| {r.lang} | {len(r.outcomes)} | {done}/{len(r.outcomes)} "
            f"| {target}/{len(r.outcomes)} "
            f"| {r.median('keys'):.0f} ({r.median('query_keys'):.0f} + {r.extra_keys():.0f}) "
            f"| {r.median('shown_ms'):.0f} | {r.median('ms'):.0f} ({slowest:.0f}) "
            f"| {r.median('total_ms'):.0f} "
            f"| {r.index_bytes / 1024:.1f} ({r.index_gzip / 1024:.1f}) |"
        )
    return "\n".join(lines)


def details(reports: list[LanguageReport]) -> str:
    lines = []
    for r in reports:
        for o in r.outcomes:
            state = "on target" if o.on_target else "MISSED"
            keys = "-" if o.keys is None else f"{o.keys} ({o.query_keys}+{o.keys - o.query_keys})"
            ms = "-" if o.ms is None else f"{o.ms:.0f} ms"
            lines.append(
                f"- {r.lang} {o.task.name} `{o.task.query}`: {state}, keys {keys}, {ms}, "
                f"phrases listed {o.shown_ms:.0f} ms after the query"
                + (" (first visit)" if o.first_visit else "")
                + ("" if o.rank in (None, 0) else f", right phrase at place {o.rank + 1}")
            )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, help="a desk built already (site-internal/)")
    parser.add_argument("--tasks", type=Path, default=HERE / "tasks.yml")
    parser.add_argument("--lang", action="append", help="only these languages")
    parser.add_argument("--json", type=Path, help="write every outcome here")
    args = parser.parse_args(argv)
    tasks = load_tasks(args.tasks, args.lang)
    with tempfile.TemporaryDirectory(prefix="kb-desk-bench-") as tmp:
        site = args.site.resolve() if args.site else build_desk(Path(tmp))
        reports = run(site, tasks)
    print()
    print(table(reports))
    print()
    print(details(reports))
    if args.json:
        payload = [
            {**asdict(o), "on_target": o.on_target, "lang": r.lang}
            for r in reports
            for o in r.outcomes
        ]
        args.json.write_text(json.dumps(payload, ensure_ascii=False, indent=1), encoding="utf-8")
    missed = sum(not o.on_target for r in reports for o in r.outcomes)
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
