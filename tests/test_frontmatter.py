"""Front matter schema: every error names file:line and the fix."""

from __future__ import annotations

import datetime as dt

import pytest

from kb_builder.content.frontmatter import FrontMatter, parse_document
from kb_builder.findings import Finding

PATH = "content/en/a.md"


def errors(text: str) -> list[str]:
    result = parse_document(text, PATH)
    assert isinstance(result, list), f"expected errors, got {result}"
    return [str(finding) for finding in result]


def test_valid_front_matter_is_parsed_with_types_and_lines() -> None:
    text = (
        "---\n"
        "title: Refunds\n"
        "description: How refunds work.\n"
        "type: faq\n"
        "audience: public\n"
        "tags: [money, refunds]\n"
        "reviewed: 2026-11-20\n"
        "order: 3\n"
        "hide: [toc]\n"
        "---\n"
        "Body line.\n"
    )
    parsed = parse_document(text, PATH)
    assert not isinstance(parsed, list)
    assert parsed.front == FrontMatter(
        title="Refunds",
        description="How refunds work.",
        type="faq",
        audience="public",
        tags=("money", "refunds"),
        reviewed=dt.date(2026, 11, 20),
        order=3,
        hide=("toc",),
    )
    assert parsed.front.lines["audience"] == 5
    assert parsed.body == "Body line.\n"
    assert parsed.body_line == 11


def test_defaults_and_quoted_date() -> None:
    parsed = parse_document("---\ntitle: A\ndescription: B\nreviewed: '2026-01-02'\n---\n", PATH)
    assert not isinstance(parsed, list)
    assert parsed.front.type == "article"
    assert parsed.front.audience is None
    assert parsed.front.tags == ()
    assert parsed.front.reviewed == dt.date(2026, 1, 2)


def test_unknown_key_suggests_the_right_one() -> None:
    assert errors("---\ntitel: A\ndescription: B\n---\n") == [
        "content/en/a.md:2: unknown key 'titel'. Did you mean 'title'?",
        "content/en/a.md:4: the required key 'title' is missing. "
        "Add a 'title:' line to the front matter.",
    ]


def test_unknown_key_without_a_close_match_lists_the_allowed_keys() -> None:
    assert errors("---\ntitle: A\ndescription: B\ncolour: red\n---\n") == [
        "content/en/a.md:4: unknown key 'colour'. Allowed keys: title, description, type, "
        "audience, tags, reviewed, source_hash, translated_from, original, languages, order, hide."
    ]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "title: 42",
            "'title' must be text, not the number 42. Put the value in quotes: title: \"...\".",
        ),
        (
            "title: no",
            "'title' must be text, not the yes/no value false. Put the value in quotes: title: \"...\".",
        ),
        (
            "title: [a, b]",
            "'title' must be text, not a list. Put the value in quotes: title: \"...\".",
        ),
        ("title: ''", "'title' is empty. Write a title."),
        ("type: guide", "'type' must be article or faq, not 'guide'."),
        ("type: faqs", "'type' must be article or faq, not 'faqs'. Write type: faq."),
        ("type: FAQ", "'type' must be article or faq, not 'FAQ'. Write type: faq."),
        ("audience: everyone", "'audience' must be public or internal, not 'everyone'."),
        (
            "audience: Internal",
            "'audience' must be public or internal, not 'Internal'. Write audience: internal.",
        ),
        ("audience: pubic", "'audience' must be public or internal, not 'pubic'."),
        ("tags: refunds", "'tags' must be a list, not 'refunds'. Write tags: [refunds]."),
        (
            "tags: [1, 2]",
            "'tags' must be a list of words, not a list. Write tags: [complaints, phone].",
        ),
        (
            "reviewed: last week",
            "'reviewed' must be a date, not 'last week'. Write reviewed: 2026-01-31.",
        ),
        ("order: first", "'order' must be a whole number, not 'first'. Write order: 10."),
        (
            "source_hash: 12",
            "'source_hash' is not a source hash (the number 12). Let the tools write it: run 'kb ack' on this file.",
        ),
        (
            "hide: [sidebar]",
            "'hide' must be a list of: navigation, toc, footer, path, feedback, tags. Write hide: [toc].",
        ),
    ],
)
def test_wrong_types_name_the_key_line_and_fix(line: str, expected: str) -> None:
    key = line.split(":")[0]
    rest = "\n".join(f"{k}: {v}" for k, v in (("title", "A"), ("description", "B")) if k != key)
    text = f"---\n{line}\n{rest}\n---\n"
    assert errors(text) == [f"content/en/a.md:2: {expected}"]


def test_duplicate_keys_are_an_error() -> None:
    assert errors("---\ntitle: A\ndescription: B\ntitle: C\n---\n") == [
        "content/en/a.md:4: the key 'title' appears twice (first on line 2). Keep one of them."
    ]


def test_anchors_and_aliases_are_an_error() -> None:
    assert errors("---\ntitle: &t A\ndescription: *t\n---\n") == [
        "content/en/a.md:2: YAML anchors and aliases (&name, *name) are not allowed in front "
        "matter. Write the value out in full.",
        "content/en/a.md:3: YAML anchors and aliases (&name, *name) are not allowed in front "
        "matter. Write the value out in full.",
    ]


def test_front_matter_that_is_not_a_mapping() -> None:
    assert errors("---\n- title\n- description\n---\n") == [
        "content/en/a.md:2: the front matter is not a set of 'key: value' lines. "
        "Write one 'key: value' per line, for example 'title: Refunds'."
    ]


def test_missing_front_matter() -> None:
    assert errors("# Title\n\nText\n") == [
        "content/en/a.md:1: the file does not start with front matter. Start it with a '---' "
        "line, then 'title:' and 'description:' lines, then '---'."
    ]


def test_unclosed_front_matter() -> None:
    assert errors("---\ntitle: A\ndescription: B\n") == [
        "content/en/a.md:1: the front matter is never closed. "
        "Add a line with just '---' after the last front matter key."
    ]


def test_empty_front_matter() -> None:
    assert errors("---\n---\nBody\n") == [
        "content/en/a.md:2: the front matter is empty. "
        "Add at least 'title:' and 'description:' lines between the '---' lines."
    ]


def test_yaml_syntax_error_points_at_the_line() -> None:
    found = errors("---\ntitle: A\ndescription: Price: what to say: now\n---\n")
    assert found == [
        "content/en/a.md:3: the front matter is not valid YAML: mapping values are not allowed "
        "in this context. Check the quoting on that line; put values containing ': ' or starting with a "
        "special character in quotes."
    ]


def test_python_tags_are_refused() -> None:
    found = errors("---\ntitle: !!python/object/apply:os.system ['true']\ndescription: B\n---\n")
    assert len(found) == 1
    assert found[0].startswith("content/en/a.md:2: the front matter is not valid YAML")


def test_multiline_description_is_refused() -> None:
    found = errors("---\ntitle: A\ndescription: |\n  one\n  two\n---\n")
    assert found == [
        "content/en/a.md:3: 'description' must be a single line. Join it into one line."
    ]


def test_finding_format_without_line() -> None:
    assert str(Finding("content/x.md", None, "broken", "fix it")) == "content/x.md: broken. fix it."


def test_unclosed_bracket_points_at_the_line_that_opened_it() -> None:
    found = errors("---\ndescription: B\ntitle: [\n---\n")
    assert found == [
        "content/en/a.md:3: the front matter is not valid YAML: did not find expected node "
        "content. Check the quoting on that line; put values containing ': ' or starting with "
        "a special character in quotes."
    ]
