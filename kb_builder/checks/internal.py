"""Decide what is wrong with each link of each built page, without leaving the machine.

Every page of every language site is checked on its own, because the same Markdown file can
be shown on several sites (as a fallback) and a link that works on one may fail on another.
`report.group` later folds those into one finding per place in a file.
"""

from __future__ import annotations

import os
import posixpath
from dataclasses import dataclass, field, replace
from urllib.parse import unquote

from kb_builder.checks import advice
from kb_builder.checks.html import HtmlLink, scan
from kb_builder.checks.model import (
    BROKEN_ANCHOR,
    BROKEN_LINK,
    CROSS_LANGUAGE,
    FALLBACK_ANCHOR,
    INTERNAL_LINK,
    MALFORMED_LINK,
    UNSAFE_LINK,
    UNTRANSLATED_TARGET,
    BuiltPage,
    ContentLink,
    ContentSource,
    ExternalUse,
    Problem,
    Source,
    TemplateSource,
    shown,
)
from kb_builder.checks.sitemap import SiteMap, page_folder, resolve, url_of_dest
from kb_builder.checks.urls import (
    EXTERNAL,
    INTERNAL,
    MALFORMED,
    UNSAFE,
    classify,
    split_reference,
)
from kb_builder.content.loader import is_markdown
from kb_builder.content.model import Catalog
from kb_builder.i18n.plan import TRANSLATED, PageVariant, SitePlan, is_published


@dataclass
class Context:
    """Everything the checks know about one build."""

    plan: SitePlan
    catalog: Catalog
    sitemap: SiteMap
    pages: dict[str, BuiltPage]
    """Built pages by output path."""
    docs_prefix: str = "content"
    """docs_dir as editors write it, to name files: `content/el/faq.md`."""
    site_path: str = "/"
    site_host: str = ""
    use_directory_urls: bool = True
    collect_external: bool = False


@dataclass
class Outcome:
    problems: list[Problem] = field(default_factory=list)
    external: list[ExternalUse] = field(default_factory=list)


_NOUNS = {"a": "link", "area": "link", "img": "image"}
NAME = "\x00link\x00"
"""Stands for how a message names its link ("the link 'x.md'"), filled in when reported."""


class LinkChecker:
    """Checks every link of every built page; `run()` returns what it found."""

    def __init__(self, context: Context) -> None:
        self.context = context
        self.outcome = Outcome()
        self._verdicts: dict[tuple, tuple[Problem, ...]] = {}
        self._climbs: dict[str, int] = {}
        self._docs_paths: list[str] | None = None
        self._by_src: dict[str, BuiltPage] = {
            page.src_uri: page for page in context.pages.values() if page.src_uri
        }

    def run(self) -> Outcome:
        for page in self.context.pages.values():
            self._check_page(page)
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
    ) -> list[Problem]:
        """Problems of one link; `item` is None for a link written by the theme."""
        found: list[Problem] = []
        site = variant.lang if variant is not None else None
        source: list[Source] = []

        def source_of() -> Source:
            # Worked out only for links with a problem (or web addresses): most have none.
            if not source:
                if item is None:
                    source.append(self._template_source(page, link))
                else:
                    document = variant.document if variant is not None else None
                    where = page.src_uri or page.url
                    source.append(ContentSource(document, where, item.original, item.occurrence))
            return source[0]

        def report(kind: str, message: str, hint: str = "") -> None:
            origin = source_of()
            text = message.replace(NAME, self._name(link, origin, item), 1)
            found.append(Problem(kind, origin, site, page.url, text, hint))

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
                self.outcome.external.append(ExternalUse(url, source_of(), site, page.url))
        return found

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

    def _internal(self, page, variant, link, item, url, report) -> None:
        context = self.context
        path, _query, fragment = split_reference(url)
        if not path:
            target_page, target_variant = page, variant
        else:
            rel = resolve(path, page_folder(page.url), context.site_path)
            if rel is None:
                report(
                    BROKEN_LINK,
                    f"{NAME} goes outside the site",
                    "Link to other pages with relative paths, for example '../pricing/faq.md'",
                )
                return
            dest = context.sitemap.find(rel)
            if dest is None:
                self._missing(page, variant, item, rel, report)
                return
            src = context.sitemap.dests.get(dest)
            target_page = context.pages.get(dest)
            target_variant = context.plan.get(src) if src else None
            if target_variant is not None and target_page is not page:
                self._languages(variant, link, item, target_variant, report)
        if fragment and target_page is not None:
            self._anchor(page, variant, item, target_page, target_variant, fragment, report)

    def _languages(self, variant, link, item, target, report) -> None:
        if variant is None:
            return
        site = variant.lang
        if target.lang != site:
            if link.switcher or link.hreflang == target.lang:
                return
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
                    _in_language(same.docs_path, site, document.lang), document.docs_path
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
            original = target.document
            report(
                UNTRANSLATED_TARGET,
                f"{NAME} goes to an article not translated into '{site}' yet: readers get "
                f"the '{original.lang}' original with a notice",
                f"Translate {original.shown_path} ('kb new --lang {site} {original.shown_path}')",
            )

    def _anchor(self, page, variant, item, target_page, target_variant, fragment, report) -> None:
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
            original = self._source_page(target_variant)
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

    def _source_page(self, variant: PageVariant) -> BuiltPage | None:
        """The built page of the article in the source language."""
        source = self.context.plan.variant(self.context.catalog.source_language, variant.rel)
        return self._by_src.get(source.docs_path) if source is not None else None

    # -- targets that do not exist ---------------------------------------------------

    def _missing(self, page, variant, item, rel, report) -> None:
        context = self.context
        document = variant.document if variant is not None else None
        written = self._intended(page, item) if item is not None and item.markdown else []
        intended = [*written, *(c for c in _docs_candidates(rel) if c not in written)]
        for docs_path in intended:
            leftout = self._left_out(docs_path)
            if leftout is not None:
                kind, message, hint = leftout
                report(kind, f"{NAME} goes to {message}", hint)
                return
        hint = self._moved_by_fallback(variant, document, written) or self._suggest(
            variant, document, item, rel, intended
        )
        if item is None:
            report(BROKEN_LINK, f"{NAME} goes to a page or file that does not exist", hint)
            return
        target = f"{context.docs_prefix}/{written[0]}" if written else f"'{context.site_path}{rel}'"
        report(BROKEN_LINK, f"{NAME} goes to {target}, which does not exist", hint)

    def _moved_by_fallback(self, variant, document, written: list[str]) -> str:
        """Why a relative file link works in the original but not on a fallback site."""
        if not written or variant is None or not variant.is_fallback or document is None:
            return ""
        own = _in_language(written[0], variant.lang, document.lang)
        if own == written[0] or own not in self.context.sitemap.dests:
            return ""
        prefix = self.context.docs_prefix
        return (
            f"The '{variant.lang}' site shows this page untranslated, as if it were in "
            f"{prefix}/{variant.lang}/, where the file is missing; keep files that every "
            f"language uses outside the language folders (for example in {prefix}/images/)"
        )

    def _intended(self, page: BuiltPage, item: ContentLink) -> list[str]:
        """The docs_dir file a Markdown link names, read as MkDocs reads it.

        Only for links to a file (`x.md`, `img/x.png`): an address like `../x/` is a URL,
        which the browser resolves from the page's address, not from the file's folder.
        """
        path = unquote(split_reference(item.original)[0]).replace("\\", "/")
        if not posixpath.splitext(path.rstrip("/"))[1] or path.endswith("/"):
            return []
        if path.startswith("/"):
            target = posixpath.normpath(path.lstrip("/"))
        else:
            folder = posixpath.dirname(page.src_uri or "")
            target = posixpath.normpath(posixpath.join(folder, path))
        return [] if target.startswith("..") else [target]

    def _left_out(self, docs_path: str) -> tuple[str, str, str] | None:
        """Why an article that exists in content/ has no page here, if it does exist."""
        lang, _, rel = docs_path.partition("/")
        catalog = self.context.catalog
        article = catalog.articles.get(rel)
        if lang not in catalog.languages or article is None:
            return None
        shown = self.context.docs_prefix + "/" + docs_path
        if article.source is None:
            return (
                BROKEN_LINK,
                f"{shown}, which is not published because it has no "
                f"'{catalog.source_language}' source",
                f"Add {self.context.docs_prefix}/{catalog.source_language}/{rel} "
                "or remove the link",
            )
        if self.context.plan.audience == "public" and not is_published(article.source, "public"):
            internal = article.documents.get(lang) or article.source
            return (
                INTERNAL_LINK,
                f"{internal.shown_path}, which is internal and left out of the public site",
                "Remove the link from this public page, or set 'audience: public' in "
                f"{article.source.shown_path} if customers may read it",
            )
        return None

    def _suggest(self, variant, document, item, rel, intended) -> str:
        near = self.context.sitemap.near_miss(rel)
        if near is not None:
            suggestion = self._as_written(near, variant, document, item)
            return f"Letter case or accents differ from the real name: did you mean '{suggestion}'?"
        if item is not None:
            typo = advice.web_typo(item.original)
            if typo is not None:
                return f"Did you mean '{typo}'?"
        known = self._known_docs_paths()
        known_set = set(known)
        for candidate in intended:
            if candidate in known_set:
                return f"Did you mean '{self._as_written(candidate, variant, document, item)}'?"
        wanted = intended[0] if intended else rel
        lang = variant.lang if variant is not None else None
        pages = is_markdown(wanted)
        pool = [
            path
            for path in known
            if is_markdown(path) == pages
            and (lang is None or not pages or path.startswith(f"{lang}/"))
        ]
        close = advice.close_path(wanted, pool)
        if close is not None:
            return f"Did you mean '{self._as_written(close, variant, document, item)}'?"
        if item is not None:
            return "Check the path: links are relative to the file they are written in"
        return "Check the address in the template"

    def _as_written(self, docs_or_dest: str, variant, document, item) -> str:
        """How the editor should write a link to a docs path (or output path)."""
        path = docs_or_dest
        if not is_markdown(path) and path in self.context.sitemap.dests:
            path = self.context.sitemap.dests[path] or path
        if item is not None and document is not None and item.markdown:
            site = variant.lang if variant is not None else None
            return advice.relative_link(_in_language(path, site, document.lang), document.docs_path)
        return self._url_of(path)

    def _url_of(self, docs_path: str) -> str:
        if is_markdown(docs_path):
            stem = posixpath.splitext(docs_path)[0]
            if posixpath.basename(stem) in ("index", "README"):
                url = posixpath.dirname(stem) + "/" if posixpath.dirname(stem) else ""
            elif self.context.use_directory_urls:
                url = stem + "/"
            else:
                url = stem + ".html"
        else:
            url = url_of_dest(docs_path, self.context.use_directory_urls)
        return self.context.site_path + url

    def _known_docs_paths(self) -> list[str]:
        if self._docs_paths is None:
            paths = [variant.docs_path for variant in self.context.plan]
            paths += [dest for dest, src in self.context.sitemap.dests.items() if src is None]
            self._docs_paths = sorted(set(paths))
        return self._docs_paths


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


def _docs_candidates(rel: str) -> list[str]:
    """docs_dir paths a site path may have been built from (`el/a/` <- `el/a.md` ...)."""
    if is_markdown(rel):
        return [rel]
    if rel.endswith(".html"):
        return [rel[: -len(".html")] + ".md"]
    if rel == "" or rel.endswith("/"):
        stem = rel.rstrip("/")
        found = [f"{stem}.md"] if stem else []
        return [*found, f"{rel}index.md", f"{rel}README.md"]
    if posixpath.splitext(rel)[1]:
        return []
    return [f"{rel}.md", f"{rel}/index.md"]


def _in_language(docs_path: str, site: str | None, lang: str) -> str:
    """A path in the `site` language folder, moved to `lang`'s (`el/a.md` -> `en/a.md`).

    Suggestions are found among the pages of the site the link broke on, but the editor
    writes the link in the file's own language folder.
    """
    if site and docs_path.startswith(site + "/"):
        return lang + docs_path[len(site) :]
    return docs_path
