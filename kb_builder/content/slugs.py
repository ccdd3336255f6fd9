"""Heading anchors that readers can read in every language.

Python-Markdown's default slugs drop non-ASCII letters, so Greek headings become `_1`, `_2`
and links to them break silently when headings are reordered. These keep letters of every
script, lower-cased and NFC-normalised: `## Χειρισμός παραπόνων` -> `#χειρισμός-παραπόνων`.
"""

from __future__ import annotations

import functools
import re

from pymdownx.slugs import slugify

_pymdownx_slugify = slugify(case="lower", normalize="NFC")


def unicode_slugify(text: str, separator: str) -> str:
    """Use as `toc: slugify:` in mkdocs.yml; the kb plugin sets it when none is configured.

    Runs of separators collapse to one, so `Zniżka — jak?` gives `zniżka-jak`, not `zniżka--jak`.
    """
    slug_text = _pymdownx_slugify(text, separator)
    if separator:
        slug_text = re.sub(f"(?:{re.escape(separator)}){{2,}}", separator, slug_text)
    return slug_text


@functools.lru_cache(maxsize=8192)
def slug(text: str) -> str:
    """The anchor a heading with this text gets (remembered: every page's anchors are
    worked out for links into it, and headings repeat across articles)."""
    return unicode_slugify(text, "-")
