"""What the templates see as `kb`: the page's language, its state and its alternates.

Templates in `theme/` read only this object, so the language logic lives in Python where it
can be tested, and the Jinja stays a thin layer of markup.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from kb_builder.i18n import strings
from kb_builder.i18n.languages import Language, LanguageSet
from kb_builder.i18n.plan import FALLBACK, PageVariant, SitePlan


@dataclass(frozen=True)
class Alternate:
    """The same page in another language, for the switcher and the sitemap."""

    code: str
    name: str
    url: str
    """Site-relative URL (`el/complaints/faq/`); templates pass it through `| url`."""
    untranslated: bool
    current: bool


@dataclass(frozen=True)
class PageView:
    language: Language
    languages: LanguageSet
    status: str
    content_lang: str
    alternates: tuple[Alternate, ...]
    notices: tuple[str, ...] = field(default=())
    """Names of the notices to show above the article (`fallback`, ...)."""
    original_lang: str = ""
    """The language the article was written in ('' for pages that are no article)."""

    @property
    def lang(self) -> str:
        return self.language.code

    @property
    def material_lang(self) -> str:
        return self.language.material_code

    @property
    def site_name(self) -> str:
        return self.language.site_name

    @property
    def original_language(self) -> Language:
        """The language of the article's original (of the page, for other pages)."""
        return self.languages[self.original_lang or self.lang]

    @property
    def content_language(self) -> Language:
        """The language of the text shown (differs from `language` on fallback pages)."""
        return self.languages[self.content_lang]

    def t(self, key: str, **values: str) -> str:
        """Interface string in the page's language."""
        return strings.translate(self.lang, key, **values)

    def t_in(self, lang: str, key: str, **values: str) -> str:
        """Interface string in another language (the chooser speaks every language)."""
        return strings.translate(lang, key, **values)


def page_view(
    variant: PageVariant,
    plan: SitePlan,
    languages: LanguageSet,
    url_of: Callable[[str], str | None],
) -> PageView:
    """The view of an article page; `url_of` maps a docs path to its site URL."""
    alternates = []
    for sibling in plan.siblings(variant):
        url = url_of(sibling.docs_path)
        if url is None:
            continue
        language = languages[sibling.lang]
        alternates.append(
            Alternate(
                code=language.code,
                name=language.name,
                url=url,
                untranslated=sibling.status == FALLBACK,
                current=sibling.lang == variant.lang,
            )
        )
    notices = ("fallback",) if variant.is_fallback else ()
    return PageView(
        language=languages[variant.lang],
        languages=languages,
        status=variant.status,
        content_lang=variant.content_lang,
        alternates=tuple(alternates),
        notices=notices,
        original_lang=variant.article.original_language or variant.content_lang,
    )


def site_view(
    lang: str, languages: LanguageSet, home_urls: dict[str, str], status: str = "site"
) -> PageView:
    """The view of a page that belongs to no article (language chooser, 404)."""
    alternates = tuple(
        Alternate(
            code=language.code,
            name=language.name,
            url=home_urls[language.code],
            untranslated=False,
            current=language.code == lang,
        )
        for language in languages
        if language.code in home_urls
    )
    return PageView(
        language=languages[lang],
        languages=languages,
        status=status,
        content_lang=lang,
        alternates=alternates,
    )


STALE_NOTICES = {"neutral": "stale-neutral", "none": None, "full": "stale"}
"""What a customer sees instead of the agents' stale warning, per `stale_notice` option."""


def customer_notices(notices: tuple[str, ...], audience: str, stale_notice: str) -> tuple[str, ...]:
    """On the public site, the stale warning becomes the notice `stale_notice` asks for;
    the agent desk keeps the full warning."""
    if audience != "public":
        return notices
    shown = (STALE_NOTICES[stale_notice] if notice == "stale" else notice for notice in notices)
    return tuple(notice for notice in shown if notice)
