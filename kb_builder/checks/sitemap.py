"""What the build wrote, and which file a reader's browser gets for an address.

Addresses are resolved the way a browser does it (relative to the page's URL, `..` clamped
at the server root, percent-decoded per segment) and then looked up the way a static web
server does it (`x/` serves `x/index.html`, `x` is redirected to `x/`). Names are compared
exactly: a server on Linux does not forgive a wrong letter case or an NFD accent.
"""

from __future__ import annotations

import os
import posixpath
import unicodedata
from collections.abc import Mapping
from urllib.parse import unquote, urlsplit


def site_path_of(site_url: str | None) -> str:
    """The path the site is served under (`/` or `/help/`), from `site_url`."""
    path = urlsplit(site_url or "").path or "/"
    return path if path.endswith("/") else path + "/"


def site_host(site_url: str | None) -> str:
    """`help.example.com` from `site_url`, lower-cased; '' without a site_url."""
    return urlsplit(site_url or "").netloc.lower()


def page_folder(url: str) -> str:
    """The folder relative addresses on a page start from: `el/a/` for `el/a/`, `el/` for
    `el/a.html`."""
    return url if url.endswith("/") or not url else url[: url.rfind("/") + 1]


def resolve(path: str, folder: str, site_path: str) -> str | None:
    """Site-relative, decoded path that `path` points to from a page in `folder`.

    None when the address leaves the site (above the folder the site is served from).
    """
    path = path.replace("\\", "/")
    joined = path if path.startswith("/") else site_path + folder + path
    if "%" not in joined and "//" not in joined:
        # The usual address: the system's path rules give the browser's result (`..` stops
        # at the root), once a trailing slash, `.` or `..` is kept as a folder.
        absolute = posixpath.normpath(joined)
        if joined.endswith(("/", "/.", "/..")) and absolute != "/":
            absolute += "/"
    else:
        absolute = _resolve_segments(joined)
    if not absolute.startswith(site_path):
        return None if absolute + "/" != site_path else ""
    return absolute[len(site_path) :]


def _resolve_segments(joined: str) -> str:
    """`resolve` one segment at a time, decoding each (`%2e%2e` is `..`), keeping `//`."""
    parts = joined.split("/")[1:]
    out: list[str] = []
    last = len(parts) - 1
    for index, segment in enumerate(parts):
        decoded = unquote(segment) if "%" in segment else segment
        if decoded == ".":
            if index == last:
                out.append("")
        elif decoded == "..":
            if out:
                out.pop()
            if index == last:
                out.append("")
        else:
            out.append(decoded)
    return "/" + "/".join(out)


class SiteMap:
    """The files of the built site, and how addresses find them."""

    def __init__(self, dests: Mapping[str, str | None], site_dir: str | None = None) -> None:
        self.dests = dests
        """Output path -> docs path of the page written there (None for other files)."""
        self.site_dir = site_dir
        self._disk: dict[str, bool] = {}
        self._folded: dict[str, str] | None = None

    def find(self, rel: str) -> str | None:
        """The output file a browser gets for site path `rel`, or None."""
        dests = self.dests
        if rel == "" or rel.endswith("/"):
            candidates = (rel + "index.html",)
        else:
            candidates = (rel, rel + "/index.html")
        for candidate in candidates:
            if candidate in dests:
                return candidate
        for candidate in candidates:
            if self._on_disk(candidate):
                return candidate
        return None

    def _on_disk(self, rel: str) -> bool:
        # Files written outside the documentation (404.html, sitemap.xml, search indexes
        # written by other plugins after the pages) are only known from the disk.
        if self.site_dir is None:
            return False
        if rel not in self._disk:
            self._disk[rel] = os.path.isfile(os.path.join(self.site_dir, *rel.split("/")))
        return self._disk[rel]

    def near_miss(self, rel: str) -> str | None:
        """A file whose path differs from `rel` only in letter case or Unicode form."""
        if self._folded is None:
            self._folded = {}
            for dest in self.dests:
                self._folded.setdefault(fold(dest), dest)
        for candidate in (rel, rel + "index.html", rel + "/index.html"):
            found = self._folded.get(fold(candidate))
            if found is not None and found != candidate:
                return found
        return None


def fold(path: str) -> str:
    """A path compared without regard to letter case or Unicode form."""
    return unicodedata.normalize("NFC", path).casefold()


def url_of_dest(dest: str, use_directory_urls: bool = True) -> str:
    """Site path readers use for an output file: `el/a/` for `el/a/index.html`."""
    if use_directory_urls and (dest == "index.html" or dest.endswith("/index.html")):
        return dest[: -len("index.html")]
    return dest
