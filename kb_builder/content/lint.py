"""Content lint: wording that a translator or an agent would trip over, found in the Markdown.

Three rules, each a finding kind with its own level in `validation:`:

- `currency`: an amount in a currency that is not the language's (`languages: el:
  {currency: EUR}`): pounds on a Greek page, or read aloud by a Polish agent.
- `slash_form`: `Pan/Pani`, `zrobił(a)`, `he/she` inside a say block: an agent cannot read a
  slash aloud, and the copy button pastes it into a chat as it is.
- `sample_in_phrase`: a say block that names a sample person (`this is Sam`, `pani
  Kowalska`) or a sample day (`on Tuesday`, `12 March`) where a placeholder (`[name]`,
  `[date]`) belongs.

The rules look only for patterns that are unambiguous in context (a name after "my name is",
a weekday after "on"), so that they stay quiet on good text; they will miss some cases rather
than cry wolf. Code, link addresses and placeholders are never read.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

from kb_builder.content.model import Catalog, Document
from kb_builder.findings import Finding

KINDS = ("currency", "slash_form", "sample_in_phrase")

CURRENCIES: dict[str, str] = {
    "GBP": "£",
    "EUR": "€",
    "PLN": "zł",
    "HUF": "Ft",
    "USD": "$",
    "CHF": "CHF",
    "CZK": "Kč",
}
"""Currencies the lint knows, with the sign readers expect (ISO 4217 code: sign)."""

# Signs and words for an amount of money, and the currency each means. Words are listed
# with the inflected forms that occur in running text; ambiguous ones (Hungarian "fontos",
# "important") are left out on purpose.
_MONEY_SIGNS = [
    (r"£", "GBP"),
    (r"€", "EUR"),
    (r"(?<![\w$])\$(?=\s?\d)", "USD"),
    (r"(?<=\d)\s?zł\b|\bzł(?=\s?\d)|\bzłot(?:y|ych|e|ówek)\b", "PLN"),
    (r"(?<=\d)\s?Ft\b|\bforint(?:ot|ról|ra|tal|nyi|ban|os)?\b", "HUF"),
    (r"(?<=\d)\s?Kč\b", "CZK"),
    (r"\b(GBP|EUR|PLN|HUF|USD|CHF|CZK)\b", None),
    (r"\bpounds?\b|\bλίρ(?:α|ες|ών)\b|\bfunt(?:a|y|ów|ach|om)?\b", "GBP"),
    (r"\bfont(?:ot|ról|ra|tal|ért|nyi)\b", "GBP"),
    (r"\beuros?\b|\beuró(?:t|ról|ra|val|nyi)?\b|\bευρώ\b", "EUR"),
    (r"\bdollars?\b|\bdolar(?:a|y|ów)\b|\bdollár(?:t|ról|ra|ral)?\b|\bδολάρια\b", "USD"),
]
# One pass over each line: the alternatives are named m0, m1 ... after their place above.
_MONEY = re.compile("|".join(f"(?P<m{n}>{pattern})" for n, (pattern, _) in enumerate(_MONEY_SIGNS)))
_MONEY_CODES = {f"m{n}": code for n, (_, code) in enumerate(_MONEY_SIGNS)}
# Text that every alternative above contains, as written (the pattern tells case): a line
# with none of them holds no amount, and is not searched (the pattern costs tens of
# microseconds per line).
_MONEY_KEYS = (
    *("£", "€", "$", "zł", "Ft", "forint", "Kč", "GBP", "EUR", "PLN", "HUF", "USD", "CHF"),
    *("CZK", "pound", "λίρ", "funt", "font", "eur", "ευρώ", "dol", "δολάρ"),
)


def may_name_money(text: str) -> bool:
    """False only when no currency sign or word can be in `text`."""
    return any(key in text for key in _MONEY_KEYS)


_SAY_START = re.compile(r"^(?P<indent>[ \t]*)(?:!!!|\?\?\?\+?)[ \t]+say\b")
_FENCE = re.compile(r"^[ \t]*(```|~~~)")
# What is never read: inline code, link and image addresses, autolinks, bare web addresses,
# HTML tags, and placeholders in square brackets that are not links.
_UNREAD = re.compile(
    r"`[^`]*`"
    r"|\]\([^)]*\)"
    r"|<[^>\n]*>"
    r"|\bhttps?://\S+"
    r"|\[[^\]\n]*\](?!\()"
)
_SLASH = re.compile(r"(?<![\w/.:@-])([^\W\d_]+/[^\W\d_]+(?:/[^\W\d_]+)*)(?![\w/])")
_BRACKET_ENDING = re.compile(r"\b[^\W\d_]{2,}\((?:[^\W\d_]{1,3})\)")

_NAME_CUES = {
    "en": r"my name is|my name's|I'm|I am|this is|it's|speaking to|speaking with|ask for|"
    r"my colleague,?|team leader,?|manager,?|supervisor,?",
    "el": r"ονομάζομαι|με λένε|είμαι ο|είμαι η|κύριε|κυρία|κύριος|κυρίου|κυρίας|την κυρία|"
    r"τον κύριο|συνάδελφός μου,? (?:ο|η)|ομάδας μου,? (?:τη|την|τον)",
    "pl": r"nazywam się|mam na imię|z tej strony|mówi|pan|pani|pana|panią|panem|"
    r"kolega|koleżanka|zespołu,",
    "hu": r"a nevem|kollégám,?|kolléganőm,?|csoportvezetőm,?",
}
_HONORIFICS = re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Dr)\.?\s+(\w+)")
"""English honorifics, read in every language: "Mrs Ahmed" slips into translations too."""
_HU_NAME_SUFFIX = re.compile(
    r"\b([A-ZÁÉÍÓÖŐÚÜŰ][a-záéíóöőúüű]+)\s+(?:vagyok|úr|urat|úrral|asszony|a neve)\b"
    # A married name (Kovácsné) mid-sentence; at a sentence's start the same ending is a
    # verb ("Szeretné ...").
    r"|(?<=[a-záéíóöőúüű,]\s)([A-ZÁÉÍÓÖŐÚÜŰ][a-záéíóöőúüű]+né)\b"
)
_WEEKDAYS = {
    "en": r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday",
    "el": r"Δευτέρα|Τρίτη|Τετάρτη|Πέμπτη|Παρασκευή|Σάββατο|Κυριακή",
    "pl": r"poniedziałek|poniedziałku|wtorek|wtorku|środę|środy|czwartek|czwartku|piątek|"
    r"piątku|sobotę|soboty|niedzielę|niedzieli",
    "hu": r"hétfő|kedd|szerda|csütörtök|péntek|szombat|vasárnap",
}
_DAY_CUES = {
    "en": r"\b(?:on|by|until|till|next|this|last)\s+({days})\b",
    "el": r"(?:\bτη|\bτην|\bτο|\bως|\bμέχρι)\s+({days})\b",
    "pl": r"\b(?:w|we|do|przed|na|po)\s+({days})\b",
    # "egy pénteken" (on a Friday) is any Friday, not a sample day.
    "hu": r"(?<!egy )\b((?:hétfő|kedd|szerdá|csütörtök|péntek|szombat)(?:ön|on|en|n|ig)"
    r"|vasárnapig)\b",
}
_DAY_RANGES = {
    "en": r"\b(?:{days})\s*(?:to|until|till|-|–)\s*(?:{days})\b",
    "el": r"(?:από\s+(?:τη|την|το)?\s*)?(?:{days})\s+(?:έως|ως|μέχρι)\s+"
    r"(?:τη|την|το)?\s*(?:{days})",
    "pl": r"\bod\s+\w+\s+do\s+(?:{days})\b",
    "hu": r"\w+t[óő]l\s+\w+ig\b",
}
_MONTHS = {
    "en": r"January|February|March|April|June|July|August|September|October|November|"
    r"December",
    "el": r"Ιανουαρίου|Φεβρουαρίου|Μαρτίου|Απριλίου|Μαΐου|Ιουνίου|Ιουλίου|Αυγούστου|"
    r"Σεπτεμβρίου|Οκτωβρίου|Νοεμβρίου|Δεκεμβρίου",
    "pl": r"stycznia|lutego|marca|kwietnia|maja|czerwca|lipca|sierpnia|września|"
    r"października|listopada|grudnia",
    "hu": r"január|február|március|április|május|június|július|augusztus|szeptember|"
    r"október|november|december",
}
_PLACEHOLDERS = {
    "en": ("[name]", "[date]"),
    "el": ("[όνομα]", "[ημερομηνία]"),
    "pl": ("[imię]", "[data]"),
    "hu": ("[név]", "[dátum]"),
}


@dataclass(frozen=True)
class _Patterns:
    name_cue: re.Pattern[str] | None
    day: re.Pattern[str] | None
    day_range: re.Pattern[str] | None
    date: re.Pattern[str] | None


def _patterns(lang: str) -> _Patterns:
    base = lang.split("-")[0].lower()
    cue = _NAME_CUES.get(base)
    days = _WEEKDAYS.get(base)
    months = _MONTHS.get(base)
    return _Patterns(
        name_cue=re.compile(rf"(?<!\w)(?:{cue})\s+(\w+)", re.IGNORECASE) if cue else None,
        day=re.compile(_DAY_CUES[base].format(days=days)) if days else None,
        day_range=re.compile(_DAY_RANGES[base].format(days=days)) if days else None,
        date=(
            re.compile(rf"\b\d{{1,2}}(?:st|nd|rd|th|\.)?\s+({months})\b|\b({months})\s+\d{{1,2}}\b")
            if months
            else None
        ),
    )


@dataclass(frozen=True)
class _Line:
    number: int
    text: str
    in_say: bool


class LintCache:
    """Findings per file, kept across the rebuilds of one `mkdocs serve`: a file read from
    the parse cache brings the same text and front matter objects, so it is not read again."""

    def __init__(self) -> None:
        self._entries: dict[str, tuple[object, object, str | None, list[Finding]]] = {}

    def findings(self, document: Document, currency: str | None) -> list[Finding]:
        entry = self._entries.get(document.shown_path)
        if (
            entry is not None
            and entry[0] is document.body
            and entry[1] is document.front
            and entry[2] == currency
        ):
            return entry[3]
        found = lint_document(document, currency)
        self._entries[document.shown_path] = (document.body, document.front, currency, found)
        return found


def lint_catalog(
    catalog: Catalog, currencies: Mapping[str, str | None], cache: LintCache | None = None
) -> list[Finding]:
    """Every lint finding of every document, for the languages' configured currencies."""
    findings: list[Finding] = []
    for document in catalog.documents():
        currency = currencies.get(document.lang)
        if cache is not None:
            findings += cache.findings(document, currency)
        else:
            findings += lint_document(document, currency)
    return findings


def lint_document(document: Document, currency: str | None) -> list[Finding]:
    """The lint findings of one language version of an article."""
    findings: list[Finding] = []
    patterns = _patterns(document.lang)
    lines = list(_front_lines(document)) + list(_body_lines(document))
    money = currency is not None and may_name_money(
        "\n".join((document.front.title, document.front.description, document.body))
    )
    for line in lines:
        if not line.in_say and not (money and may_name_money(line.text)):
            continue
        text = _UNREAD.sub(" ", line.text)
        if money and currency is not None:
            findings += _currency(document, line.number, text, currency)
        if line.in_say:
            findings += _slash_forms(document, line.number, text)
            findings += _samples(document, line.number, text, patterns)
    return findings


def _front_lines(document: Document) -> Iterator[_Line]:
    for key in ("title", "description"):
        value = getattr(document.front, key, None)
        if isinstance(value, str):
            yield _Line(document.front.lines.get(key) or 1, value, False)


def _body_lines(document: Document) -> Iterator[_Line]:
    say_indent: int | None = None
    fence: str | None = None
    for offset, raw in enumerate(document.body.splitlines()):
        number = document.body_line + offset
        fenced = _FENCE.match(raw)
        if fence is not None:
            if fenced and fenced.group(1) == fence:
                fence = None
            continue
        if fenced:
            fence = fenced.group(1)
            continue
        indent = len(raw) - len(raw.lstrip(" \t"))
        if say_indent is not None and raw.strip() and indent <= say_indent:
            say_indent = None
        start = _SAY_START.match(raw)
        if start:
            say_indent = len(start.group("indent"))
            continue  # the marker line holds only the label
        yield _Line(number, raw, say_indent is not None)


def _currency(document: Document, number: int, text: str, currency: str) -> Iterator[Finding]:
    for match in _MONEY.finditer(text):
        found = _MONEY_CODES[match.lastgroup or ""] or match.group(0)
        if found != currency:
            sign = CURRENCIES.get(currency, currency)
            yield Finding(
                document.shown_path,
                number,
                f"'{match.group(0).strip()}' is an amount in {found}, but '{document.lang}' "
                f"pages use {currency} ({sign})",
                f"Write the amount in {sign}, or as a share such as 10%",
                kind="currency",
            )


def _slash_forms(document: Document, number: int, text: str) -> Iterator[Finding]:
    for pattern in (_SLASH, _BRACKET_ENDING):
        for match in pattern.finditer(text):
            yield Finding(
                document.shown_path,
                number,
                f"the phrase contains '{match.group(0)}', which an agent cannot read aloud "
                "and which a copied phrase pastes into a chat as it is",
                "Word it so it fits everyone, or write one phrase for each case",
                kind="slash_form",
            )


def _samples(document: Document, number: int, text: str, patterns: _Patterns) -> Iterator[Finding]:
    name_mark, date_mark = _PLACEHOLDERS.get(document.lang.split("-")[0], ("[name]", "[date]"))
    for name in _sample_names(document.lang, text, patterns):
        yield Finding(
            document.shown_path,
            number,
            f"the phrase names a sample person ('{name}'), which reads as fixed text",
            f"Write a placeholder such as {name_mark} for the agent to fill in",
            kind="sample_in_phrase",
        )
    for day in _sample_days(text, patterns):
        yield Finding(
            document.shown_path,
            number,
            f"the phrase names a sample day ('{day}'), which reads as fixed text",
            f"Write a placeholder such as {date_mark} for the agent to fill in",
            kind="sample_in_phrase",
        )


def _sample_names(lang: str, text: str, patterns: _Patterns) -> Iterable[str]:
    names = [match.group(1) for match in _HONORIFICS.finditer(text)]
    if patterns.name_cue is not None:
        names += [
            match.group(1)
            for match in patterns.name_cue.finditer(text)
            if match.group(1)[0].isupper()
        ]
    if lang.split("-")[0] == "hu":
        names += [
            match.group(1) or match.group(2)
            for match in _HU_NAME_SUFFIX.finditer(text)
            if (match.group(1) or match.group(2)) not in ("Én", "Ön", "Önök")
        ]
    return names


def _sample_days(text: str, patterns: _Patterns) -> Iterable[str]:
    if patterns.day_range is not None:
        text = patterns.day_range.sub(" ", text)
    days: list[str] = []
    for pattern in (patterns.day, patterns.date):
        if pattern is not None:
            days += [match.group(0).strip() for match in pattern.finditer(text)]
    return days
