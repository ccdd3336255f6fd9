"""Typed configuration of the `kb` plugin (the `plugins: - kb:` block of mkdocs.yml)."""

from __future__ import annotations

import logging
from typing import ClassVar

from mkdocs.config import base
from mkdocs.config import config_options as c

from kb_builder.content.lint import CURRENCIES
from kb_builder.desk.config import DeskConfig
from kb_builder.i18n.navigation import SCOPES
from kb_builder.search.config import SearchConfig


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


class Duration(c.OptionallyRequired[float]):
    """A length of time: `90` (seconds), `30m`, `12h` or `7d`; `0` means never."""

    units: ClassVar[dict[str, int]] = {"s": 1, "m": 60, "h": 3600, "d": 86400}

    def run_validation(self, value: object) -> float:
        if isinstance(value, int | float) and not isinstance(value, bool) and value >= 0:
            return float(value)
        text = str(value).strip().lower()
        number, unit = (text, "s") if text.replace(".", "", 1).isdigit() else (text[:-1], text[-1:])
        if unit in self.units and number.replace(".", "", 1).isdigit():
            return float(number) * self.units[unit]
        raise base.ValidationError(f"Expected a duration such as 30m, 12h or 7d, got {value!r}")


class Positive(c.OptionallyRequired[float]):
    """A number greater than zero."""

    def __init__(self, default: float, *, whole: bool = False) -> None:
        super().__init__(default=default)
        self.whole = whole

    def run_validation(self, value: object) -> float:
        kinds = int if self.whole else int | float
        if isinstance(value, bool) or not isinstance(value, kinds) or value <= 0:
            expected = "a whole number" if self.whole else "a number"
            raise base.ValidationError(f"Expected {expected} greater than 0, got {value!r}")
        return value  # type: ignore[return-value]


class LinksConfig(base.Config):
    """Link checks over the built pages (README, "Link checks")."""

    check = c.Type(bool, default=True)
    """Check every link and anchor of every language site during `mkdocs build`. While on,
    MkDocs' own `validation: links:` messages are turned down to debug, so each broken link
    is reported once, by kb_builder."""
    external = c.Type(bool, default=False)
    """Also check web addresses during `mkdocs build`. Needs the network, so it is off;
    `kb check --external` checks them on demand."""
    exclude = c.ListOfItems(c.Type(str), default=[])
    """Web addresses never fetched, as shell-style patterns: `https://intranet.example.com/*`."""
    timeout = Positive(10)
    """Seconds to wait for a server to answer before trying again."""
    retries = c.Type(int, default=2)
    """How often to try again after a timeout, a 5xx answer or 429 Too Many Requests."""
    concurrency = Positive(8, whole=True)
    """How many addresses are checked at the same time."""
    per_host = Positive(2, whole=True)
    """How many requests go to one server at the same time, to be polite."""
    cache = c.Optional(c.Type(str))
    """File (relative to mkdocs.yml) remembering addresses that worked, so they are not
    fetched again for `cache_age`. Default: `.cache/kb/links.json`."""
    cache_age = Duration(default="1d")
    """How long a remembered address counts as working: `12h`, `7d`; `0` turns the cache off."""


class Setting(c.OptionallyRequired[str]):
    """A one-line value, kept as written; kb_builder checks what it means (see helpcentre)."""

    def run_validation(self, value: object) -> str:
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            raise base.ValidationError(f"Expected one line of text, got {value!r}")
        return str(value)


class ContactConfig(base.Config):
    """How customers reading one language reach a person. Every part is optional."""

    phone = c.Optional(Setting())
    """The phone number in international form, as readers should see it:
    `+44 20 7946 0123`. Pages link it as `tel:+442079460123`, so phones can call it."""
    email = c.Optional(Setting())
    """The e-mail address customers write to: `help@example.com`."""
    form = c.Optional(Setting())
    """The address of the contact form: `https://example.com/contact/`."""
    hours = c.Optional(Setting())
    """When someone answers, in the language's own words: `Mon–Fri 8:00–20:00`."""


class FeedbackConfig(base.Config):
    """The "was this page helpful?" control under public articles."""

    endpoint = c.Optional(Setting())
    """Address that receives each answer as a form POST (`page`, `lang`, `title`, `rating`:
    1 helpful, 0 not): `https://example.com/api/feedback`. Without it (and without
    `extra.analytics.feedback`) the control is not shown."""


class LanguageConfig(base.Config):
    """One language of the site, keyed by its code (`en`, `el`, `pl`, `hu`, `pt-BR` ...)."""

    name = c.Type(str)
    """The language's name in that language, as readers see it in the switcher: `Ελληνικά`."""
    site_name = c.Optional(c.Type(str))
    """The site's name in this language, shown in the header and page titles.
    Defaults to the top-level `site_name`."""
    currency = c.Optional(c.Choice(tuple(CURRENCIES)))
    """The currency readers of this language pay in, as an ISO 4217 code (`EUR`, `PLN`,
    `HUF`, `GBP` ...). With it, the content lint warns about amounts in other currencies
    on this language's pages (`validation: currency:`)."""


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
    excluded_translation = Level(default="warn")
    """A translation into a language its original leaves out (`languages:`). It is not
    published."""
    faq = Level(default="warn")
    """A FAQ page without questions, a question without an answer, or a repeated question."""
    broken_link = Level(default="warn")
    """A link or image whose page or file does not exist."""
    broken_anchor = Level(default="warn")
    """A link to a `#anchor` the page does not have (compared exactly, as browsers do)."""
    fallback_anchor = Level(default="warn")
    """On a language site that shows a page untranslated, a link to an anchor that exists in
    the original but not in the translation it leads to there."""
    cross_language = Level(default="warn")
    """A link from one language's page into another language's pages (other than the
    language switcher, or a link marked with `hreflang`)."""
    untranslated_target = Level(default="info")
    """A link in a translation to an article not translated into that language yet."""
    malformed_link = Level(default="warn")
    """An address that cannot work: a bad `mailto:`, a `tel:` not in E.164 form, `http:/x`,
    a `file:` path."""
    external_link = Level(default="warn")
    """A web address that fails (when external checks are on)."""
    external_redirect = Level(default="info")
    """A web address that has moved permanently (when external checks are on)."""
    currency = Level(default="warn")
    """Content lint: an amount in a currency other than the language's `currency`
    (pounds on a Greek page)."""
    slash_form = Level(default="warn")
    """Content lint: a slash or bracketed ending inside a say block (`Pan/Pani`,
    `zrobił(a)`), which an agent cannot read aloud."""
    sample_in_phrase = Level(default="warn")
    """Content lint: a say block that names a sample person or day (`this is Sam`, `on
    Tuesday`) where a placeholder such as `[name]` or `[date]` belongs."""


class KbConfig(base.Config):
    """Options of the kb plugin."""

    default_language = c.Type(str, default="en")
    """The site's main language: where the root page sends readers whose language the site
    does not have, and the `x-default` of the language home pages. Articles may be written
    first in any language (see "Articles written in any language" in the README); an old
    translation with `source_hash` and no `translated_from` counts as translated from it."""
    content_dir = c.Optional(c.Type(str))
    """The folder of the articles (`content`), relative to mkdocs.yml. Set it, and point
    MkDocs' own `docs_dir` at a folder with nothing internal in it, so that a build without
    kb_builder (MkDocs with the plugin line removed, or Zensical, which skips plugins it does
    not know) finds no article to publish. Default: `docs_dir`, as in earlier versions."""
    languages = c.DictOfItems(c.SubConfig(LanguageConfig), default={})
    """Every language of the site, in the order the switcher lists them, for example
    `el: {name: Ελληνικά}`. Each has a folder of the same name in `docs_dir`."""
    fallback = c.DictOfItems(c.ListOfItems(c.Type(str)), default={})
    """What a language shows for an article it has no version of, as an ordered list per
    language: `{hu: [en, el]}` shows Hungarian readers the English version, else the Greek
    one, else the original, with a "not translated yet" notice. Languages not listed show
    the article's original."""
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
    links = c.SubConfig(LinksConfig)
    """Link checks: on for internal links and anchors, off for web addresses."""
    search = c.SubConfig(SearchConfig)
    """Site search (Pagefind): `search: {enabled: false}` builds without it."""
    nav_scope = c.Choice(SCOPES, default="section")
    """How much of the menu each page carries. `section`: the page's own top-level section
    in full, and every other section as one entry leading to its index page, so pages stay
    light and build time grows in step with the number of articles. `language`: the whole
    language's menu on every page; each page then costs more the bigger the site (use it
    with Material's `navigation.expand`, which needs the whole menu)."""
    contact = c.DictOfItems(c.SubConfig(ContactConfig), default={})
    """How customers reach a person, per language: `en: {phone: "+44 20 7946 0123",
    email: help@example.com, form: https://example.com/contact/, hours: Mon–Fri 8–20}`.
    Shown in the footer of every public page, after every article, on the 404 page and
    when a search finds little."""
    stale_notice = c.Choice(("neutral", "none", "full"), default="neutral")
    """What customers see on a translation whose original changed since: `neutral` (a line
    saying the page is translated, with a link to the original), `none`, or `full` (the
    agents' warning that parts may be out of date). The agent desk always shows `full`."""
    related = c.Type(int, default=5)
    """How many related articles (same tags or section, in the reader's language) to list
    under each article; `0` lists none."""
    feedback = c.SubConfig(FeedbackConfig)
    """The "was this page helpful?" control; off unless `endpoint` is set or Material's
    `extra.analytics.feedback` is configured."""
    desk = c.SubConfig(DeskConfig)
    """The agent desk (`audience: internal`): pinned pages on its start page and the public
    address for "Copy link for the customer". See README, "The agent desk on a call"."""


def currencies(options: KbConfig) -> dict[str, str | None]:
    """Each language's configured currency, for the content lint."""
    return {code: language.currency for code, language in options.languages.items()}
