"""What a build leaves in its output folder, so that nothing internal reaches the public site.

- The public site is always built from an empty folder: `mkdocs build --dirty` reuses files
  of an earlier build, which may have been the agent desk, so it is refused for
  `audience: public`. `mkdocs serve --dirty` is allowed: it builds into a new temporary
  folder that only this preview uses and that is never published.
- A public build that fails leaves an empty folder (MkDocs would leave a half-written site
  that someone could publish).
- Files of content/ that are not pages are copied only when the public site uses them
  (see `kb_builder.content.assets`).
"""

from __future__ import annotations

import logging
import os
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


def discard(site_dir: str) -> None:
    """Empty the output folder after a failed public build.

    MkDocs' own cleaning is used, so hidden entries (a `.git` of a deployment checkout) stay.
    """
    if os.path.isdir(site_dir):
        utils.clean_directory(site_dir)


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
