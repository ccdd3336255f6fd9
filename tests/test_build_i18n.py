"""One build pass, every language: addresses, <html lang>, navigation, switcher, fallbacks."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

from sitekit import page

SITE = {
    "en/index.md": page("Welcome", "Start here. See [complaints](complaints/index.md)."),
    "en/complaints/index.md": page("Complaints", "All about complaints."),
    "en/complaints/handle.md": page(
        "Handling a complaint", "## Listen first\n\nLet them finish.\n\n## Resolve\n\nFix it."
    ),
    "el/index.md": page("Καλώς ήρθατε", "Ξεκινήστε εδώ."),
    "el/complaints/index.md": page("Παράπονα", "Όλα για τα παράπονα."),
    "el/complaints/handle.md": page(
        "Χειρισμός παραπόνου",
        "## Χειρισμός παραπόνων: βήμα προς βήμα\n\nΑκούστε.\n\n## Επίλυση\n\nΛύστε το.",
    ),
    "pl/index.md": page("Witamy", "Zacznij tutaj."),
    "pl/complaints/index.md": page("Reklamacje", "Wszystko o reklamacjach."),
    "hu/index.md": page("Üdvözöljük", "Kezdje itt."),
    "hu/complaints/index.md": page("Panaszok", "Minden a panaszokról."),
    "hu/complaints/handle.md": page(
        "Panaszkezelés", "## Panaszkezelés lépésről lépésre\n\nHallgassa meg.\n"
    ),
}


def html_lang(html: str) -> str:
    match = re.search(r'<html lang="([^"]+)"', html)
    assert match, "no <html lang>"
    return match.group(1)


def switcher(html: str) -> dict[str, tuple[str, bool]]:
    """hreflang -> (href, marked untranslated) from the language switcher."""
    block = html[html.index('class="md-select__list"') :]
    block = block[: block.index("</ul>")]
    entries = {}
    for item in re.findall(r"<li class=\"md-select__item\">(.*?)</li>", block, re.S):
        href = re.search(r'href="([^"]*)"', item).group(1)
        code = re.search(r'hreflang="([^"]*)"', item).group(1)
        entries[code] = (href, "kb-switcher__note" in item)
    return entries


def nav_titles(html: str) -> list[str]:
    nav = html[html.index("md-nav--primary") : html.index("md-sidebar--secondary")]
    # The active page's table of contents is repeated inside the primary nav for mobile.
    nav = re.sub(r'<nav class="md-nav md-nav--secondary".*?</nav>', "", nav, flags=re.S)
    titles = [
        t.strip() for t in re.findall(r'<span class="md-ellipsis">\s*(.*?)\s*</span>', nav, re.S)
    ]
    # The active page appears twice: as a link and as the label of its contents toggle.
    return [t for i, t in enumerate(titles) if i == 0 or titles[i - 1] != t]


def test_every_language_is_built_in_one_pass(build_site) -> None:
    built = build_site(SITE)
    assert built.ok, built.logs
    for lang in ("en", "el", "pl", "hu"):
        for path in ("", "complaints/", "complaints/handle/"):
            html = built.html(f"{lang}/{path}")
            assert html_lang(html) == lang, (lang, path)


def test_material_interface_strings_follow_the_page_language(build_site) -> None:
    built = build_site(SITE)
    greek = built.html("el/complaints/handle/")
    polish = built.html("pl/complaints/handle/")
    hungarian = built.html("hu/complaints/handle/")
    english = built.html("en/complaints/handle/")
    # "Skip to content" and the copy-button label come from Material's language files.
    assert "Μετάβαση στο περιεχόμενο" in greek
    config = json.loads(
        re.search(
            r'<script id="__config" type="application/json">(.*?)</script>', greek, re.S
        ).group(1)
    )
    assert config["translations"]["clipboard.copy"] == "Αντιγραφή στο πρόχειρο"
    assert "Przejdź do treści" in polish
    assert "Kihagyás" in hungarian
    assert "Skip to content" in english
    assert 'aria-label="Πλοήγηση"' in greek


def test_navigation_shows_only_the_page_language(build_site) -> None:
    built = build_site(SITE)
    greek_nav = nav_titles(built.html("el/complaints/handle/"))
    assert greek_nav == ["Καλώς ήρθατε", "Παράπονα", "Χειρισμός παραπόνου"]
    english_nav = nav_titles(built.html("en/complaints/handle/"))
    assert english_nav == ["Welcome", "Complaints", "Handling a complaint"]


def test_previous_and_next_links_stay_in_the_language(build_site) -> None:
    built = build_site(SITE)
    last_english = built.html("en/complaints/handle/")
    assert 'rel="next"' not in last_english
    first_greek = built.html("el/")
    assert 'rel="prev"' not in first_greek
    assert '<link rel="next" href="complaints/">' in first_greek


def test_switcher_goes_to_the_same_article(build_site) -> None:
    built = build_site(SITE)
    entries = switcher(built.html("el/complaints/handle/"))
    assert entries == {
        "en": ("../../../en/complaints/handle/", False),
        "el": ("./", False),
        "pl": ("../../../pl/complaints/handle/", True),
        "hu": ("../../../hu/complaints/handle/", False),
    }


def test_missing_translation_shows_the_source_with_a_notice(build_site) -> None:
    built = build_site(SITE)
    html = built.html("pl/complaints/handle/")
    assert html_lang(html) == "pl"
    assert "Jeszcze nie przetłumaczono" in html
    assert (
        "Ten artykuł nie jest jeszcze dostępny w tym języku. "
        "Poniżej znajduje się wersja oryginalna (English)." in html
    )
    # The text itself is English and says so.
    assert '<div lang="en">' in html
    assert "Let them finish." in html
    # The switcher on the fallback page does not claim a Polish translation.
    assert switcher(html)["pl"] == ("./", True)
    # Translated pages carry no notice.
    assert "kb-notice" not in built.html("el/complaints/handle/")
    # (The translations here have no source_hash: they are also reported as untracked.)
    assert [line for line in built.kb_logs("INFO") if "not translated" in line] == [
        "content/en/complaints/handle.md: not translated into 'pl'; the pl site shows this "
        "page with a notice. Start a translation with "
        "'kb new --lang pl content/en/complaints/handle.md'."
    ]


def test_unicode_heading_anchors_are_readable(build_site) -> None:
    built = build_site(SITE)
    greek = built.html("el/complaints/handle/")
    assert 'id="χειρισμός-παραπόνων-βήμα-προς-βήμα"' in greek
    assert 'id="επίλυση"' in greek
    assert 'id="_1"' not in greek
    hungarian = built.html("hu/complaints/handle/")
    assert 'id="panaszkezelés-lépésről-lépésre"' in hungarian


def test_polish_heading_anchor(build_site) -> None:
    built = build_site(
        {
            "en/a.md": page("A", "## Discounts"),
            "pl/a.md": page("Zniżki", "## Zniżka — jak odpowiedzieć?\n\nTekst."),
        }
    )
    assert 'id="zniżka-jak-odpowiedzieć"' in built.html("pl/a/")


def test_root_page_sends_readers_to_their_language(build_site) -> None:
    built = build_site(SITE)
    root = built.html("")
    for code, name in (("en", "English"), ("el", "Ελληνικά"), ("pl", "Polski"), ("hu", "Magyar")):
        assert f'<a href="{code}/" hreflang="{code}" data-kb-lang="{code}">' in root
        assert f"<strong>{name}</strong>" in root
    assert "<span>Επιλέξτε γλώσσα</span>" in root
    data = re.search(r'<script id="kb-chooser" type="application/json">(.*?)</script>', root, re.S)
    assert json.loads(data.group(1)) == {
        "default": "en",
        "languages": {"en": "en/", "el": "el/", "pl": "pl/", "hu": "hu/"},
    }
    assert 'src="assets/kb/kb.js"' in root


def test_404_page_links_every_language_home(build_site) -> None:
    built = build_site(SITE)
    html = (built.site / "404.html").read_text(encoding="utf-8")
    assert "<h1>Page not found</h1>" in html
    assert "Μετάβαση στην αρχική σελίδα" in html
    assert nav_titles(html)[0] == "Welcome"


def test_language_site_names(build_site) -> None:
    languages = {
        "en": {"name": "English", "site_name": "Help"},
        "el": {"name": "Ελληνικά", "site_name": "Βοήθεια"},
    }
    built = build_site(
        {"en/a.md": page("A"), "el/a.md": page("Α")}, plugin={"languages": languages}
    )
    assert "<title>Α - Βοήθεια</title>" in built.html("el/a/")
    assert "<title>A - Help</title>" in built.html("en/a/")


def test_front_matter_values_are_escaped(build_site) -> None:
    evil = '</title><script>alert(1)</script>"'
    built = build_site({"en/a.md": page(evil, description=evil)})
    html = built.html("en/a/")
    assert "<script>alert(1)</script>" not in html
    assert "&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;&#34;" in html


def test_nfd_file_names_are_published_at_nfc_addresses(build_site) -> None:
    nfd = unicodedata.normalize("NFD", "en/café.md")
    built = build_site({nfd: page("Café")})
    assert built.ok, built.logs
    nfc_dir = built.site / "en" / unicodedata.normalize("NFC", "café")
    assert (nfc_dir / "index.html").is_file()
    names = [p.name for p in (built.site / "en").iterdir()]
    assert unicodedata.normalize("NFD", "café") not in names


def test_bom_and_crlf_are_read(build_site) -> None:
    text = "\ufeff" + page("Windows file", "## Heading\r\n\r\nBody text.").replace("\n", "\r\n")
    built = build_site({"en/win.md": text.encode("utf-8")})
    assert built.ok, built.logs
    html = built.html("en/win/")
    assert "<title>Windows file - Test help</title>" in html
    assert 'id="heading"' in html
    assert "title: Windows file" not in html


def test_yaml_that_mkdocs_would_render_raw_fails_the_build(build_site) -> None:
    bad = "---\ntitle: Price: what to say\ndescription: x\naudience: public\n---\nBody\n"
    built = build_site({"en/good.md": page("Good"), "en/bad.md": bad})
    assert not built.ok
    assert built.kb_logs("ERROR") == [
        "content/en/bad.md:2: the front matter is not valid YAML: mapping values are not "
        "allowed in this context. Check the quoting on that line; put values containing ': ' "
        "or starting with a special character in quotes."
    ]
    assert "1 content error; nothing was published" in built.error or any(
        "1 content error; nothing was published" in line for line in built.logs
    )
    assert not list(built.site.rglob("*.html"))


def test_all_front_matter_errors_are_reported_together_sorted_by_file(build_site) -> None:
    built = build_site(
        {
            "en/b.md": "---\ntitle: B\ndescription: B\ntitle: C\n---\n",
            "en/a.md": "No front matter here.\n",
            "en/c.md": "---\ntitle: &x C\ndescription: *x\n---\n",
            "en/d.md": "---\n- a\n---\n",
            "en/e.md": "---\ntitle: E\ndescription: E\naudience: all\nsecret: 1\n---\n",
            "en/f.md": b"---\ntitle: F\ndescription: caf\xe9\n---\n",
        }
    )
    assert built.kb_logs("ERROR") == [
        "content/en/a.md:1: the file does not start with front matter. Start it with a '---' "
        "line, then 'title:' and 'description:' lines, then '---'.",
        "content/en/b.md:4: the key 'title' appears twice (first on line 2). Keep one of them.",
        "content/en/c.md:2: YAML anchors and aliases (&name, *name) are not allowed in front "
        "matter. Write the value out in full.",
        "content/en/c.md:3: YAML anchors and aliases (&name, *name) are not allowed in front "
        "matter. Write the value out in full.",
        "content/en/d.md:2: the front matter is not a set of 'key: value' lines. Write one "
        "'key: value' per line, for example 'title: Refunds'.",
        "content/en/e.md:4: 'audience' must be public or internal, not 'all'.",
        "content/en/e.md:5: unknown key 'secret'. Allowed keys: title, description, type, "
        "audience, tags, reviewed, source_hash, translated_from, original, languages, order, "
        "hide.",
        "content/en/f.md:3: the file is not valid UTF-8 (byte 0xe9 at offset 29). Save the "
        "file as UTF-8 in your editor (for example 'Save with encoding: UTF-8').",
    ]
    assert "8 content errors; nothing was published" in " ".join([*built.logs, built.error or ""])


def test_names_that_differ_only_by_normalisation_or_case_collide(build_site) -> None:
    nfd = unicodedata.normalize("NFD", "en/café.md")
    built = build_site(
        {
            "en/café.md": page("One"),
            nfd: page("Two"),
            "en/Refunds.md": page("R"),
            "en/refunds.md": page("r"),
        }
    )
    errors = built.kb_logs("ERROR")
    assert len(errors) == 2
    assert any(
        "differs from content/en/" in line
        and "café.md" in line
        and "only by letter case or Unicode normalisation" in line
        for line in errors
    )
    assert (
        "content/en/refunds.md: the name differs from content/en/Refunds.md only by letter "
        "case or Unicode normalisation, so both would be published at the same address. "
        "Rename or delete one of the two files." in errors
    )


def test_pages_outside_language_folders_and_unknown_languages(build_site) -> None:
    built = build_site({"en/a.md": page("A"), "stray.md": page("S"), "de/b.md": page("B")})
    assert built.kb_logs("ERROR") == [
        "content/de/b.md: 'de' is not one of the configured languages (en, el, pl, hu). "
        "Add it under 'languages:' of the kb plugin in mkdocs.yml, or move the file.",
        "content/stray.md: the page is not inside a language folder. Move it into a language "
        "folder, for example en/stray.md.",
    ]


def test_missing_audience_is_internal_with_a_warning(build_site) -> None:
    built = build_site(
        {
            "en/a.md": "---\ntitle: A\ndescription: a\n---\nBody\n",
            "en/b.md": page("B"),
        },
        strict=True,
    )
    assert built.kb_logs("WARNING") == [
        "content/en/a.md:2: no 'audience' is set, so the page is treated as internal and left "
        "out of the public site. Add 'audience: public' to publish it, or 'audience: internal' "
        "to silence this."
    ]
    assert not built.ok  # --strict turns the warning into a failure
    relaxed = build_site(
        {}, plugin={"validation": {"missing_audience": "ignore", "missing_translation": "ignore"}}
    )
    assert relaxed.ok
    assert not (relaxed.site / "en" / "a").exists()
    assert (relaxed.site / "en" / "b" / "index.html").is_file()


def test_translation_is_never_more_public_than_its_source(build_site) -> None:
    built = build_site(
        {
            "en/desk.md": page("Desk", audience="internal"),
            "el/desk.md": page("Γραφείο", audience="public"),
            "en/a.md": page("A"),
        }
    )
    assert (
        "content/el/desk.md:4: 'audience: public' but its source content/en/desk.md is "
        "internal, so it stays internal. Make the source public first, or set "
        "'audience: internal' here." in built.kb_logs("WARNING")
    )
    assert not (built.site / "el" / "desk").exists()
    assert not (built.site / "en" / "desk").exists()


def test_internal_build_publishes_internal_pages(build_site) -> None:
    built = build_site(
        {"en/desk.md": page("Desk", audience="internal"), "en/a.md": page("A")},
        plugin={"audience": "internal"},
    )
    assert (built.site / "en" / "desk" / "index.html").is_file()
    assert (built.site / "el" / "desk" / "index.html").is_file()


def test_config_errors_are_clear(build_site) -> None:
    built = build_site({"en/a.md": page("A")}, plugin={"default_language": "fr"})
    assert built.error == (
        "kb plugin: default_language 'fr' is not among the configured languages "
        "(en, el, pl, hu); add it to 'languages:'"
    )


def test_mkdocs_build_exits_non_zero_on_content_errors(tmp_path: Path) -> None:
    project = tmp_path / "p"
    (project / "content" / "en").mkdir(parents=True)
    (project / "content" / "en" / "a.md").write_text("---\ntitle: [\n---\n", encoding="utf-8")
    (project / "mkdocs.yml").write_text(
        "site_name: T\ndocs_dir: content\ntheme: material\n"
        "plugins:\n  - kb:\n      languages:\n        en: {name: English}\n",
        encoding="utf-8",
    )
    run = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 1
    assert (
        "ERROR   -  kb_builder: content/en/a.md:2: the front matter is not valid YAML: did not "
        "find expected node content." in run.stderr
    )
