"""Which files of the content folder may be read at all: the file system's side of failing closed.

MkDocs walks docs_dir following every symbolic link, so a link in content/ could publish
a file from anywhere on the build machine, a dangling link ends the build with a traceback,
a link to a parent folder is followed dozens of levels deep, and a FIFO named `x.md` makes
the build wait forever. kb_builder walks the folder itself first, by these rules:

- Regular files and folders are read when their real location is inside the content
  folder. Symbolic links that stay inside are fine (a folder shared by two sections).
- A link that leads outside the folder, a link whose target does not exist, a link to one
  of its own parent folders (a loop), and anything that is not a regular file or a folder
  (a FIFO, a socket, a device) are errors naming the path. They are never followed and
  never opened: the type is read with `lstat`/`stat`, which cannot block.

The result is the set of file paths that may be read; the plugin drops every other file
MkDocs found, and nothing is published while an error stands.
"""

from __future__ import annotations

import os
import posixpath
import stat
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import pathspec
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import ConfigurationError
from mkdocs.structure.files import Files

from kb_builder.content.addresses import Entry, collisions
from kb_builder.findings import Finding, sort_findings
from kb_builder.site import docs_dir_shown

Excluded = Callable[[str], bool]
"""Whether a path (folders end with `/`) is left out of the site anyway (MkDocs'
`exclude_docs`, hidden files): such paths are not looked at, so an editor's lock file or a
`.git` folder cannot stop a build."""

_KINDS = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)

_REMOVE = "Remove it, or replace it with a regular file"


@dataclass
class Scan:
    """What the walk found: files that may be read, and the paths that may not."""

    files: set[str] = field(default_factory=set)
    """'/'-separated paths, relative to the folder, of regular files that may be read."""
    errors: list[Finding] = field(default_factory=list)

    def allows(self, uri: str) -> bool:
        return uri in self.files


def _never(_uri: str) -> bool:
    return False


def scan(root: str, shown_root: str, excluded: Excluded = _never) -> Scan:
    """Walk `root` by the rules above; `shown_root` is how editors write it (`content`)."""
    result = Scan()
    real_root = os.path.realpath(root)
    # (path inside root, real folder, real folders from root down to it)
    pending: list[tuple[str, str, tuple[str, ...]]] = [("", real_root, (real_root,))]
    while pending:
        prefix, folder, chain = pending.pop()
        try:
            with os.scandir(folder) as listing:
                names = sorted(entry.name for entry in listing)
        except OSError as error:
            problem = f"the folder cannot be read ({_why(error)})"
            result.errors.append(_finding(shown_root, prefix.rstrip("/"), problem))
            continue
        for name in reversed(names):
            uri = prefix + name
            path = os.path.join(folder, name)
            try:
                info = os.lstat(path)
            except OSError as error:  # removed while the walk ran
                problem = f"it cannot be read ({_why(error)})"
                result.errors.append(_finding(shown_root, uri, problem))
                continue
            is_folder = stat.S_ISDIR(info.st_mode)
            if excluded(uri + "/" if is_folder else uri):
                continue
            real = path
            if stat.S_ISLNK(info.st_mode):
                followed = _follow(path, real_root, shown_root, uri)
                if isinstance(followed, Finding):
                    result.errors.append(followed)
                    continue
                real, info = followed
                if stat.S_ISDIR(info.st_mode) and excluded(uri + "/"):
                    continue
            if stat.S_ISDIR(info.st_mode):
                if real in chain:
                    result.errors.append(_loop(shown_root, uri, real, real_root))
                    continue
                pending.append((uri + "/", real, (*chain, real)))
            elif stat.S_ISREG(info.st_mode):
                result.files.add(uri)
            else:
                result.errors.append(_special(shown_root, uri, info.st_mode))
    result.errors = sort_findings(result.errors)
    return result


def _follow(
    path: str, real_root: str, shown_root: str, uri: str
) -> tuple[str, os.stat_result] | Finding:
    """The real path and type of a symbolic link's target, when it may be followed."""
    target = os.readlink(path)
    try:
        real = os.path.realpath(path, strict=True)
        info = os.stat(real)
    except OSError as error:
        if error.errno == 40:  # ELOOP: links that lead to each other
            problem = f"it is a symbolic link to '{target}' that leads back to itself"
        else:
            problem = f"it is a symbolic link to '{target}', which does not exist"
        return _finding(
            shown_root,
            uri,
            problem,
            f"Remove the link or point it at a file in {shown_root or 'docs_dir'}",
        )
    if not _inside(real, real_root):
        return _finding(
            shown_root,
            uri,
            f"it is a symbolic link to '{target}', outside {shown_root or 'docs_dir'}, so it "
            "is not read or published",
            f"Copy the file into {shown_root or 'docs_dir'} instead of linking to it",
        )
    return real, info


def _inside(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def _loop(shown_root: str, uri: str, real: str, real_root: str) -> Finding:
    inside = os.path.relpath(real, real_root).replace(os.sep, "/")
    shown = posixpath.join(shown_root, inside) if inside != "." else (shown_root or ".")
    return _finding(
        shown_root,
        uri,
        f"it is a symbolic link to the folder '{shown}', which contains it, so the folder "
        "would repeat forever (a loop)",
        "Remove the link",
    )


def _special(shown_root: str, uri: str, mode: int) -> Finding:
    kind = next((name for test, name in _KINDS if test(mode)), "not a regular file")
    return _finding(shown_root, uri, f"it is {kind}, not a file, so it is never read", _REMOVE)


def _finding(shown_root: str, uri: str, message: str, hint: str = "") -> Finding:
    shown = posixpath.join(shown_root, uri) if shown_root else (uri or ".")
    return Finding(shown, None, message, hint)


def _why(error: OSError) -> str:
    return (error.strerror or str(error)).lower()


def default_excluded(config: MkDocsConfig) -> Excluded:
    """MkDocs' own rule for files it never publishes: hidden names, `/templates/`, and the
    site's `exclude_docs` patterns."""
    spec = pathspec.gitignore.GitIgnoreSpec.from_lines([".*", "/templates/"])
    extra = config.get("exclude_docs")
    if extra:
        spec = spec + extra
    return spec.match_file


def scan_docs_dir(config: MkDocsConfig) -> Scan:
    """Scan docs_dir by the rules above. Call it before MkDocs walks the folder: MkDocs
    follows every link, and a pair of loops makes its walk run for hours."""
    return scan(os.path.abspath(config.docs_dir), docs_dir_shown(config), default_excluded(config))


def keep_usable(
    files: Files, config: MkDocsConfig, found: Scan, languages: Iterable[str]
) -> list[Finding]:
    """Drop from `files` every file of docs_dir that `found` does not allow (one that
    appeared after the scan, say), and report files that would share an address.

    Files MkDocs excludes anyway are left as they are: they are never read or copied.
    """
    docs_dir = os.path.abspath(config.docs_dir)
    shown = docs_dir_shown(config)
    kept: list[Entry] = []
    for file in list(files):
        if file.generated_by is not None or file.src_dir is None:
            continue
        if os.path.abspath(file.src_dir) != docs_dir or file.inclusion.is_excluded():
            continue
        if found.allows(file.src_uri):
            kept.append(Entry(file.src_uri, file.dest_uri, posixpath.join(shown, file.src_uri)))
        else:
            files.remove(file)
    return collisions(kept, languages)


def use_content_dir(config: MkDocsConfig, content_dir: str | None) -> None:
    """Make the plugin's `content_dir` the folder MkDocs reads pages from, for this build.

    Only kb_builder knows the option, so only a build with kb_builder reads the articles;
    every part of the build (and of `kb`) then finds them as docs_dir.
    """
    if not content_dir:
        return
    project = os.path.dirname(config.config_file_path or "") or os.getcwd()
    folder = os.path.normpath(os.path.join(project, content_dir))
    if not os.path.isdir(folder):
        raise ConfigurationError(
            f"kb plugin: content_dir '{content_dir}' is not a folder ({folder}). "
            "Create it, or correct the path (it is relative to mkdocs.yml)."
        )
    site_dir = os.path.abspath(config.site_dir)
    if site_dir == folder or site_dir.startswith(folder + os.sep):
        raise ConfigurationError(
            f"kb plugin: site_dir ({config.site_dir}) is inside content_dir ({content_dir}); "
            "the site would be read back as content. Build it somewhere else."
        )
    config.docs_dir = folder
