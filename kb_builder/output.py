"""What a build leaves in its output folder, so that nothing internal reaches the public site.

- Builds publish atomically. `mkdocs build` (and `gh-deploy`, and `kb check --site-dir`)
  write into a new sibling folder (`.site.kb-build-<pid>-<random>`), which replaces the
  output folder only once the build has succeeded, strict checks included. A build that
  fails, is interrupted (Ctrl-C, SIGTERM, SIGKILL) or is refused leaves the previous site
  exactly as it was, so the output folder never holds half a build or a mix of two. The
  staging folder is removed when a build fails or is interrupted with Ctrl-C; one left by
  a killed build is removed by the next build of the same site.
- One exception, to fail closed: when a public build fails and the folder holds something
  other than a public kb_builder build (the agent desk, say), the folder is emptied, so
  that a deployment script cannot publish it in the public site's place. Every build
  records its audience for this in a hidden file beside the folder (`.site.kb-audience`),
  not in it, so the published site holds only what the build made.
- The public site is always built from an empty folder: `mkdocs build --dirty` reuses files
  of an earlier build, which may have been the agent desk, so it is refused for
  `audience: public`. `mkdocs serve --dirty` is allowed: it builds into a new temporary
  folder that only this preview uses and that is never published.
- Files of content/ that are not pages are copied only when the public site uses them
  (see `kb_builder.content.assets`).
- Hidden entries of the output folder (a `.git` of a deployment checkout) are kept, as
  MkDocs' own cleaning keeps them.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import tempfile
from urllib.parse import urlsplit

from mkdocs import utils
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from kb_builder import site
from kb_builder.content import assets
from kb_builder.content.source import nfc

PUBLIC = "public"


def check_dirty(audience: str, dirty: bool, command: str = "build") -> None:
    """Refuse `mkdocs build --dirty` (and `gh-deploy --dirty`) for the public site."""
    if audience == PUBLIC and dirty and command != "serve":
        raise PluginError(
            "kb plugin: the public site is always built from an empty folder, so --dirty "
            "cannot be used with 'audience: public' (files of an earlier build, perhaps of "
            "the agent desk, would stay in it). Build again without --dirty."
        )


_AUDIENCE = ".kb-audience"
_STAGING = ".kb-build-"
_RETIRED = ".kb-old-"


def staging_dir(site_dir: str) -> str:
    """Create the empty folder a build writes into, next to `site_dir`.

    Staging folders that builds killed earlier left behind are removed first.
    """
    parent, name = os.path.split(os.path.abspath(site_dir))
    os.makedirs(parent, exist_ok=True)
    remove_stale(site_dir)
    return tempfile.mkdtemp(prefix=f".{name}{_STAGING}{os.getpid()}-", dir=parent)


def remove_stale(site_dir: str) -> list[str]:
    """Remove the staging folders of `site_dir` whose build is no longer running."""
    parent, name = os.path.split(os.path.abspath(site_dir))
    pattern = re.compile(rf"^\.{re.escape(name)}(?:{_STAGING}|{_RETIRED})(\d+)-")
    removed = []
    try:
        entries = os.listdir(parent)
    except OSError:
        return removed
    for entry in entries:
        match = pattern.match(entry)
        if match is None or _running(int(match.group(1))):
            continue
        shutil.rmtree(os.path.join(parent, entry), ignore_errors=True)
        removed.append(entry)
    return removed


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return False  # an earlier build of this very process, which has ended
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process
    return True


def publish(staging: str, site_dir: str, audience: str) -> None:
    """Put a finished build in place of `site_dir`, in one rename where the system allows,
    and record its audience. Hidden entries of the old folder move into the new one."""
    # Without a record, the folder counts as not public (see discard) until the new
    # build is in place: a build killed in between errs on the safe side.
    marker = _audience_file(site_dir)
    if os.path.lexists(marker):
        os.remove(marker)
    _replace(staging, site_dir)
    with open(marker, "w", encoding="utf-8") as record:
        record.write(audience + "\n")


def _replace(staging: str, site_dir: str) -> None:
    if not os.path.isdir(site_dir):
        os.replace(staging, site_dir)
        return
    for entry in os.listdir(site_dir):
        kept = os.path.join(staging, entry)
        if entry.startswith(".") and not os.path.lexists(kept):
            os.replace(os.path.join(site_dir, entry), kept)
    parent, name = os.path.split(os.path.abspath(site_dir))
    retired = tempfile.mkdtemp(prefix=f".{name}{_RETIRED}{os.getpid()}-", dir=parent)
    try:
        os.replace(site_dir, os.path.join(retired, name))
    except OSError:
        # A mount point or a symbolic link cannot be renamed: fill it in place instead,
        # which is not atomic, but happens only now that the build has succeeded.
        os.rmdir(retired)
        _fill(site_dir, staging)
        return
    os.replace(staging, site_dir)
    shutil.rmtree(retired, ignore_errors=True)


def _fill(site_dir: str, staging: str) -> None:
    utils.clean_directory(site_dir)
    for entry in os.listdir(staging):
        target = os.path.join(site_dir, entry)
        if os.path.isdir(target) and not os.path.islink(target):
            shutil.rmtree(target)  # a hidden folder the new build also has
        os.replace(os.path.join(staging, entry), target)
    os.rmdir(staging)


def discard(staging: str | None, site_dir: str | None, audience: str) -> None:
    """After a failed or interrupted build: remove the staging folder, and empty the output
    folder of a public build when it does not hold a public build."""
    if staging is not None:
        shutil.rmtree(staging, ignore_errors=True)
    public = audience == PUBLIC and site_dir and os.path.isdir(site_dir)
    if public and built_for(site_dir) != PUBLIC:
        utils.clean_directory(site_dir)


def built_for(site_dir: str) -> str | None:
    """The audience of the kb_builder build in `site_dir`, if it holds one."""
    try:
        with open(_audience_file(site_dir), encoding="utf-8") as record:
            return record.read().strip() or None
    except OSError:
        return None


def _audience_file(site_dir: str) -> str:
    parent, name = os.path.split(os.path.abspath(site_dir))
    return os.path.join(parent, f".{name}{_AUDIENCE}")


def strict_failure_pending(config: MkDocsConfig) -> bool:
    """Whether MkDocs will end this strict build with "Aborted with N warnings".

    MkDocs counts warnings with a handler on its logger and checks the count only after
    every `on_post_build`; reading that count is how a plugin knows the build will fail.
    """
    if not config.strict:
        return False
    return any(
        isinstance(handler, utils.CountHandler) and handler.get_counts()
        for handler in logging.getLogger("mkdocs").handlers
    )


def site_path(config: MkDocsConfig) -> str:
    """The path part of site_url (`/` or `/help/`), against which `/...` URLs resolve."""
    path = urlsplit(config.site_url or "").path or "/"
    return path if path.endswith("/") else path + "/"


def content_assets(files: Files, config: MkDocsConfig) -> dict[str, File]:
    """Files of docs_dir that are not pages, by site path (NFC).

    Copies of a source-language file published for another language count too: they are
    backed by a file of docs_dir (see `i18n.shared_files`).
    """
    docs_dir = os.path.normpath(os.path.abspath(config.docs_dir))
    found = {}
    for file in files:
        if file.is_documentation_page() or file.abs_src_path is None:
            continue
        source = os.path.normpath(os.path.abspath(file.abs_src_path))
        if not source.startswith(docs_dir + os.sep):
            continue
        found[nfc(file.dest_uri)] = file
    return found


def configured_paths(config: MkDocsConfig) -> set[str]:
    """Site paths the configuration itself uses: extra_css, extra_javascript, logo ..."""
    named: list[object] = [*config.extra_css, *config.extra_javascript, *config.extra_templates]
    named += [config.theme.get("favicon"), config.theme.get("logo")]
    return assets.config_references(named, site_path(config))


def publish_assets(
    files: Files,
    referenced: set[str],
    config: MkDocsConfig,
    patterns: list[str],
    log: logging.Logger | logging.LoggerAdapter,
) -> Files:
    """Remove from `files` every asset of content/ that the public site does not use."""
    candidates = content_assets(files, config)

    def read_text(path: str) -> str | None:
        try:
            return candidates[path].content_string
        except (KeyError, OSError, UnicodeDecodeError):
            return None

    selection = assets.select_assets(
        {path: nfc(file.src_uri) for path, file in candidates.items()},
        referenced | configured_paths(config),
        patterns,
        read_text,
        site_path(config),
    )
    prefix = site.docs_dir_shown(config)
    for path in selection.left_out:
        file = candidates[path]
        files.remove(file)
        shown = f"{prefix}/{file.src_uri}" if prefix else file.src_uri
        log.debug(f"{shown}: no public page uses it, so it is left out of the public site")
    if selection.left_out:
        count = len(selection.left_out)
        log.info(
            f"{count} file{'s' if count != 1 else ''} of {prefix or 'docs_dir'} "
            f"{'are' if count != 1 else 'is'} used by no public page and left out of the "
            "public site (list them with --verbose; publish one anyway with 'public_files')."
        )
    return files
