"""The site's languages, checked once at configuration time."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")


@dataclass(frozen=True)
class Language:
    code: str
    name: str
    site_name: str
    material_code: str
    """Code of Material's interface strings for this language (`en` when it has none)."""


@dataclass(frozen=True)
class LanguageSet:
    """The configured languages in switcher order; `default` is the site's main language."""

    languages: tuple[Language, ...]
    default: str

    def __iter__(self) -> Iterator[Language]:
        return iter(self.languages)

    def __getitem__(self, code: str) -> Language:
        for language in self.languages:
            if language.code == code:
                return language
        raise KeyError(code)

    def __contains__(self, code: object) -> bool:
        return any(language.code == code for language in self.languages)

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(language.code for language in self.languages)


def build_language_set(
    configured: Mapping[str, Mapping[str, object]],
    default: str,
    site_name: str,
    theme_dirs: Iterable[str],
) -> LanguageSet | str:
    """Return the language set, or a message saying what is wrong with the configuration."""
    if not configured:
        return "the kb plugin needs a 'languages:' list, for example 'en: {name: English}'"
    if default not in configured:
        return (
            f"default_language '{default}' is not among the configured languages "
            f"({', '.join(configured)}); add it to 'languages:'"
        )
    dirs = list(theme_dirs)
    languages = []
    for code, options in configured.items():
        if not LANGUAGE_CODE.match(code):
            return f"'{code}' is not a language code; use a code such as 'en', 'el' or 'pt-BR'"
        name = options.get("name")
        if not name:
            return f"language '{code}' needs a 'name:', written in that language"
        languages.append(
            Language(
                code=code,
                name=str(name),
                site_name=str(options.get("site_name") or site_name),
                material_code=code if _material_has(code, dirs) else "en",
            )
        )
    return LanguageSet(tuple(languages), default)


def fallback_problem(fallbacks: Mapping[str, Iterable[str]], codes: tuple[str, ...]) -> str | None:
    """What is wrong with the `fallback:` option, or None."""
    for lang, order in fallbacks.items():
        if lang not in codes:
            return f"fallback: '{lang}' is not one of the configured languages ({', '.join(codes)})"
        seen = set()
        for code in order:
            if code not in codes:
                return (
                    f"fallback: {lang}: '{code}' is not one of the configured languages "
                    f"({', '.join(codes)})"
                )
            if code == lang:
                return f"fallback: {lang}: a language cannot fall back to itself"
            if code in seen:
                return f"fallback: {lang}: '{code}' is listed twice"
            seen.add(code)
    return None


def _material_has(code: str, theme_dirs: list[str]) -> bool:
    return any(
        os.path.isfile(os.path.join(folder, "partials", "languages", f"{code}.html"))
        for folder in theme_dirs
    )
