"""Files a page in another language borrows from the source language's folder."""

from __future__ import annotations

from sitekit import PNG, page

from kb_builder.content.model import Catalog
from kb_builder.i18n.plan import plan_site
from kb_builder.i18n.shared_files import borrowed_files, relative_targets

GREEK_PNG = b"\x89PNG\r\n\x1a\n" + b"\1" * 16
MARKDOWN = """\
![chart](img/chart.png "Prices") and [the form](../files/form%20a.pdf#page=2).
![spaced](<img/with space.png>)

[label]: img/ref.png
<img src="img/raw.png" alt=""> and <a href='raw.pdf'>raw</a>

[other page](b.md), [up](../../../outside.png), [web](https://example.com/x.png),
[root](/files/abs.pdf), [anchor](#top), [mail](mailto:help@example.com)
"""


def test_relative_targets_of_every_link_form() -> None:
    assert relative_targets(MARKDOWN, "el/pricing/a.md") == {
        "el/pricing/img/chart.png",
        "el/files/form a.pdf",
        "el/pricing/img/with space.png",
        "el/pricing/img/ref.png",
        "el/pricing/img/raw.png",
        "el/pricing/raw.pdf",
        "el/pricing/b.md",
    }


def test_only_missing_files_present_in_the_source_language_are_borrowed() -> None:
    from kb_builder.content.loader import SourceFile, load_catalog

    def source(uri: str, text: str) -> SourceFile:
        return SourceFile(uri, f"content/{uri}", lambda: text.encode("utf-8"), None)

    catalog: Catalog = load_catalog(
        [
            source("en/a.md", page("A", "![c](c.png) ![own](own.png) ![none](none.png)")),
            source("el/a.md", page("Α", "![c](c.png) ![own](own.png)")),
            source("en/b.md", page("B", "[a](a.md) ![d](d.png)")),
        ],
        ("en", "el", "pl"),
        "en",
    ).catalog
    existing = ["en/a.md", "el/a.md", "en/b.md", "en/c.png", "en/own.png", "el/own.png"]
    existing += ["en/d.png"]
    assert borrowed_files(plan_site(catalog, "public"), existing) == {
        "el/c.png": "en/c.png",  # a translation whose picture was not copied
        "pl/c.png": "en/c.png",  # an untranslated page shown on the Polish site
        "pl/own.png": "en/own.png",
        "el/d.png": "en/d.png",
        "pl/d.png": "en/d.png",
    }


def test_untranslated_pages_show_the_source_pictures(build_site) -> None:
    built = build_site(
        {
            "en/index.md": page("Home"),
            "en/a.md": page("A", "![chart](img/chart.png)\n\n[form](files/form.pdf)"),
            "en/img/chart.png": PNG,
            "en/files/form.pdf": b"%PDF-1.4\n",
            "el/b.md": page("Β", "![chart](img/chart.png)"),
            "en/b.md": page("B", "![chart](img/chart.png)"),
            "el/img/chart.png": GREEK_PNG,
        },
        plugin={"languages": {"en": {"name": "English"}, "el": {"name": "Ελληνικά"}}},
        strict=True,
    )
    assert built.ok, built.logs
    assert '<img alt="chart" src="../img/chart.png" />' in built.html("el/a/")
    # The Greek site has its own picture: the Greek page and the fallback page both use it.
    assert (built.site / "el" / "img" / "chart.png").read_bytes() == GREEK_PNG
    assert (built.site / "el" / "files" / "form.pdf").read_bytes() == b"%PDF-1.4\n"
    assert (built.site / "en" / "img" / "chart.png").read_bytes() == PNG
    assert built.kb_logs("WARNING") == []


def test_a_public_site_drops_borrowed_files_no_page_uses(build_site) -> None:
    # The link inside a code block is not a link: its file is not published in any language.
    body = "```markdown\n![example](img/example.png)\n```\n\n![chart](img/chart.png)"
    built = build_site(
        {
            "en/index.md": page("Home"),
            "en/a.md": page("A", body),
            "en/img/example.png": PNG,
            "en/img/chart.png": PNG,
        }
    )
    assert built.ok, built.logs
    for lang in ("en", "el", "pl", "hu"):
        assert (built.site / lang / "img" / "chart.png").is_file(), lang
        assert not (built.site / lang / "img" / "example.png").exists(), lang
