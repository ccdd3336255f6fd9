"""Dependency-aware rebuilds for `mkdocs serve --dirty`: render again exactly the pages an
edit changes, and nothing else.

MkDocs' own `--dirty` renders a page again when its source file is newer than its output,
which is wrong for a knowledge base: a title change must reach the menu of every page of its
section in every language, a new translation must reach the switcher of the article's pages,
a renamed heading must reach the pages that link to it. kb_builder creates the page files,
so it can answer MkDocs' question (`File.is_modified`) itself.

The answer comes from a fingerprint per page: a digest of everything kb_builder hands MkDocs
and the theme for that page, computed from the plan before any page is rendered:

- the whole site: the kb_builder version, mkdocs.yml (and the file it inherits), every
  template and override of the theme, and the names of the files that are not pages;
- the page: its language, status and notices, the text and front matter it shows, its
  language switcher, its canonical address, its search record;
- its menu: every entry of the menu it carries (titles, addresses), its previous and next
  page, its parents;
- its links: for every page or address its Markdown mentions, whether it exists, where it is
  published, in what state, and the anchors it has (links are rewritten to the anchors of the
  page they lead to).

A page whose fingerprint matches the last build's is left as it is on disk; every other
page, and every page kb_builder cannot fingerprint (the language chooser, the coverage
page), is rendered again. When the site-wide part changes, every page is. What a skipped
page contributed to the link checks and the search index is carried over from the last
build, so both stay complete.
"""

from __future__ import annotations

import functools
import gc
import hashlib
import os
import posixpath
import re
import sysconfig
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from urllib.parse import unquote

from mkdocs.structure import StructureItem
from mkdocs.structure.files import File
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from kb_builder import __version__
from kb_builder.checks.memo import CheckMemo
from kb_builder.content.model import Document
from kb_builder.i18n.plan import PageVariant
from kb_builder.search.index import SearchCopies

# Every address a page's Markdown may mention: inline links and images, reference
# definitions, autolinks and raw HTML attributes. Reading too many only costs a rebuild.
_DESTINATIONS = re.compile(
    r"\]\(\s*<?([^)\s>]+)"
    r"|^[ \t]*\[[^\]\n]+\]:[ \t]*<?(\S+?)>?(?:[ \t]|$)"
    r"|\b(?:href|src|srcset|data|action|poster)\s*=\s*[\"']([^\"']+)"
    r"|<(\.\.?/[^>\s]+)>",
    re.MULTILINE | re.IGNORECASE,
)
_INHERIT = re.compile(r"^INHERIT:\s*['\"]?([^'\"\n#]+?)['\"]?\s*(?:#.*)?$", re.MULTILINE)


class PreviewFile(File):
    """A page file whose `is_modified` answers from kb_builder's fingerprints."""

    rebuild: bool = True

    def is_modified(self) -> bool:
        return self.rebuild


def preview_file(file: File) -> PreviewFile:
    """The same file (same paths, same content), as a `PreviewFile`."""
    copy = PreviewFile(
        file.src_uri,
        file.src_dir,
        file.dest_dir,
        file.use_directory_urls,
        dest_uri=file.dest_uri,
        inclusion=file.inclusion,
    )
    copy.generated_by = file.generated_by
    copy.edit_uri = file.edit_uri
    copy.abs_src_path = file.abs_src_path
    if file.generated_by is not None or file.src_dir is None or _in_memory(file):
        copy.content_bytes = file.content_bytes
    return copy


def _in_memory(file: File) -> bool:
    return getattr(file, "_content", None) is not None


def site_fingerprint(
    config_file: str | None, theme_dirs: Iterable[str], other_files: Iterable[str]
) -> str:
    """What every page depends on: kb_builder, mkdocs.yml, the theme, the non-page files."""
    digest = hashlib.sha256(__version__.encode())
    # `mkdocs serve -f x.yml` names the file as typed for the first build and in full for
    # the rebuilds: the same file must give the same fingerprint.
    first = os.path.realpath(config_file) if config_file else None
    for path in _config_files(first):
        digest.update(path.encode())
        digest.update(_read(path))
    for folder in theme_dirs:
        for path, stat in _walk(folder, icons_by_folder=_installed(folder)):
            digest.update(f"{path}\0{stat.st_mtime_ns}\0{stat.st_size}\n".encode())
    for name in sorted(other_files):
        digest.update(f"file\0{name}\n".encode())
    return digest.hexdigest()


def _config_files(config_file: str | None) -> Iterator[str]:
    seen: set[str] = set()
    while config_file and config_file not in seen and os.path.isfile(config_file):
        seen.add(config_file)
        yield config_file
        match = _INHERIT.search(_read(config_file).decode("utf-8", "replace"))
        if match is None:
            return
        config_file = os.path.realpath(
            os.path.join(os.path.dirname(config_file), match.group(1).strip())
        )


def _read(path: str) -> bytes:
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except OSError:
        return b""


ICONS = ".icons"
"""Material's icon folders: 14,000 files, a tenth of a second to look at on every save."""


def _installed(folder: str) -> bool:
    """A theme that pip installed (Material itself), not one of the project's folders."""
    real = os.path.realpath(folder)
    return any(
        real.startswith(os.path.realpath(root) + os.sep)
        for root in {sysconfig.get_path("purelib"), sysconfig.get_path("platlib")}
    )


def _walk(folder: str, *, icons_by_folder: bool = False) -> Iterator[tuple[str, os.stat_result]]:
    """Every file under `folder` with its stat. `icons_by_folder`: the icons of an installed
    theme count by their folders, which change when an icon is added, removed or renamed
    (pip replaces files that way); an icon edited in place there is not seen."""
    for root, dirs, names in os.walk(folder):
        dirs.sort()
        by_folder = icons_by_folder and ICONS in root[len(folder) :].split(os.sep)
        for path in [root] if by_folder else (os.path.join(root, name) for name in sorted(names)):
            try:
                stat = os.stat(path)
            except OSError:
                continue
            yield path, stat


def destinations(markdown: str) -> frozenset[str]:
    """The addresses a page's Markdown mentions, without their `#anchor` or `?query`."""
    return _destinations(markdown)


@functools.lru_cache(maxsize=1 << 14)
def _destinations(markdown: str) -> frozenset[str]:
    # Kept between rebuilds: most pages' Markdown is the same from one save to the next.
    found = set()
    for match in _DESTINATIONS.finditer(markdown):
        value = next(group for group in match.groups() if group is not None)
        for item in value.split(","):  # srcset lists several
            address = item.strip().split(" ", 1)[0].split("#", 1)[0].split("?", 1)[0]
            if address and ":" not in address.split("/", 1)[0] and not address.startswith("//"):
                found.add(unquote(address))
    return frozenset(found)


@dataclass
class PageInputs:
    """Reads of the build that a page's fingerprint is made of (see `Fingerprints`)."""

    variant_at_path: Callable[[str], PageVariant | None]
    variant_at_url: Callable[[str], PageVariant | None]
    url_of: Callable[[str], str | None]
    anchors: Callable[[Document], list[str]]
    details: Callable[[PageVariant], object]
    """Everything else kb_builder shows on the page (switcher, notices, search record)."""
    front_text: Callable[[Document], str]
    """A document's front matter as text."""


@dataclass
class Fingerprints:
    """Fingerprints of one build's pages; `menus` are digested once per shared menu."""

    inputs: PageInputs
    _menus: dict[int, str] = field(default_factory=dict)
    _targets: dict[str, str] = field(default_factory=dict)

    def page(self, variant: PageVariant, page: Page, menu: Navigation | None) -> str:
        digest = hashlib.sha256()
        document = variant.document
        for part in (
            variant.lang,
            variant.status,
            page.url,
            document.lang,
            document.rel,
            document.body,
            self.inputs.front_text(document),
            repr(self.inputs.details(variant)),
            self.menu(menu),
            neighbours(page),
        ):
            digest.update(str(part).encode("utf-8", "surrogatepass"))
            digest.update(b"\0")
        for target in link_targets(variant.document.body, variant.docs_path, page.url):
            digest.update(target.encode("utf-8", "surrogatepass"))
            digest.update(self._target(target).encode())
        return digest.hexdigest()

    def _target(self, key: str) -> str:
        known = self._targets.get(key)
        if known is not None:
            return known
        kind, _, where = key.partition(":")
        if kind == "path":
            variant = self.inputs.variant_at_path(where)
            url = self.inputs.url_of(where)
        else:
            variant = self.inputs.variant_at_url(where)
            url = where if variant is not None else None
        if variant is None:
            state = f"none:{url}"
        else:
            # Links are rewritten to the anchors of the page they lead to, taken from any
            # language version of its article (i18n.anchors): all of them count.
            anchors = sorted(
                (lang, tuple(self.inputs.anchors(document)))
                for lang, document in variant.article.documents.items()
            )
            shown = tuple(self.inputs.anchors(variant.document))
            state = repr((url, variant.status, variant.document.lang, shown, anchors))
        self._targets[key] = state = hashlib.sha256(state.encode()).hexdigest()
        return state

    def menu(self, menu: Navigation | None) -> str:
        """A digest of a menu, worked out once per menu object."""
        if menu is None:
            return "-"
        known = self._menus.get(id(menu))
        if known is None:
            known = self._menus[id(menu)] = hashlib.sha256(
                repr([_item(item) for item in menu.items]).encode()
            ).hexdigest()
        return known


@functools.lru_cache(maxsize=1 << 14)
def link_targets(body: str, docs_path: str, page_url: str) -> tuple[str, ...]:
    """Where a page's links lead, by file path and by URL, sorted: what its fingerprint
    follows of other pages."""
    found = set()
    folder = posixpath.dirname(docs_path)
    base = page_url if page_url.endswith("/") or not page_url else posixpath.dirname(page_url)
    for address in destinations(body):
        if address.startswith("/"):
            found.add("url:" + posixpath.normpath(address.lstrip("/")))
            continue
        found.add("path:" + posixpath.normpath(posixpath.join(folder, address)))
        joined = posixpath.normpath(posixpath.join(base, address))
        found.add(
            "url:" + ("" if joined == "." else joined + ("/" if address.endswith("/") else ""))
        )
    return tuple(sorted(found))


def _item(item: StructureItem) -> object:
    if isinstance(item, Section):
        return ("section", str(item.title), [_item(child) for child in item.children])
    return (type(item).__name__, str(getattr(item, "title", "")), getattr(item, "url", ""))


def neighbours(page: Page) -> str:
    """The titles around a page: previous and next page, the sections it is in."""
    parts = []
    for other in (page.previous_page, page.next_page):
        parts.append((str(other.title), other.url) if other is not None else None)
    parent = page.parent
    while parent is not None:
        parts.append(str(parent.title))
        parent = parent.parent
    return repr(parts)


NO_FULL_COLLECTIONS = 1 << 30
"""A full-collection threshold the collector never reaches: `collect_garbage` does them."""


@dataclass
class PreviewState:
    """What the last build of one `mkdocs serve --dirty` session left, to compare against."""

    memory_settled: bool = False
    """Whether the objects of the session's first build are out of the garbage collector's
    sight (see `settle_memory`)."""
    _thresholds: tuple[int, int, int] = (700, 10, 10)
    """The garbage collector's own settings, put back by `release_memory`."""

    site: str | None = None
    pages: dict[str, str] = field(default_factory=dict)
    """Fingerprint per page (docs path) as last rendered."""
    inputs: dict[str, tuple[int, str]] = field(default_factory=dict)
    """Per page: what its fingerprint was worked out from (as a key), and the fingerprint:
    an unchanged key gives the same fingerprint without working it out again."""
    outputs: set[str] = field(default_factory=set)
    """Every file the last build wrote or copied (dest paths), to remove what is gone."""
    links: dict[str, object] = field(default_factory=dict)
    """What the link checks read on each page (dest path -> BuiltPage)."""
    words: dict[str, frozenset[str]] = field(default_factory=dict)
    """Per page (docs path): its words, for search's word lists."""
    assets: dict[str, set[str]] = field(default_factory=dict)
    """Per page (docs path): the files it uses (public builds copy only those)."""
    link_checks: CheckMemo = field(default_factory=CheckMemo)
    """Link findings of the pages kept, while what they point at stays the same."""
    search_copies: SearchCopies = field(default_factory=SearchCopies)
    """The pages as Pagefind reads them."""
    sitemap: tuple[int, str] | None = None
    """The last sitemap, with the digest of what it was made from."""

    def settle_memory(self) -> None:
        """Once, after the first build of a serve session: exempt what is alive from
        Python's full garbage collections. The caches kept for previews (parsed articles,
        fingerprints, link findings, words) are millions of objects at a few thousand
        pages, and a full collection looks at all of them: about 0.4 s of every rebuild at
        1,000 articles per language. They are still freed as usual when nothing refers to
        them; only what the first build leaves in reference cycles waits for
        `release_memory` (once, at the end of the session). From then on full collections
        happen only in `collect_garbage`, once per build, at a moment the build waits."""
        if not self.memory_settled:
            gc.collect()
            gc.freeze()
            self._thresholds = gc.get_threshold()
            gc.set_threshold(self._thresholds[0], self._thresholds[1], NO_FULL_COLLECTIONS)
            self.memory_settled = True

    def collect_garbage(self) -> None:
        """A full collection, while Pagefind indexes (the build waits for it anyway)."""
        if self.memory_settled:
            gc.collect()

    def release_memory(self) -> None:
        """Give the garbage collector back what `settle_memory` held (the session ends)."""
        if self.memory_settled:
            gc.unfreeze()
            gc.set_threshold(*self._thresholds)
            self.memory_settled = False

    def forget(self) -> None:
        """After a failed build nothing on disk can be trusted: the next build renders all."""
        self.site = None
        self.pages.clear()
        self.inputs.clear()
        self.links.clear()
        self.words.clear()
        self.assets.clear()
        self.sitemap = None
        self.link_checks = CheckMemo()
        self.search_copies.clear()


@dataclass
class Decision:
    """Which pages this build renders again, and why (for the log)."""

    rebuild: set[str] = field(default_factory=set)
    keep: set[str] = field(default_factory=set)
    fingerprints: dict[str, str] = field(default_factory=dict)
    inputs: dict[str, tuple[int, str]] = field(default_factory=dict)
    """Per page: a key of what its fingerprint was made from, and the fingerprint."""
    everything: bool = False

    def summary(self) -> str:
        total = len(self.rebuild) + len(self.keep)
        if self.everything:
            return f"Preview: all {total} pages rendered (the theme, mkdocs.yml or files changed)"
        return (
            f"Preview: {len(self.rebuild)} of {total} pages rendered again; the rest are unchanged"
        )


def decide(
    state: PreviewState,
    site_key: str,
    pages: Iterable[tuple[PreviewFile, PageVariant | None, str | None]],
) -> Decision:
    """Mark each page file to be rendered again or kept, from its fingerprint.

    `pages` yields each page file with its variant and fingerprint (None when the page has
    none: it is always rendered).
    """
    decision = Decision(everything=state.site != site_key)
    for file, _variant, fingerprint in pages:
        key = file.src_uri
        unchanged = (
            not decision.everything
            and fingerprint is not None
            and state.pages.get(key) == fingerprint
            and file.dest_uri in state.outputs
        )
        file.rebuild = not unchanged
        (decision.keep if unchanged else decision.rebuild).add(key)
        if fingerprint is not None:
            decision.fingerprints[key] = fingerprint
    return decision


def remove_stale_outputs(site_dir: str, previous: set[str], current: set[str]) -> list[str]:
    """Delete what the last build wrote that this build does not (a deleted or renamed
    article, a picture no page uses any more), and the folders left empty."""
    removed = []
    for dest in sorted(previous - current):
        path = os.path.join(site_dir, dest)
        if os.path.isfile(path):
            os.remove(path)
            removed.append(dest)
            folder = os.path.dirname(path)
            while folder.startswith(site_dir) and folder != site_dir:
                try:
                    os.rmdir(folder)
                except OSError:
                    break
                folder = os.path.dirname(folder)
    return removed
