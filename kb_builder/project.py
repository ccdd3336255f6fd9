"""A kb project on disk, loaded outside `mkdocs build` (for the `kb` command).

It reads mkdocs.yml and content/ with the same functions the plugin uses, so the command
line and the build can never disagree about what the content says.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import ConfigurationError
from mkdocs.structure.files import get_files

from kb_builder import site, theme
from kb_builder.config import KbConfig
from kb_builder.content import discovery
from kb_builder.content.loader import LoadResult, load_catalog
from kb_builder.content.model import Catalog
from kb_builder.helpcentre import view as helpcentre
from kb_builder.i18n.languages import LanguageSet, build_language_set
from kb_builder.search import synonyms


@dataclass
class Project:
    config: MkDocsConfig
    kb: KbConfig
    languages: LanguageSet
    loaded: LoadResult

    @property
    def root(self) -> Path:
        return Path(self.config.config_file_path or "mkdocs.yml").resolve().parent

    @property
    def docs_dir(self) -> Path:
        return Path(self.config.docs_dir)

    def synonym_problems(self) -> tuple[list[str], list[str]]:
        """Errors and warnings of the languages' synonyms files (see synonyms.check)."""
        return synonyms.check(
            get_files(self.config),
            self.languages.codes,
            site.docs_dir_shown(self.config),
            self.loaded.catalog.documents(),
        )


def load_project(config_file: str | os.PathLike[str] = "mkdocs.yml") -> Project:
    """Load mkdocs.yml and every article; raises ConfigurationError for a broken config."""
    path = Path(config_file)
    if not path.is_file():
        raise ConfigurationError(
            f"{config_file}: no such file. Run kb in the folder of mkdocs.yml or pass -f"
        )
    config = load_config(str(path))
    plugin = config.plugins.get("kb")
    if plugin is None:
        raise ConfigurationError(f"{config_file}: the kb plugin is not listed under 'plugins:'")
    kb: KbConfig = plugin.config  # type: ignore[assignment]
    discovery.use_content_dir(config, kb.content_dir)
    theme.add_kb_templates(config)
    languages = build_language_set(
        kb.languages, kb.default_language, config.site_name, config.theme.dirs
    )
    if isinstance(languages, str):
        raise ConfigurationError(f"kb plugin: {languages}")
    try:
        helpcentre.check_options(kb, languages.codes)
    except ValueError as error:
        raise ConfigurationError(f"kb plugin: {error}") from None
    found = discovery.scan_docs_dir(config)
    if found.errors:
        # MkDocs' own walk would follow the links this reports: stop before it.
        empty = Catalog(languages.codes, languages.default)
        return Project(config, kb, languages, LoadResult(empty, found.errors, []))
    files = get_files(config)
    collided = discovery.keep_usable(files, config, found, languages.codes)
    loaded = load_catalog(
        site.markdown_sources(files.documentation_pages(), config),
        languages.codes,
        languages.default,
    )
    loaded.errors[:0] = collided
    return Project(config, kb, languages, loaded)
