"""The public help centre around the articles, built: contact path, say blocks for
customers, customer notices, breadcrumbs, last reviewed, related articles, feedback, 404."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from leakscan import find
from sitekit import LANGUAGES, BuiltSite, page, run_build

from kb_builder.cli import EXIT_USAGE, main
from kb_builder.helpcentre.contact import parse_contacts
from kb_builder.i18n.fingerprint import fingerprint

CONTACT = {
    "en": {
        "phone": "+44 20 7946 0321",
        "email": "help@vellora.example",
        "form": "https://www.vellora.example/en/contact/",
        "hours": "Mon–Fri 8:00–20:00 <UK>",
    },
    "el": {"phone": "+30 210 000 0321", "email": "voitheia@vellora.example"},
    "pl": {"phone": "+48 22 000 03 21", "hours": "pon.–pt. 8:00–20:00"},
    "hu": {"phone": "+36 1 000 0321", "form": "https://www.vellora.example/hu/kapcsolat/"},
}
TEL = {
    "en": "tel:+442079460321",
    "el": "tel:+302100000321",
    "pl": "tel:+48220000321",
    "hu": "tel:+3610000321",
}
REFUNDS = (
    "How refunds work.\n\n"
    "!!! say\n    I'm sorry about the bill. Let me put it right.\n\n"
    '!!! say "If they ask for a manager"\n    I can put you through.\n\n'
    "!!! say agent-only\n    zqxagent01 check the account notes first.\n\n"
    "??? say agent-only\n    zqxagent02 offer the goodwill credit.\n\n"
    "Tell the [team](#kb-contact) if you are stuck.\n"
)
SITE: dict[str, str] = {
    "en/index.md": page("Home", tags=["refunds"]),
    "en/money/index.md": page("Money", "Money matters.", order=1),
    "en/money/refunds.md": page(
        "Refunds", REFUNDS, tags=["refunds", "money"], reviewed="2026-11-20"
    ),
    "en/money/faq.md": page(
        "Money FAQ", "## Where is my refund?\n\nOn its way.\n", type="faq", tags=["refunds"]
    ),
    "en/money/desk.md": page(
        "zqxagent03 desk notes", "Notes.", audience="internal", tags=["refunds"]
    ),
    "en/other.md": page("Other"),
    "el/index.md": page("Αρχική", source_hash=fingerprint("Home", "About Home.", "Text.\n")),
    "el/money/index.md": page(
        "Χρήματα",
        "Θέματα χρημάτων.",
        source_hash=fingerprint("Money", "About Money.", "Money matters.\n"),
    ),
    # Translated from an older version of the English page: stale.
    "el/money/refunds.md": page(
        "Επιστροφές χρημάτων",
        "Πώς γίνονται οι επιστροφές.\n\n!!! say\n    Λυπάμαι για τον λογαριασμό.\n",
        tags=["refunds", "money"],
        reviewed="2026-11-20",
        source_hash=fingerprint("Refunds", "About Refunds.", "Old text.\n"),
    ),
}
MARKDOWN = ["admonition", "pymdownx.details", "attr_list", "md_in_html", "toc"]


def write_project(root: Path, files: dict[str, str], kb: dict[str, Any], **settings: Any) -> Path:
    for rel, text in files.items():
        target = root / "content" / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    config = {
        "site_name": "Test help",
        "site_url": "https://help.example.com/",
        "docs_dir": "content",
        "site_dir": "site",
        "theme": {"name": "material", "features": ["navigation.indexes"]},
        "plugins": {"kb": {"default_language": "en", "languages": LANGUAGES, **kb}},
        "markdown_extensions": MARKDOWN,
        **settings,
    }
    path = root / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), "utf-8")
    return path


@pytest.fixture(scope="module")
def public(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    root = tmp_path_factory.mktemp("public")
    built = run_build(root, write_project(root, SITE, {"contact": CONTACT}))
    assert built.ok, built.logs
    return built


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    root = tmp_path_factory.mktemp("desk")
    kb = {"contact": CONTACT, "audience": "internal", "feedback": {"endpoint": "/feedback"}}
    built = run_build(root, write_project(root, SITE, kb))
    assert built.ok, built.logs
    return built


def pages(site: Path) -> dict[str, str]:
    return {
        path.relative_to(site).as_posix(): path.read_text("utf-8")
        for path in sorted(site.rglob("*.html"))
    }


def lang_of(html: str) -> str:
    match = re.search(r'<html lang="([^"]+)"', html)
    assert match
    return match.group(1)


def footer(html: str) -> str:
    return html[html.index('<footer class="md-footer">') :]


def squeeze(html: str) -> str:
    return " ".join(html.split())


# -- contact path --------------------------------------------------------------------------


def test_every_public_page_of_every_language_shows_its_contact_details_in_the_footer(
    public: BuiltSite,
) -> None:
    written = pages(public.site)
    assert len(written) == 22  # 5 public articles x 4 languages, the root and the 404 page
    assert "404.html" in written
    for path, html in written.items():
        lang = lang_of(html)
        if path == "404.html":
            # One file for every language's missing pages: all of them, one shown by script.
            for code, tel in TEL.items():
                assert f'data-kb-part="{code}"' in footer(html) and tel in footer(html)
            continue
        assert f'<a href="{TEL[lang]}">' in footer(html), path
        others = [tel for code, tel in TEL.items() if code != lang]
        assert not any(tel in html for tel in others), path


def test_contact_block_follows_every_article_and_faq_in_the_readers_language(
    public: BuiltSite,
) -> None:
    block = re.compile(r'<aside class="kb-contact" id="kb-contact".*?</aside>', re.S)
    english = block.findall(public.html("en/money/refunds/"))
    assert [squeeze(found) for found in english] == [
        '<aside class="kb-contact" id="kb-contact" data-kb-ui aria-labelledby="kb-contact-title">'
        ' <h2 class="kb-contact__title" id="kb-contact-title">Still need '
        "help?</h2> <p>Our team is happy to help. Get in touch:</p> "
        '<ul class="kb-contact__list"> <li class="kb-contact__phone"><span '
        'class="kb-contact__label">Phone</span> <a href="tel:+442079460321">+44 20 7946 '
        '0321</a></li> <li class="kb-contact__email"><span class="kb-contact__label">E-mail'
        '</span> <a href="mailto:help@vellora.example">help@vellora.example</a></li> '
        '<li class="kb-contact__form"><span class="kb-contact__label">Contact form</span> '
        '<a href="https://www.vellora.example/en/contact/">Write to us</a></li> '
        '<li class="kb-contact__hours"><span class="kb-contact__label">Opening hours</span> '
        "Mon–Fri 8:00–20:00 &lt;UK&gt;</li> </ul> </aside>"
    ]
    assert len(block.findall(public.html("en/money/faq/"))) == 1
    greek = squeeze(block.findall(public.html("el/money/faq/"))[0])
    assert ">Χρειάζεστε ακόμη βοήθεια;</h2>" in greek
    assert '<a href="mailto:voitheia@vellora.example">' in greek
    hungarian = squeeze(block.findall(public.html("hu/money/refunds/"))[0])
    assert '<a href="https://www.vellora.example/hu/kapcsolat/">Írjon nekünk</a>' in hungarian
    # The article's own link to the block is a working anchor (link checks passed).
    assert '<a href="#kb-contact">team</a>' in public.html("en/money/refunds/")


def test_search_offers_the_contact_details_when_it_finds_little(public: BuiltSite) -> None:
    html = public.html("pl/money/")
    offer = re.search(
        r'<div class="kb-search-contact" data-kb-search-contact hidden>.*?</div>', html, re.S
    )
    assert offer is not None
    assert "Nie możesz znaleźć tego, czego szukasz?" in offer.group(0)
    assert 'href="tel:+48220000321"' in offer.group(0)
    assert "pon.–pt. 8:00–20:00" in offer.group(0)


def test_a_bad_phone_number_fails_the_build_naming_language_and_value(tmp_path: Path) -> None:
    contact = {"en": CONTACT["en"], "el": {"phone": "210 000 0321"}}
    built = run_build(tmp_path, write_project(tmp_path, SITE, {"contact": contact}))
    assert built.error == (
        "kb plugin: contact: el: phone '210 000 0321' is not an international (E.164) number: "
        "it does not start with '+' and the country code. Write '+', the country code and the "
        "number, for example '+44 20 7946 0123'"
    )
    assert not (tmp_path / "site" / "index.html").exists()


def test_languages_without_contact_details_are_named_in_a_warning(tmp_path: Path) -> None:
    built = run_build(tmp_path, write_project(tmp_path, SITE, {"contact": {"en": CONTACT["en"]}}))
    assert built.ok, built.logs
    assert built.kb_logs("WARNING")[0] == (
        "contact: no contact details for el, pl, hu; pages in those languages show none. "
        "Add them under 'contact:' in the kb plugin's options."
    )
    assert 'class="kb-footer-contact"' not in built.html("el/money/")
    assert 'href="tel:+442079460321"' in built.html("en/money/")


# -- say blocks and agent-only blocks ------------------------------------------------------


def test_say_blocks_on_public_pages_are_quotations_without_agent_tools(public: BuiltSite) -> None:
    html = public.html("en/money/refunds/")
    assert "data-kb-say" not in html and "kb-say__copy" not in html
    assert "Say this" not in html and "Copy phrase" not in html
    assert (
        '<blockquote class="kb-quote">\n<p>I\'m sorry about the bill. Let me put it right.</p>\n'
        "</blockquote>"
    ) in html
    assert (
        '<figure class="kb-quote">\n<figcaption class="kb-quote__caption">If they ask for a '
        "manager</figcaption>\n<blockquote>\n<p>I can put you through.</p>\n</blockquote>\n"
        "</figure>"
    ) in html
    greek = public.html("el/money/refunds/")
    assert "Πείτε στον πελάτη" not in greek and "Αντιγραφή φράσης" not in greek
    assert '<blockquote class="kb-quote">\n<p>Λυπάμαι για τον λογαριασμό.</p>' in greek


def test_agent_only_say_blocks_are_in_no_file_of_the_public_site(
    public: BuiltSite, desk: BuiltSite
) -> None:
    markers = ["zqxagent01", "zqxagent02", "zqxagent03"]
    assert find(public.site, markers) == []
    # The desk has them, with the agents' copy button.
    on_desk = desk.html("en/money/refunds/")
    assert "zqxagent01" in on_desk and "zqxagent02" in on_desk
    assert on_desk.count("data-kb-say-copy") == 4


# -- notices -------------------------------------------------------------------------------


def test_customers_see_a_neutral_line_on_a_stale_translation(
    public: BuiltSite, desk: BuiltSite
) -> None:
    html = public.html("el/money/refunds/")
    assert "kb-notice--stale" not in html
    line = re.search(r'<p class="kb-notice kb-notice--translated".*?</p>', html, re.S)
    assert line is not None
    assert squeeze(line.group(0)) == (
        '<p class="kb-notice kb-notice--translated" data-pagefind-ignore> Αυτή η σελίδα είναι '
        'μετάφραση. <a href="../../../en/money/refunds/" hreflang="en" class="kb-notice__link">'
        "Διαβάστε το πρωτότυπο (English)</a> </p>"
    )
    assert "kb-notice--stale" in desk.html("el/money/refunds/")
    assert "kb-notice--translated" not in desk.html("el/money/refunds/")


def test_stale_notice_none_shows_customers_nothing(tmp_path: Path) -> None:
    built = run_build(tmp_path, write_project(tmp_path, SITE, {"stale_notice": "none"}))
    assert built.ok, built.logs
    html = built.html("el/money/refunds/")
    assert "kb-notice--translated" not in html and "kb-notice--stale" not in html


# -- breadcrumbs, last reviewed, related -----------------------------------------------------


def test_breadcrumbs_lead_from_the_language_home(public: BuiltSite) -> None:
    crumbs = re.search(
        r'<nav class="kb-breadcrumbs".*?</nav>', public.html("el/money/refunds/"), re.S
    )
    assert crumbs is not None
    assert squeeze(crumbs.group(0)) == (
        '<nav class="kb-breadcrumbs" data-kb-ui aria-label="Διαδρομή πλοήγησης"> <ol> '
        '<li><a href="../../">Test help</a></li> <li><a href="../">Χρήματα</a></li> '
        '<li aria-current="page">Επιστροφές χρημάτων</li> </ol> </nav>'
    )
    assert 'class="kb-breadcrumbs"' not in public.html("en/")


def test_last_reviewed_date_in_the_readers_language(public: BuiltSite) -> None:
    assert (
        '<p class="kb-reviewed" data-kb-ui>Last reviewed <time datetime="2026-11-20">20 November 2026'
        "</time></p>"
    ) in public.html("en/money/refunds/")
    assert (
        '<p class="kb-reviewed" data-kb-ui>Τελευταίος έλεγχος: <time datetime="2026-11-20">20 Νοεμβρίου '
        "2026</time></p>"
    ) in public.html("el/money/refunds/")
    # The Polish page shows the English original: its date, in Polish.
    assert "Ostatnio sprawdzono: <time" in public.html("pl/money/refunds/")
    assert 'class="kb-reviewed"' not in public.html("en/money/faq/")


def related(html: str) -> list[str]:
    found = re.search(r'<nav class="kb-related".*?</nav>', html, re.S)
    return re.findall(r'<li><a href="([^"]+)">', found.group(0)) if found else []


def test_related_articles_are_public_and_in_the_readers_language(
    public: BuiltSite, desk: BuiltSite
) -> None:
    assert related(public.html("en/money/refunds/")) == ["../faq/"]
    assert related(desk.html("en/money/refunds/")) == ["../desk/", "../faq/"]
    # Greek has no other translated page on the subject; untranslated ones are not offered.
    assert related(public.html("el/money/refunds/")) == []


# -- feedback ----------------------------------------------------------------------------------


def test_no_feedback_control_without_configuration(public: BuiltSite, desk: BuiltSite) -> None:
    for html in pages(public.site).values():
        assert "md-feedback" not in html
    # The agent desk never asks (even with an endpoint configured).
    assert "md-feedback" not in desk.html("en/money/refunds/")


def test_feedback_control_posts_to_the_configured_endpoint(tmp_path: Path) -> None:
    files = {**SITE, "en/other.md": page("Other", hide=["feedback"])}
    kb = {"feedback": {"endpoint": "https://feedback.example.com/kb?site=help"}}
    built = run_build(tmp_path, write_project(tmp_path, files, kb))
    assert built.ok, built.logs
    html = built.html("el/money/refunds/")
    form = re.search(r'<form class="md-feedback kb-feedback".*?</form>', html, re.S)
    assert form is not None
    text = squeeze(form.group(0))
    assert (
        '<form class="md-feedback kb-feedback" name="feedback" data-kb-feedback data-kb-ui hidden '
        'data-endpoint="https://feedback.example.com/kb?site=help" data-lang="el" '
        'data-title="Επιστροφές χρημάτων">'
    ) in text
    assert '<legend class="md-feedback__title">Σας βοήθησε αυτή η σελίδα;</legend>' in text
    assert 'aria-label="Ναι, με βοήθησε" data-md-value="1">' in text
    assert 'aria-label="Όχι, δεν με βοήθησε" data-md-value="0">' in text
    assert "md-feedback" not in built.html("en/other/")  # hide: [feedback]


def test_feedback_follows_materials_analytics_setting(tmp_path: Path) -> None:
    extra = {
        "extra": {
            "analytics": {
                "provider": "google",
                "property": "G-TEST",
                "feedback": {"title": "Helpful?"},
            }
        }
    }
    built = run_build(tmp_path, write_project(tmp_path, SITE, {}, **extra))
    assert built.ok, built.logs
    html = built.html("pl/money/refunds/")
    assert (
        '<form class="md-feedback kb-feedback" name="feedback" data-kb-feedback data-kb-ui hidden'
        in html
    )
    assert "data-endpoint" not in html
    assert "Czy ta strona była pomocna?" in html and "Helpful?" not in html


def test_a_bad_feedback_endpoint_is_rejected(tmp_path: Path) -> None:
    kb = {"feedback": {"endpoint": "feedback.example.com"}}
    built = run_build(tmp_path, write_project(tmp_path, SITE, kb))
    assert built.error is not None
    assert (
        "kb plugin: feedback: endpoint 'feedback.example.com' is not a web address."
    ) in built.error


# -- footer and 404 ------------------------------------------------------------------------------


def test_footer_is_in_the_readers_language(public: BuiltSite) -> None:
    assert "Készült a <a" in footer(public.html("hu/money/"))
    assert "Made with" not in footer(public.html("hu/money/"))
    assert '<p class="kb-footer-contact__title">Kapcsolat</p>' in footer(public.html("hu/money/"))


def test_the_404_page_carries_every_language_and_picks_one_by_address(public: BuiltSite) -> None:
    html = public.html("404.html")
    for code, title in (("en", "Page not found"), ("el", "Η σελίδα δεν βρέθηκε")):
        section = re.search(rf'<section class="kb-notfound" lang="{code}".*?</section>', html, re.S)
        assert section is not None and f"<h1>{title}</h1>" in section.group(0)
        assert f'id="kb-contact-{code}"' in section.group(0)
    assert '"languages": ["en", "el", "pl", "hu"]' in html


# -- the repository's own site -------------------------------------------------------------------

REPO = Path(__file__).resolve().parent.parent


def test_the_repository_configures_a_contact_path_and_the_content_uses_it() -> None:
    class Loader(yaml.SafeLoader):
        """mkdocs.yml names a Python function (the slugifier); that is not needed here."""

    Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
    settings = yaml.load((REPO / "mkdocs.yml").read_text("utf-8"), Loader=Loader)
    kb = settings["plugins"]["kb"]
    contacts = parse_contacts(kb["contact"], kb["languages"])
    assert list(contacts) == ["en", "el", "pl", "hu"]
    for contact in contacts.values():
        assert contact.phone and contact.email and contact.form and contact.hours
        assert contact.email.endswith(".example")  # a reserved name: a placeholder
    # Ofcom's range for drama: 020 7946 0000 to 0999.
    assert contacts["en"].tel is not None and contacts["en"].tel.startswith("tel:+442079460")
    for lang in contacts:
        faq = (REPO / "content" / lang / "complaints" / "faq.md").read_text("utf-8")
        assert "](#kb-contact)" in faq


def test_kb_validate_rejects_a_bad_phone_number_too(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = write_project(tmp_path, SITE, {"contact": {"pl": {"phone": "+48 22 ABC"}}})
    assert main(["validate", "-f", str(config)]) == EXIT_USAGE
    assert capsys.readouterr().err == (
        "kb: kb plugin: contact: pl: phone '+48 22 ABC' is not an international (E.164) "
        "number: it contains characters other than digits, spaces and dashes. Write '+', the "
        "country code and the number, for example '+44 20 7946 0123'\n"
    )
