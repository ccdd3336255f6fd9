"""The "¶" after each heading, titled in the page's language.

Python-Markdown's table of contents gives every heading's permalink one title for the whole
site ("Permanent link" unless `permalink_title` says otherwise). A screen reader reads it,
and a pointer shows it, on Greek, Polish and Hungarian pages too: kb titles it in the
page's language. A title the site set itself is its editors' own words, and stays.
"""

from __future__ import annotations

import re
from html import escape
from typing import Any

from kb_builder.i18n.strings import translate

MARKDOWN_TITLE = "Permanent link"
"""Python-Markdown's own `permalink_title`."""

_HEADERLINK_TITLE = re.compile(r'(<a class="headerlink"[^>]*? title=")([^"]*)(")')


def site_title(mdx_configs: dict[str, Any]) -> str:
    """The permalink title the site's Markdown settings give (MkDocs' `mdx_configs`)."""
    return str(mdx_configs.get("toc", {}).get("permalink_title", MARKDOWN_TITLE))


def localise(html: str, lang: str, configured: str = MARKDOWN_TITLE) -> str:
    """`html` with Python-Markdown's permalink title in `lang`; a title the site set is kept."""
    if configured != MARKDOWN_TITLE or 'class="headerlink"' not in html:
        return html
    title = escape(translate(lang, "permalink.title"), quote=True)
    return _HEADERLINK_TITLE.sub(
        lambda match: (
            match.group(1) + title + match.group(3)
            if match.group(2) == MARKDOWN_TITLE
            else match.group(0)
        ),
        html,
    )
