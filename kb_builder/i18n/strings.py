"""kb_builder's own interface strings (notices, switcher, language chooser), per language.

Material translates its own interface; these tables cover what kb_builder adds. A language
without a table, or a key missing from one, falls back to English rather than failing.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

import yaml

FALLBACK = "en"


@cache
def table(lang: str) -> dict[str, str]:
    """The strings of one language (empty when kb_builder has no table for it)."""
    resource = resources.files("kb_builder.i18n").joinpath("ui", f"{lang}.yml")
    if not resource.is_file():
        return {}
    data = yaml.safe_load(resource.read_text(encoding="utf-8")) or {}
    return {str(key): str(value) for key, value in data.items()}


def translate(lang: str, key: str, **values: str) -> str:
    """The string for `key` in `lang`, with `{placeholders}` filled from `values`."""
    text = table(lang).get(key) or table(FALLBACK).get(key)
    if text is None:
        raise KeyError(f"kb_builder has no interface string '{key}'")
    return text.format(**values) if values else text


def available_languages() -> list[str]:
    folder = resources.files("kb_builder.i18n").joinpath("ui")
    return sorted(p.name[:-4] for p in folder.iterdir() if p.name.endswith(".yml"))
