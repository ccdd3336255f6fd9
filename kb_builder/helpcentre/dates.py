"""Dates as readers of each language write them: `20 November 2026`, `20 Νοεμβρίου 2026`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache

from babel import Locale, UnknownLocaleError
from babel.dates import format_date

_LOCALES = {"en": "en_001"}
"""Plain `en` reads as American English in CLDR (`November 20, 2026`); a help centre
in several countries writes the day first, as English outside the United States does."""


@dataclass(frozen=True)
class ShownDate:
    iso: str
    """For `<time datetime>`: `2026-11-20`."""
    text: str
    """For readers: `20 November 2026`."""


@cache
def _locale(lang: str) -> Locale | None:
    try:
        return Locale.parse(_LOCALES.get(lang, lang), sep="-" if "-" in lang else "_")
    except (UnknownLocaleError, ValueError):
        return None


@cache
def shown_date(date: dt.date, lang: str) -> ShownDate:
    """`date` written out in `lang`; ISO form where CLDR does not know the language."""
    locale = _locale(lang)
    text = format_date(date, format="long", locale=locale) if locale else date.isoformat()
    return ShownDate(date.isoformat(), text)
