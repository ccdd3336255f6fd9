"""The article model: one `Article` per path, one `Document` per language version of it."""

from __future__ import annotations

import posixpath
from collections.abc import Iterator
from dataclasses import dataclass, field

from kb_builder.content.frontmatter import FrontMatter


@dataclass(frozen=True)
class Document:
    """One language version of an article, as written on disk."""

    lang: str
    rel: str
    """Path inside the language folder, NFC, '/'-separated: `complaints/faq.md`."""
    front: FrontMatter
    body: str
    body_line: int
    """File line where the body starts, so findings in the body can cite the file's line."""
    disk_uri: str
    """Path inside docs_dir exactly as found on disk (may be NFD on macOS)."""
    shown_path: str
    """Path shown in messages, relative to the project: `content/el/complaints/faq.md`."""
    audience: str = "internal"
    """Effective audience after applying the source's audience and the fail-closed default."""

    @property
    def docs_path(self) -> str:
        """NFC path inside docs_dir: `el/complaints/faq.md`."""
        return f"{self.lang}/{self.rel}"

    @property
    def is_public(self) -> bool:
        return self.audience == "public"


@dataclass
class Article:
    """All language versions of one article (they share `rel`)."""

    rel: str
    source_language: str
    documents: dict[str, Document] = field(default_factory=dict)

    @property
    def source(self) -> Document | None:
        """The version in the source language; None for an orphaned translation."""
        return self.documents.get(self.source_language)

    @property
    def section(self) -> str:
        """Top-level folder (`complaints`), or '' for pages at the language root."""
        head = self.rel.split("/", 1)
        return head[0] if len(head) == 2 else ""

    @property
    def folder(self) -> str:
        return posixpath.dirname(self.rel)

    @property
    def is_index(self) -> bool:
        return posixpath.basename(self.rel) in ("index.md", "README.md")

    @property
    def audience(self) -> str:
        """The article's audience is its source's; an orphan counts as internal."""
        source = self.source
        return source.audience if source is not None else "internal"


@dataclass
class Catalog:
    """Every article in every language, keyed by language-relative path."""

    languages: tuple[str, ...]
    source_language: str
    articles: dict[str, Article] = field(default_factory=dict)

    def __iter__(self) -> Iterator[Article]:
        return iter(self.articles.values())

    def __len__(self) -> int:
        return len(self.articles)

    def document(self, lang: str, rel: str) -> Document | None:
        article = self.articles.get(rel)
        return article.documents.get(lang) if article else None

    def documents(self) -> Iterator[Document]:
        for article in self.articles.values():
            yield from article.documents.values()

    def add(self, document: Document) -> None:
        article = self.articles.get(document.rel)
        if article is None:
            article = self.articles[document.rel] = Article(document.rel, self.source_language)
        article.documents[document.lang] = document
