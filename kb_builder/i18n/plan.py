"""Which page is published at which address, in which language, and in what state.

Decided once per build from the catalog, before MkDocs reads any page: every public
(or, for the agent desk, every) article gets a page in every language, either its
translation or the source with a fallback notice.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from kb_builder.content.model import Article, Catalog, Document
from kb_builder.findings import Finding

SOURCE = "source"
TRANSLATED = "translated"
FALLBACK = "fallback"


@dataclass(frozen=True)
class PageVariant:
    """The page of one article in one language's site."""

    lang: str
    """The language of the site the page belongs to (its URL prefix and interface)."""
    article: Article
    document: Document
    """What the reader sees: the translation, or the source for a fallback."""
    status: str

    @property
    def rel(self) -> str:
        return self.article.rel

    @property
    def docs_path(self) -> str:
        return f"{self.lang}/{self.article.rel}"

    @property
    def content_lang(self) -> str:
        """Language of the text itself; differs from `lang` on fallback pages."""
        return self.document.lang

    @property
    def is_fallback(self) -> bool:
        return self.status == FALLBACK


@dataclass
class SitePlan:
    languages: tuple[str, ...]
    audience: str
    variants: dict[str, PageVariant] = field(default_factory=dict)
    """Keyed by docs path (`el/complaints/faq.md`)."""
    findings: list[Finding] = field(default_factory=list)

    def __iter__(self) -> Iterator[PageVariant]:
        return iter(self.variants.values())

    def get(self, docs_path: str) -> PageVariant | None:
        return self.variants.get(docs_path)

    def variant(self, lang: str, rel: str) -> PageVariant | None:
        return self.variants.get(f"{lang}/{rel}")

    def siblings(self, variant: PageVariant) -> list[PageVariant]:
        """The same article in every language, in configured order (itself included)."""
        found = (self.variant(lang, variant.rel) for lang in self.languages)
        return [sibling for sibling in found if sibling is not None]


def is_published(document: Document, audience: str) -> bool:
    """The agent desk shows everything; the public site only what is clearly public."""
    return audience == "internal" or document.is_public


def plan_site(catalog: Catalog, audience: str) -> SitePlan:
    plan = SitePlan(catalog.languages, audience)
    for article in catalog:
        source = article.source
        if source is None or not is_published(source, audience):
            # Orphans have nothing to be current against; internal sources stay out.
            continue
        for lang in catalog.languages:
            document = article.documents.get(lang)
            if lang == catalog.source_language:
                variant = PageVariant(lang, article, source, SOURCE)
            elif document is not None and is_published(document, audience):
                variant = PageVariant(lang, article, document, TRANSLATED)
            else:
                variant = PageVariant(lang, article, source, FALLBACK)
                if document is None:
                    plan.findings.append(_missing(source, lang))
            plan.variants[variant.docs_path] = variant
    return plan


def _missing(source: Document, lang: str) -> Finding:
    return Finding(
        source.shown_path,
        None,
        f"not translated into '{lang}'; the {lang} site shows this page with a notice",
        f"Start a translation with 'kb new --lang {lang} {source.shown_path}'",
        kind="missing_translation",
    )
