"""The coverage model and its reports, over catalogs loaded in memory (no MkDocs build)."""

from __future__ import annotations

import json

import pytest
from sitekit import page

from kb_builder.content.loader import SourceFile, load_catalog
from kb_builder.content.model import Catalog
from kb_builder.i18n import coverage, coverage_formats
from kb_builder.i18n.coverage import History, Tally
from kb_builder.i18n.fingerprint import PartChange, fingerprint

LANGS = ("en", "el", "pl")
NAMES = {"en": "English", "el": "Ελληνικά", "pl": "Polski"}


def source_hash(title: str, body: str = "Text.") -> str:
    """The hash of a source written with sitekit.page(title, body)."""
    return fingerprint(title, f"About {title}.", f"{body}\n")


def catalog(files: dict[str, str]) -> Catalog:
    sources = [
        SourceFile(uri, f"content/{uri}", lambda text=text: text.encode("utf-8"))
        for uri, text in files.items()
    ]
    result = load_catalog(sources, LANGS, "en")
    assert not result.errors, result.errors
    return result.catalog


EVERY_STATUS = {
    "en/index.md": page("Home"),
    "en/money/index.md": page("Money"),
    "en/money/refunds.md": page("Refunds", "## Ask\n\nAsk.\n\n## Pay\n\nPay."),
    "en/money/prices.md": page("Prices"),
    "en/desk/secret.md": page("Secret", audience="internal"),
    # el: current, stale, untracked, missing (money/prices) and an orphan
    "el/index.md": page("Αρχική", source_hash=source_hash("Home")),
    "el/money/index.md": page("Χρήματα"),
    "el/money/refunds.md": page(
        "Επιστροφές",
        source_hash=source_hash("Refunds", "## Ask\n\nAsk.\n\n## Pay\n\nPay less."),
    ),
    "el/money/old.md": page("Παλιό", source_hash=source_hash("Old")),
    "el/desk/secret.md": page("Μυστικό", source_hash=source_hash("Secret")),
}


def statuses(report: coverage.CoverageReport, lang: str) -> dict[str, str]:
    language = report.language(lang)
    assert language is not None
    return {state.rel: state.status for state in language.states}


def test_every_status_public_audience() -> None:
    report = coverage.measure(catalog(EVERY_STATUS), "public")
    assert statuses(report, "el") == {
        "index.md": "current",
        "money/index.md": "untracked",
        "money/old.md": "orphan",
        "money/prices.md": "missing",
        "money/refunds.md": "stale",
    }
    assert statuses(report, "pl") == {
        "index.md": "missing",
        "money/index.md": "missing",
        "money/prices.md": "missing",
        "money/refunds.md": "missing",
    }
    assert [language.lang for language in report.languages] == ["el", "pl"]


def test_internal_audience_counts_internal_articles_too() -> None:
    report = coverage.measure(catalog(EVERY_STATUS), "internal")
    assert statuses(report, "el")["desk/secret.md"] == "current"
    assert statuses(report, "pl")["desk/secret.md"] == "missing"


def test_tally_per_language_and_section() -> None:
    report = coverage.measure(catalog(EVERY_STATUS), "public")
    greek = report.language("el")
    assert greek is not None
    assert greek.tally == Tally(current=1, stale=1, untracked=1, missing=1, orphan=1)
    assert greek.tally.articles == 4  # orphans have no source to count against
    assert greek.tally.coverage == 25.0
    sections = {section.section: section for section in greek.sections}
    assert list(sections) == ["", "money"]
    assert sections[""].title is None
    assert sections[""].tally == Tally(current=1)
    assert sections[""].tally.coverage == 100.0
    assert sections["money"].title == "Money"
    assert sections["money"].tally == Tally(stale=1, untracked=1, missing=1, orphan=1)
    assert sections["money"].tally.coverage == 0.0


def test_coverage_of_nothing_is_complete() -> None:
    assert Tally().coverage == 100.0
    assert Tally().meets(100)


def test_minimums_are_compared_exactly() -> None:
    tally = Tally(current=8999, stale=1001)  # 89.99%, shown rounded as 90.0
    assert tally.coverage == 90.0
    assert not tally.meets(90)
    assert tally.meets(89.99)
    report = coverage.measure(catalog(EVERY_STATUS), "public", {"el": 25, "pl": 0.5})
    assert report.language("el").meets_minimum  # type: ignore[union-attr]
    assert not report.language("pl").meets_minimum  # type: ignore[union-attr]
    assert not report.ok
    assert coverage.shortfalls(report) == [
        "translation coverage of 'pl' is 0% (0 of 4 articles current), below its "
        "min_coverage of 0.5%. Run 'kb status --lang pl' to see what to translate or update"
    ]
    relaxed = coverage.with_minimums(report, {"pl": 0})
    assert relaxed.ok
    assert relaxed.language("el").minimum == 25  # type: ignore[union-attr]


def test_minimum_settings_are_checked() -> None:
    assert coverage.minimum_problem({"el": 90}, LANGS) is None
    # Any language may have articles written elsewhere, the default language too.
    assert coverage.minimum_problem({"en": 90}, LANGS) is None
    assert coverage.minimum_problem({"de": 90}, LANGS) == (
        "min_coverage: 'de' is not one of the configured languages (en, el, pl)"
    )


def test_findings() -> None:
    report = coverage.measure(catalog(EVERY_STATUS), "public")
    assert [(f.kind, str(f)) for f in coverage.findings(report)] == [
        (
            "untracked_translation",
            "content/el/money/index.md: the translation has no 'source_hash', so nobody can "
            "tell whether it is up to date. Check it against content/en/money/index.md, then "
            "run 'kb ack content/el/money/index.md'.",
        ),
        (
            "orphan_translation",
            "content/el/money/old.md: the translation has no source (content/en/money/old.md "
            "does not exist), so it is not published. Delete it, or move it to the path of "
            "the source it translates.",
        ),
        (
            "stale_translation",
            "content/el/money/refunds.md:5: the source content/en/money/refunds.md changed "
            "after this translation was made. Update the translation, then run "
            "'kb ack content/el/money/refunds.md'.",
        ),
    ]


def test_stale_finding_names_changed_sections_when_history_is_known() -> None:
    report = coverage.measure(catalog(EVERY_STATUS), "public")
    history = History(
        changes=(PartChange("section", "Pay", "changed"), PartChange("title", None, "changed")),
        source_changed="2026-11-21T09:30:00+01:00",
        stale_since="2026-11-20T08:00:00+01:00",
    )
    report = coverage.with_history(report, {("el", "money/refunds.md"): history})
    stale = [f for f in coverage.findings(report) if f.kind == "stale_translation"]
    assert str(stale[0]) == (
        "content/el/money/refunds.md:5: the source content/en/money/refunds.md changed after "
        'this translation was made (section "Pay" changed, title changed; last changed '
        "2026-11-21). Update the translation, then run 'kb ack content/el/money/refunds.md'."
    )
    # The history reaches the per-section view as well.
    money = report.language("el").sections[1]  # type: ignore[union-attr]
    assert [s.history for s in money.states if s.status == "stale"] == [history]


def test_languages_filter() -> None:
    report = coverage.measure(catalog(EVERY_STATUS), "public", languages=["pl"])
    assert [language.lang for language in report.languages] == ["pl"]
    assert report.state("el", "index.md") is None
    assert report.state("pl", "index.md").status == "missing"  # type: ignore[union-attr]


# -- formats ---------------------------------------------------------------------------------

SMALL = {
    "en/index.md": page("Home"),
    "en/money/refunds.md": page("Refunds", "## Pay\n\nPay."),
    "el/index.md": page("Αρχική", source_hash=source_hash("Home")),
    "el/money/refunds.md": page("Επιστροφές", source_hash=source_hash("Refunds", "Old.")),
}


def test_json_document_is_stable() -> None:
    report = coverage.measure(catalog(SMALL), "public", {"el": 50}, languages=["el"])
    history = History(
        changes=(
            PartChange("section", "Pay", "added"),
            PartChange("introduction", None, "removed"),
        ),
        source_changed="2026-11-21T09:30:00+00:00",
        stale_since="2026-11-21T09:30:00+00:00",
    )
    report = coverage.with_history(report, {("el", "money/refunds.md"): history})
    document = json.loads(coverage_formats.dumps(report, NAMES))
    counts = {"total": 1, "current": 0, "stale": 1, "untracked": 0, "missing": 0, "orphan": 0}
    assert document == {
        "format": "kb-coverage",
        "version": 2,
        "default_language": "en",
        "audience": "public",
        "ok": True,
        "languages": [
            {
                "language": "el",
                "name": "Ελληνικά",
                "total": 2,
                "current": 1,
                "stale": 1,
                "untracked": 0,
                "missing": 0,
                "orphan": 0,
                "coverage": 50.0,
                "min_coverage": 50.0,
                "meets_minimum": True,
                "sections": [
                    {
                        "section": "",
                        "title": None,
                        "total": 1,
                        "current": 1,
                        "stale": 0,
                        "untracked": 0,
                        "missing": 0,
                        "orphan": 0,
                        "coverage": 100.0,
                    },
                    {"section": "money", "title": None, **counts, "coverage": 0.0},
                ],
                "articles": [
                    {
                        "path": "index.md",
                        "section": "",
                        "status": "current",
                        "original_language": "en",
                        "original_rule": "only",
                        "original": False,
                        "source_file": "content/en/index.md",
                        "translation_file": "content/el/index.md",
                        "source_hash": source_hash("Home"),
                        "recorded_hash": source_hash("Home"),
                        "changed_sections": None,
                        "source_changed": None,
                        "stale_since": None,
                    },
                    {
                        "path": "money/refunds.md",
                        "section": "money",
                        "status": "stale",
                        "original_language": "en",
                        "original_rule": "only",
                        "original": False,
                        "source_file": "content/en/money/refunds.md",
                        "translation_file": "content/el/money/refunds.md",
                        "source_hash": source_hash("Refunds", "## Pay\n\nPay."),
                        "recorded_hash": source_hash("Refunds", "Old."),
                        "changed_sections": [
                            {"part": "section", "heading": "Pay", "change": "added"},
                            {"part": "introduction", "heading": None, "change": "removed"},
                        ],
                        "source_changed": "2026-11-21T09:30:00+00:00",
                        "stale_since": "2026-11-21T09:30:00+00:00",
                    },
                ],
            }
        ],
    }


def test_json_missing_and_orphan_entries() -> None:
    report = coverage.measure(catalog(EVERY_STATUS), "public", languages=["el"])
    entries = {
        entry["path"]: entry
        for entry in coverage_formats.as_json(report, NAMES)["languages"][0]["articles"]
    }
    assert entries["money/prices.md"]["translation_file"] is None
    assert entries["money/prices.md"]["recorded_hash"] is None
    assert entries["money/old.md"]["source_file"] is None
    assert entries["money/old.md"]["source_hash"] is None
    assert entries["money/old.md"]["status"] == "orphan"


def test_text_report() -> None:
    report = coverage.measure(catalog(EVERY_STATUS), "public", {"el": 50})
    assert coverage_formats.as_text(report, NAMES) == (
        "Translation coverage of public articles, against English (en)\n"
        "(internal articles are not counted: add --audience internal for them)\n"
        "\n"
        "language     total  current  stale  untracked  missing  orphan  coverage      minimum\n"
        "el Ελληνικά      4        1      1          1        1       1     25.0%  50% NOT MET\n"
        "pl Polski        4        0      0          0        4       0      0.0%            -\n"
        "\n"
        "el Ελληνικά\n"
        "  section      total  current  stale  untracked  missing  orphan  coverage\n"
        "  (top level)      1        1      0          0        0       0    100.0%\n"
        "  money            3        0      1          1        1       1      0.0%\n"
        "  all              4        1      1          1        1       1     25.0%\n"
        "\n"
        "  stale (1): the source changed after translation: update it, then run 'kb ack FILE'\n"
        "    content/el/money/refunds.md\n"
        "      which sections changed is unknown\n"
        "\n"
        "  missing (1): not translated: start with 'kb new --lang el FILE'\n"
        "    content/en/money/prices.md\n"
        "\n"
        "  untracked (1): no source_hash: check it against the source, then run 'kb ack FILE'\n"
        "    content/el/money/index.md\n"
        "\n"
        "  orphan (1): no source, so not published: delete or move it\n"
        "    content/el/money/old.md\n"
        "\n"
        "pl Polski\n"
        "  section      total  current  stale  untracked  missing  orphan  coverage\n"
        "  (top level)      1        0      0          0        1       0      0.0%\n"
        "  money            3        0      0          0        3       0      0.0%\n"
        "  all              4        0      0          0        4       0      0.0%\n"
        "\n"
        "  missing (4): not translated: start with 'kb new --lang pl FILE'\n"
        "    content/en/index.md\n"
        "    content/en/money/index.md\n"
        "    content/en/money/prices.md\n"
        "    content/en/money/refunds.md\n"
    )
    summary = coverage_formats.as_text(report, NAMES, summary=True)
    assert summary.splitlines()[-1].startswith("pl Polski")


def test_markdown_report_escapes_what_it_shows() -> None:
    files = {
        "en/a|b.md": page("A"),
        "el/a|b.md": page("Α", source_hash=source_hash("A", "old")),
    }
    report = coverage.measure(catalog(files), "public", {"el": 90})
    history = History(changes=(PartChange("section", "<b>Pay</b> | *now*", "changed"),))
    report = coverage.with_history(report, {("el", "a|b.md"): history})
    names = {**NAMES, "el": "Ελλη<νικά>"}
    assert coverage_formats.as_markdown(report, names) == (
        "## Translation coverage\n"
        "\n"
        "Public articles, measured against English (`en`).\n"
        "\n"
        "| Language | Coverage | Current | Stale | Untracked | Missing | Orphan | Minimum |\n"
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |\n"
        "| Ελλη\\<νικά\\> (`el`) | 0.0% | 0 | 1 | 0 | 0 | 0 | 90%: **not met** |\n"
        "| Polski (`pl`) | 0.0% | 0 | 0 | 0 | 1 | 0 | – |\n"
        "\n"
        "<details>\n"
        "<summary>Ελλη&lt;νικά&gt; (el): 1 to do</summary>\n"
        "\n"
        "| Section | Coverage | Current | Stale | Untracked | Missing | Orphan |\n"
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n"
        "| (top level) | 0.0% | 0 | 1 | 0 | 0 | 0 |\n"
        "\n"
        "| File | Status | Details |\n"
        "| --- | --- | --- |\n"
        '| `content/el/a\\|b.md` | stale | section "\\<b\\>Pay\\</b\\> \\| \\*now\\*" changed |\n'
        "\n"
        "</details>\n"
        "\n"
        "<details>\n"
        "<summary>Polski (pl): 1 to do</summary>\n"
        "\n"
        "| Section | Coverage | Current | Stale | Untracked | Missing | Orphan |\n"
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n"
        "| (top level) | 0.0% | 0 | 0 | 0 | 1 | 0 |\n"
        "\n"
        "| File | Status | Details |\n"
        "| --- | --- | --- |\n"
        "| `content/en/a\\|b.md` | missing |  |\n"
        "\n"
        "</details>\n"
    )


def test_a_hash_from_elsewhere_is_stale_and_said_so() -> None:
    files = {"en/a.md": page("A"), "el/a.md": page("Α", source_hash="0123abcd")}
    report = coverage.measure(catalog(files), "public", languages=["el"])
    assert [str(f) for f in coverage.findings(report)] == [
        "content/el/a.md:5: the source_hash was not written by kb_builder, so it cannot tell "
        "whether this translation matches content/en/a.md. Update the translation, then run "
        "'kb ack content/el/a.md'."
    ]


@pytest.mark.parametrize("status", ["current", "stale", "untracked", "missing", "orphan"])
def test_every_status_has_a_finding_kind_or_none(status: str) -> None:
    assert (status in coverage.KINDS) == (status != "current")
