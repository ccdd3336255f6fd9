"""Where kb_builder's templates come from, and the meta of the pages it renders itself."""

from __future__ import annotations

from pathlib import Path

from jinja2.bccache import Bucket, BytecodeCache
from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig

from kb_builder.i18n.languages import LanguageSet

CHOOSER_TEMPLATE = "kb/language-chooser.html"


def templates_dir() -> Path | None:
    """kb_builder's Material overrides: packaged in the wheel, or `theme/` in a checkout."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "_theme", here.parent / "theme"):
        if (candidate / "partials" / "kb").is_dir():
            return candidate
    return None


def add_kb_templates(config: MkDocsConfig) -> None:
    """Put kb_builder's overrides right after the site's own `custom_dir`.

    A site can still override any kb partial from its custom_dir, and a site without one
    still gets the language switcher, notices and chooser.
    """
    folder = templates_dir()
    if folder is None:
        return
    dirs = config.theme.dirs
    resolved = [str(Path(d).resolve()) for d in dirs]
    if str(folder) in resolved:
        return
    custom = config.theme.custom_dir
    dirs.insert(1 if custom else 0, str(folder))


def chooser_meta(languages: LanguageSet) -> dict[str, object]:
    """Meta of the root page that sends readers to their language."""
    default = languages[languages.default]
    return {
        "title": escape(default.site_name),
        "template": CHOOSER_TEMPLATE,
        "hide": ["navigation", "toc", "path", "footer"],
    }


def use_languages(config: MkDocsConfig, languages: LanguageSet) -> None:
    """Set what Material needs to draw a multilingual site.

    The interface language is the default's; each page then gets its own through the
    `partials/language.html` override.
    """
    config.theme["language"] = languages[languages.default].material_code
    if len(languages.codes) > 1:
        # Material shows its switcher when `extra.alternate` is truthy and writes
        # <link rel=alternate> for it when it is a list. kb_builder draws the switcher
        # per page (theme/partials/alternate.html) and puts hreflang in the sitemap,
        # because Material's script reroutes clicks under head alternates.
        config.extra["alternate"] = True


class CompiledTemplates(BytecodeCache):
    """Templates compiled once per `mkdocs serve` session instead of once per rebuild.

    MkDocs makes a new Jinja environment for every build, and compiling Material's and
    kb_builder's templates again costs about a second per save. Jinja checks each entry
    against its template's source, so an edited template is compiled again.
    """

    def __init__(self) -> None:
        self._compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        data = self._compiled.get(bucket.key)
        if data is not None:
            bucket.bytecode_from_string(data)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._compiled[bucket.key] = bucket.bytecode_to_string()
