"""Content lint: foreign currencies, slash forms and sample names or days in say blocks."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sitekit import LANGUAGES, page
from test_check_cli import write_project

from kb_builder.cli import main
from kb_builder.config import currencies
from kb_builder.content.frontmatter import parse_document
from kb_builder.content.lint import (
    _MONEY,
    LintCache,
    lint_catalog,
    lint_document,
    may_name_money,
)
from kb_builder.content.model import Document
from kb_builder.project import load_project


def document(lang: str, body: str, title: str = "Prices") -> Document:
    shown = f"content/{lang}/a.md"
    parsed = parse_document(page(title, body), shown)
    assert not isinstance(parsed, list), parsed
    return Document(lang, "a.md", parsed.front, parsed.body, parsed.body_line, "a.md", shown)


def messages(lang: str, body: str, currency: str | None = None, **kw: str) -> list[str]:
    return [str(finding) for finding in lint_document(document(lang, body, **kw), currency)]


def kinds(lang: str, body: str, currency: str | None = None) -> list[str]:
    return [finding.kind for finding in lint_document(document(lang, body), currency)]


# -- currency ---------------------------------------------------------------------------------


def test_pounds_on_a_greek_page_name_the_line_and_the_fix() -> None:
    body = "Intro.\n\nΗ τιμή είναι £8 υψηλότερη."
    assert messages("el", body, "EUR") == [
        "content/el/a.md:8: '£' is an amount in GBP, but 'el' pages use EUR (€). Write the "
        "amount in €, or as a share such as 10%."
    ]


@pytest.mark.parametrize(
    ("lang", "text", "currency"),
    [
        ("el", "από είκοσι τέσσερις λίρες σε δεκαεννέα", "EUR"),
        ("pl", "z dwudziestu czterech funtów do dziewiętnastu", "PLN"),
        ("hu", "huszonnégy fontról tizenkilencre", "HUF"),
        ("en", "It costs 30 zł a month.", "GBP"),
        ("en", "We refund 2 500 Ft.", "GBP"),
        ("pl", "Cena: 19 EUR.", "PLN"),
        ("hu", "Az ár 19 €.", "HUF"),
    ],
)
def test_amounts_in_other_currencies_are_found(lang: str, text: str, currency: str) -> None:
    assert kinds(lang, text, currency) == ["currency"]


@pytest.mark.parametrize(
    ("lang", "text", "currency"),
    [
        ("el", "Η τιμή είναι 8 € υψηλότερη, δηλαδή 24 ευρώ.", "EUR"),
        ("pl", "Abonament kosztuje 49 zł, czyli 49 złotych.", "PLN"),
        ("hu", "A díj 2 500 Ft, ez fontos: forintban fizet.", "HUF"),
        ("en", "The price is £8, eight pounds.", "GBP"),
        ("en", "Costs `$HOME` and [a link](https://example.com/$5) and <b title='€'>x</b>.", "GBP"),
        ("el", "Ποσό σε €.", None),
    ],
)
def test_the_languages_own_currency_code_and_links_are_quiet(
    lang: str, text: str, currency: str | None
) -> None:
    assert kinds(lang, text, currency) == []


def test_title_and_description_are_read_too() -> None:
    found = messages("pl", "Text.", "PLN", title="Rabat 5 £")
    assert found and found[0].startswith("content/pl/a.md:2: '£' is an amount in GBP")


def test_fenced_code_is_not_read() -> None:
    assert kinds("el", "```\nprice = '£8'\n```\n", "EUR") == []


# -- say blocks -------------------------------------------------------------------------------

SAY = "Intro.\n\n!!! say\n    {phrase}\n\nAfter the block: {after}\n"


def say(phrase: str, after: str = "nothing") -> str:
    return SAY.format(phrase=phrase, after=after)


def test_polish_slash_forms_in_a_phrase() -> None:
    body = say("Czy może Pan/Pani potwierdzić? Zrobił(a) Pan to?", after="Pan/Pani outside")
    assert messages("pl", body) == [
        "content/pl/a.md:9: the phrase contains 'Pan/Pani', which an agent cannot read aloud "
        "and which a copied phrase pastes into a chat as it is. Word it so it fits everyone, "
        "or write one phrase for each case.",
        "content/pl/a.md:9: the phrase contains 'Zrobił(a)', which an agent cannot read aloud "
        "and which a copied phrase pastes into a chat as it is. Word it so it fits everyone, "
        "or write one phrase for each case.",
    ]


def test_slashes_in_addresses_dates_and_placeholders_are_quiet() -> None:
    body = say("See [our page](../a/b.md) or vellora.example/help, open 24/7, [imię/nazwisko].")
    assert kinds("pl", body) == []


@pytest.mark.parametrize(
    ("lang", "phrase", "name"),
    [
        ("en", "Good morning, you're speaking to Sam.", "Sam"),
        ("en", "I'm passing it to my team leader, Jo.", "Jo"),
        ("en", "I have Mrs Ahmed on the line.", "Ahmed"),
        ("el", "Καλημέρα σας, ονομάζομαι Σοφία.", "Σοφία"),
        ("el", "Έχω στη γραμμή την κυρία Παπαδοπούλου.", "Παπαδοπούλου"),
        ("pl", "Dzień dobry, z tej strony Anna.", "Anna"),
        ("pl", "Mam na linii panią Kowalską.", "Kowalską"),
        ("hu", "Jó napot kívánok, Kata vagyok.", "Kata"),
        ("hu", "Most Kovácsné van a vonalban.", "Kovácsné"),
        ("hu", "Jo, Mrs Ahmed van a vonalban.", "Ahmed"),
    ],
)
def test_sample_names_in_phrases(lang: str, phrase: str, name: str) -> None:
    found = lint_document(document(lang, say(phrase)), None)
    assert [finding.kind for finding in found] == ["sample_in_phrase"]
    assert f"names a sample person ('{name}')" in found[0].message


@pytest.mark.parametrize(
    ("lang", "phrase", "day"),
    [
        ("en", "The engineer will come on Tuesday.", "on Tuesday"),
        ("en", "We'll send it by 12 March.", "12 March"),
        ("el", "Ο τεχνικός θα έρθει την Τρίτη.", "την Τρίτη"),
        ("pl", "Technik przyjedzie we wtorek.", "we wtorek"),
        ("pl", "Zwrot do 12 marca.", "12 marca"),
        ("hu", "A szerelő kedden érkezik.", "kedden"),
    ],
)
def test_sample_days_in_phrases(lang: str, phrase: str, day: str) -> None:
    found = lint_document(document(lang, say(phrase)), None)
    assert [str(finding.message) for finding in found] == [
        f"the phrase names a sample day ('{day}'), which reads as fixed text"
    ]


@pytest.mark.parametrize(
    ("lang", "phrase"),
    [
        ("en", "Hello, this is [name] from Vellora. I'm sorry. It's [date] today."),
        ("en", "We're open Monday to Friday. May I take your number?"),
        ("el", "Είμαστε ανοιχτά Δευτέρα έως Παρασκευή. Ονομάζομαι [όνομα]."),
        ("pl", "Pracujemy od poniedziałku do piątku. Z tej strony [imię]."),
        ("hu", "Hétfőtől péntekig várjuk. [név] vagyok. Én vagyok az, Ön pedig."),
        ("hu", "Ha a routere egy pénteken leállna, másnap ott az új."),
        ("hu", "Szeretné, ha visszahívnánk?"),
        ("en", "If your router stopped on a Friday, we'd replace it the next morning."),
    ],
)
def test_placeholders_and_opening_hours_are_quiet(lang: str, phrase: str) -> None:
    assert kinds(lang, say(phrase)) == []


def test_sample_names_outside_say_blocks_are_not_phrases() -> None:
    body = say("Thank you.", after="Sam from Leeds called on Tuesday.")
    assert kinds("en", body) == []


def test_say_blocks_in_lists_and_collapsible_ones_are_read() -> None:
    body = '1. Step one.\n\n    ??? say "If they ask"\n        Hello, this is Sam.\n\n2. Next.\n'
    found = lint_document(document("en", body), None)
    assert [(f.kind, f.line) for f in found] == [("sample_in_phrase", 9)]


# -- in the build and in kb check -------------------------------------------------------------

LANGS = {**LANGUAGES, "el": {"name": "Ελληνικά", "currency": "EUR"}}
BAD = {
    "en/index.md": page("Home"),
    "el/index.md": page("Αρχή", "Η τιμή είναι £8.\n\n!!! say\n    Ονομάζομαι Σοφία."),
}


def test_the_build_warns_so_strict_builds_fail(build_site) -> None:
    built = build_site(BAD, plugin={"languages": LANGS}, strict=True)
    warnings = [line for line in built.kb_logs("WARNING") if "content/el/index.md" in line]
    assert warnings == [
        "content/el/index.md:6: '£' is an amount in GBP, but 'el' pages use EUR (€). Write the "
        "amount in €, or as a share such as 10%.",
        "content/el/index.md:9: the phrase names a sample person ('Σοφία'), which reads as "
        "fixed text. Write a placeholder such as [όνομα] for the agent to fill in.",
    ]
    assert built.error is not None


def test_levels_are_configurable(build_site) -> None:
    validation = {"currency": "ignore", "sample_in_phrase": "info"}
    built = build_site(BAD, plugin={"languages": LANGS, "validation": validation}, strict=True)
    assert built.ok, built.error
    assert [line for line in built.kb_logs("INFO") if "Σοφία" in line]
    assert not [line for line in built.kb_logs() if "GBP" in line]


def test_unknown_currency_is_a_configuration_error(build_site) -> None:
    langs = {**LANGUAGES, "el": {"name": "Ελληνικά", "currency": "euro"}}
    built = build_site(BAD, plugin={"languages": langs})
    assert built.error is not None
    assert any("currency" in line and "'EUR'" in line and "'euro'" in line for line in built.logs)


def test_kb_check_reports_the_lint(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = write_project(tmp_path, BAD, languages=LANGS)
    assert main(["check", "-f", str(config)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert (
        "warning: content/el/index.md:6: '£' is an amount in GBP, but 'el' pages use EUR (€). "
        "Write the amount in €, or as a share such as 10%." in out
    )
    assert any("names a sample person ('Σοφία')" in line for line in out)


def test_the_starter_content_is_quiet() -> None:
    project = load_project(Path(__file__).parent.parent / "mkdocs.yml")
    found = lint_catalog(project.loaded.catalog, currencies(project.kb))
    assert [str(finding) for finding in found] == []
    assert currencies(project.kb) == {"en": "GBP", "el": "EUR", "pl": "PLN", "hu": "HUF"}


def test_the_cache_reads_a_file_again_only_when_it_changed() -> None:
    cache = LintCache()
    first = document("el", say("Ονομάζομαι Σοφία."))
    found = cache.findings(first, "EUR")
    assert [finding.kind for finding in found] == ["sample_in_phrase"]
    assert cache.findings(first, "EUR") is found
    edited = document("el", say("Ονομάζομαι [όνομα]."))
    assert cache.findings(edited, "EUR") == []


_MONEY_TEXT = st.lists(
    st.sampled_from(
        ["£", "€", "$", "zł", "Zł", "złotych", "Ft", "forintot", "Kč", "GBP", "EUR", "HUF",
         "pounds", "λίρες", "funtów", "fontot", "euro", "eurót", "ευρώ", "dollars", "dolarów",
         "dollárt", "δολάρια", "5", "10", " ", "a", "é", "ł", "\n", ".", "Λ", "ρ"]
    ),
    max_size=12,
).map("".join)  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(_MONEY_TEXT)
def test_the_quick_money_check_never_skips_text_the_currency_rule_would_flag(text) -> None:
    # The lint reads only lines that may name money; it must not miss any the full
    # pattern matches.
    if _MONEY.search(text):
        assert may_name_money(text)
