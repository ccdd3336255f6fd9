"""Related articles: other pages in the reader's language on the same subject.

"Same subject" means sharing tags, or the same section (top-level folder). Candidates are
pages of the same language site that are written in that language (not untranslated
fallbacks, which would send a reader to text in another language), never the language's
home page or section overviews, and on the public site never anything not public.
"""

from __future__ import annotations

import heapq
import posixpath
from collections import Counter, defaultdict
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
    """Pages of each language by tag and by section, built once per build.

    Asked once per page, so it must not compare each page with every other: a section of a
    large knowledge base holds hundreds of pages. Candidates of one score rank by one key (the
    page's own section first, then order, then path), so each level is sorted only as far
    as the page's list still needs entries.
    """

    def __init__(self, plan: SitePlan) -> None:
        self.plan = plan
        self._by_tag: dict[tuple[str, str], list[str]] = defaultdict(list)
        self._by_section: dict[tuple[str, str], list[str]] = defaultdict(list)
        self._variants: dict[str, PageVariant] = {}
        self._order: dict[str, tuple[int, str]] = {}
        self._sections: dict[str, str] = {}
        self._ranked: dict[tuple, list[tuple[str, int]]] = {}
        for variant in plan:
            if not _candidate(variant, plan):
                continue
            path = variant.docs_path
            self._variants[path] = variant
            order = variant.document.front.order
            self._order[path] = (order if order is not None else 1 << 30, path)
            self._sections[path] = variant.article.section
            for tag in _tags(variant):
                self._by_tag[variant.lang, tag].append(path)
            if variant.article.section:
                self._by_section[variant.lang, variant.article.section].append(path)
        for paths in self._by_section.values():
            paths.sort(key=self._order.__getitem__)

    def related(self, variant: PageVariant, limit: int) -> tuple[Related, ...]:
        """Up to `limit` pages related to `variant`, most related first: more shared tags
        (each worth TAG_WEIGHT) plus the same section (SECTION_WEIGHT), then the same
        section, then front matter `order`, then path."""
        if limit <= 0:
            return ()
        # Pages with the same tags in the same section have the same list but for
        # themselves: ranked once per build, one entry more, each page leaves itself out.
        tags = frozenset(_tags(variant))
        key = (variant.lang, tags, variant.article.section, limit)
        ranked = self._ranked.get(key)
        if ranked is None:
            ranked = self._ranked[key] = self._rank(key[0], tags, key[2], limit + 1)
        chosen = [(path, score) for path, score in ranked if path != variant.docs_path][:limit]
        return tuple(
            Related(
                self._variants[path].document.front.title,
                self._variants[path].document.front.description,
                path,
                score,
            )
            for path, score in chosen
        )

    def _rank(
        self, lang: str, tags: frozenset[str], section: str, limit: int
    ) -> list[tuple[str, int]]:
        shared: Counter[str] = Counter()
        for tag in tags:
            shared.update(self._by_tag.get((lang, tag), ()))
        in_section = self._by_section.get((lang, section), []) if section else []
        section_set = set(in_section) if shared else set()
        # Levels by score, highest first; ties keep the section's own pages first.
        levels: dict[int, list[str]] = defaultdict(list)
        for path, count in shared.items():
            levels[count * TAG_WEIGHT + (SECTION_WEIGHT if path in section_set else 0)].append(path)
        sections, order = self._sections, self._order

        def rank(path: str) -> tuple[bool, int, str]:
            return (sections[path] != section, *order[path])

        chosen: list[tuple[str, int]] = []
        for score in sorted(levels, reverse=True):
            wanted = limit - len(chosen)
            if wanted <= 0:
                break
            best = heapq.nsmallest(wanted, levels[score], key=rank)
            chosen.extend((path, score) for path in best)
        if len(chosen) < limit and SECTION_WEIGHT > 0:
            # Pages sharing only the section, already in rank order.
            for path in in_section:
                if path not in shared:
                    chosen.append((path, SECTION_WEIGHT))
                    if len(chosen) == limit:
                        break
        return chosen


def _tags(variant: PageVariant) -> set[str]:
    return {tag.casefold() for tag in variant.document.front.tags}
