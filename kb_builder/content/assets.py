"""Which files of `content/` besides pages (images, PDFs, stylesheets) a build publishes.

MkDocs copies every file of docs_dir into the site. On the public site that would publish a
screenshot that only an internal page shows. The rule here is the simplest one that fails
closed: the public site gets a file only when a published page points at it (`![..](..)`,
`[..](..)`, raw HTML `src`, `href`, `srcset` ..., resolved from the page's own address, as a
browser would), when the site's configuration names it (`extra_css`, `theme.logo` ...), when
a published stylesheet uses it (`url(...)`, `@import`), or when `public_files` lists it.
Everything else stays out, whatever folder it is in.
"""

from __future__ import annotations

import fnmatch
import posixpath
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit

from kb_builder.content.source import nfc
from kb_builder.htmltags import ANY_TAG, attributes, tags

URL_ATTRIBUTES = frozenset({"href", "src", "poster", "data", "action", "xlink:href"})
SRCSET_ATTRIBUTES = frozenset({"srcset", "imagesrcset"})
_CSS_URL = re.compile(r"""url\(\s*(?:"([^"]*)"|'([^']*)'|([^)\s]*))\s*\)""", re.I)
_CSS_IMPORT = re.compile(r"""@import\s+(?:"([^"]*)"|'([^']*)')""", re.I)


def resolve(url: str, base_dir: str, site_path: str = "/") -> str | None:
    """The site path (`en/img/a.png`, NFC, unquoted) a URL on a page points at.

    `base_dir` is the folder of the file the URL appears in, inside the site (`en/guide` for
    `en/guide/index.html`); `site_path` the path part of site_url, for root-relative URLs.
    None for other sites, `mailto:` and the like, fragments, and paths outside the site.
    """
    url = url.strip()
    if not url or url.startswith(("#", "//")):
        return None
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    path = unquote(parts.path)
    if path.startswith("/"):
        prefix = site_path if site_path.endswith("/") else site_path + "/"
        if not path.startswith(prefix):
            return None
        joined = path[len(prefix) :]
    else:
        joined = posixpath.join(base_dir, path)
    normal = posixpath.normpath(joined) if joined else "."
    if normal == ".." or normal.startswith("../"):
        return None
    return "" if normal == "." else nfc(normal)


def html_urls(html: str) -> list[str]:
    """Every URL in an HTML fragment's attributes (links, sources, srcset, inline styles)."""
    urls: list[str] = []
    for _tag, raw in tags(ANY_TAG, html, 0, len(html)):
        for name, value in attributes(raw).items():
            if not value:
                continue
            if name in URL_ATTRIBUTES:
                urls.append(value)
            elif name in SRCSET_ATTRIBUTES:
                urls.extend(c.split()[0] for c in value.split(",") if c.split())
            elif name == "style":
                urls.extend(css_urls(value))
    return urls


def css_urls(css: str) -> list[str]:
    """Every `url(...)` and `@import` of a stylesheet."""
    found = [next(g for g in m.groups() if g is not None) for m in _CSS_URL.finditer(css)]
    found += [m.group(1) or m.group(2) or "" for m in _CSS_IMPORT.finditer(css)]
    return [url for url in found if url]


def page_references(html: str, dest_uri: str, site_path: str = "/") -> set[str]:
    """Site paths the HTML of the page written to `dest_uri` points at."""
    base = posixpath.dirname(dest_uri)
    # Links to pages (`../refunds/`, `#top`) name folders, never a file: most links of a
    # page, skipped before the cost of resolving them.
    found = (resolve(url, base, site_path) for url in html_urls(html) if not _folder(url))
    return {path for path in found if path}


def _folder(url: str) -> bool:
    path = url.split("#", 1)[0].split("?", 1)[0].rstrip()
    return not path or path.endswith("/")


@dataclass
class AssetSelection:
    """The verdict on every file of content/ that is not a page."""

    published: set[str] = field(default_factory=set)
    """Site paths of the files to copy."""
    left_out: list[str] = field(default_factory=list)
    """Site paths of the files that stay out, sorted."""


def select_assets(
    assets: Mapping[str, str],
    referenced: Iterable[str],
    patterns: Iterable[str] = (),
    read_text: Callable[[str], str | None] = lambda _path: None,
    site_path: str = "/",
) -> AssetSelection:
    """Decide which assets to publish.

    `assets` maps each candidate's site path to its path in docs_dir (NFC both); `referenced`
    are the site paths that published pages and the configuration point at; `patterns` are
    globs over docs_dir paths published regardless; `read_text` reads a stylesheet by site
    path, so the files it uses are published with it.
    """
    pattern_list = [nfc(p).lstrip("/") for p in patterns]
    wanted = {path for path in referenced if path in assets}
    wanted |= {
        path
        for path, src in assets.items()
        if any(fnmatch.fnmatchcase(src, p) for p in pattern_list)
    }
    pending = [path for path in wanted if path.lower().endswith(".css")]
    while pending:
        css_path = pending.pop()
        text = read_text(css_path)
        if text is None:
            continue
        base = posixpath.dirname(css_path)
        for url in css_urls(text):
            target = resolve(url, base, site_path)
            if target in assets and target not in wanted:
                wanted.add(target)
                if target.lower().endswith(".css"):
                    pending.append(target)
    left_out = sorted(path for path in assets if path not in wanted)
    return AssetSelection(wanted, left_out)


def config_references(paths: Iterable[object], site_path: str = "/") -> set[str]:
    """Site paths named in the configuration (extra_css, extra_javascript, theme.logo ...).

    Those are relative to the site root; entries of extra_javascript may be objects with a
    `path`.
    """
    found = set()
    for entry in paths:
        value = getattr(entry, "path", entry)
        if isinstance(value, str):
            path = resolve(value, "", site_path)
            if path:
                found.add(path)
    return found
