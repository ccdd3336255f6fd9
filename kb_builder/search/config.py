"""The `search:` block of the kb plugin's configuration."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c


class SearchConfig(base.Config):
    """Site search, built with Pagefind as part of `mkdocs build`."""

    enabled = c.Type(bool, default=True)
    """Build the search index and show the search box. Set `false` for quick local previews
    (indexing a large site takes a few seconds on every rebuild); the search box is then left
    out of every page. From the environment: `enabled: !ENV [KB_SEARCH, true]`."""
