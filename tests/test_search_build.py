"""The search index as `mkdocs build` writes it: one Pagefind bundle per language."""

from __future__ import annotations

import json
import re
import stat
from pathlib import Path

import pytest
from sitekit import BuiltSite, fragments, page

LANGS = ("en", "el", "pl")

SITE = {
    "en/index.md": page("Help", "Start here."),
    "en/complaints/index.md": page("Complaints", "Everything about complaints."),
    "en/complaints/handling.md": page(
        "Handling a complaint", "## Listen first\n\nLet them finish.\n\n## Put it right\n\nFix it."
    ),
    "en/complaints/faq.md": page(
        "Complaints FAQ",
        "## How do I complain?\n\nCall us.\n\n## How long does it take?\n\nA week.\n",
        type="faq",
    ),
    "en/desk/escalation.md": page(
        "Escalation zebrafish", "Only for agents: zebrafish.", audience="internal"
    ),
    "el/index.md": page("Βοήθεια", "Ξεκινήστε εδώ."),
    "el/complaints/index.md": page("Παράπονα", "Όλα για τα παράπονα."),
    "el/complaints/handling.md": page("Χειρισμός παραπόνων", "Ακούστε τα παράπονα."),
    "pl/index.md": page("Pomoc", "Zacznij tutaj."),
    "pl/complaints/handling.md": page("Obsługa reklamacji", "Jak złożyć reklamację."),
}


def urls(site: Path, lang: str) -> set[str]:
    return {record["url"] for record in fragments(site, lang)}


def entry(site: Path, lang: str) -> dict:
    return json.loads((site / "pagefind" / lang / "pagefind-entry.json").read_text("utf-8"))


def search_config(html: str) -> dict:
    found = re.search(
        r'<script type="application/json" id="kb-search-config">(.*?)</script>', html, re.S
    )
    assert found, "no search settings on the page"
    return json.loads(found.group(1))


@pytest.fixture
def built(build_site) -> BuiltSite:
    site = build_site(SITE)
    assert site.ok, site.logs
    return site


def test_every_language_with_pages_gets_its_own_bundle(built: BuiltSite) -> None:
    for lang, pages in (("en", 4), ("el", 3), ("pl", 2)):
        assert entry(built.site, lang)["languages"] == {
            lang: {
                "hash": entry(built.site, lang)["languages"][lang]["hash"],
                "wasm": lang,
                "page_count": pages,
            }
        }
        assert (built.site / "pagefind" / lang / "pagefind.js").is_file()
        assert (built.site / "pagefind" / lang / f"wasm.{lang}.pagefind").is_file()
    # Hungarian has no page of its own: every Hungarian page is the English original.
    assert not (built.site / "pagefind" / "hu").exists()
    # Pagefind's ready-made interfaces are not shipped: kb_builder draws its own.
    assert not (built.site / "pagefind" / "en" / "pagefind-ui.js").exists()


def test_fallback_pages_are_not_indexed_in_their_language(built: BuiltSite) -> None:
    assert urls(built.site, "pl") == {"/pl/", "/pl/complaints/handling/"}
    assert urls(built.site, "el") == {"/el/", "/el/complaints/", "/el/complaints/handling/"}
    fallback = built.html("pl/complaints/")
    assert "data-pagefind-body" not in fallback


def test_only_the_article_is_indexed_with_its_title_section_and_kind(built: BuiltSite) -> None:
    (record,) = [r for r in fragments(built.site, "el") if r["url"] == "/el/complaints/handling/"]
    assert record["meta"]["title"] == "Χειρισμός παραπόνων"
    assert record["meta"]["description"] == "About Χειρισμός παραπόνων."
    assert record["filters"] == {
        "section": ["Παράπονα"],
        "kind": ["article"],
        # The same article's page in another language's index has the same value.
        "article": ["complaints/handling.md"],
    }
    # The article text, not the menus, the language switcher or the footer.
    assert record["content"] == "Χειρισμός παραπόνων. Ακούστε τα παράπονα."


def test_faq_questions_are_anchors_without_the_permalink_sign(built: BuiltSite) -> None:
    (faq,) = [r for r in fragments(built.site, "en") if r["url"] == "/en/complaints/faq/"]
    assert faq["filters"]["kind"] == ["faq"]
    questions = [(a["element"], a["id"], a["text"]) for a in faq["anchors"]]
    assert questions == [
        ("h2", "how-do-i-complain", "How do I complain?"),
        ("h2", "how-long-does-it-take", "How long does it take?"),
    ]
    assert "¶" not in faq["content"]
    assert "Expand all answers" not in faq["content"]
    assert "Call us." in faq["content"]


def test_internal_pages_are_searchable_on_the_agent_desk_only(build_site, tmp_path) -> None:
    public = build_site(SITE)
    assert "/en/desk/escalation/" not in urls(public.site, "en")
    assert not any("zebrafish" in json.dumps(r) for r in fragments(public.site, "en"))
    words = (public.site / "pagefind" / "words" / "en").glob("*.json")
    assert not any("zebrafish" in path.read_text("utf-8") for path in words)

    desk = build_site(SITE, plugin={"audience": "internal"}, project=tmp_path / "desk")
    (record,) = [r for r in fragments(desk.site, "en") if r["url"] == "/en/desk/escalation/"]
    assert record["filters"]["audience"] == ["internal"]
    zebra = json.loads((desk.site / "pagefind" / "words" / "en" / "7a-65.json").read_text("utf-8"))
    assert "zebrafish" in zebra["words"]


def test_word_lists_hold_the_words_of_indexed_pages(built: BuiltSite) -> None:
    folder = built.site / "pagefind" / "words" / "pl"
    zl = json.loads((folder / "7a-6c.json").read_text("utf-8"))
    assert zl == {"words": ["złożyć"], "common": 0}
    re_ = json.loads((folder / "72-65.json").read_text("utf-8"))
    assert set(re_["words"]) == {"reklamacji", "reklamację"}


def test_every_page_has_the_search_box_in_its_language(built: BuiltSite) -> None:
    html = built.html("el/complaints/handling/")
    assert 'class="md-search kb-search"' in html
    assert 'aria-label="Αναζήτηση στο κέντρο βοήθειας"' in html
    # Material's own search script must not pick the box up.
    assert 'data-md-component="search' not in html
    settings = search_config(html)
    assert settings["lang"] == "el"
    assert settings["root"] == "../../.."
    assert [language["code"] for language in settings["languages"]] == ["en", "el", "pl"]
    assert settings["strings"]["scope.all"] == "Όλες οι γλώσσες"
    assert 'src="../../../assets/kb/search.js"' in html
    # Hungarian readers search the languages that have pages.
    assert search_config(built.html("hu/"))["lang"] == "hu"
    assert search_config((built.site / "404.html").read_text("utf-8"))["lang"] == "en"


def test_front_matter_in_search_metadata_is_escaped(build_site) -> None:
    built = build_site(
        {"en/a.md": page('Quotes " and <b>tags</b>', "Text.", description="A & B <i>")}
    )
    assert built.ok, built.logs
    html = built.html("en/a/")
    assert 'data-pagefind-meta="title:Quotes &#34; and &lt;b&gt;tags&lt;/b&gt;"' in html
    (record,) = fragments(built.site, "en")
    assert record["meta"]["title"] == 'Quotes " and <b>tags</b>'
    assert record["meta"]["description"] == "A & B <i>"


def test_search_can_be_switched_off(build_site) -> None:
    built = build_site(SITE, plugin={"search": {"enabled": False}})
    assert built.ok, built.logs
    assert not (built.site / "pagefind").exists()
    html = built.html("en/complaints/handling/")
    assert "kb-search" not in html
    assert "data-pagefind" not in html
    assert "search.js" not in html


def test_a_missing_pagefind_is_a_clear_build_error(build_site, monkeypatch, tmp_path) -> None:
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(tmp_path / "no-such-pagefind"))
    built = build_site(SITE)
    assert not built.ok
    (message,) = [line for line in built.logs if line.startswith("ERROR")]
    assert "Search: the Pagefind program was not found" in message
    assert "Set 'search: {enabled: false}' under the kb plugin" in message


def test_a_failing_pagefind_is_a_clear_build_error(build_site, monkeypatch, tmp_path) -> None:
    fake = tmp_path / "pagefind"
    fake.write_text("#!/bin/sh\necho 'Error: the disk is full' >&2\nexit 3\n")
    fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(fake))
    built = build_site(SITE)
    assert not built.ok
    (message,) = [line for line in built.logs if line.startswith("ERROR")]
    assert message.startswith(
        "ERROR - Search: Pagefind could not build the index (en: Error: the disk is full;"
    )
    assert "Set 'search: {enabled: false}'" in message


def test_the_copies_for_pagefind_are_removed_after_a_build(build_site, monkeypatch) -> None:
    from kb_builder.search import index

    made: list[Path] = []
    real_scratch_dir = index._scratch_dir

    def scratch_dir() -> Path:
        made.append(real_scratch_dir())
        return made[-1]

    monkeypatch.setattr(index, "_scratch_dir", scratch_dir)
    built = build_site(SITE)
    assert built.ok, built.logs
    broken = build_site({**SITE, "en/bad.md": page("Bad", "[x](javascript:alert(1))")})
    assert not broken.ok  # an unsafe link stops the build after the pages are written
    assert len(made) == 2
    assert [folder for folder in made if folder.exists()] == []


def test_each_language_is_indexed_as_soon_as_its_pages_are_written(build_site, monkeypatch) -> None:
    from kb_builder.search import index

    starts = []
    real_start = index.Indexer.start

    def start(self, code: str, chunk_size: int | None = None, *, beside_build=False, **more):
        # The pages Pagefind has (and the site has) at the moment it is asked to index `code`.
        given = {lang: len(list(self.pages_dir.glob(f"{lang}/**/*.html"))) for lang in LANGS}
        written = {lang: len(list(self.site_dir.glob(f"{lang}/**/*.html"))) for lang in LANGS}
        starts.append((code, given, written, beside_build))
        real_start(self, code, chunk_size, beside_build=beside_build, **more)

    monkeypatch.setattr(index.Indexer, "start", start)
    languages = {"en": {"name": "English"}, "el": {"name": "Ελληνικά"}, "pl": {"name": "Polski"}}
    built = build_site(SITE, plugin={"languages": languages})
    assert built.ok, built.logs
    # English is indexed complete before any page of the languages after it is written,
    # Greek before any Polish page, Polish before its last page is on disk. Pagefind gets
    # only the pages of the language's own; fallbacks (3 here) are written after all of
    # them, so even the last language is indexed while MkDocs still writes pages.
    assert starts == [
        ("en", {"en": 4, "el": 0, "pl": 0}, {"en": 3, "el": 0, "pl": 0}, True),
        ("el", {"en": 4, "el": 3, "pl": 0}, {"en": 4, "el": 2, "pl": 0}, True),
        ("pl", {"en": 4, "el": 3, "pl": 2}, {"en": 4, "el": 3, "pl": 1}, True),
    ]
    written = {lang: len(list(built.site.glob(f"{lang}/**/*.html"))) for lang in LANGS}
    assert written == {"en": 4, "el": 4, "pl": 4}
    assert entry(built.site, "pl")["languages"]["pl"]["page_count"] == 2


@pytest.mark.parametrize(
    ("beside_build", "preset", "threads"),
    [(True, None, "3"), (False, None, ""), (True, "8", "8")],
)
def test_pagefind_leaves_mkdocs_a_processor_while_pages_are_written(
    monkeypatch, tmp_path, beside_build: bool, preset: str | None, threads: str
) -> None:
    from kb_builder.search import index

    seen = tmp_path / "threads.txt"
    fake = tmp_path / "pagefind"
    fake.write_text(f'#!/bin/sh\nprintf "%s" "$RAYON_NUM_THREADS" > {seen}\n')
    fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(fake))
    monkeypatch.delenv(index.THREADS_SETTING, raising=False)
    if preset is not None:
        monkeypatch.setenv(index.THREADS_SETTING, preset)  # the user's own choice stays
    monkeypatch.setattr(index, "available_cpus", lambda: 4)
    indexer = index.Indexer(tmp_path / "site")
    indexer.start("en", beside_build=beside_build)
    indexer._wait(index.IndexReport())
    assert seen.read_text() == threads


def test_pagefind_gets_the_indexed_part_of_each_page() -> None:
    from kb_builder.search.pages import search_document

    page = (
        '<html lang="el"><head><title>T</title></head><body><nav><div>menu</div></nav>'
        '<div data-pagefind-body><div class="a"><div>text</div></div><p>more</p></div>'
        "<footer><div>foot</div></footer></body></html>"
    )
    assert search_document(page, "el") == (
        '<!DOCTYPE html>\n<html lang="el"><head><meta charset="utf-8"></head><body>'
        '<div data-pagefind-body><div class="a"><div>text</div></div><p>more</p></div>'
        "</body></html>\n"
    )
    unmarked = "<html><body><p>All of it</p></body></html>"
    assert search_document(unmarked, "el") == unmarked
    unclosed = "<html><body><div data-pagefind-body><div>text</body></html>"
    assert search_document(unclosed, "el") == unclosed
