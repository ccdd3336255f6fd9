"""Which file of an article is its original, and the contradictions that are errors."""

from __future__ import annotations

import pytest
from sitekit import page

from kb_builder.content.loader import LoadResult, SourceFile, load_catalog
from kb_builder.content.model import Article
from kb_builder.i18n import coverage
from kb_builder.i18n.plan import FALLBACK, ORIGINAL, TRANSLATED, plan_site

LANGS = ("en", "el", "pl", "hu")
HASH = "sha256:" + "0" * 64


def load(files: dict[str, str], default: str = "en") -> LoadResult:
    sources = [
        SourceFile(uri, f"content/{uri}", lambda text=text: text.encode("utf-8"))
        for uri, text in files.items()
    ]
    return load_catalog(sources, LANGS, default)


def article(files: dict[str, str], default: str = "en") -> Article:
    result = load(files, default)
    assert not result.errors, [str(error) for error in result.errors]
    (found,) = result.catalog
    return found


def errors(files: dict[str, str], default: str = "en") -> list[str]:
    result = load(files, default)
    assert not list(result.catalog), "an article with errors must not be in the catalog"
    return sorted(str(error) for error in result.errors)


# -- the rule ----------------------------------------------------------------------------------


def test_a_file_alone_is_the_original_in_any_language() -> None:
    found = article({"el/a.md": page("Συνέντευξη")})
    assert (found.original_language, found.original_rule) == ("el", "only")
    assert found.original is found.documents["el"]


def test_the_only_file_not_recorded_as_a_translation_is_the_original() -> None:
    # Today's projects: an English original and a translation with source_hash alone.
    legacy = article({"en/a.md": page("A"), "el/a.md": page("Α", source_hash=HASH)})
    assert (legacy.original_language, legacy.original_rule) == ("en", "only")
    # A Greek original translated into English.
    greek = article({"el/a.md": page("Α"), "en/a.md": page("A", translated_from="el")})
    assert (greek.original_language, greek.original_rule) == ("el", "only")


def test_original_true_wins_over_every_other_rule() -> None:
    found = article({"en/a.md": page("A"), "el/a.md": page("Α", original=True)})
    assert (found.original_language, found.original_rule) == ("el", "marked")


def test_the_file_translations_name_is_the_original() -> None:
    found = article(
        {
            "en/a.md": page("A"),
            "el/a.md": page("Α"),
            "pl/a.md": page("A pl", translated_from="el"),
        }
    )
    assert (found.original_language, found.original_rule) == ("el", "named")


def test_otherwise_the_default_language_then_the_language_order() -> None:
    both = article({"el/a.md": page("Α"), "en/a.md": page("A")})
    assert (both.original_language, both.original_rule) == ("en", "default_language")
    no_default = article({"pl/a.md": page("P"), "hu/a.md": page("H"), "el/a.md": page("Α")})
    assert (no_default.original_language, no_default.original_rule) == ("el", "language_order")
    # The same files with another default language.
    other = article({"pl/a.md": page("P"), "el/a.md": page("Α")}, default="pl")
    assert (other.original_language, other.original_rule) == ("pl", "default_language")


def test_an_article_whose_files_all_translate_a_missing_file_has_no_original() -> None:
    orphan = article({"en/a.md": page("A", translated_from="el")})
    assert (orphan.original_language, orphan.original_rule) == (None, "none")
    assert orphan.original is None


def test_untracked_files_are_translations_of_the_original() -> None:
    result = load({"en/a.md": page("A"), "el/a.md": page("Α"), "pl/a.md": page("P")})
    report = coverage.measure(result.catalog, "public")
    assert [(s.lang, s.status) for s in report.states()] == [
        ("el", "untracked"),
        ("pl", "untracked"),
        ("hu", "missing"),
    ]


def test_the_plan_publishes_each_original_at_its_own_language() -> None:
    result = load({"el/a.md": page("Α"), "pl/b.md": page("B"), "hu/c.md": page("C")})
    plan = plan_site(result.catalog, "public")
    assert {path: (v.status, v.content_lang) for path, v in plan.variants.items()} == {
        "en/a.md": (FALLBACK, "el"),
        "el/a.md": (ORIGINAL, "el"),
        "pl/a.md": (FALLBACK, "el"),
        "hu/a.md": (FALLBACK, "el"),
        "en/b.md": (FALLBACK, "pl"),
        "el/b.md": (FALLBACK, "pl"),
        "pl/b.md": (ORIGINAL, "pl"),
        "hu/b.md": (FALLBACK, "pl"),
        "en/c.md": (FALLBACK, "hu"),
        "el/c.md": (FALLBACK, "hu"),
        "pl/c.md": (FALLBACK, "hu"),
        "hu/c.md": (ORIGINAL, "hu"),
    }


def test_fallback_lists_choose_the_version_a_language_shows() -> None:
    files = {
        "el/a.md": page("Α"),
        "en/a.md": page("A", translated_from="el"),
        "pl/a.md": page("P", translated_from="el", audience="internal"),
    }
    result = load(files)
    plan = plan_site(result.catalog, "public", {"hu": ["pl", "en", "el"], "pl": ["en"]})
    hu = plan.variant("hu", "a.md")
    assert hu is not None and (hu.status, hu.content_lang) == (FALLBACK, "en")  # pl: internal
    pl = plan.variant("pl", "a.md")
    assert pl is not None and (pl.status, pl.content_lang) == (FALLBACK, "en")
    en = plan.variant("en", "a.md")
    assert en is not None and en.status == TRANSLATED
    # Without a list, the original.
    plain = plan_site(result.catalog, "public")
    hu = plain.variant("hu", "a.md")
    assert hu is not None and hu.content_lang == "el"
    # On the agent desk the internal Polish translation is there to show.
    desk = plan_site(result.catalog, "internal", {"hu": ["pl", "en"]})
    hu = desk.variant("hu", "a.md")
    assert hu is not None and hu.content_lang == "pl"


def test_languages_limits_the_sites_an_article_appears_on() -> None:
    files = {
        "hu/promo.md": page("Akció", languages=["hu"]),
        "en/guide.md": page("Guide", languages=["pl", "hu"]),
        "pl/guide.md": page("Przewodnik", translated_from="en"),
    }
    result = load(files)
    assert not result.errors
    plan = plan_site(result.catalog, "public", {"hu": ["en"]})
    assert sorted(plan.variants) == ["hu/guide.md", "hu/promo.md", "pl/guide.md"]
    report = coverage.measure(result.catalog, "public")
    # Coverage counts only the articles a language's site shows.
    assert {lang.lang: lang.tally.articles for lang in report.languages} == {"pl": 1, "hu": 2}


def test_a_translation_into_a_language_the_original_leaves_out_is_a_warning() -> None:
    files = {
        "hu/promo.md": page("Akció", languages=["hu"]),
        "el/promo.md": page("Α", translated_from="hu"),
    }
    result = load(files)
    assert not result.errors
    assert [str(w) for w in result.warnings] == [
        "content/el/promo.md: the original content/hu/promo.md limits the article to "
        "'languages: [hu]', so this translation is not published. Add el to 'languages:' "
        "there, or delete this file."
    ]
    assert sorted(plan_site(result.catalog, "internal").variants) == ["hu/promo.md"]


# -- contradictions ----------------------------------------------------------------------------


def test_two_originals() -> None:
    assert errors({"en/a.md": page("A", original=True), "el/a.md": page("Α", original=True)}) == [
        "content/el/a.md:5: 'original: true' is also set in content/en/a.md: an article has one "
        "original. Keep it in the file written first; mark the others 'translated_from:' that "
        "language.",
        "content/en/a.md:5: 'original: true' is also set in content/el/a.md: an article has one "
        "original. Keep it in the file written first; mark the others 'translated_from:' that "
        "language.",
    ]


def test_original_together_with_a_translation_record() -> None:
    assert errors({"el/a.md": page("Α", original=True, translated_from="en")}) == [
        "content/el/a.md:6: 'original: true' and 'translated_from' contradict each other. "
        "Keep 'original: true' if this file was written first, else remove it."
    ]
    assert errors({"el/a.md": page("Α", original=True, source_hash=HASH)}) == [
        "content/el/a.md:6: 'original: true' and 'source_hash' contradict each other: only "
        "translations record the hash of their original. Remove the 'source_hash' line if "
        "this file is the original."
    ]


def test_translated_from_its_own_language() -> None:
    assert errors({"el/a.md": page("Α", translated_from="el"), "en/a.md": page("A")}) == [
        "content/el/a.md:5: 'translated_from: el' is this file's own language. Name the "
        "language of the original, or remove the line if this file is the original."
    ]
    # Before translated_from, a source_hash alone meant "from the default language".
    assert errors({"en/a.md": page("A", source_hash=HASH)}) == [
        "content/en/a.md:5: 'source_hash' without 'translated_from' means translated from the "
        "default language ('en'), which is this file's own language. Remove the 'source_hash' "
        "line, or add 'translated_from:' with the language this file was translated from."
    ]


def test_translated_from_a_language_the_article_has_no_file_in() -> None:
    assert errors({"el/a.md": page("Α"), "en/a.md": page("A", translated_from="pl")}) == [
        "content/en/a.md:5: 'translated_from: pl', but content/pl/a.md does not exist; the "
        "article's original is content/el/a.md. Did you mean 'translated_from: el'?"
    ]
    # An old translation (source_hash alone) of an article written in Greek.
    assert errors({"el/a.md": page("Α"), "pl/a.md": page("P", source_hash=HASH)}) == [
        "content/pl/a.md:5: 'source_hash' without 'translated_from' (translated from the "
        "default language, 'en'), but content/en/a.md does not exist; the article's original "
        "is content/el/a.md. Did you mean 'translated_from: el'?"
    ]


def test_translated_from_a_translation() -> None:
    files = {
        "el/a.md": page("Α"),
        "en/a.md": page("A", translated_from="el"),
        "pl/a.md": page("P", translated_from="en"),
    }
    assert errors(files) == [
        "content/pl/a.md:5: 'translated_from: en', but content/en/a.md is itself a translation "
        "(of 'el'). Translate from the original: write 'translated_from: el'."
    ]


def test_translations_that_name_each_other() -> None:
    files = {"el/a.md": page("Α", translated_from="en"), "en/a.md": page("A", translated_from="el")}
    assert errors(files) == [
        "content/el/a.md:5: 'translated_from: en', but content/en/a.md is itself a translation "
        "of this file: the two name each other. Translate from the original, or mark the "
        "original 'original: true'.",
        "content/en/a.md:5: 'translated_from: el', but content/el/a.md is itself a translation "
        "of this file: the two name each other. Translate from the original, or mark the "
        "original 'original: true'.",
    ]


def test_translated_from_a_file_that_is_not_the_original() -> None:
    files = {
        "el/a.md": page("Α", original=True),
        "en/a.md": page("A"),
        "pl/a.md": page("P", translated_from="en"),
    }
    assert errors(files) == [
        "content/pl/a.md:5: 'translated_from: en', but the article's original is "
        "content/el/a.md (marked 'original: true'). Mark content/en/a.md 'original: true' if "
        "it was written first, or write 'translated_from: el'."
    ]


def test_language_codes_must_be_configured_ones() -> None:
    assert errors({"en/a.md": page("A", translated_from="de"), "el/a.md": page("Α")}) == [
        "content/en/a.md:5: 'translated_from' names 'de', which is not one of the configured "
        "languages (en, el, pl, hu). Use the code of a language folder."
    ]
    assert errors({"hu/a.md": page("H", languages=["hu", "xx"])}) == [
        "content/hu/a.md:6: 'languages' names 'xx', which is not one of the configured "
        "languages (en, el, pl, hu). Use the code of a language folder."
    ]


def test_languages_belongs_on_the_original() -> None:
    files = {"hu/a.md": page("H"), "en/a.md": page("A", translated_from="hu", languages=["en"])}
    assert errors(files) == [
        "content/en/a.md:7: 'languages:' is set in a translation; only the original decides on "
        "which language sites the article appears. Move the line to the original, "
        "content/hu/a.md."
    ]


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("translated_from", 5, "'translated_from' must be a language code, not the number 5"),
        ("translated_from", "Greek", "'translated_from' must be a language code, not 'Greek'"),
        ("original", "yes", "'original' must be true or false, not 'yes'"),
        ("languages", "hu", "'languages' must be a list, not 'hu'"),
        ("languages", [], "'languages' must be a list of language codes, not a list"),
    ],
)
def test_front_matter_values_are_checked(key: str, value: object, message: str) -> None:
    result = load({"hu/a.md": page("H", **{key: value})})
    assert [error.message for error in result.errors] == [message]
