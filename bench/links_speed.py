"""How much the link checks add to `mkdocs build`, on a synthetic 4,000-page site.

Generates a knowledge base in a temporary folder (1,000 articles in each of four languages:
sections, headings in Greek, Polish and Hungarian, links between articles and to their
sections, images, mail and phone links, web addresses), then builds it alternately with
the link checks off and on, and prints the median build times and their ratio.

    python bench/links_speed.py              # 4,000 pages, 4 builds each way
    python bench/links_speed.py --articles 250 --runs 1

Each build runs in a fresh process. Three figures are printed: the ratio of processor
times (checks on / off), the same for wall time (noisy on a shared machine), and the
processor time spent inside the link checks themselves, measured by the plugin. With the
checks off MkDocs runs its own (smaller) link validation, so the ratio is the fair
"what does turning it on cost" figure; the inside figure is the upper bound.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

LANGUAGES = {
    "en": {"name": "English"},
    "el": {"name": "Ελληνικά"},
    "pl": {"name": "Polski"},
    "hu": {"name": "Magyar"},
}
WORDS = {
    "en": ["customer", "refund", "complaint", "call", "answer", "discount", "promise", "agent"],
    "el": ["πελάτης", "επιστροφή", "παράπονο", "κλήση", "απάντηση", "έκπτωση", "υπόσχεση"],
    "pl": ["klient", "zwrot", "reklamacja", "rozmowa", "odpowiedź", "zniżka", "obietnica"],
    "hu": ["ügyfél", "visszatérítés", "panasz", "hívás", "válasz", "kedvezmény", "ígéret"],
}
TRANSLATED = {"el": 0.8, "pl": 0.6, "hu": 0.4}
"""Share of articles translated into each language; the rest are fallback pages."""
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 64


def heading(lang: str, rng: random.Random, number: int) -> str:
    words = rng.sample(WORDS[lang], 3)
    return f"{' '.join(words).capitalize()} {number}"


def front(title: str, description: str) -> str:
    data = {"title": title, "description": description, "audience": "public"}
    return "---\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False) + "---\n"


def generate(root: Path, articles: int, sections: int, seed: int = 7) -> None:
    """Write mkdocs.yml and content/ for a site of `articles` articles per language."""
    from kb_builder.content.slugs import slug

    rng = random.Random(seed)
    content = root / "content"
    (content / "images").mkdir(parents=True)
    (content / "images" / "diagram.png").write_bytes(PNG)
    for lang in LANGUAGES:
        (content / lang).mkdir(parents=True)
    per_section = articles // sections
    names = [
        (f"section-{s:02d}", f"article-{a:03d}.md")
        for s in range(sections)
        for a in range(per_section - 1)
    ]
    translated = {
        lang: {name for name in names if rng.random() < share} for lang, share in TRANSLATED.items()
    }
    # Translations give the headings that other pages link to the source's anchors
    # (`## Τίτλος {#title}`), so links keep working on sites that show pages untranslated.
    headings: dict[tuple[str, str, str], list[tuple[str, str]]] = {}
    for lang in LANGUAGES:
        for section, name in names:
            if lang == "en" or (section, name) in translated[lang]:
                titles = [heading(lang, rng, number) for number in range(1, 6)]
                source = headings.get(("en", section, name))
                headings[(lang, section, name)] = [
                    (title, source[i][1] if source and i < 2 else slug(title))
                    for i, title in enumerate(titles)
                ]
    for lang in LANGUAGES:
        for s in range(sections):
            section = f"section-{s:02d}"
            if lang == "en" or s % 2 == 0:
                folder = content / lang / section
                folder.mkdir(parents=True, exist_ok=True)
                (folder / "index.md").write_text(
                    front(f"{section} ({lang})", "A section.") + "Articles of this section.\n",
                    encoding="utf-8",
                )
        (content / lang / "index.md").write_text(
            front(f"Help ({lang})", "Home.") + "Start with [section 0](section-00/index.md).\n",
            encoding="utf-8",
        )
        for section, name in names:
            own = headings.get((lang, section, name))
            if own is None:
                continue
            parts = [front(f"{name} {lang}", "An article.")]
            for number, (title, anchor) in enumerate(own):
                explicit = f" {{#{anchor}}}" if anchor != slug(title) else ""
                parts.append(f"## {title}{explicit}\n")
                sentence = " ".join(rng.choices(WORDS[lang], k=40))
                links = []
                for _ in range(2):
                    other_section, other = rng.choice(names)
                    _title, target = rng.choice(headings[("en", other_section, other)][:2])
                    links.append(
                        f"[{rng.choice(WORDS[lang])}](../{other_section}/{other}#{target})"
                    )
                next_title, next_anchor = own[(number + 1) % len(own)]
                links.append(f"[{next_title}](#{next_anchor})")
                parts.append(f"{sentence.capitalize()}. {' '.join(links)}.\n")
            parts.append(
                "![diagram](../../images/diagram.png)\n\n"
                "[help@example.com](mailto:help@example.com) · "
                "[+30 210 123 4567](tel:+302101234567) · "
                "[Example](https://example.com/docs/) · [section](index.md)\n"
            )
            path = content / lang / section / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text("\n".join(parts), encoding="utf-8")
    config = {
        "site_name": "Bench",
        "site_url": "https://help.example.com/",
        "docs_dir": "content",
        "theme": {
            "name": "material",
            "features": [
                "navigation.indexes",
                "navigation.sections",
                "navigation.prune",
                "navigation.footer",
                "toc.follow",
            ],
        },
        "plugins": [
            {
                "kb": {
                    "languages": LANGUAGES,
                    "validation": {
                        "missing_translation": "ignore",
                        "untranslated_target": "ignore",
                    },
                }
            }
        ],
        "markdown_extensions": [
            {"toc": {"permalink": True}},
            "admonition",
            "attr_list",
            "md_in_html",
            "tables",
        ],
    }
    (root / "mkdocs.yml").write_text(
        yaml.safe_dump(config, allow_unicode=True, sort_keys=False), "utf-8"
    )


def set_checks(root: Path, on: bool) -> None:
    path = root / "mkdocs.yml"
    config = yaml.safe_load(path.read_text("utf-8"))
    config["plugins"][0]["kb"]["links"] = {"check": on}
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), "utf-8")


def build_here(root: Path) -> None:
    """Build the site in this process and print what it cost, as JSON (run as a child)."""
    import logging

    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    config = load_config(str(root / "mkdocs.yml"), strict=True, site_dir=str(root / "site"))
    wall, cpu = time.perf_counter(), time.process_time()
    build(config)
    report = config.plugins["kb"].link_report
    print(
        json.dumps(
            {
                "wall": time.perf_counter() - wall,
                "cpu": time.process_time() - cpu,
                "checks": report.seconds if report is not None else 0.0,
                "pages": report.pages if report is not None else 0,
                "links": report.links if report is not None else 0,
            }
        )
    )


def build(root: Path) -> dict[str, float]:
    """One clean build in a fresh Python process, so builds do not share caches."""
    shutil.rmtree(root / "site", ignore_errors=True)
    run = subprocess.run(
        [sys.executable, __file__, "--build-one", str(root)],
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        check=False,
    )
    if run.returncode != 0:
        raise SystemExit(f"build failed:\n{run.stderr[-4000:]}")
    return json.loads(run.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000, help="articles per language")
    parser.add_argument("--sections", type=int, default=20)
    parser.add_argument("--runs", type=int, default=4, help="builds each way")
    parser.add_argument("--keep", action="store_true", help="keep the generated site")
    parser.add_argument("--build-one", metavar="DIR", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.build_one:
        build_here(Path(args.build_one))
        return
    root = Path(tempfile.mkdtemp(prefix="kb-links-bench-"))
    try:
        generate(root, args.articles, args.sections)
        files = sum(1 for _ in (root / "content").rglob("*.md"))
        off: list[dict[str, float]] = []
        on: list[dict[str, float]] = []
        for run in range(args.runs):
            # Off then on, then on then off: a machine that slows down (or speeds up) over
            # the runs favours neither side.
            order = ((False, off), (True, on))
            for checks, results in order if run % 2 == 0 else order[::-1]:
                set_checks(root, checks)
                result = build(root)
                results.append(result)
                print(
                    f"run {run + 1}, checks {'on ' if checks else 'off'}: "
                    f"{result['wall']:6.2f} s wall, {result['cpu']:6.2f} s processor"
                    + (f", of which link checks {result['checks']:.2f} s" if checks else ""),
                    flush=True,
                )

        def median(results: list[dict[str, float]], key: str) -> float:
            return statistics.median(result[key] for result in results)

        def paired(key: str) -> float:
            """Median of the ratios on / off of the builds of one run."""
            return statistics.median(b[key] / a[key] for a, b in zip(off, on, strict=True))

        cpu_off, cpu_on = median(off, "cpu"), median(on, "cpu")
        wall_off, wall_on = median(off, "wall"), median(on, "wall")
        checks = median(on, "checks")
        print(
            f"\nMarkdown files: {files}; pages built: {int(on[-1]['pages'])}, "
            f"links read: {int(on[-1]['links'])}"
        )
        print(
            f"processor time, checks off / on: {cpu_off:.2f} s / {cpu_on:.2f} s "
            f"(medians); ratio on / off {paired('cpu'):.3f} (median of the runs' ratios)"
        )
        print(
            f"wall time,      checks off / on: {wall_off:.2f} s / {wall_on:.2f} s "
            f"(medians); ratio on / off {paired('wall'):.3f}"
        )
        print(
            f"time inside the link checks: {checks:.2f} s = "
            f"{checks / (cpu_on - checks) * 100:.1f}% on top of the rest of the build"
        )
    finally:
        if args.keep:
            print(f"site kept in {root}")
        else:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
