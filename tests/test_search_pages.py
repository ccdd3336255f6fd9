"""What goes into which language's search index, decided from the site plan (no build)."""

from __future__ import annotations

from sitekit import page

from kb_builder.content.loader import SourceFile, load_catalog
from kb_builder.i18n.languages import build_language_set
from kb_builder.i18n.plan import SitePlan, plan_site
from kb_builder.search.pages import (
    citations,
    indexed_languages,
    is_indexed,
    opening_paragraph,
    search_record,
    section_title,
)
from kb_builder.search.view import client_config

LANGS = ("en", "el", "pl", "hu")
FILES = {
    "en/index.md": page("Home"),
    "en/complaints/index.md": page("Complaints"),
    "en/complaints/handling.md": page("Handling a complaint"),
    "en/complaints/calls/index.md": page("Complaint calls"),
    "en/complaints/calls/script.md": page(
        "Call script",
        "This script puts [the public article](../handling.md) into words; see also\n"
        "[its FAQ](../faq.md#how) and [the calls](index.md).\n\n"
        "Later: [the note](../../loose/note.md).\n",
        audience="internal",
    ),
    "en/complaints/calls/notes.md": page(
        "Call notes",
        "## Start\n\n[Handling](../handling.md) is linked below a heading only.\n",
        audience="internal",
    ),
    "en/complaints/faq.md": page("Complaints FAQ", "## How?\n\nLike this.\n", type="faq"),
    "en/loose/note.md": page("A note in a folder without an index page"),
    "el/index.md": page("Αρχική"),
    "el/complaints/index.md": page("Παράπονα"),
    "el/complaints/handling.md": page("Χειρισμός παραπόνων"),
    "pl/complaints/handling.md": page("Obsługa reklamacji"),
}


def plan(audience: str = "internal") -> SitePlan:
    sources = [
        SourceFile(uri, f"content/{uri}", lambda text=text: text.encode("utf-8"))
        for uri, text in FILES.items()
    ]
    result = load_catalog(sources, LANGS, "en")
    assert not result.errors, result.errors
    return plan_site(result.catalog, audience)


def test_fallback_pages_stay_out_of_their_language_index() -> None:
    site = plan()
    assert is_indexed(site.variant("el", "complaints/handling.md"))
    # Not translated into Polish: the Polish page shows the English text, found in English.
    assert not is_indexed(site.variant("pl", "complaints/index.md"))
    assert search_record(site.variant("pl", "complaints/index.md"), site) is None


def test_a_language_without_pages_of_its_own_has_no_index() -> None:
    assert indexed_languages(plan()) == ("en", "el", "pl")


def test_section_is_the_nearest_section_page_in_the_page_language() -> None:
    site = plan()
    assert section_title(site.variant("en", "complaints/handling.md"), site) == "Complaints"
    assert section_title(site.variant("el", "complaints/handling.md"), site) == "Παράπονα"
    assert section_title(site.variant("en", "complaints/calls/script.md"), site) == (
        "Complaint calls"
    )
    # A section's own page belongs to the section above it.
    assert section_title(site.variant("en", "complaints/calls/index.md"), site) == "Complaints"
    assert section_title(site.variant("en", "complaints/index.md"), site) == ""
    assert section_title(site.variant("en", "index.md"), site) == ""
    assert section_title(site.variant("en", "loose/note.md"), site) == ""
    # A fallback section page gives the source's title, as the navigation does.
    assert section_title(site.variant("pl", "complaints/handling.md"), site) == "Complaints"


def test_record_says_kind_and_audience() -> None:
    site = plan("internal")
    faq = search_record(site.variant("en", "complaints/faq.md"), site)
    assert (faq.kind, faq.internal, faq.title) == ("faq", False, "Complaints FAQ")
    script = search_record(site.variant("en", "complaints/calls/script.md"), site)
    assert (script.kind, script.internal) == ("article", True)
    assert script.description == "About Call script."


def test_internal_page_names_the_public_articles_its_opening_paragraph_links_to() -> None:
    site = plan("internal")
    script = search_record(site.variant("en", "complaints/calls/script.md"), site)
    # Whole public articles of the opening paragraph only: not a link to a section (the
    # FAQ question), not an internal page, not a link further down.
    assert script.basis == ("complaints/handling.md", "complaints/calls/index.md")
    notes = search_record(site.variant("en", "complaints/calls/notes.md"), site)
    assert notes.basis == ()
    public = search_record(site.variant("en", "complaints/handling.md"), site)
    assert public.basis == ()


def test_citations_count_other_pages_linking_to_a_page() -> None:
    site = plan("internal")
    cited = citations(site)
    # The script links to handling (its lead), the FAQ (a question of it), its own section
    # page and the note; notes links to handling. A page's links to itself do not count,
    # nor do links to pages search leaves out.
    assert cited["en/complaints/handling.md"] == 2
    assert cited["en/complaints/faq.md"] == 1
    assert cited["en/loose/note.md"] == 1
    assert "en/index.md" not in cited
    record = search_record(site.variant("en", "complaints/handling.md"), site, cited)
    assert record.cited == 2
    assert search_record(site.variant("en", "index.md"), site, cited).cited == 0


def test_opening_paragraph_is_the_lead_before_any_heading() -> None:
    body = "\n!!! note\n    Aside.\n\nFirst [a](a.md)\nparagraph.\n\n## Title\n\nSecond."
    assert opening_paragraph(body) == "First [a](a.md)\nparagraph."
    assert opening_paragraph("## Title\n\nText under it.") == ""
    assert opening_paragraph("") == ""


def test_browser_settings_list_searchable_languages_and_their_strings() -> None:
    languages = build_language_set(
        {"en": {"name": "English"}, "el": {"name": "Ελληνικά"}, "pl": {"name": "Polski"}},
        "en",
        "Help",
        [],
    )
    settings = client_config("pl", languages, ("en", "pl"))
    assert settings["lang"] == "pl"
    assert [lang["code"] for lang in settings["languages"]] == ["en", "pl"]
    assert settings["languages"][1] == {
        "code": "pl",
        "name": "Polski",
        "bundle": "pagefind/pl/",
        "words": "pagefind/words/pl/",
    }
    strings = settings["strings"]
    assert strings["scope.all"] == "Wszystkie języki"
    assert (strings["results.one"], strings["results.few"], strings["results.many"]) == (
        "1 wynik",
        "{count} wyniki",
        "{count} wyników",
    )
    # English has no "few": the browser falls back to "other", never to another language.
    assert "results.few" not in client_config("en", languages, ("en",))["strings"]
