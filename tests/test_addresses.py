"""Two files, one address (issue 16, finding 5): errors in `kb validate` and the build."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from sitekit import page
from test_cli import write_project

from kb_builder.cli import main
from kb_builder.content.addresses import Entry, collisions

LANGS = ("en", "el", "pl", "hu")


def entry(uri: str, dest: str) -> Entry:
    return Entry(uri, dest, f"content/{uri}")


def messages(entries: list[Entry]) -> list[str]:
    return [str(finding) for finding in collisions(entries, LANGS)]


def test_page_and_folder_index_at_one_address() -> None:
    assert messages(
        [
            entry("en/complaints.md", "en/complaints/index.html"),
            entry("en/complaints/index.md", "en/complaints/index.html"),
        ]
    ) == [
        "content/en/complaints/index.md: it would be published at the same address as "
        "content/en/complaints.md ('complaints/' in every language), so one would replace "
        "the other. Rename or move one of the two files."
    ]


def test_collision_across_languages_through_fallbacks() -> None:
    # The Greek site shows en/x/index.md as a fallback at el/x/, where el/x.md is published.
    found = messages(
        [entry("en/x/index.md", "en/x/index.html"), entry("el/x.md", "el/x/index.html")]
    )
    assert found == [
        "content/en/x/index.md: it would be published at the same address as "
        "content/el/x.md ('x/' in every language), so one would replace the other. "
        "Rename or move one of the two files."
    ]


def test_translations_and_different_addresses_are_fine() -> None:
    nfd = unicodedata.normalize("NFD", "el/καλώς.md")
    assert (
        messages(
            [
                entry("en/a.md", "en/a/index.html"),
                entry("el/a.md", "el/a/index.html"),
                entry("en/καλώς.md", "en/καλώς/index.html"),
                entry(nfd, unicodedata.normalize("NFD", "el/καλώς/index.html")),
                entry("en/b/index.md", "en/b/index.html"),
                entry("en/b/c.md", "en/b/c/index.html"),
            ]
        )
        == []
    )


def test_static_file_at_a_page_address() -> None:
    assert messages(
        [entry("en/faq.md", "en/faq/index.html"), entry("en/faq/index.html", "en/faq/index.html")]
    ) == [
        "content/en/faq/index.html: it would be published at the same address as "
        "content/en/faq.md ('faq/' in every language), so one would replace the other. "
        "Rename or move one of the two files."
    ]


def test_files_differing_by_case_or_normalisation_that_the_loader_does_not_see() -> None:
    name = "en/Café.png"
    found = messages(
        [
            entry(name, name),
            entry("en/café.png", "en/café.png"),
            entry(
                unicodedata.normalize("NFD", "en/café.png"),
                unicodedata.normalize("NFD", "en/café.png"),
            ),
        ]
    )
    assert len(found) == 2
    assert all("would be published at the same address as content/en/Café.png" in f for f in found)


def test_markdown_case_variants_are_left_to_the_loader() -> None:
    assert (
        messages([entry("en/A.md", "en/A/index.html"), entry("en/a.md", "en/a/index.html")]) == []
    )


def test_folders_that_differ_only_by_case() -> None:
    assert messages(
        [
            entry("en/Billing/a.md", "en/Billing/a/index.html"),
            entry("en/billing/b.md", "en/billing/b/index.html"),
        ]
    ) == [
        "content/en/billing/b.md: its folder 'billing' differs from 'Billing' (of "
        "content/en/Billing/a.md) only by letter case, and many systems treat the two as one "
        "folder. Give both folders the same name."
    ]


def test_build_fails_naming_both_files_even_without_search_or_strict(build_site) -> None:
    built = build_site(
        {
            "en/index.md": page("Home"),
            "en/complaints.md": page("Complaints"),
            "en/complaints/index.md": page("Complaints section"),
            "el/index.md": page("Αρχική"),
        },
        plugin={"search": {"enabled": False}},
    )
    assert built.error == "Aborted with a BuildError!"
    assert built.kb_logs("ERROR") == [
        "content/en/complaints/index.md: it would be published at the same address as "
        "content/en/complaints.md ('complaints/' in every language), so one would replace "
        "the other. Rename or move one of the two files."
    ]


@pytest.mark.parametrize(
    "files",
    [
        {"en/complaints.md": page("C"), "en/complaints/index.md": page("S")},
        {"en/Billing/a.md": page("A"), "en/billing/b.md": page("B")},
    ],
)
def test_kb_validate_reports_collisions(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], files: dict[str, str]
) -> None:
    config = write_project(tmp_path, {"en/index.md": page("Home"), **files})
    assert main(["validate", "-f", str(config)]) == 1
    out = capsys.readouterr().out
    assert out.startswith("error: content/en/")
    assert "same address" in out or "only by letter case" in out
