"""Decide what is wrong with each link of each built page, without leaving the machine.

Every page of every language site is checked on its own, because the same Markdown file can
be shown on several sites (as a fallback) and a link that works on one may fail on another.
`summary.group` later folds those into one finding per place in a file.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from urllib.parse import unquote

from kb_builder.checks import advice
from kb_builder.checks.html import HtmlLink, scan
from kb_builder.checks.memo import CheckMemo
from kb_builder.checks.missing import MissingTargets
from kb_builder.checks.model import (
    BROKEN_ANCHOR,
    BROKEN_LINK,
    CROSS_LANGUAGE,
    FALLBACK_ANCHOR,
    MALFORMED_LINK,
    UNSAFE_LINK,
    UNTRANSLATED_TARGET,
    BuiltPage,
    ContentLink,
    ContentSource,
    Context,
    ExternalUse,
    Problem,
    Source,
    TemplateSource,
    shown,
)
from kb_builder.checks.sitemap import page_folder, resolve
from kb_builder.checks.urls import (
    EXTERNAL,
    INTERNAL,
    MALFORMED,
    UNSAFE,
    classify,
    split_reference,
)
from kb_builder.i18n.plan import TRANSLATED, PageVariant


@dataclass
class Outcome:
    problems: list[Problem] = field(default_factory=list)
    external: list[ExternalUse] = field(default_factory=list)


Report = Callable[..., None]
"""`report(kind, message, hint="")`: record a problem with the link being checked."""

_NOUNS = {
    "a": "link",
    "area": "link",
    "img": "image",
    "form": "form address",
    "button": "form address",
    "input": "form address",
    "base": "base address",
    "meta": "refresh address",
    "animate": "animated link",
    "set": "animated link",
}
NAME = "\x00link\x00"
"""Stands for how a message names its link ("the link 'x.md'"), filled in when reported."""


class LinkChecker:
    """Checks every link of every built page; `run()` returns what it found."""

    def __init__(self, context: Context, memo: CheckMemo | None = None) -> None:
        self.context = context
        self.memo = memo
        self.outcome = Outcome()
        self._verdicts: dict[tuple, tuple[Problem, ...]] = {}
        self._climbs: dict[str, int] = {}
        self.missing = MissingTargets(context)
        self._by_src: dict[str, BuiltPage] = {
            page.src_uri: page for page in context.pages.values() if page.src_uri
        }
        self._current = _Findings(self)
        self._report: Report = self._current.report

    def run(self) -> Outcome:
        memo = self.memo
        if memo is None:
            for page in self.context.pages.values():
                self._check_page(page)
            return self.outcome
        memo.start(self.context)
        problems, external = self.outcome.problems, self.outcome.external
        for dest, page in self.context.pages.items():
            kept = memo.known(dest, page)
            if kept is not None:
                problems.extend(kept.problems)
                external.extend(kept.external)
                continue
            first_problem, first_external = len(problems), len(external)
            self._check_page(page)
            memo.store(dest, page, problems[first_problem:], external[first_external:])
        memo.finish(self.context)
        return self.outcome

    # -- pages -----------------------------------------------------------------------

    def _check_page(self, page: BuiltPage) -> None:
        variant = self.context.plan.get(page.src_uri) if page.src_uri else None
        problems = self.outcome.problems
        for item in page.content:
            problems.extend(self._check(page, variant, item.link, item))
        self._check_chrome(page, variant)

    def _check_chrome(self, page: BuiltPage, variant: PageVariant | None) -> None:
        # The theme writes the same links on every page, and what a relative address points
        # at depends only on the folder its leading '../' climb to: pages share verdicts.
        # This loop runs for every theme link of every page, so it is kept lean.
        problems = self.outcome.problems
        site = variant.lang if variant is not None else None
        ancestors = _ancestors(page_folder(page.url))
        depth = len(ancestors)
        verdicts = self._verdicts
        climbs_of = self._climbs
        ids = page.ids
        for link in page.chrome:
            url = link.url
            if url[:1] == "#" and (len(url) == 1 or url[1:] in ids):
                continue  # the table of contents and 'skip to content' links
            climbs = climbs_of.get(url)
            if climbs is None:
                climbs = climbs_of[url] = _climbs(url)
            if climbs >= depth or url[:1] == "#":
                problems.extend(self._check(page, variant, link, None))
                continue
            key = (page.template, site, ancestors[climbs] if climbs >= 0 else "", link)
            verdict = verdicts.get(key)
            if verdict is None:
                verdict = verdicts[key] = tuple(self._check(page, variant, link, None))
                problems.extend(verdict)
            elif verdict:
                problems.extend(replace(problem, page=page.url) for problem in verdict)

    def _template_source(self, page: BuiltPage, link: HtmlLink) -> TemplateSource:
        return TemplateSource(page.template, link.url, self._target_of(page, link.url))

    def _target_of(self, page: BuiltPage, url: str) -> str:
        """What a theme link points at, written the same way from every page."""
        if url.startswith("#"):
            return url
        if ":" in url.split("/", 1)[0] or url.startswith("//"):
            return url
        path, query, fragment = split_reference(url)
        rel = resolve(path, page_folder(page.url), self.context.site_path)
        if rel is None:
            return url
        target = self.context.site_path + rel
        if query:
            target += "?" + query
        if fragment is not None:
            target += "#" + fragment
        return target

    # -- one link --------------------------------------------------------------------

    def _check(
        self,
        page: BuiltPage,
        variant: PageVariant | None,
        link: HtmlLink,
        item: ContentLink | None,
    ) -> list[Problem] | tuple[()]:
        """Problems of one link; `item` is None for a link written by the theme."""
        current = self._current
        current.start(page, variant, link, item)
        report = self._report
        url = link.url
        if ":" in url or url.startswith("//") or url[:1].isspace():
            address = classify(url, tag=link.tag, template=item is None)
            kind, url = address.kind, address.url
        else:  # a plain relative address: no scheme to worry about
            address, kind = None, INTERNAL
        if kind == INTERNAL:
            self._internal(page, variant, link, item, url, report)
        elif address is None:
            pass
        elif kind == UNSAFE:
            report(UNSAFE_LINK, f"{NAME} is unsafe: {address.problem}", address.hint)
        elif kind == MALFORMED:
            report(MALFORMED_LINK, f"{NAME} is malformed: {address.problem}", address.hint)
        elif kind == EXTERNAL:
            own = self._own_path(url)
            if own is not None:
                self._internal(page, variant, link, item, own, report)
            elif self.context.collect_external:
                site = variant.lang if variant is not None else None
                self.outcome.external.append(ExternalUse(url, current.source_of(), site, page.url))
        return current.found or ()

    def _name(self, link: HtmlLink, source: Source, item: ContentLink | None) -> str:
        noun = _NOUNS.get(link.tag, "file")
        if item is not None:
            return f"the {noun} '{shown(item.original)}'"
        assert isinstance(source, TemplateSource)
        return f"the theme's {noun} to '{shown(source.target)}'"

    def _own_path(self, url: str) -> str | None:
        """The path of an address on this very site (`https://help.example.com/el/`)."""
        host = self.context.site_host
        if not host:
            return None
        scheme, _, rest = url.partition("://")
        netloc, slash, path = rest.partition("/")
        if scheme.lower() not in ("http", "https") or netloc.lower() != host:
            return None
        return slash + path if slash else "/"

    # -- addresses inside the site ---------------------------------------------------

    def _internal(
        self,
        page: BuiltPage,
        variant: PageVariant | None,
        link: HtmlLink,
        item: ContentLink | None,
        url: str,
        report: Report,
    ) -> None:
        context = self.context
        path, _query, fragment = split_reference(url)
        if not path:
            target_page, target_variant = page, variant
        else:
            rel = resolve(path, page_folder(page.url), context.site_path)
            if rel is None:
                hint = self.missing.outside_hint(page, variant, item)
                report(BROKEN_LINK, f"{NAME} goes outside the site", hint)
                return
            dest = context.sitemap.find(rel)
            if dest is None:
                kind, message, hint = self.missing.explain(page, variant, item, rel)
                report(kind, f"{NAME} {message}", hint)
                return
            src = context.sitemap.dests.get(dest)
            target_page = context.pages.get(dest)
            target_variant = context.plan.get(src) if src else None
            if target_variant is not None and target_page is not page:
                self._languages(variant, link, item, target_variant, report)
        if fragment and target_page is not None:
            self._anchor(page, variant, item, target_page, target_variant, fragment, report)

    def _languages(
        self,
        variant: PageVariant | None,
        link: HtmlLink,
        item: ContentLink | None,
        target: PageVariant,
        report: Report,
    ) -> None:
        if variant is None:
            return
        site = variant.lang
        if target.lang != site:
            if link.switcher or link.hreflang == target.lang:
                return
            if "canonical" in link.rel.lower().split() and _original_of(variant, target):
                return  # a fallback page names the page it copies (see build.page_context)
            if item is None:
                report(
                    CROSS_LANGUAGE,
                    f"{NAME} leads from pages in other languages to a page in '{target.lang}'",
                    "Build the address from the page's language (`kb.lang` in templates), or "
                    f"add 'hreflang=\"{target.lang}\"' if switching language is intended",
                )
                return
            same = self.context.plan.variant(site, target.rel)
            if same is not None:
                document = variant.document
                instead = advice.relative_link(
                    advice.in_language(same.docs_path, site, document.lang), document.docs_path
                )
                hint = (
                    f"Link to '{instead}' (the '{site}' page) instead, or add "
                    f"'{{hreflang={target.lang}}}' after the link if '{target.lang}' is intended"
                )
            else:
                hint = (
                    f"Add '{{hreflang={target.lang}}}' after the link if '{target.lang}' "
                    "is intended"
                )
            report(
                CROSS_LANGUAGE,
                f"{NAME} leaves the '{site}' site for a page in '{target.lang}' "
                f"({target.document.shown_path})",
                hint,
            )
        elif item is not None and not variant.is_fallback and target.is_fallback:
            shown = target.document
            original = target.article.original or shown
            what = "original" if shown is original else "translation"
            report(
                UNTRANSLATED_TARGET,
                f"{NAME} goes to an article not translated into '{site}' yet: readers get "
                f"the '{shown.lang}' {what} with a notice",
                f"Translate {original.shown_path} ('kb new --lang {site} {original.shown_path}')",
            )

    def _anchor(
        self,
        page: BuiltPage,
        variant: PageVariant | None,
        item: ContentLink | None,
        target_page: BuiltPage,
        target_variant: PageVariant | None,
        fragment: str,
        report: Report,
    ) -> None:
        if fragment.startswith(":~:") or self._has_anchor(target_page, fragment):
            return
        anchor = unquote(fragment)
        if (
            item is not None
            and variant is not None
            and variant.is_fallback
            and target_variant is not None
            and target_variant.status == TRANSLATED
            and target_page is not page
        ):
            original = self._original_page(target_variant)
            if original is not None and self._has_anchor(original, fragment):
                translation = target_variant.document.shown_path
                report(
                    FALLBACK_ANCHOR,
                    f"{NAME} goes to the anchor '#{anchor}', which the translation "
                    f"{translation} does not have",
                    f"The '{variant.lang}' site shows this page untranslated, with links to "
                    f"'{variant.lang}' pages; give the heading in {translation} the same "
                    f"anchor ('## ... {{#{anchor}}}') or translate this page",
                )
                return
        if target_page is page:
            where = "this page"
        elif target_variant is not None:
            where = target_variant.document.shown_path
        else:
            where = f"'{self.context.site_path}{target_page.url}'"
        hint = advice.anchor_hint(anchor, target_page.ids, target_page.headings)
        report(
            BROKEN_ANCHOR,
            f"{NAME} goes to the anchor '#{anchor}', which {where} does not have",
            hint,
        )

    def _has_anchor(self, page: BuiltPage, fragment: str) -> bool:
        """True when a browser finds the fragment on the page (HTML's 'indicated part')."""
        decoded = unquote(fragment) if "%" in fragment else fragment
        if fragment in page.ids or decoded in page.ids or decoded.lower() == "top":
            return True
        if page.ids_complete:
            return False
        self._read_all_ids(page)
        return fragment in page.ids or decoded in page.ids

    def _read_all_ids(self, page: BuiltPage) -> None:
        # Only the article's ids are kept while building; the theme's (`__comments`, ...)
        # are read from the written file when a link needs one that is not in the article.
        site_dir = self.context.sitemap.site_dir
        page.ids_complete = True
        if site_dir is None:
            return
        try:
            with open(os.path.join(site_dir, *page.dest.split("/")), encoding="utf-8") as handle:
                page.ids |= scan(handle.read()).ids
        except OSError:
            return

    def _original_page(self, variant: PageVariant) -> BuiltPage | None:
        """The built page of the article's original (in its own language)."""
        lang = variant.article.original_language
        original = self.context.plan.variant(lang, variant.rel) if lang else None
        return self._by_src.get(original.docs_path) if original is not None else None


class _Findings:
    """What is found wrong with the link being checked.

    One object serves every link in turn, so a link without problems (nearly all of them)
    costs no allocation: checking a large site then also spends less time collecting garbage.
    """

    __slots__ = ("checker", "found", "item", "link", "page", "source", "variant")

    def __init__(self, checker: LinkChecker) -> None:
        self.checker = checker
        self.found: list[Problem] | None = None

    def start(
        self,
        page: BuiltPage,
        variant: PageVariant | None,
        link: HtmlLink,
        item: ContentLink | None,
    ) -> None:
        self.page, self.variant, self.link, self.item = page, variant, link, item
        self.source: Source | None = None
        self.found = None

    def source_of(self) -> Source:
        # Worked out only for links with a problem (or web addresses): most have none.
        if self.source is None:
            if self.item is None:
                self.source = self.checker._template_source(self.page, self.link)
            else:
                variant = self.variant
                document = variant.document if variant is not None else None
                where = self.page.src_uri or self.page.url
                self.source = ContentSource(
                    document, where, self.item.original, self.item.occurrence
                )
        return self.source

    def report(self, kind: str, message: str, hint: str = "") -> None:
        origin = self.source_of()
        text = message.replace(NAME, self.checker._name(self.link, origin, self.item), 1)
        site = self.variant.lang if self.variant is not None else None
        if self.found is None:
            self.found = []
        self.found.append(Problem(kind, origin, site, self.page.url, text, hint))


def _original_of(variant: PageVariant, target: PageVariant) -> bool:
    """Whether `target` is the page a fallback page shows the text of."""
    return variant.is_fallback and target.document is variant.document and not target.is_fallback


def _climbs(url: str) -> int:
    """How many folders a relative address climbs (`../../x` -> 2); -1 when the page it is
    on does not matter (`/x`, `https://...`)."""
    if url[:1] == "/" or ":" in url.split("/", 1)[0]:
        return -1
    climbs = 0
    while url.startswith("../", climbs * 3):
        climbs += 1
    return climbs


def _ancestors(folder: str) -> list[str]:
    """`el/a/` -> [`el/a/`, `el/`, ``]: the folders that `../` climbs to."""
    chain = [folder]
    while folder:
        folder = folder[: folder.rstrip("/").rfind("/") + 1]
        chain.append(folder)
    return chain
