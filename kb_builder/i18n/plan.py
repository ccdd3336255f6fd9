"""Which page is published at which address, in which language, and in what state.

Decided once per build from the catalog, before MkDocs reads any page: every public
(or, for the agent desk, every) article gets a page on every language site it appears on
(all of them, or those its original's `languages:` names): its original, its translation,
or, as a fallback with a notice, the version the language's `fallback:` list prefers (the
original when the list names none that exists).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from kb_builder.content.model import Article, Catalog, Document
from kb_builder.findings import Finding

ORIGINAL = "original"
TRANSLATED = "translated"
FALLBACK = "fallback"


@dataclass(frozen=True)
class PageVariant:
    """The page of one article in one language's site."""

    lang: str
    """The language of the site the page belongs to (its URL prefix and interface)."""
    article: Article
    document: Document
    """What the reader sees: the original, the translation, or for a fallback the version
    the language's fallback list chose."""
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


def plan_site(
    catalog: Catalog, audience: str, fallbacks: Mapping[str, Sequence[str]] | None = None
) -> SitePlan:
    """Every page of the site; `fallbacks` is the plugin's `fallback:` option."""
    plan = SitePlan(catalog.languages, audience)
    fallbacks = fallbacks or {}
    for article in catalog:
        original = article.original
        if original is None or not is_published(original, audience):
            # Orphans have nothing to be current against; internal originals stay out.
            continue
        for lang in catalog.languages:
            if not article.appears_in(lang):
                continue
            document = article.documents.get(lang)
            if lang == original.lang:
                variant = PageVariant(lang, article, original, ORIGINAL)
            elif document is not None and is_published(document, audience):
                variant = PageVariant(lang, article, document, TRANSLATED)
            else:
                shown = fallback_document(article, fallbacks.get(lang, ()), audience)
                variant = PageVariant(lang, article, shown, FALLBACK)
                if document is None:
                    plan.findings.append(_missing(original, lang))
            plan.variants[variant.docs_path] = variant
    return plan


def fallback_document(article: Article, order: Sequence[str], audience: str) -> Document:
    """What a language without its own version of `article` shows: the first version in
    `order` that this build publishes, else the original."""
    for lang in order:
        document = article.documents.get(lang)
        if document is not None and article.appears_in(lang) and is_published(document, audience):
            return document
    original = article.original
    if original is None:  # pragma: no cover - orphans get no pages
        raise ValueError(f"{article.rel}: an article without an original has no pages")
    return original


def _missing(original: Document, lang: str) -> Finding:
    return Finding(
        original.shown_path,
        None,
        f"not translated into '{lang}'; the {lang} site shows this page with a notice",
        f"Start a translation with 'kb new --lang {lang} {original.shown_path}'",
        kind="missing_translation",
    )
