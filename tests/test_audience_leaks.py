"""One source, two sites: nothing internal reaches any file of the public build.

The fixture plants unique markers (`zqxleakNN`) in everything internal: titles,
descriptions, headings, FAQ questions, say phrases (and agent-only say blocks on public
pages), file and folder names, image and PDF
bytes. The public build is then searched, file names and bytes, compressed files included.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from leakscan import find
from sitekit import LANGUAGES, page, run_build

PNG = b"\x89PNG\r\n\x1a\n"

LEAK_SITE: dict[str, str | bytes] = {
    # Public pages, and the files they use.
    "en/index.md": page("Help", "Start with the [guide](guide.md) or the [FAQ](faq.md)."),
    "en/guide.md": page(
        "Guide",
        "![Shared diagram](../shared/both.png)\n\n"
        "Fill in the [form](../files/public-form.pdf).\n\n"
        '<img src="../../shared/raw-public.png" alt="Raw HTML image">\n',
        tags=["guide"],
    ),
    "en/faq.md": page(
        "Public FAQ",
        "## How do refunds work?\n\nWe refund within three days.\n\n"
        "!!! say agent-only\n    zqxleak19 check the refund log first.\n",
        type="faq",
    ),
    "shared/both.png": PNG + b"shared picture",
    "shared/raw-public.png": PNG + b"raw html picture",
    "files/public-form.pdf": b"%PDF-1.4 public form",
    "styles/site.css": "body { background: url('site-bg.png'); }\n",
    "styles/site-bg.png": PNG + b"background",
    # Internal pages: a section, an article with assets, a FAQ, a page without audience.
    "en/zqxleak16-desk/index.md": page(
        "Desk zqxleak01",
        "Internal zqxleak01 overview. See the [escalation guide](zqxleak02-escalation.md) "
        "and the public [guide](../guide.md).",
        audience="internal",
        description="zqxleak01 description",
    ),
    "en/zqxleak16-desk/zqxleak02-escalation.md": page(
        "Escalation zqxleak02",
        "## zqxleak06 heading\n\n"
        "!!! say\n    zqxleak17 phrase to read out.\n\n"
        "![Diagram](zqxleak03-diagram.png)\n\n"
        "![Shared](../../shared/both.png)\n\n"
        "See the [rates](zqxleak04-rates.pdf).\n\n"
        '<img src="../zqxleak14-raw.png" alt="raw">\n',
        audience="internal",
        tags=["zqxleak05"],
    ),
    "en/zqxleak16-desk/zqxleak03-diagram.png": PNG + b"zqxleak03 diagram",
    "en/zqxleak16-desk/zqxleak04-rates.pdf": b"%PDF-1.4 zqxleak04 rates",
    "en/zqxleak16-desk/zqxleak14-raw.png": PNG + b"zqxleak14 raw",
    "en/zqxleak16-desk/zqxleak13-notes.txt": "zqxleak13 notes nobody links to",
    "en/zqxleak16-desk/faq.md": page(
        "Desk FAQ zqxleak18",
        "## zqxleak07 question?\n\nzqxleak07 answer.\n",
        audience="internal",
        type="faq",
    ),
    "en/zqxleak08-no-audience.md": (
        "---\ntitle: Unsure zqxleak08\ndescription: No audience zqxleak08.\n---\nzqxleak08 body.\n"
    ),
    # An unlinked file in a folder of its own.
    "zqxleak12-desk-assets/unlinked.png": PNG + b"zqxleak12 unlinked",
    # A translation marked internal, of a public page: the Greek site shows the English.
    "el/guide.md": page("Οδηγός zqxleak09", "Εσωτερικό zqxleak09.", audience="internal"),
    # A translation marked public, of an internal page: it stays internal.
    "el/zqxleak16-desk/zqxleak02-escalation.md": page("Κλιμάκωση zqxleak10", "zqxleak10."),
    # A translation (it records a source hash) whose original does not exist is never
    # published. (A Polish file recording no translation would be a Polish original.)
    "pl/zqxleak11-orphan.md": page(
        "Sierota zqxleak11", "zqxleak11.", source_hash="sha256:" + "0" * 64
    ),
}
MARKERS = [f"zqxleak{n:02d}" for n in (*range(1, 15), 16, 17, 18, 19)]
NOT_SHOWN_ANYWHERE = {
    "zqxleak05",  # tags are not shown on pages by kb_builder, on either site
}


def _config(root: Path, audience: str, site_dir: str = "site") -> Path:
    settings = {
        "site_name": "Leak test",
        "site_url": "https://help.example.com/",
        "docs_dir": "content",
        "site_dir": site_dir,
        "theme": {"name": "material", "features": ["navigation.indexes"]},
        "extra_css": ["styles/site.css"],
        "plugins": {
            "search": {},
            "tags": {},
            "kb": {"default_language": "en", "languages": LANGUAGES, "audience": audience},
        },
        "markdown_extensions": ["admonition", "attr_list", "md_in_html", "pymdownx.details"],
    }
    path = root / f"mkdocs.{audience}.yml"
    path.write_text(yaml.safe_dump(settings, allow_unicode=True), encoding="utf-8")
    return path


def _write(root: Path, files: dict[str, str | bytes]) -> None:
    for rel, content in files.items():
        target = root / "content" / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")


@pytest.fixture
def leak_project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    _write(root, LEAK_SITE)
    return root


def _docs_assets(site: Path) -> list[str]:
    """Files of the site that came from content/ and are not pages or theme files."""
    generated = ("assets/", "search/", "pagefind/", "tags.json")
    return sorted(
        p.relative_to(site).as_posix()
        for p in site.rglob("*")
        if p.is_file()
        and not p.name.endswith((".html", ".xml", ".gz"))
        and not p.relative_to(site).as_posix().startswith(generated)
    )


def test_public_build_contains_nothing_internal(leak_project: Path) -> None:
    built = run_build(leak_project, _config(leak_project, "public"))
    assert built.ok, built.logs
    assert find(built.site, MARKERS) == []
    # Only the files public pages and the configuration use were copied.
    assert _docs_assets(built.site) == [
        "files/public-form.pdf",
        "shared/both.png",
        "shared/raw-public.png",
        "styles/site-bg.png",
        "styles/site.css",
    ]
    assert (
        "5 files of content are used by no public page and left out of the public site "
        "(list them with --verbose; publish one anyway with 'public_files')."
    ) in built.kb_logs("INFO")
    # The search index exists and holds the public pages only.
    index = json.loads((built.site / "search" / "search_index.json").read_text("utf-8"))
    locations = {doc["location"].split("#")[0] for doc in index["docs"]}
    assert "en/guide/" in locations
    assert not any("zqxleak" in location for location in locations)
    # The Greek guide is the English page with a notice, not the internal translation.
    assert "Shared diagram" in built.html("el/guide/")


def test_the_scan_finds_the_markers_in_the_internal_build(leak_project: Path) -> None:
    built = run_build(leak_project, _config(leak_project, "internal"))
    assert built.ok, built.logs
    hits = find(built.site, MARKERS)
    found = {hit.rsplit(": ", 1)[1] for hit in hits}
    assert found == set(MARKERS) - NOT_SHOWN_ANYWHERE
    # An orphan translation is never published as a page; only the editors' coverage page
    # of the agent desk names it, so someone can delete or re-home it.
    assert [hit for hit in hits if hit.endswith(": zqxleak11")] == [
        "coverage/index.html: zqxleak11"
    ]
    # Everything is copied to the agent desk, linked or not.
    assert (built.site / "zqxleak12-desk-assets" / "unlinked.png").is_file()
    assert (built.site / "search" / "search_index.json").read_text("utf-8").count("zqxleak") > 0


def test_public_build_over_an_internal_build_leaves_nothing_behind(leak_project: Path) -> None:
    internal = run_build(leak_project, _config(leak_project, "internal", site_dir="out"))
    assert internal.ok and find(internal.site, ["zqxleak02"])
    public = run_build(leak_project, _config(leak_project, "public", site_dir="out"))
    assert public.ok, public.logs
    assert public.site == internal.site
    assert find(public.site, MARKERS) == []


def test_dirty_public_build_is_refused(leak_project: Path) -> None:
    internal = run_build(leak_project, _config(leak_project, "internal", site_dir="out"))
    assert internal.ok
    public = run_build(leak_project, _config(leak_project, "public", site_dir="out"), dirty=True)
    assert public.error == "Aborted with a BuildError!"
    assert (
        "ERROR - kb plugin: the public site is always built from an empty folder, so --dirty "
        "cannot be used with 'audience: public' (files of an earlier build, perhaps of the "
        "agent desk, would stay in it). Build again without --dirty."
    ) in public.logs
    # Nothing of the earlier internal build is left for anyone to publish.
    assert find(public.site, MARKERS) == []
    # The agent desk may be built dirty: it has nothing to hide from itself.
    again = run_build(leak_project, _config(leak_project, "internal", site_dir="out"), dirty=True)
    assert again.ok, again.logs


def _snapshot(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def test_failed_public_build_leaves_the_previous_site_untouched(leak_project: Path) -> None:
    config = _config(leak_project, "public")
    assert run_build(leak_project, config).ok
    site = leak_project / "site"
    (site / ".git").mkdir()
    (site / ".git" / "HEAD").write_text("ref: refs/heads/main\n", encoding="utf-8")
    before = _snapshot(site)
    # Strict mode turns the missing audience warning into a failure.
    failed = run_build(leak_project, config, strict=True)
    # The missing audience and the orphan translation are warnings.
    assert failed.error == "Aborted with 3 warnings in strict mode!"
    assert _snapshot(site) == before
    assert [p.name for p in leak_project.iterdir() if ".kb-build-" in p.name] == []


def test_broken_page_leaves_the_previous_site_untouched(leak_project: Path) -> None:
    config = _config(leak_project, "public")
    assert run_build(leak_project, config).ok
    before = _snapshot(leak_project / "site")
    (leak_project / "content" / "en" / "broken.md").write_text("no front matter\n", "utf-8")
    failed = run_build(leak_project, config)
    assert not failed.ok
    assert _snapshot(leak_project / "site") == before


def test_failed_public_build_over_the_agent_desk_empties_the_folder(leak_project: Path) -> None:
    assert run_build(leak_project, _config(leak_project, "internal")).ok
    (leak_project / "content" / "en" / "broken.md").write_text("no front matter\n", "utf-8")
    failed = run_build(leak_project, _config(leak_project, "public"))
    assert not failed.ok
    # The desk is not left where a deployment script expects the public site.
    assert list((leak_project / "site").iterdir()) == []


def test_public_files_publishes_unlinked_files(tmp_path: Path) -> None:
    root = tmp_path / "project"
    _write(
        root,
        {
            "en/index.md": page("Help"),
            "CNAME": "help.example.com\n",
            "downloads/price-list.pdf": b"%PDF-1.4 prices",
            "downloads/secret.pdf": b"%PDF-1.4 secret",
        },
    )
    config = _config(root, "public")
    settings = yaml.safe_load(config.read_text("utf-8"))
    settings["plugins"]["kb"]["public_files"] = ["CNAME", "downloads/price-*.pdf"]
    settings.pop("extra_css")
    config.write_text(yaml.safe_dump(settings, allow_unicode=True), encoding="utf-8")
    built = run_build(root, config)
    assert built.ok, built.logs
    assert (built.site / "CNAME").read_text("utf-8") == "help.example.com\n"
    assert (built.site / "downloads" / "price-list.pdf").is_file()
    assert not (built.site / "downloads" / "secret.pdf").exists()


def test_public_page_linking_to_an_internal_page_fails_the_public_build(
    leak_project: Path,
) -> None:
    _write(
        leak_project,
        {
            "en/guide.md": page(
                "Guide",
                "Ask an agent to read the [zqxleak02 guide](zqxleak16-desk/zqxleak02-escalation.md).",
            )
        },
    )
    built = run_build(leak_project, _config(leak_project, "public"))
    assert not built.ok
    errors = "\n".join(line for line in built.logs if line.startswith("ERROR"))
    assert "content/en/guide.md" in errors
    assert "content/en/zqxleak16-desk/zqxleak02-escalation.md" in errors
    assert find(built.site, MARKERS) == []


DESK_TOOLS = [
    "data-kb-desk-start",
    "data-kb-share",
    "Copy link for the customer",
    "Phrases to say",
    "assets/kb/desk/",
    "kb-phrase",
]
"""The agent desk's start page, phrase results and customer links (README, "The agent desk
on a call"): on the desk only."""


def test_desk_tools_stay_on_the_desk(leak_project: Path) -> None:
    for audience in ("internal", "public"):
        path = _config(leak_project, audience, site_dir="out")
        settings = yaml.safe_load(path.read_text(encoding="utf-8"))
        settings["plugins"]["kb"]["desk"] = {
            "pinned": ["guide.md"],
            "public_site_url": "https://public.example.com/",
        }
        if audience == "internal":
            settings["site_url"] = "https://desk.example.com/"
        path.write_text(yaml.safe_dump(settings, allow_unicode=True), encoding="utf-8")
        built = run_build(leak_project, path)
        assert built.ok, built.logs
        found = {hit.rsplit(": ", 1)[1] for hit in find(built.site, DESK_TOOLS)}
        # The scan sees every tool on the desk, and none of them on the public site.
        assert found == (set(DESK_TOOLS) if audience == "internal" else set())
