"""Tags and attributes read out of HTML that MkDocs and Material wrote, fast.

Compiled patterns find the tags without building a tree: a full parser is several times
slower, and kb_builder reads every page of every language (links, the files pages use).
Comments and the bodies of `<script>` and `<style>` are skipped, so text that merely looks
like a tag is never taken for one.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

SKIP = r"!--[^-]*(?:-(?!->)[^-]*)*--|(script|style)\b([^>]*)>[^<]*(?:<(?!/\1\s*>)[^<]*)*</\1\s*"
"""Comments, and script and style elements (groups 1 and 2: the tag name, its attributes).

Written as "runs of ordinary characters, then one special one" rather than a lazy `.*?`,
which the regular expression engine would step through one character at a time."""
ANY_TAG = re.compile(rf"<(?:{SKIP}|([a-zA-Z][\w:-]*)(\s[^>]*))>", re.S | re.I)
CAREFUL_TAG = re.compile(r"<[a-zA-Z][\w:-]*(\s(?:[^>\"']|\"[^\"]*\"|'[^']*')*)>")
_PLAIN_ATTR = re.compile(r"\s([a-z][a-z0-9_:-]*)=\"([^\"&=]*)\"")
_ATTR = re.compile(r"([^\s=/>\"']+)(?:\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>\"']+)))?")


def attributes(text: str) -> dict[str, str]:
    """Attributes of one tag (the text after its name), values decoded as a browser does."""
    pairs = _PLAIN_ATTR.findall(text)
    if len(pairs) == text.count("="):
        # The usual case: lower-case names, double-quoted values without references.
        attrs = dict(pairs)
        if len(attrs) == len(pairs):
            return attrs
    attrs = {}
    for name, double, single, bare in _ATTR.findall(text):
        key = name.lower()
        if key in attrs:  # the first of duplicate attributes wins, as in browsers
            continue
        value = double or single or bare
        attrs[key] = html.unescape(value) if "&" in value else value
    return attrs


def tags(pattern: re.Pattern[str], page: str, start: int, end: int) -> Iterator[tuple[str, str]]:
    """(lower-case tag name, attribute text) of the tags with attributes."""
    for match in pattern.finditer(page, start, end):
        tag, raw = match.group(3, 4)
        if tag is None:
            tag, raw = match.group(1, 2)
            if tag is None:
                continue  # a comment
        if not raw or "=" not in raw:
            continue
        if (raw.count('"') | raw.count("'")) & 1:
            # A '>' inside a quoted value ended the tag early; read it again, carefully.
            careful = CAREFUL_TAG.match(page, match.start())
            if careful is not None:
                raw = careful.group(1)
        yield tag.lower(), raw
