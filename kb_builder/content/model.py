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
    """Effective audience after applying the original's audience and the fail-closed default."""

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
    documents: dict[str, Document] = field(default_factory=dict)
    original_language: str | None = None
    """The language the article was written in (see `content.originals`); None when every
    file is a translation of one that no longer exists (orphans)."""
    original_rule: str = ""
    """Which rule of `content.originals` chose the original (`only`, `marked` ...)."""

    @property
    def original(self) -> Document | None:
        """The version every translation follows; None for orphaned translations."""
        if self.original_language is None:
            return None
        return self.documents.get(self.original_language)

    @property
    def site_languages(self) -> tuple[str, ...] | None:
        """The only language sites the article appears on (its original's `languages:`),
        or None when it appears on all of them."""
        original = self.original
        return original.front.languages if original is not None else None

    def appears_in(self, lang: str) -> bool:
        """Whether the article has a page on `lang`'s site (restricted by `languages:`)."""
        allowed = self.site_languages
        return allowed is None or lang in allowed

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
        """The article's audience is its original's; an orphan counts as internal."""
        original = self.original
        return original.audience if original is not None else "internal"


@dataclass
class Catalog:
    """Every article in every language, keyed by language-relative path."""

    languages: tuple[str, ...]
    default_language: str
    """The site's default language: read into `source_hash`-only translations (translated
    from it), the root redirect's last resort. Not a language every article must have."""
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
            article = self.articles[document.rel] = Article(document.rel)
        article.documents[document.lang] = document
