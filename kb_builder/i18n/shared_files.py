"""Files that pages in other languages borrow from the folder of the version they show.

A page refers to pictures and downloads next to it: `![](chart.png)` in
`content/el/pricing/a.md` means `content/el/pricing/chart.png`. An untranslated article
shown on the Greek site is published as `el/pricing/a.md`, and translators rarely copy
every picture, so that file is often only in `content/en/pricing/`. Rather than show the
reader a broken picture, the original's file is published at the address the page
expects (for a fallback that shows a translation, from that translation's folder, then from
the original's). A language's own copy always wins. The public build later drops any copy that no
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
    """{path a page expects: the file of another language's folder to publish there}.

    Only files of a language's own folder that are missing there and present at the same
    place in the folder of the version the page shows, or of the article's original; never
    pages.
    """
    present = set(existing)
    files = [path for path in present if not is_markdown(path)]
    missing: dict[tuple[str, str], dict[str, str]] = {}
    borrowed: dict[str, str] = {}
    for variant in plan:
        lenders = dict.fromkeys((variant.document.lang, variant.article.original_language))
        lenders.pop(variant.lang, None)
        lenders.pop(None, None)
        candidates: dict[str, str] = {}
        for lender in reversed(lenders):
            key = (str(lender), variant.lang)
            if key not in missing:
                missing[key] = _missing_files(files, present, *key)
            candidates.update(missing[key])  # the shown version's folder wins
        if not candidates:
            continue  # nothing to borrow: the Markdown need not be read
        for target in relative_targets(variant.document.body, variant.docs_path):
            if target in candidates:
                borrowed.setdefault(target, candidates[target])
    return borrowed


def _missing_files(
    files: Iterable[str], present: set[str], source_lang: str, lang: str
) -> dict[str, str]:
    """{path in `lang`'s folder: the source language's file} for files `lang` lacks."""
    prefix = f"{source_lang}/"
    found = {}
    for path in files:
        if path.startswith(prefix):
            target = f"{lang}/{path.removeprefix(prefix)}"
            if target not in present:
                found[target] = path
    return found
