"""Heading anchors read from Markdown, and links whose anchors follow translations."""

from __future__ import annotations

from sitekit import page

from kb_builder.content.headings import headings


def test_headings_match_the_toc_anchors() -> None:
    body = (
        "Intro\n\n## Χειρισμός παραπόνων: βήμα προς βήμα\n\n```\n## not a heading\n```\n\n"
        "### Zniżka — jak odpowiedzieć?\n\n## Repeat\n\n## Repeat\n\n## Custom {#my-id}\n"
    )
    assert [(h.level, h.text, h.anchor, h.offset) for h in headings(body)] == [
        (2, "Χειρισμός παραπόνων: βήμα προς βήμα", "χειρισμός-παραπόνων-βήμα-προς-βήμα", 2),
        (3, "Zniżka — jak odpowiedzieć?", "zniżka-jak-odpowiedzieć", 8),
        (2, "Repeat", "repeat", 10),
        (2, "Repeat", "repeat_1", 12),
        (2, "Custom", "my-id", 14),
    ]


def test_heading_anchors_agree_with_the_build(build_site) -> None:
    body = "## Ελάτε σε επαφή\n\n## Ελάτε σε επαφή\n\n### Panaszkezelés lépésről lépésre\n"
    built = build_site({"en/a.md": page("A", body)}, config={"markdown_extensions": ["attr_list"]})
    html = built.html("en/a/")
    for heading in headings(body):
        assert f'id="{heading.anchor}"' in html


SOURCE_FAQ = "## Can I pay by card?\n\nYes.\n\n## How long does delivery take?\n\nTwo days.\n"
GREEK_FAQ = "## Μπορώ να πληρώσω με κάρτα;\n\nΝαι.\n\n## Πόσο διαρκεί η παράδοση;\n\nΔύο μέρες.\n"


def test_fallback_page_links_land_on_the_translated_heading(build_site) -> None:
    built = build_site(
        {
            "en/index.md": page("Home", "See [delivery](faq.md#how-long-does-delivery-take)."),
            "en/faq.md": page("FAQ", SOURCE_FAQ, type="faq"),
            "el/faq.md": page("Ερωτήσεις", GREEK_FAQ, type="faq"),
        }
    )
    # The Greek home page is the English original; its link must reach the Greek heading.
    greek_home = built.html("el/")
    assert 'href="faq/#πόσο-διαρκεί-η-παράδοση"' in greek_home
    assert 'href="faq/#how-long-does-delivery-take"' in built.html("en/")


def test_translated_page_links_into_a_fallback_target(build_site) -> None:
    built = build_site(
        {
            "en/index.md": page("Home", "See [card](faq.md#can-i-pay-by-card)."),
            "el/index.md": page("Αρχική", "Δείτε [κάρτα](faq.md#μπορώ-να-πληρώσω-με-κάρτα)."),
            "en/faq.md": page("FAQ", SOURCE_FAQ, type="faq"),
            "el/faq.md": page("Ερωτήσεις", GREEK_FAQ, type="faq"),
            "pl/index.md": page("Start", "Zobacz [kartę](faq.md#can-i-pay-by-card)."),
        }
    )
    # Polish has no FAQ yet: the Polish FAQ page is the English one, the anchor is kept.
    assert 'href="faq/#can-i-pay-by-card"' in built.html("pl/")
    assert 'href="faq/#μπορώ-να-πληρώσω-με-κάρτα"' in built.html("el/")


def test_anchor_is_left_alone_when_headings_do_not_line_up(build_site) -> None:
    built = build_site(
        {
            "en/index.md": page("Home", "See [delivery](faq.md#how-long-does-delivery-take)."),
            "en/faq.md": page("FAQ", SOURCE_FAQ, type="faq"),
            "el/faq.md": page("Ερωτήσεις", "## Μόνο μία ερώτηση;\n\nΝαι.\n", type="faq"),
        }
    )
    assert 'href="faq/#how-long-does-delivery-take"' in built.html("el/")
