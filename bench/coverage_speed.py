"""How long translation coverage takes for a large knowledge base.

Synthesises, in memory, ARTICLES source articles (about 3 KB each, five `##` sections)
plus a translation of most of them in each other language (a mix of current, stale,
untracked and missing), loads them with the same loader as the plugin, and times:

- `measure`: fingerprints of every source and a status for every (article, language),
  tallied per language and section: the coverage computation itself;
- findings and the JSON report built from it;
- for context, loading the catalog (front matter parsing and validation).

Run: python bench/coverage_speed.py [--articles 4000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable

from kb_builder.content.loader import SourceFile, load_catalog
from kb_builder.i18n import coverage, coverage_formats
from kb_builder.i18n.fingerprint import fingerprint

LANGUAGES = ("en", "el", "pl", "hu")
SECTIONS = 40

PARAGRAPH = (
    "When a customer calls about a problem, listen to the whole story before you answer. "
    "Write down what happened, when it happened and what they have tried already, then "
    "repeat it back in a sentence so they know you have understood. "
)


def body(number: int, variant: str = "") -> str:
    parts = [f"Introduction to topic {number}. {PARAGRAPH}"]
    for section in range(5):
        parts.append(f"## Step {section + 1} of topic {number}{variant}")
        parts.append((PARAGRAPH * 3).strip())
    return "\n\n".join(parts) + "\n"


def document(title: str, text: str, source_hash: str | None = None) -> bytes:
    front = [f"title: {title}", f"description: About {title}.", "audience: public"]
    if source_hash is not None:
        front.append(f"source_hash: {source_hash}")
    return ("---\n" + "\n".join(front) + "\n---\n" + text).encode("utf-8")


def corpus(articles: int) -> list[SourceFile]:
    """Sources plus translations: per language 80% current, 8% stale, 6% untracked, rest
    missing."""
    files: dict[str, bytes] = {}
    for number in range(articles):
        rel = f"section-{number % SECTIONS:02d}/article-{number:05d}.md"
        title = f"Article {number}"
        text = body(number)
        files[f"en/{rel}"] = document(title, text)
        current = fingerprint(title, f"About {title}.", text)
        stale = fingerprint(title, f"About {title}.", body(number, " (old)"))
        for offset, lang in enumerate(LANGUAGES[1:]):
            bucket = (number + offset * 7) % 50
            if bucket < 40:
                files[f"{lang}/{rel}"] = document(f"{title} ({lang})", text, current)
            elif bucket < 44:
                files[f"{lang}/{rel}"] = document(f"{title} ({lang})", text, stale)
            elif bucket < 47:
                files[f"{lang}/{rel}"] = document(f"{title} ({lang})", text)
    return [
        SourceFile(uri, f"content/{uri}", lambda data=data: data) for uri, data in files.items()
    ]


def timed(action: Callable[[], object], repeat: int) -> tuple[float, float, object]:
    """(best, median) seconds over `repeat` runs, and the last result."""
    times = []
    result: object = None
    for _ in range(repeat):
        start = time.perf_counter()
        result = action()
        times.append(time.perf_counter() - start)
    return min(times), statistics.median(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=4000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    sources = corpus(args.articles)
    best, median, loaded = timed(lambda: load_catalog(sources, LANGUAGES, "en"), args.repeat)
    catalog = loaded.catalog  # type: ignore[attr-defined]
    documents = sum(len(article.documents) for article in catalog)
    print(f"corpus: {args.articles} articles, {documents} files in {len(LANGUAGES)} languages")
    print(f"load catalog (parse + validate, for context): best {best:.3f} s, median {median:.3f} s")

    best, median, report = timed(lambda: coverage.measure(catalog, "public"), args.repeat)
    print(f"coverage.measure:                 best {best:.3f} s, median {median:.3f} s")

    def report_outputs() -> object:
        coverage.findings(report)  # type: ignore[arg-type]
        return coverage_formats.dumps(report, {code: code for code in LANGUAGES})  # type: ignore[arg-type]

    best, median, _ = timed(report_outputs, args.repeat)
    print(f"findings + JSON report:           best {best:.3f} s, median {median:.3f} s")
    for language in report.languages:  # type: ignore[attr-defined]
        tally = language.tally
        print(
            f"  {language.lang}: {tally.current} current, {tally.stale} stale, "
            f"{tally.untracked} untracked, {tally.missing} missing ({tally.coverage}%)"
        )


if __name__ == "__main__":
    main()
