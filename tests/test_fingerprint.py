"""Fingerprints of source articles: what counts as a change, and which part changed."""

from __future__ import annotations

import unicodedata

import pytest

from kb_builder.i18n.fingerprint import (
    Part,
    PartChange,
    compare,
    fingerprint,
    is_own_hash,
    normalise,
    parts,
)

BODY = "Intro line.\n\n## Listen first\n\nLet them finish.\n\n## Resolve\n\nFix it.\n"
BASE = fingerprint("Refunds", "How refunds work.", BODY)


def test_fingerprint_format() -> None:
    assert BASE.startswith("sha256:")
    assert len(BASE) == len("sha256:") + 64
    assert is_own_hash(BASE)
    assert not is_own_hash("0123abcd")
    assert not is_own_hash("md5:0123abcd")


@pytest.mark.parametrize(
    "body",
    [
        BODY.replace("\n", "\r\n"),  # Windows line endings
        BODY.replace("\n", "\r"),  # old Mac line endings
        BODY.replace("Let them finish.", "Let them finish.   \t"),  # trailing whitespace
        BODY.replace("\n\n", "\n\n\n\n"),  # runs of blank lines
        "\n\n" + BODY + "\n\n\n",  # blank lines around the text
        BODY.replace("\n\n## Resolve", "\n \t \n## Resolve"),  # a blank line with spaces
    ],
)
def test_whitespace_only_edits_keep_the_fingerprint(body: str) -> None:
    assert fingerprint("Refunds", "How refunds work.", body) == BASE


def test_unicode_form_and_spacing_in_front_matter_do_not_count() -> None:
    text = "Ζητήματα επιστροφής"
    nfd = unicodedata.normalize("NFD", text)
    assert nfd != text
    assert fingerprint(nfd, "d", "b") == fingerprint(text, "d", "b")
    assert fingerprint("  Refunds  now ", "How refunds work.", BODY) == fingerprint(
        "Refunds now", "How refunds work.", BODY
    )


@pytest.mark.parametrize(
    ("title", "description", "body"),
    [
        ("Refunds", "How refunds work.", BODY.replace("Fix it.", "Fix it today.")),
        ("Refunds", "How refunds work.", BODY.replace("Fix it.", "Fix  it.")),  # inner spaces
        ("Refunds", "How refunds work.", BODY.replace("\n\n## Resolve", "\n## Resolve")),
        ("Refunds", "How refunds work.", BODY.replace("Let them", "    Let them")),  # indent
        ("Refund", "How refunds work.", BODY),
        ("Refunds", "How refunds are paid.", BODY),
    ],
)
def test_a_changed_word_changes_the_fingerprint(title: str, description: str, body: str) -> None:
    assert fingerprint(title, description, body) != BASE


def test_normalise() -> None:
    assert normalise("\n\na  \r\n\r\n\r\n b\t\n\n") == "a\n\n b"


def test_parts_split_at_level_two_headings_only() -> None:
    body = (
        "Intro.\n\n# Not a section\n\n## First ##\n\nOne.\n\n### Sub\n\nDeeper.\n\n"
        "```markdown\n## Inside code\n```\n\n##No space is not a heading\n\n   ## Second\n\nTwo.\n"
    )
    assert parts("T", "D", body) == [
        Part("title", None, "T"),
        Part("description", None, "D"),
        Part("introduction", None, "Intro.\n\n# Not a section"),
        Part(
            "section",
            "First",
            "One.\n\n### Sub\n\nDeeper.\n\n```markdown\n## Inside code\n```\n\n"
            "##No space is not a heading",
        ),
        Part("section", "Second", "Two."),
    ]


def test_a_longer_fence_is_closed_only_by_a_fence_as_long() -> None:
    body = "````\n```\n## Still code\n````\n## Real\nText\n"
    assert [p.heading for p in parts("T", "D", body) if p.kind == "section"] == ["Real"]


def test_no_introduction_part_when_the_body_starts_with_a_section() -> None:
    assert [p.kind for p in parts("T", "D", "## Only\n\nText\n")] == [
        "title",
        "description",
        "section",
    ]


def test_compare_names_changed_added_and_removed_parts() -> None:
    old = parts("Refunds", "How refunds work.", BODY + "\n## Old costs\n\nSome.\n")
    new_body = BODY.replace("Fix it.", "Fix it today.") + "\n## New costs\n\nNone.\n"
    new = parts("Refunds!", "How refunds work.", new_body)
    assert compare(old, new) == [
        PartChange("title", None, "changed"),
        PartChange("section", "Resolve", "changed"),
        PartChange("section", "New costs", "added"),
        PartChange("section", "Old costs", "removed"),
    ]
    assert compare(new, new) == []


def test_repeated_headings_are_compared_by_occurrence() -> None:
    old = parts("T", "D", "## Example\n\nOne.\n\n## Example\n\nTwo.\n")
    new = parts("T", "D", "## Example\n\nOne.\n\n## Example\n\nTwo, changed.\n")
    assert compare(old, new) == [PartChange("section", "Example", "changed")]


def test_part_change_wording() -> None:
    assert PartChange("section", "Resolve", "changed").describe() == 'section "Resolve" changed'
    assert PartChange("title", None, "changed").describe() == "title changed"
    assert PartChange("introduction", None, "added").describe() == "introduction added"
