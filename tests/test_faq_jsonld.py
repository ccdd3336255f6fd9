"""schema.org FAQPage JSON-LD on public FAQ pages, escaped so nothing can break out."""

from __future__ import annotations

import json
import re

from sitekit import page

from kb_builder.faq.jsonld import script_safe_json

FAQ = """Intro text.

## How long does a refund take?

Usually **three** working days.

## Can I pay by card?

Yes, [any card](other.md).
"""
JSONLD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def jsonld(html: str) -> list[str]:
    return JSONLD.findall(html)


def test_public_faq_page_carries_faqpage_data(build_site) -> None:
    built = build_site(
        {"en/faq.md": page("Refund FAQ", FAQ, type="faq"), "en/other.md": page("Other")}
    )
    assert built.ok, built.logs
    html = built.html("en/faq/")
    scripts = jsonld(html)
    assert len(scripts) == 1
    assert html.index("application/ld+json") < html.index("</head>")
    assert json.loads(scripts[0]) == {
        "@context": "https://schema.org",
        "@type": "FAQPage",
        "name": "Refund FAQ",
        "inLanguage": "en",
        "url": "https://help.example.com/en/faq/",
        "mainEntity": [
            {
                "@type": "Question",
                "name": "How long does a refund take?",
                "acceptedAnswer": {"@type": "Answer", "text": "Usually three working days."},
            },
            {
                "@type": "Question",
                "name": "Can I pay by card?",
                "acceptedAnswer": {"@type": "Answer", "text": "Yes, any card."},
            },
        ],
    }
    # Articles carry none.
    assert jsonld(built.html("en/other/")) == []


def test_values_cannot_break_out_of_the_script(build_site) -> None:
    title = "Refunds </script><script>alert(\"t\")</script> & 'quotes' <!--"
    body = (
        '## Is `</SCRIPT >` safe? "Yes"\n\n'
        "Type `</script><script>alert(1)</script>` & see <!-- nothing.\n"
    )
    built = build_site({"en/faq.md": page(title, body, type="faq")})
    assert built.ok, built.logs
    html = built.html("en/faq/")
    scripts = jsonld(html)
    assert len(scripts) == 1
    raw = scripts[0]
    assert "<" not in raw and ">" not in raw and "&" not in raw
    data = json.loads(raw)
    assert data["name"] == title
    question = data["mainEntity"][0]
    assert question["name"] == 'Is </SCRIPT > safe? "Yes"'
    assert question["acceptedAnswer"]["text"] == (
        "Type </script><script>alert(1)</script> & see <!-- nothing."
    )
    # The page has exactly the scripts it had before: none was opened by the content.
    assert html.count("<script") == html.count("</script>")


def test_script_safe_json_escapes_html_characters() -> None:
    text = script_safe_json({"a": "</script><!-- & \u2028 é"})
    assert text == '{"a":"\\u003c/script\\u003e\\u003c!-- \\u0026 \\u2028 é"}'
    assert json.loads(text) == {"a": "</script><!-- & \u2028 é"}


def test_no_faq_data_on_internal_builds_fallbacks_or_internal_pages(build_site) -> None:
    site = {
        "en/faq.md": page("FAQ", FAQ, type="faq"),
        "en/other.md": page("Other"),
        "en/desk-faq.md": page("Desk FAQ", "## Secret?\n\nYes.\n", type="faq", audience="internal"),
        "el/faq.md": page("Συχνές ερωτήσεις", "## Πόσο;\n\nΤρεις μέρες.\n", type="faq"),
    }
    public = build_site(site)
    assert json.loads(jsonld(public.html("el/faq/"))[0])["inLanguage"] == "el"
    # The Polish page is the English one with a notice: the English page carries the data.
    assert jsonld(public.html("pl/faq/")) == []
    assert not (public.site / "en" / "desk-faq").exists()
    internal = build_site(site, plugin={"audience": "internal"})
    assert jsonld(internal.html("en/faq/")) == []
    assert jsonld(internal.html("en/desk-faq/")) == []


def test_say_block_labels_are_not_part_of_the_answer(build_site) -> None:
    body = "## What do I say?\n\nTry this:\n\n!!! say\n    We will fix it today.\n"
    built = build_site({"en/faq.md": page("FAQ", body, type="faq")})
    data = json.loads(jsonld(built.html("en/faq/"))[0])
    assert data["mainEntity"][0]["acceptedAnswer"]["text"] == "Try this: We will fix it today."
