"""Files that pages in other languages borrow from the source language's folder.

A page refers to pictures and downloads next to it: `![](chart.png)` in
`content/el/pricing/a.md` means `content/el/pricing/chart.png`. An untranslated article
shown on the Greek site is published as `el/pricing/a.md`, and translators rarely copy
every picture, so that file is often only in `content/en/pricing/`. Rather than show the
reader a broken picture, the source language's file is published at the address the page
expects. A language's own copy always wins. The public build later drops any copy that no
public page uses (see `output.publish_assets`).

The Markdown is read before MkDocs renders it, so links are found with a pattern: a link
it misses is reported by the link checks as before; a false match (a link inside a code
block) only adds a copy that no page uses.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable

from kb_builder.content.assets import resolve
from kb_builder.content.loader import is_markdown
from kb_builder.i18n.plan import SitePlan

_TARGET = re.compile(
    r"""\]\(\s*<([^>\n]+)>"""  # [text](<path with spaces.png>)
    r"""|\]\(\s*([^)\s]+)"""  # [text](path.png "title")
    r"""|^[ ]{0,3}\[[^\]\n]+\]:[ \t]*<?([^\s>]+)"""  # [label]: path.png
    r"""|\b(?:src|href)\s*=\s*["']([^"'\n]+)["']""",  # <img src="path.png">
    re.MULTILINE,
)


def relative_targets(markdown: str, docs_path: str) -> set[str]:
    """docs_dir paths of the files a page's Markdown refers to with relative links."""
    folder = posixpath.dirname(docs_path)
    found = set()
    for match in _TARGET.finditer(markdown):
        written = next(group for group in match.groups() if group is not None).strip()
        if written.startswith("/"):
            continue  # relative to the site, not to the page's folder
        target = resolve(written, folder)
        if target:
            found.add(target)
    return found


def borrowed_files(plan: SitePlan, existing: Iterable[str]) -> dict[str, str]:
    """{path a page expects: the source language's file to publish there}.

    Only files of a language's own folder that are missing there and present at the same
    place in the source language's folder; never pages.
    """
    present = set(existing)
    borrowed: dict[str, str] = {}
    for variant in plan:
        source = variant.article.source
        if source is None or variant.lang == source.lang:
            continue
        prefix = f"{variant.lang}/"
        for target in relative_targets(variant.document.body, variant.docs_path):
            if not target.startswith(prefix) or target in present or is_markdown(target):
                continue
            original = f"{source.lang}/{target.removeprefix(prefix)}"
            if original in present:
                borrowed[target] = original
    return borrowed
