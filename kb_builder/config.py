"""Typed configuration of the `kb` plugin (the `plugins: - kb:` block of mkdocs.yml)."""

from __future__ import annotations

import logging
from typing import ClassVar

from mkdocs.config import base
from mkdocs.config import config_options as c

from kb_builder.i18n.navigation import SCOPES


class Level(c.OptionallyRequired[int]):
    """A finding's severity: `warn`, `info` or `ignore` (as in MkDocs' own `validation:`)."""

    names: ClassVar[dict[str, int]] = {
        "warn": logging.WARNING,
        "info": logging.INFO,
        "ignore": logging.DEBUG,
    }

    def run_validation(self, value: object) -> int:
        if value not in self.names:
            raise base.ValidationError(f"Expected one of {', '.join(self.names)}, got {value!r}")
        return self.names[value]  # type: ignore[index]


class LanguageConfig(base.Config):
    """One language of the site, keyed by its code (`en`, `el`, `pl`, `hu`, `pt-BR` ...)."""

    name = c.Type(str)
    """The language's name in that language, as readers see it in the switcher: `Ελληνικά`."""
    site_name = c.Optional(c.Type(str))
    """The site's name in this language, shown in the header and page titles.
    Defaults to the top-level `site_name`."""


class ValidationConfig(base.Config):
    """How loudly to report each kind of finding. `warn` fails `mkdocs build --strict`."""

    missing_audience = Level(default="warn")
    """A source page without `audience:`. It is treated as internal either way."""
    audience_mismatch = Level(default="warn")
    """A translation marked public whose source is internal. It stays internal either way."""
    missing_translation = Level(default="info")
    """An article not translated into a language; readers get the source with a notice."""


class KbConfig(base.Config):
    """Options of the kb plugin."""

    default_language = c.Type(str, default="en")
    """The source language: articles are written in it first, and it is the fallback for
    untranslated articles. Its folder (`content/en/`) is the reference for every other."""
    languages = c.DictOfItems(c.SubConfig(LanguageConfig), default={})
    """Every language of the site, in the order the switcher lists them, for example
    `el: {name: Ελληνικά}`. Each has a folder of the same name in `docs_dir`."""
    audience = c.Choice(("public", "internal"), default="public")
    """Which site this build makes. `public` leaves out every page that is not clearly
    `audience: public`; `internal` (the agent desk) includes everything."""
    validation = c.SubConfig(ValidationConfig)
    """Severity per kind of finding."""
    nav_scope = c.Choice(SCOPES, default="section")
    """How much of the menu each page carries. `section`: the page's own top-level section
    in full, and every other section as one entry leading to its index page, so pages stay
    light and build time grows in step with the number of articles. `language`: the whole
    language's menu on every page; each page then costs more the bigger the site (use it
    with Material's `navigation.expand`, which needs the whole menu)."""
