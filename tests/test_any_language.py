"""Knowledge bases whose articles are written first in Greek, Polish or Hungarian: built with
the real plugin, searched in Pagefind's index, limited to one language site."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from leakscan import find
from sitekit import BuiltSite, fragments, page

INTERVIEW = (
    "Μια συζήτηση με την ομάδα της Αθήνας για τα παράπονα.\n\n"
    "## Ακούμε πρώτα\n\nΑφήνουμε τον πελάτη να τελειώσει.\n\n"
    "## Λύνουμε\n\nΔιορθώνουμε το πρόβλημα την ίδια μέρα."
)

ORIGINALS = {
    "en/index.md": page("Help", "Start here."),
    "el/index.md": page("Βοήθεια", "Ξεκινήστε εδώ."),
    "pl/index.md": page("Pomoc", "Zacznij tutaj."),
    "hu/index.md": page("Súgó", "Kezdje itt."),
    "el/complaints/interview.md": page("Συνέντευξη για τα παράπονα", INTERVIEW),
    "el/complaints/faq.md": page(
        "Συχνές ερωτήσεις για τα παράπονα",
        "## Πώς υποβάλλω παράπονο;\n\nΤηλεφωνήστε μας.\n\n## Πόσο διαρκεί;\n\nΜία εβδομάδα.\n",
        type="faq",
    ),
    "pl/people/person.md": page(
        "Klient to też człowiek", "Rozmawiamy z klientem jak z sąsiadem, cierpliwie."
    ),
    "hu/craft/service-art.md": page(
        "A kiszolgálás művészete", "A jó ügyintéző figyel, kérdez és türelmes marad."
    ),
}


def html_lang(html: str) -> str:
    found = re.search(r'<html[^>]* lang="([^"]+)"', html)
    assert found, "no <html lang>"
    return found.group(1)


def canonical(html: str) -> str:
    found = re.search(r'<link rel="canonical" href="([^"]+)"', html)
    assert found, "no canonical link"
    return found.group(1)


@pytest.fixture
def originals(build_site) -> BuiltSite:
    built = build_site(ORIGINALS, strict=True)
    assert built.ok, built.logs
    return built


def test_a_site_of_originals_only_builds_strictly_without_warnings(originals: BuiltSite) -> None:
    assert originals.kb_logs("WARNING") == []
    assert not any("orphan" in line or "coverage" in line for line in originals.kb_logs())


@pytest.mark.parametrize(
    ("address", "lang", "title"),
    [
        ("el/complaints/interview/", "el", "Συνέντευξη για τα παράπονα"),
        ("el/complaints/faq/", "el", "Συχνές ερωτήσεις για τα παράπονα"),
        ("pl/people/person/", "pl", "Klient to też człowiek"),
        ("hu/craft/service-art/", "hu", "A kiszolgálás művészete"),
    ],
)
def test_each_original_is_published_at_its_own_language(
    originals: BuiltSite, address: str, lang: str, title: str
) -> None:
    html = originals.html(address)
    assert html_lang(html) == lang
    assert "<h1" in html and title in html
    assert "kb-notice--fallback" not in html
    # Findable in its own language's search index.
    urls = {record["url"] for record in fragments(originals.site, lang)}
    assert f"/{address}" in urls


def test_the_faq_keeps_its_questions(originals: BuiltSite) -> None:
    html = originals.html("el/complaints/faq/")
    assert "Πώς υποβάλλω παράπονο;" in html
    assert '"@type": "FAQPage"' in html or '"@type":"FAQPage"' in html


def test_other_languages_show_the_original_with_a_notice(originals: BuiltSite) -> None:
    html = originals.html("en/complaints/interview/")
    assert html_lang(html) == "en"
    assert '<div lang="el">' in html
    assert "Below is the original version (Ελληνικά)." in html
    # Search engines are sent to the Greek page, which is the one the sitemap lists.
    assert canonical(html) == "https://help.example.com/el/complaints/interview/"
    sitemap = (originals.site / "sitemap.xml").read_text("utf-8")
    assert "https://help.example.com/el/complaints/interview/" in sitemap
    assert "https://help.example.com/en/complaints/interview/" not in sitemap
    # Fallback pages are not indexed again in the reader's language.
    urls = {record["url"] for record in fragments(originals.site, "en")}
    assert "/en/complaints/interview/" not in urls


# -- fallback lists ----------------------------------------------------------------------------

GREEK_TRANSLATED = {
    "en/index.md": page("Help"),
    "el/index.md": page("Βοήθεια", translated_from="en"),
    "hu/index.md": page("Súgó", translated_from="en"),
    "el/a.md": page("Συνέντευξη", "Ελληνικό κείμενο."),
}


def greek_hash() -> str:
    from kb_builder.i18n.fingerprint import fingerprint

    return fingerprint("Συνέντευξη", "About Συνέντευξη.", "Ελληνικό κείμενο.\n")


def test_a_language_falls_back_to_the_first_version_its_list_names(build_site) -> None:
    files = {
        **GREEK_TRANSLATED,
        "en/a.md": page(
            "Interview", "English text.", translated_from="el", source_hash=greek_hash()
        ),
    }
    built = build_site(files, plugin={"fallback": {"hu": ["pl", "en", "el"]}}, strict=True)
    assert built.ok, built.logs
    html = built.html("hu/a/")
    assert html_lang(html) == "hu" and '<div lang="en">' in html and "English text." in html
    assert "Ez a cikk ezen a nyelven még nem érhető el." in html
    assert "Alább egy fordítását olvashatja (English; eredeti: Ελληνικά)." in html
    # A copy of the English page: search engines are sent there.
    assert canonical(html) == "https://help.example.com/en/a/"
    # Polish has no list: the original.
    assert '<div lang="el">' in built.html("pl/a/")
    # The article is x-default in its original, Greek.
    root = ET.fromstring((built.site / "sitemap.xml").read_bytes())
    links = {
        link.get("hreflang"): link.get("href")
        for url in root
        if url[0].text == "https://help.example.com/en/a/"
        for link in url
        if link.get("hreflang")
    }
    assert links["x-default"] == "https://help.example.com/el/a/"


def test_a_fallback_showing_a_stale_translation_says_so(build_site) -> None:
    files = {
        **GREEK_TRANSLATED,
        "en/a.md": page("Interview", translated_from="el", source_hash="sha256:" + "0" * 64),
    }
    # On the agent desk the full stale notice, on the public site the neutral line.
    built = build_site(files, plugin={"fallback": {"hu": ["en"]}, "audience": "internal"})
    assert built.ok, built.logs
    html = built.html("hu/a/")
    assert "kb-notice--fallback" in html and "kb-notice--stale" in html
    # The stale notice links to the Greek original.
    assert 'href="../../el/a/" hreflang="el" class="kb-notice__link"' in html
    public = build_site(files, plugin={"fallback": {"hu": ["en"]}})
    html = public.html("hu/a/")
    assert "kb-notice--fallback" in html and "kb-notice--translated" in html
    assert 'href="../../el/a/" hreflang="el" class="kb-notice__link"' in html


@pytest.mark.parametrize(
    ("fallback", "message"),
    [
        ({"de": ["en"]}, "fallback: 'de' is not one of the configured languages (en, el, pl, hu)"),
        (
            {"hu": ["en", "xx"]},
            "fallback: hu: 'xx' is not one of the configured languages (en, el, pl, hu)",
        ),
        ({"hu": ["hu"]}, "fallback: hu: a language cannot fall back to itself"),
        ({"hu": ["en", "en"]}, "fallback: hu: 'en' is listed twice"),
    ],
)
def test_fallback_lists_are_checked(build_site, fallback: dict, message: str) -> None:
    built = build_site({"en/a.md": page("A")}, plugin={"fallback": fallback})
    assert built.error == f"kb plugin: {message}"


# -- an article for one language site only -----------------------------------------------------

LIMITED = {
    "en/index.md": page("Help", "See [the guide](guide.md)."),
    "el/index.md": page("Βοήθεια", translated_from="en"),
    "pl/index.md": page("Pomoc", translated_from="en"),
    "hu/index.md": page("Súgó", translated_from="en"),
    "en/guide.md": page("Guide", "A guide."),
    "hu/promo/zqxpromo.md": page(
        "Zqxpromo akció", "Csak magyar ügyfeleknek: zqxpromo.", languages=["hu"]
    ),
}


def test_an_article_for_one_language_appears_nowhere_else(build_site) -> None:
    # Other languages would show Hungarian pages if asked to: the limit still wins.
    fallback = {"en": ["hu"], "el": ["hu"], "pl": ["hu"]}
    for audience in ("public", "internal"):
        built = build_site(LIMITED, plugin={"fallback": fallback, "audience": audience})
        assert built.ok, built.logs
        assert built.kb_logs("WARNING") == []
        assert built.html("hu/promo/zqxpromo/").count("zqxpromo") > 0
        hits = find(built.site, ["zqxpromo"])
        elsewhere = [
            hit
            for hit in hits
            if not hit.startswith(("hu/", "pagefind/hu/", "pagefind/words/hu/"))
            and not hit.startswith(("sitemap.xml", "coverage/"))
        ]
        assert elsewhere == [], elsewhere
        assert any(hit.startswith("pagefind/hu/") for hit in hits)  # searchable in Hungarian
        for lang in ("en", "el", "pl"):
            assert not (built.site / lang / "promo").exists()
        # The sitemap lists the Hungarian page alone, with no alternates.
        sitemap = (built.site / "sitemap.xml").read_text("utf-8")
        assert re.findall(r"<loc>[^<]*zqxpromo[^<]*</loc>", sitemap) == [
            "<loc>https://help.example.com/hu/promo/zqxpromo/</loc>"
        ]
        assert sitemap.count("zqxpromo") == 1


def test_a_link_to_it_from_another_language_is_broken_with_the_reason(build_site) -> None:
    files = {**LIMITED, "en/guide.md": page("Guide", "See [the offer](promo/zqxpromo.md).")}
    built = build_site(files)
    assert not built.ok or built.kb_logs("WARNING")
    assert any(
        "content/en/guide.md:" in line
        and "content/en/promo/zqxpromo.md, which is not on the 'en' site: its original "
        "content/hu/promo/zqxpromo.md limits it to 'languages: [hu]'"
        in line
        for line in built.kb_logs("WARNING")
    ), built.kb_logs("WARNING")


def test_coverage_counts_only_the_articles_a_language_shows(build_site, capsys) -> None:
    from kb_builder.cli import main

    built = build_site(LIMITED, plugin={"audience": "internal"})
    assert built.ok, built.logs
    config = built.root / "mkdocs.yml"
    assert main(["status", "--format", "json", "-f", str(config)]) == 0
    report = json.loads(capsys.readouterr().out)
    paths = {
        lang["language"]: sorted(entry["path"] for entry in lang["articles"])
        for lang in report["languages"]
    }
    assert paths == {
        "el": ["guide.md", "index.md"],
        "pl": ["guide.md", "index.md"],
        "hu": ["guide.md", "index.md", "promo/zqxpromo.md"],
    }


def test_status_json_names_each_articles_original(build_site, capsys) -> None:
    from kb_builder.cli import main

    built = build_site(ORIGINALS)
    assert built.ok
    assert main(["status", "--format", "json", "-f", str(built.root / "mkdocs.yml")]) == 0
    report = json.loads(capsys.readouterr().out)
    assert (report["version"], report["default_language"]) == (2, "en")
    english = next(lang for lang in report["languages"] if lang["language"] == "en")
    entries = {entry["path"]: entry for entry in english["articles"]}
    interview = entries["complaints/interview.md"]
    assert (interview["status"], interview["original_language"]) == ("missing", "el")
    assert (interview["original_rule"], interview["original"]) == ("only", False)
    assert interview["source_file"] == "content/el/complaints/interview.md"
    home = entries["index.md"]
    assert (home["original_language"], home["original_rule"]) == ("en", "default_language")
    assert (home["status"], home["original"]) == ("current", True)
    greek = next(lang for lang in report["languages"] if lang["language"] == "el")
    # Coverage of Greek: its two originals and the untracked home page of four articles.
    assert (greek["total"], greek["current"], greek["untracked"]) == (5, 2, 1)
    assert main(["status", "-f", str(built.root / "mkdocs.yml")]) == 0
    out = capsys.readouterr().out
    assert out.startswith(
        "Translation coverage of public articles, each article against its original "
        "(articles written in el 2, en 1, hu 1, pl 1)\n"
    )
    assert (
        "Originals chosen by rule (mark the right file 'original: true' to decide):\n"
        "  content/en/index.md: the default language's file, as no file is marked "
        "'original: true'\n"
        "    untracked translations of it: el, pl, hu\n" in out
    )


# -- translating from Greek, with git history ---------------------------------------------------


def test_translate_from_greek_goes_stale_with_the_changed_section_and_ack_makes_it_current(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from test_history import commit, config_file, git

    from kb_builder.cli import main

    root = tmp_path / "repo"
    root.mkdir()
    monkeypatch.chdir(root)
    git(root, "init", "-q")
    config_file(root)
    original = "content/el/complaints/interview.md"
    commit(
        root,
        {"el/complaints/interview.md": page("Συνέντευξη", INTERVIEW)},
        "2026-02-01T10:00:00+00:00",
    )

    assert main(["new", "--lang", "en", original]) == 0
    assert capsys.readouterr().out == (
        f"content/en/complaints/interview.md: created from {original}\n"
    )
    created = (root / "content/en/complaints/interview.md").read_text("utf-8")
    assert "\ntranslated_from: el\nsource_hash: sha256:" in created
    commit(root, {}, "2026-02-02T10:00:00+00:00")

    def english() -> dict:
        assert main(["status", "--format", "json", "--lang", "en"]) == 0
        (entry,) = json.loads(capsys.readouterr().out)["languages"][0]["articles"]
        return entry

    entry = english()
    assert (entry["status"], entry["original_language"]) == ("current", "el")

    # One word changes in the Greek original's second section.
    changed = INTERVIEW.replace("την ίδια μέρα", "την ίδια ώρα")
    commit(
        root,
        {"el/complaints/interview.md": page("Συνέντευξη", changed)},
        "2026-02-03T10:00:00+00:00",
    )
    entry = english()
    assert entry["status"] == "stale"
    assert entry["source_file"] == original
    assert entry["changed_sections"] == [
        {"part": "section", "heading": "Λύνουμε", "change": "changed"}
    ]
    assert entry["stale_since"] == "2026-02-03T10:00:00+00:00"

    assert main(["ack", "content/en/complaints/interview.md"]) == 0
    assert "(stale -> current" in capsys.readouterr().out
    assert english()["status"] == "current"
    # kb ack changed the hash line only; the translation still names its original.
    acked = (root / "content/en/complaints/interview.md").read_text("utf-8")
    assert acked.replace(acked.split("source_hash: ")[1].split("\n")[0], "X") == created.replace(
        created.split("source_hash: ")[1].split("\n")[0], "X"
    )


def test_ack_records_the_original_of_an_untracked_translation(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from test_translate import write_project

    from kb_builder.cli import main

    monkeypatch.chdir(tmp_path)
    write_project(
        tmp_path,
        {"pl/a.md": page("Człowiek", original=True), "en/a.md": page("A person")},
    )
    assert main(["ack", "content/en/a.md"]) == 0
    capsys.readouterr()
    text = (tmp_path / "content/en/a.md").read_text("utf-8")
    assert "\naudience: public\ntranslated_from: pl\nsource_hash: sha256:" in text
    assert main(["status", "--format", "json", "--lang", "en"]) == 0
    (entry,) = json.loads(capsys.readouterr().out)["languages"][0]["articles"]
    assert (entry["status"], entry["original_language"], entry["original_rule"]) == (
        "current",
        "pl",
        "marked",
    )


def test_new_refuses_a_language_the_original_leaves_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from test_translate import write_project

    from kb_builder.cli import main

    monkeypatch.chdir(tmp_path)
    write_project(tmp_path, {"hu/promo.md": page("Akció", languages=["hu", "pl"])})
    assert main(["new", "--lang", "el", "--lang", "pl", "content/hu/promo.md"]) == 1
    assert capsys.readouterr().err.splitlines() == [
        "error: content/hu/promo.md: the article appears only on the hu, pl site(s) "
        "('languages:'), so a 'el' translation would never be published. Add el to "
        "'languages:' first.",
        "kb: nothing was written.",
    ]
    assert main(["new", "--lang", "pl", "content/hu/promo.md"]) == 0
    assert "translated_from: hu\n" in (tmp_path / "content/pl/promo.md").read_text("utf-8")
