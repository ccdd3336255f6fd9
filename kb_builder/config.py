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


class Percentage(c.OptionallyRequired[float]):
    """A percentage from 0 to 100, such as `90` or `87.5`."""

    def run_validation(self, value: object) -> float:
        if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 100:
            raise base.ValidationError(f"Expected a percentage from 0 to 100, got {value!r}")
        return float(value)


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
    stale_translation = Level(default="info")
    """A translation whose source changed after it was translated (its `source_hash` no
    longer matches). Readers see a notice linking to the original."""
    untracked_translation = Level(default="info")
    """A translation without `source_hash`, so nobody can tell whether it is current.
    Check it, then run `kb ack` on it."""
    orphan_translation = Level(default="warn")
    """A translation whose source no longer exists. It is not published."""
    faq = Level(default="warn")
    """A FAQ page without questions, a question without an answer, or a repeated question."""


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
    public_files = c.ListOfItems(c.Type(str), default=[])
    """Files of docs_dir that the public site publishes even though no public page links to
    them, as patterns relative to docs_dir (`*` also matches `/`): `[CNAME, robots.txt]`.
    Every other file that is not a page is published only when a public page uses it."""
    min_coverage = c.DictOfItems(Percentage(), default={})
    """Minimum translation coverage per language, in percent of articles whose translation
    is current: `{el: 90, pl: 75}`. A language below its minimum is a warning, so
    `mkdocs build --strict` fails; `kb status` exits with 1."""
    git_history = c.Type(bool, default=True)
    """Read the sources' git history to say which sections changed since a stale
    translation was made, and when. Without git the rest works the same."""
    nav_scope = c.Choice(SCOPES, default="section")
    """How much of the menu each page carries. `section`: the page's own top-level section
    in full, and every other section as one entry leading to its index page, so pages stay
    light and build time grows in step with the number of articles. `language`: the whole
    language's menu on every page; each page then costs more the bigger the site (use it
    with Material's `navigation.expand`, which needs the whole menu)."""
