"""Why a link's target is not in the build, and what the editor probably meant.

A page can be missing because it was never written, because it is internal and the public
site leaves it out, because its original no longer exists, or because its original limits
it to other language sites (`languages:`); a file can be missing on
a language site that shows a page untranslated. The hint names the likely intended target,
written the way the editor writes links: relative to the Markdown file.
"""

from __future__ import annotations

import os
import posixpath
from urllib.parse import unquote

from kb_builder.checks import advice
from kb_builder.checks.advice import in_language
from kb_builder.checks.model import BROKEN_LINK, INTERNAL_LINK, BuiltPage, ContentLink, Context
from kb_builder.checks.sitemap import fold, url_of_dest
from kb_builder.checks.urls import split_reference
from kb_builder.content.loader import is_markdown
from kb_builder.content.model import Document
from kb_builder.content.source import nfc
from kb_builder.i18n.plan import PageVariant, is_published


class MissingTargets:
    """Explains links to targets that are not in the build."""

    def __init__(self, context: Context) -> None:
        self.context = context
        self._docs_paths: list[str] | None = None
        self._folded: dict[str, str] | None = None

    def explain(
        self,
        page: BuiltPage,
        variant: PageVariant | None,
        item: ContentLink | None,
        rel: str,
    ) -> tuple[str, str, str]:
        """(kind, message, hint) for a link from `page` to site path `rel`, which is not in
        the build; the message follows the link's name ("the link 'x.md' ...")."""
        context = self.context
        document = variant.document if variant is not None else None
        written = self._intended(page, item) if item is not None and item.markdown else []
        intended = [*written, *(c for c in docs_candidates(rel) if c not in written)]
        for docs_path in intended:
            leftout = self._left_out(docs_path)
            if leftout is not None:
                kind, message, hint = leftout
                return kind, f"goes to {message}", hint
        hint = self._moved_by_fallback(variant, document, written) or self._suggest(
            variant, document, item, rel, intended
        )
        if item is None:
            return BROKEN_LINK, "goes to a page or file that does not exist", hint
        target = f"{context.docs_prefix}/{written[0]}" if written else f"'{context.site_path}{rel}'"
        return BROKEN_LINK, f"goes to {target}, which does not exist", hint

    def outside_hint(
        self, page: BuiltPage, variant: PageVariant | None, item: ContentLink | None
    ) -> str:
        """What to write instead of an address above the folder the site is served from."""
        document = variant.document if variant is not None else None
        written = self._intended(page, item) if item is not None and item.markdown else []
        known = set(self._known_docs_paths())
        if written and written[0] in known:
            suggestion = self._as_written(written[0], variant, document, item)
            return (
                f"Did you mean '{suggestion}'? Addresses starting with '/' break when the "
                "site is served from a folder; link relative to this file"
            )
        return "Link to other pages with relative paths, for example '../pricing/faq.md'"

    def _moved_by_fallback(
        self, variant: PageVariant | None, document: Document | None, written: list[str]
    ) -> str:
        """Why a relative file link works in the original but not on a fallback site."""
        if not written or variant is None or not variant.is_fallback or document is None:
            return ""
        own = in_language(written[0], variant.lang, document.lang)
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
        original = article.original
        if original is None:
            return (
                BROKEN_LINK,
                f"{shown}, which is not published because its original no longer exists",
                "Restore the original or remove the link",
            )
        if not article.appears_in(lang):
            allowed = ", ".join(article.site_languages or ())
            return (
                BROKEN_LINK,
                f"{shown}, which is not on the '{lang}' site: its original "
                f"{original.shown_path} limits it to 'languages: [{allowed}]'",
                f"Remove the link, or add {lang} to 'languages:' in {original.shown_path}",
            )
        if self.context.plan.audience == "public" and not is_published(original, "public"):
            internal = article.documents.get(lang) or original
            return (
                INTERNAL_LINK,
                f"{internal.shown_path}, which is internal and left out of the public site",
                "Remove the link from this public page, or set 'audience: public' in "
                f"{original.shown_path} if customers may read it",
            )
        return None

    def _suggest(
        self,
        variant: PageVariant | None,
        document: Document | None,
        item: ContentLink | None,
        rel: str,
        intended: list[str],
    ) -> str:
        folded = self._folded_docs_paths()
        for candidate in intended:
            real = folded.get(fold(candidate))
            if real is not None and real != candidate:
                suggestion = self._as_written(real, variant, document, item)
                if nfc(candidate) == real:
                    return (
                        "The name is typed with decomposed accents (Unicode NFD), which web "
                        f"servers do not match; retype it as '{suggestion}'"
                    )
                return f"Letter case differs from the real name: did you mean '{suggestion}'?"
        near = self.context.sitemap.near_miss(rel)
        if near is not None:
            suggestion = self._as_written(near, variant, document, item)
            if nfc(rel) in (
                near,
                near.removesuffix("index.html"),
                near.removesuffix("/index.html"),
            ):
                return (
                    "The name is typed with decomposed accents (Unicode NFD), which web "
                    f"servers do not match; retype it as '{suggestion}'"
                )
            return f"Letter case differs from the real name: did you mean '{suggestion}'?"
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

    def _as_written(
        self,
        docs_or_dest: str,
        variant: PageVariant | None,
        document: Document | None,
        item: ContentLink | None,
    ) -> str:
        """How the editor should write a link to a docs path (or output path)."""
        path = docs_or_dest
        if not is_markdown(path) and path in self.context.sitemap.dests:
            path = self.context.sitemap.dests[path] or path
        if item is not None and document is not None and item.markdown:
            site = variant.lang if variant is not None else None
            return advice.relative_link(in_language(path, site, document.lang), document.docs_path)
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
        """Pages and files a link could mean: published ones, and files of docs_dir that
        the public site leaves out because no page uses them (yet)."""
        if self._docs_paths is None:
            paths = {variant.docs_path for variant in self.context.plan}
            paths |= {dest for dest, src in self.context.sitemap.dests.items() if src is None}
            paths |= set(_files_in(self.context.docs_dir))
            self._docs_paths = sorted(paths)
        return self._docs_paths

    def _folded_docs_paths(self) -> dict[str, str]:
        if self._folded is None:
            self._folded = {}
            for path in self._known_docs_paths():
                self._folded.setdefault(fold(path), path)
        return self._folded


def _files_in(folder: str | None) -> list[str]:
    """Every file under `folder`, as NFC '/'-separated paths relative to it."""
    if not folder or not os.path.isdir(folder):
        return []
    found = []
    for root, dirs, names in os.walk(folder):
        dirs[:] = [name for name in dirs if not name.startswith(".")]
        for name in names:
            if not name.startswith("."):
                relative = os.path.relpath(os.path.join(root, name), folder)
                found.append(nfc(relative.replace(os.sep, "/")))
    return found


def docs_candidates(rel: str) -> list[str]:
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
