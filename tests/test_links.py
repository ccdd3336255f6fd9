"""Link checks during `mkdocs build`: one tiny site per case, exact findings."""

from __future__ import annotations

import subprocess
import sys
import unicodedata
from pathlib import Path
from typing import ClassVar

import pytest
from sitekit import PNG, page

QUIET = {
    "validation": {
        "missing_translation": "ignore",
        "untracked_translation": "ignore",
        "stale_translation": "ignore",
    }
}
"""Plugin options for sites whose translation states are not the point of the test."""


def link_logs(built) -> list[str]:
    """Every log line about links: kb_builder's, and MkDocs' own (which must stay quiet)."""
    return [
        line
        for line in built.logs
        if "kb_builder: " in line or "Doc file" in line or "link error" in line
    ]


CLEAN = {
    "en/index.md": page(
        "Help",
        "Start with [complaints](complaints/index.md) or [listening](complaints/handle.md#listen-first).",
    ),
    "en/complaints/index.md": page("Complaints", "See [handling a complaint](handle.md)."),
    "en/complaints/handle.md": page(
        "Handling a complaint",
        "## Listen first\n\nLet them finish, then [resolve](#resolve).\n\n"
        "## Resolve\n\n![Steps](../../images/steps.png)\n\n"
        "Print the [checklist](../../files/checklist.pdf). Call "
        "[+30 210 123 4567](tel:+30-210-123-4567) or [write](mailto:help@example.com?subject=Complaint).\n\n"
        "Back to [the top](#top) or [the start](../index.md).",
    ),
    "el/index.md": page(
        "Βοήθεια",
        "Δείτε τον [χειρισμό](complaints/handle.md#χειρισμός-παραπόνων-βήμα-προς-βήμα) και την "
        "[επίλυση](complaints/handle.md#%CE%B5%CF%80%CE%AF%CE%BB%CF%85%CF%83%CE%B7).",
    ),
    "el/complaints/index.md": page("Παράπονα", "Δείτε τον [χειρισμό](handle.md)."),
    "el/complaints/handle.md": page(
        "Χειρισμός παραπόνου",
        "## Χειρισμός παραπόνων: βήμα προς βήμα\n\nΠρώτα η [επίλυση](#επίλυση).\n\n"
        "## Επίλυση\n\n![Βήματα](../../images/steps.png)\n\n"
        "Το [ίδιο στα αγγλικά](../../en/complaints/handle.md){hreflang=en}.",
    ),
    "pl/index.md": page("Pomoc", "[Zniżka](complaints/handle.md#zniżka-jak-odpowiedzieć)"),
    "pl/complaints/index.md": page("Reklamacje", "Zobacz [obsługę](handle.md)."),
    "pl/complaints/handle.md": page(
        "Obsługa reklamacji",
        "## Zniżka — jak odpowiedzieć?\n\nTekst [w górę](#zniżka-jak-odpowiedzieć).",
    ),
    "hu/index.md": page(
        "Súgó", "[Panaszkezelés](complaints/handle.md#panaszkezelés-lépésről-lépésre)"
    ),
    "hu/complaints/index.md": page("Panaszok", "Lásd: [kezelés](handle.md)."),
    "hu/complaints/handle.md": page(
        "Panaszkezelés",
        "## Panaszkezelés lépésről lépésre\n\n[Ugrás](#panaszkezel%C3%A9s-l%C3%A9p%C3%A9sr%C5%91l-l%C3%A9p%C3%A9sre)",
    ),
    "images/steps.png": PNG,
    "files/checklist.pdf": b"%PDF-1.4\n",
}


def test_clean_multilingual_site_has_no_findings(build_site) -> None:
    built = build_site(CLEAN, plugin=QUIET, strict=True)
    assert built.ok, built.logs
    assert link_logs(built) == []
    assert not [line for line in built.logs if line.startswith(("WARNING", "ERROR"))]


def test_clean_site_without_directory_urls_has_no_findings(build_site) -> None:
    built = build_site(CLEAN, {"use_directory_urls": False}, plugin=QUIET, strict=True)
    assert built.ok, built.logs
    assert link_logs(built) == []


def test_site_served_from_a_folder(build_site) -> None:
    built = build_site(
        {
            "en/a.md": page(
                "A",
                '<a href="/help/en/b/" hreflang="en">ok</a> <a href="/en/b/">out</a> [md](/en/b.md)',
            ),
            "en/b.md": page("B"),
        },
        {"site_url": "https://example.com/help/"},
        plugin=QUIET,
    )
    assert built.kb_logs("WARNING") == [
        "content/en/a.md:6: the link '/en/b.md' goes outside the site. Did you mean 'b.md'? "
        "Addresses starting with '/' break when the site is served from a folder; link "
        "relative to this file.",
        "content/en/a.md:6: the link '/en/b/' goes outside the site. Link to other pages with "
        "relative paths, for example '../pricing/faq.md'.",
    ]


def test_a_broken_link_is_reported_once_across_language_sites(build_site) -> None:
    # en/a.md is shown on all four sites (three of them as a fallback); MkDocs on its own
    # would report it four times, as 'Doc file en/a.md', 'Doc file el/a.md', ...
    built = build_site(
        {"en/a.md": page("A", "Intro.\n\nSee [prices](prices.md) for more.")}, plugin=QUIET
    )
    assert link_logs(built) == [
        "WARNING - kb_builder: content/en/a.md:8: the link 'prices.md' goes to "
        "content/en/prices.md, which does not exist. Check the path: links are relative to "
        "the file they are written in."
    ]


def test_broken_link_fails_strict_build_and_suggests_the_close_name(build_site) -> None:
    built = build_site(
        {
            "en/pricing/discount-requests.md": page("Discounts"),
            "en/a.md": page("A", "[discounts](pricing/discount-request.md)"),
        },
        plugin=QUIET,
        strict=True,
    )
    assert not built.ok
    assert built.kb_logs("WARNING") == [
        "content/en/a.md:6: the link 'pricing/discount-request.md' goes to "
        "content/en/pricing/discount-request.md, which does not exist. "
        "Did you mean 'pricing/discount-requests.md'?"
    ]


def test_names_differing_in_letter_case_or_unicode_form(build_site) -> None:
    # They work on a Mac or Windows laptop and fail on the Linux web server.
    nfd = unicodedata.normalize("NFD", "café.md")
    built = build_site(
        {
            "en/a.md": page("A", f"[x](Complaints/faq.md)\n\n[y]({nfd})\n\n![z](IMG/Logo.png)"),
            "en/complaints/faq.md": page("F"),
            "en/café.md": page("C"),
            "en/img/logo.png": PNG,
        },
        plugin=QUIET,
    )
    assert built.kb_logs("WARNING") == [
        "content/en/a.md:6: the link 'Complaints/faq.md' goes to "
        "content/en/Complaints/faq.md, which does not exist. Letter case differs from the "
        "real name: did you mean 'complaints/faq.md'?",
        f"content/en/a.md:8: the link '{nfd}' goes to content/en/{nfd}, which does not "
        "exist. The name is typed with decomposed accents (Unicode NFD), which web servers "
        "do not match; retype it as 'café.md'.",
        "content/en/a.md:10: the image 'IMG/Logo.png' goes to content/en/IMG/Logo.png, "
        "which does not exist. Letter case differs from the real name: did you mean "
        "'img/logo.png'?",
    ]


def test_findings_do_not_depend_on_the_log_level(tmp_path: Path) -> None:
    # MkDocs skips its anchor checks under -v; kb_builder's run either way.
    project = tmp_path / "p"
    (project / "content" / "en").mkdir(parents=True)
    (project / "content" / "en" / "a.md").write_text(
        page("A", "## Resolve\n\n[x](b.md#resolv) [y](#Resolve)"), encoding="utf-8"
    )
    (project / "content" / "en" / "b.md").write_text(page("B", "## Resolve"), encoding="utf-8")
    (project / "mkdocs.yml").write_text(
        "site_name: T\ndocs_dir: content\ntheme: material\n"
        "plugins:\n  - kb:\n      languages:\n        en: {name: English}\n",
        encoding="utf-8",
    )
    expected = [
        "kb_builder: content/en/a.md:8: the link '#Resolve' goes to the anchor '#Resolve', "
        "which this page does not have. Anchors must match letter case exactly: did you mean "
        "'#resolve'?",
        "kb_builder: content/en/a.md:8: the link 'b.md#resolv' goes to the anchor '#resolv', "
        "which content/en/b.md does not have. Did you mean '#resolve'?",
    ]
    for flags in ([], ["-v"]):
        run = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", *flags],
            cwd=project,
            capture_output=True,
            text=True,
            check=False,
            env={"NO_MKDOCS_2_WARNING": "1", "PATH": ""},
        )
        lines = [line.split("-  ", 1)[1] for line in run.stderr.splitlines() if "-  " in line]
        warnings = [
            line.split("-  ", 1)[1]
            for line in run.stderr.splitlines()
            if line.startswith("WARNING")
        ]
        assert warnings == expected, run.stderr
        assert not [line for line in lines if "Doc file" in line]
        assert run.returncode == 1


class TestAnchors:
    SITE: ClassVar[dict[str, str]] = {
        "en/a.md": page("A"),
        "en/b.md": page("B", "## Section\n\nText."),
        "el/b.md": page(
            "Β",
            "## Χειρισμός παραπόνων\n\nΚείμενο.\n\n## Επίλυση\n\nΚείμενο.",
        ),
    }

    def test_percent_encoded_anchors_are_not_false_alarms(self, build_site) -> None:
        built = build_site(
            {
                **self.SITE,
                "el/a.md": page(
                    "Α",
                    "[α](b.md#%CF%87%CE%B5%CE%B9%CF%81%CE%B9%CF%83%CE%BC%CF%8C%CF%82-"
                    "%CF%80%CE%B1%CF%81%CE%B1%CF%80%CF%8C%CE%BD%CF%89%CE%BD) "
                    "[β](b.md#επίλυση)",
                ),
            },
            plugin=QUIET,
        )
        assert link_logs(built) == []

    def test_typo_case_and_nfd_anchors(self, build_site) -> None:
        nfd = "επίλυση".replace("ί", "ι\u0301")
        built = build_site(
            {
                **self.SITE,
                "el/a.md": page("Α", f"[α](b.md#επιλυση)\n\n[β](b.md#Επίλυση)\n\n[γ](b.md#{nfd})"),
            },
            plugin=QUIET,
        )
        assert built.kb_logs("WARNING") == [
            "content/el/a.md:6: the link 'b.md#επιλυση' goes to the anchor '#επιλυση', which "
            "content/el/b.md does not have. Did you mean '#επίλυση'?",
            "content/el/a.md:8: the link 'b.md#Επίλυση' goes to the anchor '#Επίλυση', which "
            "content/el/b.md does not have. Anchors must match letter case exactly: did you "
            "mean '#επίλυση'?",
            f"content/el/a.md:10: the link 'b.md#{nfd}' goes to the anchor '#{nfd}', which "
            "content/el/b.md does not have. The anchor is typed with decomposed accents "
            "(Unicode NFD); retype it as '#επίλυση'.",
        ]

    def test_numbered_anchors_from_mkdocs_default_slugs_are_caught(self, build_site) -> None:
        # With MkDocs' default slugs both Greek headings would get '_1' and '_2', and this
        # link would pass while pointing at whatever heading happens to be second.
        built = build_site({**self.SITE, "el/a.md": page("Α", "[β](b.md#_2)")}, plugin=QUIET)
        assert built.kb_logs("WARNING") == [
            "content/el/a.md:6: the link 'b.md#_2' goes to the anchor '#_2', which "
            "content/el/b.md does not have. Numbered anchors like '#_2' come from MkDocs' "
            "default heading ids; this heading's anchor is '#επίλυση'."
        ]

    def test_anchor_on_the_same_page_and_listing_headings(self, build_site) -> None:
        built = build_site({"en/a.md": page("A", "## One\n\n## Two\n\n[x](#three)")}, plugin=QUIET)
        assert built.kb_logs("WARNING") == [
            "content/en/a.md:10: the link '#three' goes to the anchor '#three', which this "
            "page does not have. The page's headings have these anchors: #one, #two."
        ]

    def test_anchors_written_by_the_theme_count(self, build_site) -> None:
        # '__drawer' is written by Material around the article, not by the article.
        built = build_site(
            {"en/b.md": page("B"), "en/a.md": page("A", "[x](b.md#__drawer)")}, plugin=QUIET
        )
        assert link_logs(built) == []


class TestLanguages:
    def test_link_into_another_language_tree(self, build_site) -> None:
        built = build_site(
            {
                "en/b.md": page("B"),
                "el/b.md": page("Β"),
                "el/a.md": page(
                    "Α",
                    "[en](../en/b.md)\n\n[intended](../en/b.md){hreflang=en}\n\n"
                    '<a href="../../en/b/" data-kb-lang="en">switch</a>',
                ),
                "en/a.md": page("A"),
            },
            plugin=QUIET,
        )
        assert built.kb_logs("WARNING") == [
            "content/el/a.md:6: the link '../en/b.md' leaves the 'el' site for a page in 'en' "
            "(content/en/b.md). Link to 'b.md' (the 'el' page) instead, or add "
            "'{hreflang=en}' after the link if 'en' is intended."
        ]

    def test_the_notice_on_a_stale_translation_links_to_the_original(self, build_site) -> None:
        # The notice's link to the English original says hreflang="en": it is on purpose.
        built = build_site(
            {
                "en/a.md": page("A", "## X\n\nText."),
                "el/a.md": page("Α", "## Χ\n\nΚείμενο.", source_hash="sha256:" + "0" * 64),
            },
            plugin={"validation": {"missing_translation": "ignore", "stale_translation": "ignore"}},
        )
        assert 'hreflang="en" class="kb-notice__link"' in built.html("el/a/")
        assert link_logs(built) == []

    def test_link_to_an_article_without_a_translation(self, build_site) -> None:
        built = build_site(
            {
                "en/a.md": page("A", "[b](b.md)"),
                "en/b.md": page("B", "[a](a.md)"),
                "el/a.md": page("Α", "Δείτε [β](b.md)."),
            },
            plugin=QUIET,
        )
        # The Greek translation links to an article the Greek site only has in English.
        # The English page b.md, shown untranslated on the Greek site, links to the Greek
        # translation of a.md: that is fine.
        assert built.kb_logs() == [
            "content/el/a.md:6: the link 'b.md' goes to an article not translated into 'el' "
            "yet: readers get the 'en' original with a notice. Translate content/en/b.md "
            "('kb new --lang el content/en/b.md')."
        ]
        assert built.kb_logs("INFO") == built.kb_logs()

    def test_anchor_that_only_the_original_has(self, build_site) -> None:
        # kb_builder carries anchors over to the translation when its headings line up
        # with the original's; here the translation has one heading fewer, so it cannot.
        built = build_site(
            {
                "en/a.md": page("A", "See [refunds](b.md#refunds)."),
                "en/b.md": page("B", "## Exchanges\n\nText.\n\n## Refunds\n\nText."),
                "el/b.md": page("Β", "## Επιστροφές χρημάτων\n\nΚείμενο."),
            },
            plugin=QUIET,
        )
        assert built.kb_logs("WARNING") == [
            "content/en/a.md:6: the link 'b.md#refunds' goes to the anchor '#refunds', which "
            "the translation content/el/b.md does not have (on the 'el' site). The 'el' site "
            "shows this page untranslated, with links to 'el' pages; give the heading in "
            "content/el/b.md the same anchor ('## ... {#refunds}') or translate this page."
        ]

    def test_explicit_anchor_in_the_translation_keeps_the_link_working(self, build_site) -> None:
        built = build_site(
            {
                "en/a.md": page("A", "See [refunds](b.md#refunds)."),
                "en/b.md": page("B", "## Exchanges\n\nText.\n\n## Refunds\n\nText."),
                "el/b.md": page("Β", "## Επιστροφές χρημάτων {#refunds}\n\nΚείμενο."),
            },
            plugin=QUIET,
        )
        assert link_logs(built) == []

    def test_relative_image_next_to_the_source_is_published_for_fallback_sites(
        self, build_site
    ) -> None:
        built = build_site(
            {"en/a.md": page("A", "![chart](img/chart.png)"), "en/img/chart.png": PNG},
            plugin=QUIET,
        )
        assert link_logs(built) == []
        for lang in ("en", "el", "pl", "hu"):
            assert (built.site / lang / "img" / "chart.png").read_bytes() == PNG

    def test_a_file_missing_in_every_language_is_reported_once(self, build_site) -> None:
        built = build_site({"en/a.md": page("A", "![chart](img/chart.png)")}, plugin=QUIET)
        assert built.kb_logs("WARNING") == [
            "content/en/a.md:6: the image 'img/chart.png' goes to content/en/img/chart.png, "
            "which does not exist. Check the path: links are relative to the file they are "
            "written in."
        ]


class TestUnsafeAndMalformed:
    def test_script_addresses_fail_the_build(self, build_site) -> None:
        body = "\n\n".join(
            [
                "[a](javascript:alert(1))",
                '<a href="&#106;ava&#x09;script:alert(2)">b</a>',
                '<a href="JaVaScRiPt&colon;alert(3)">c</a>',
                '<A HREF="vbscript:msgbox">d</A>',
                '<a href="data:text/html;base64,PHNjcmlwdD4=">e</a>',
                '<iframe src="&#x64;ata:TEXT/HTML,hi"></iframe>',
                "![ok](data:image/png;base64,iVBORw0KGgo=)",
            ]
        )
        built = build_site({"en/a.md": page("A", body)}, plugin=QUIET)
        assert not built.ok
        code = "which runs code in the reader's browser. Remove it; link to a page or an https:// address instead."
        document = "which the browser opens as a document that can run code. Remove it; put the file into content/ and link to it instead."
        assert built.kb_logs("ERROR") == [
            f"content/en/a.md:6: the link 'javascript:alert(1)' is unsafe: it uses the 'javascript:' scheme, {code}",
            f"content/en/a.md:8: the link 'java\\tscript:alert(2)' is unsafe: it uses the 'javascript:' scheme, {code}",
            f"content/en/a.md:10: the link 'JaVaScRiPt:alert(3)' is unsafe: it uses the 'javascript:' scheme, {code}",
            f"content/en/a.md:12: the link 'vbscript:msgbox' is unsafe: it uses the 'vbscript:' scheme, {code}",
            f"content/en/a.md:14: the link 'data:text/html;base64,PHNjcmlwdD4=' is unsafe: it is a 'data:text/html' address, {document}",
            f"content/en/a.md:16: the file 'data:TEXT/HTML,hi' is unsafe: it is a 'data:text/html' address, {document}",
        ]
        assert built.error == "Aborted with a BuildError!"
        assert (
            "ERROR - 6 link errors: unsafe links, or public pages linking to internal ones. "
            "Fix the files listed above and build again." in built.logs
        )

    def test_mail_phone_and_web_addresses_are_validated_offline(self, build_site) -> None:
        body = "\n\n".join(
            [
                "[ok](mailto:help@example.com) [ok](tel:+48%2022%20123%2045%2067) "
                "[ok](https://example.com/a?b=c#d)",
                "[m](mailto:help@example) [m2](mailto:?subject=hi)",
                "[t](tel:210-123-4567) [t2](tel:+30-210-CALL-NOW)",
                '[w](http:/example.com) <a href="https://example..com/">w2</a> [f](file:///C:/docs/x.pdf)',
            ]
        )
        built = build_site({"en/a.md": page("A", body)}, plugin=QUIET)
        assert built.kb_logs("WARNING") == [
            "content/en/a.md:8: the link 'mailto:?subject=hi' is malformed: the e-mail link has no address. Write it as 'mailto:name@example.com'.",
            "content/en/a.md:8: the link 'mailto:help@example' is malformed: 'help@example' is not an e-mail address. Write it as 'mailto:name@example.com'.",
            "content/en/a.md:10: the link 'tel:+30-210-CALL-NOW' is malformed: the phone number '+30-210-CALL-NOW' contains characters other than digits. Write '+', the country code and the number, for example 'tel:+302101234567'.",
            "content/en/a.md:10: the link 'tel:210-123-4567' is malformed: the phone number '210-123-4567' is not in international form. Write '+', the country code and the number, for example 'tel:+302101234567'.",
            "content/en/a.md:12: the link 'file:///C:/docs/x.pdf' is malformed: it points at a file on a computer, which readers cannot open. Put the file into content/ and link to it with a relative path.",
            "content/en/a.md:12: the link 'http:/example.com' is malformed: it has no host name. Did you mean 'http://example.com'?",
            "content/en/a.md:12: the link 'https://example..com/' is malformed: the host name 'example..com' is not valid. Write the full address, such as https://example.com/.",
        ]


class TestAudiences:
    SITE: ClassVar[dict[str, str]] = {
        "en/desk.md": page("Agent desk", "Internal notes.", audience="internal"),
        "en/a.md": page("A", 'Ask the [desk](desk.md).\n\nOr see <a href="../desk/">it</a>.'),
    }

    def test_public_page_linking_to_an_internal_page_fails_the_public_build(
        self, build_site
    ) -> None:
        built = build_site(self.SITE, plugin=QUIET)
        assert not built.ok
        hint = (
            "Remove the link from this public page, or set 'audience: public' in "
            "content/en/desk.md if customers may read it."
        )
        assert built.kb_logs("ERROR") == [
            "content/en/a.md:6: the link 'desk.md' goes to content/en/desk.md, which is "
            f"internal and left out of the public site. {hint}",
            "content/en/a.md:8: the link '../desk/' goes to content/en/desk.md, which is "
            f"internal and left out of the public site. {hint}",
        ]
        assert not (built.site / "en" / "desk").exists()

    def test_the_same_link_is_fine_on_the_internal_site(self, build_site) -> None:
        built = build_site(self.SITE, plugin={**QUIET, "audience": "internal"}, strict=True)
        assert built.ok, built.logs
        assert link_logs(built) == []


class TestTheme:
    def test_links_in_theme_overrides_name_the_template(self, build_site) -> None:
        built = build_site(
            {
                "en/index.md": page("Home"),
                "en/a.md": page("A"),
                "el/index.md": page("Αρχή"),
                "el/a.md": page("Α"),
            },
            config={"theme": {"name": "material", "custom_dir": "overrides"}},
            plugin=QUIET,
            extra={
                "overrides/partials/copyright.html": (
                    '<div class="md-copyright">\n'
                    "  <a href=\"{{ 'contact/' | url }}\">Contact</a>\n"
                    "  <a href=\"{{ 'en/' | url }}\">Home</a>\n"
                    '  <a href="javascript:void(0)" class="md-icon">Share</a>\n'
                    "</div>\n"
                )
            },
        )
        assert built.kb_logs("WARNING") == [
            "overrides/partials/copyright.html:2: the theme's link to '/contact/' goes to a "
            "page or file that does not exist (on 10 pages, for example /en/a/). Check the "
            "address in the template.",
            "overrides/partials/copyright.html:3: the theme's link to '/en/' leads from pages "
            "in other languages to a page in 'en' (on 6 pages, for example /el/a/). Build the "
            "address from the page's language (`kb.lang` in templates), or add "
            "'hreflang=\"en\"' if switching language is intended.",
        ]

    def test_script_link_in_a_template_fails(self, build_site) -> None:
        built = build_site(
            {"en/a.md": page("A")},
            config={"theme": {"name": "material", "custom_dir": "overrides"}},
            plugin=QUIET,
            extra={
                "overrides/main.html": (
                    '{% extends "base.html" %}\n{% block footer %}\n'
                    '<a href="javascript:track()">Track</a>\n{% endblock %}\n'
                )
            },
        )
        assert not built.ok
        assert built.kb_logs("ERROR") == [
            "overrides/main.html:3: the theme's link to 'javascript:track()' is unsafe: it "
            "uses the 'javascript:' scheme, which runs code in the reader's browser (on 6 "
            "pages, for example /en/a/). Remove it; link to a page or an https:// address "
            "instead."
        ]

    def test_a_site_drawing_its_own_menu_has_the_menu_checked(self, build_site) -> None:
        # Material's own menu is made from the pages and is not read on every page; a menu
        # the site draws itself is.
        built = build_site(
            {"en/a.md": page("A")},
            config={"theme": {"name": "material", "custom_dir": "overrides"}},
            plugin=QUIET,
            extra={
                "overrides/partials/nav.html": (
                    '<nav class="md-nav md-nav--primary">\n'
                    "  <a href=\"{{ 'en/old-page/' | url }}\">Old page</a>\n"
                    "</nav>\n"
                )
            },
        )
        assert built.kb_logs("WARNING") == [
            "overrides/partials/nav.html:2: the theme's link to '/en/old-page/' goes to a "
            "page or file that does not exist (on 6 pages, for example /en/a/). Check the "
            "address in the template."
        ]


def test_links_to_the_site_itself_by_full_address_are_checked(build_site) -> None:
    built = build_site(
        {
            "en/a.md": page(
                "A", "[b](https://help.example.com/en/b/) [c](https://help.example.com/en/c/)"
            ),
            "en/b.md": page("B"),
        },
        plugin=QUIET,
    )
    # A full address is the same on every language site, so on the sites that show a.md
    # untranslated it leaves the reader's language; a relative link would not.
    assert built.kb_logs("WARNING") == [
        "content/en/a.md:6: the link 'https://help.example.com/en/b/' leaves the 'el' site "
        "for a page in 'en' (content/en/b.md) (on the 'el', 'pl' and 'hu' sites). Link to "
        "'b.md' (the 'el' page) instead, or add '{hreflang=en}' after the link if 'en' is "
        "intended.",
        "content/en/a.md:6: the link 'https://help.example.com/en/c/' goes to '/en/c/', which "
        "does not exist. Check the path: links are relative to the file they are written in.",
    ]


def test_checks_can_be_turned_off(build_site) -> None:
    built = build_site(
        {"en/a.md": page("A", "[x](nope.md)")},
        plugin={**QUIET, "links": {"check": False}},
    )
    assert built.kb_logs() == []
    # With kb_builder's checks off, MkDocs' own validation speaks again.
    assert any("Doc file 'en/a.md' contains a link 'nope.md'" in line for line in built.logs)


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"timeout": 0}, "Expected a number greater than 0, got 0"),
        ({"cache_age": "soon"}, "Expected a duration such as 30m, 12h or 7d, got 'soon'"),
    ],
)
def test_bad_link_options_are_configuration_errors(build_site, options, message) -> None:
    built = build_site({"en/a.md": page("A")}, plugin={"links": options})
    assert built.error == "Aborted with a configuration error!"
    option = next(iter(options))
    assert (
        f"ERROR - Config value 'plugins': Plugin 'kb' option 'links': Sub-option '{option}': {message}"
        in built.logs
    )
