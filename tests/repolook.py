"""The repository's own look settings (mkdocs.yml), for tiny test sites built with them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.utils import yaml_load

REPO = Path(__file__).resolve().parent.parent


def repository_look() -> dict[str, Any]:
    """The repository's theme and Markdown settings (mkdocs.yml), for a tiny site."""
    with open(REPO / "mkdocs.yml", encoding="utf-8") as file:
        settings = yaml_load(file)
    theme = {key: value for key, value in settings["theme"].items() if key != "custom_dir"}
    extensions = []
    for extension in settings["markdown_extensions"]:
        if isinstance(extension, dict) and "toc" in extension:
            # The kb plugin sets the same slugify itself; a function cannot go into YAML.
            options = {k: v for k, v in extension["toc"].items() if k != "slugify"}
            extension = {"toc": options}
        extensions.append(extension)
    return {"theme": theme, "markdown_extensions": extensions}
