"""Synonyms files (`content/<lang>/synonyms.yml`): read, checked, kept out of the site, and
written into the word lists the search box reads."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError
from sitekit import page

from kb_builder.search.synonyms import Group, SynonymFile, parse, table
from kb_builder.search.words import chunk_name, fold

PATH = "content/en/synonyms.yml"


def on_site(*words: str):  # type: ignore[no-untyped-def]
    folded = {fold(word) for word in words}
    return folded.__contains__


def test_groups_are_read_with_their_lines_lowercase_and_single_spaced() -> None:
    text = "# Synonyms\n- [Refund, 'Money  Back']\n\n- - cancel\n  - terminate contract\n"
    found = parse(text, PATH, "en")
    assert found.groups == [
        Group(2, ("refund", "money back")),
        Group(4, ("cancel", "terminate contract")),
    ]


def test_an_empty_file_has_no_groups() -> None:
    assert parse("# nothing yet\n", PATH, "en").groups == []


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "- [refund, money back\n- [cancel]\n",
            f"{PATH}:2: not valid YAML",
        ),
        ("refund: money back\n", f"{PATH}:1: expected a list of groups of synonyms"),
        ("- [refund, money back]\n- refund\n", f"{PATH}:2: a group of synonyms is a list"),
        ("- [refund, [money, back]]\n", f"{PATH}:1: a synonym is a word or phrase"),
        ("- [refund, '']\n", f"{PATH}:1: a synonym is a word or phrase"),
        ("- [refund, '42']\n", f"{PATH}:1: '42' has no words"),
        ("- [refund]\n", f"{PATH}:1: a group needs at least two words or phrases"),
    ],
)
def test_what_is_not_a_list_of_groups_stops_with_file_and_line(text: str, message: str) -> None:
    with pytest.raises(PluginError) as raised:
        parse(text, PATH, "en")
    assert str(raised.value).startswith(message)


def test_each_phrase_maps_to_its_synonyms_on_the_site_through_shared_phrases() -> None:
    synonyms = SynonymFile(
        "en",
        PATH,
        [
            Group(1, ("refund", "money back")),
            # Shares 'money back' with the first group, and back again: a cycle is fine.
            Group(2, ("money back", "reimbursement", "refund")),
        ],
    )
    phrases, warnings = table(synonyms, on_site("refund", "money", "back"))
    assert phrases == {
        "refund": ["money back"],
        "money back": ["refund"],
        "reimbursement": ["refund", "money back"],
    }
    assert warnings == []


def test_a_group_with_no_phrase_on_the_site_is_warned_about_with_its_line() -> None:
    synonyms = SynonymFile(
        "en", PATH, [Group(1, ("refund", "money back")), Group(3, ("rebate", "price cut"))]
    )
    phrases, warnings = table(synonyms, on_site("refund"))
    assert phrases == {"money back": ["refund"]}
    assert warnings == [
        f"{PATH}:3: none of 'rebate', 'price cut' is on any page in 'en', so the group "
        "finds nothing. Check the spelling, or add the word the pages use for it."
    ]


SITE = {
    "en/index.md": page("Help", "Start here."),
    "en/refunds.md": page("Refunds", "A refund takes three days."),
    "en/synonyms.yml": "- [refund, money back]\n- [rebate, price cut]\n",
    "el/index.md": page("Βοήθεια", "Ξεκινήστε εδώ."),
    "el/synonyms.yml": "- [επιστροφή χρημάτων, αποζημίωση]\n",
}


def words_file(site: Path, lang: str, start: str) -> dict:
    path = site / "pagefind" / "words" / lang / chunk_name(start)
    return json.loads(path.read_text(encoding="utf-8"))


def test_the_build_writes_synonyms_into_the_word_lists_and_never_publishes_the_file(
    build_site,  # type: ignore[no-untyped-def]
) -> None:
    built = build_site(SITE)
    assert built.ok, built.logs
    assert words_file(built.site, "en", "mo")["synonyms"] == {"money back": ["refund"]}
    assert "synonyms" not in words_file(built.site, "en", "re")  # refund: nothing else on site
    for lang in ("en", "el"):
        assert not (built.site / lang / "synonyms.yml").exists()
    assert not list(built.site.rglob("synonyms.yml"))
    assert built.kb_logs("WARNING") == [
        "content/en/synonyms.yml:2: none of 'rebate', 'price cut' is on any page in 'en', so "
        "the group finds nothing. Check the spelling, or add the word the pages use for it.",
        "content/el/synonyms.yml:1: none of 'επιστροφή χρημάτων', 'αποζημίωση' is on any page "
        "in 'el', so the group finds nothing. Check the spelling, or add the word the pages "
        "use for it.",
    ]


def test_the_agent_desk_does_not_publish_the_file_either(build_site) -> None:  # type: ignore[no-untyped-def]
    built = build_site(SITE, plugin={"audience": "internal"})
    assert built.ok, built.logs
    assert not list(built.site.rglob("synonyms.yml"))


def test_a_broken_synonyms_file_stops_the_build_naming_file_and_line(build_site) -> None:  # type: ignore[no-untyped-def]
    built = build_site({**SITE, "en/synonyms.yml": "- [refund, money back\n"})
    assert not built.ok
    assert any(
        line.startswith("ERROR - content/en/synonyms.yml:2: not valid YAML (")
        for line in built.logs
    ), built.logs
    assert not (built.site / "en" / "index.html").exists()


def test_the_public_site_does_not_warn_about_words_of_agent_desk_pages(build_site) -> None:  # type: ignore[no-untyped-def]
    desk_page = page("Escalation", "When to escalate a call.", audience="internal")
    files = {
        **SITE,
        "en/desk/escalation.md": desk_page,
        "en/synonyms.yml": "- [escalate, supervisor]\n",
    }
    built = build_site(files)
    assert built.ok, built.logs
    assert not [line for line in built.kb_logs("WARNING") if "en/synonyms.yml" in line]
    # 'escalate' is on no public page: nothing to send 'supervisor' to on the public site
    # (no site word starts with 'su' either, so there is no list at all).
    assert not (built.site / "pagefind" / "words" / "en" / chunk_name("su")).exists()
