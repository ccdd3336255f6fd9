"""Material's own files that a kb_builder site never loads, left out of the output.

Material copies every file of its theme into the site. Two kinds are dead weight on a
kb_builder site: its search (the lunr worker and lunr's language files, about 1.2 MB),
which kb_builder's Pagefind search replaces, and source maps (`*.map`, about 1 MB), which
only a developer's browser tools read. Files of the site's own `docs_dir` are never
touched, whatever their names.
"""

from __future__ import annotations

import os
from fnmatch import fnmatchcase

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

MATERIAL_SEARCH = ("assets/javascripts/workers/search.*", "assets/javascripts/lunr/*")
"""Material's search: its web worker and lunr's stemmers, loaded only by Material's box."""
SOURCE_MAPS = ("*.map",)


def unused(paths: list[str], *, material_search: bool) -> list[str]:
    """The theme paths (`assets/...`) to leave out, in the order given.

    `material_search`: Material's own search box is on the pages (kb search switched off
    and Material's search plugin on), so its worker and lunr are kept.
    """
    patterns = SOURCE_MAPS if material_search else SOURCE_MAPS + MATERIAL_SEARCH
    return [path for path in paths if any(fnmatchcase(path, p) for p in patterns)]


def material_search_on(config: MkDocsConfig, kb_search: bool) -> bool:
    """Whether pages draw Material's search box (see theme/partials/header.html)."""
    if kb_search or "material/search" not in config.plugins:
        return False
    return bool(getattr(config.plugins["material/search"].config, "enabled", True))


def drop_unused(files: Files, config: MkDocsConfig, *, kb_search: bool) -> list[str]:
    """Remove Material's unused files from `files`; return their site paths."""
    docs_dir = os.path.normpath(os.path.abspath(config.docs_dir)) + os.sep
    theme_files = {
        file.src_uri: file
        for file in files
        if not file.is_documentation_page()
        and not (file.abs_src_path and os.path.abspath(file.abs_src_path).startswith(docs_dir))
    }
    dropped = unused(list(theme_files), material_search=material_search_on(config, kb_search))
    for path in dropped:
        files.remove(theme_files[path])
    return dropped
