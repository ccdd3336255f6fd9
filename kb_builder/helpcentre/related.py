"""Related articles: other pages in the reader's language on the same subject.

"Same subject" means sharing tags, or the same section (top-level folder). Candidates are
pages of the same language site that are written in that language (not untranslated
fallbacks, which would send a reader to text in another language), never the language's
home page or section overviews, and on the public site never anything not public.
"""

from __future__ import annotations

import posixpath
from collections import defaultdict
from dataclasses import dataclass

from kb_builder.i18n.plan import PageVariant, SitePlan, is_published

TAG_WEIGHT = 2
"""A shared tag says more about a subject than a shared folder."""
SECTION_WEIGHT = 1


@dataclass(frozen=True)
class Related:
    title: str
    description: str
    docs_path: str
    """`el/complaints/faq.md`; the view turns it into a URL."""
    score: int


def _candidate(variant: PageVariant, plan: SitePlan) -> bool:
    return (
        not variant.is_fallback
        and variant.content_lang == variant.lang
        and posixpath.basename(variant.rel) != "index.md"
        and is_published(variant.document, plan.audience)
        and (plan.audience != "public" or variant.document.is_public)
    )


class RelatedIndex:
    """Pages of each language by tag and by section, built once per build."""

    def __init__(self, plan: SitePlan) -> None:
        self.plan = plan
        self._by_tag: dict[tuple[str, str], list[PageVariant]] = defaultdict(list)
        self._by_section: dict[tuple[str, str], list[PageVariant]] = defaultdict(list)
        for variant in plan:
            if not _candidate(variant, plan):
                continue
            for tag in _tags(variant):
                self._by_tag[variant.lang, tag].append(variant)
            if variant.article.section:
                self._by_section[variant.lang, variant.article.section].append(variant)

    def related(self, variant: PageVariant, limit: int) -> tuple[Related, ...]:
        """Up to `limit` pages related to `variant`, most related first."""
        if limit <= 0:
            return ()
        scores: dict[str, int] = defaultdict(int)
        found: dict[str, PageVariant] = {}
        for tag in _tags(variant):
            for other in self._by_tag.get((variant.lang, tag), ()):
                scores[other.docs_path] += TAG_WEIGHT
                found[other.docs_path] = other
        if variant.article.section:
            for other in self._by_section.get((variant.lang, variant.article.section), ()):
                scores[other.docs_path] += SECTION_WEIGHT
                found[other.docs_path] = other
        scores.pop(variant.docs_path, None)

        def rank(path: str) -> tuple[int, int, int, str]:
            other = found[path]
            order = other.document.front.order
            same_section = other.article.section == variant.article.section
            return (-scores[path], not same_section, order if order is not None else 1 << 30, path)

        return tuple(
            Related(
                found[path].document.front.title,
                found[path].document.front.description,
                path,
                scores[path],
            )
            for path in sorted(scores, key=rank)[:limit]
        )


def _tags(variant: PageVariant) -> set[str]:
    return {tag.casefold() for tag in variant.document.front.tags}
