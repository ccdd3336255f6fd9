"""FAQ pages: questions become expandable items with stable anchors."""

from __future__ import annotations

import re

from sitekit import page

from kb_builder.faq.render import split_questions

FAQ_EN = """Short intro.

## How long does a refund take?

Usually **three** working days.

!!! note
    Bank transfers can take longer.

## Can I get a discount?

Ask us [why](pricing.md).
"""

FAQ_EL = """## Πόσο διαρκεί μια επιστροφή χρημάτων;

Συνήθως τρεις εργάσιμες ημέρες.

## Μπορώ να έχω έκπτωση;

Ρωτήστε μας.
"""


def test_questions_become_details_with_heading_ids(build_site) -> None:
    built = build_site(
        {
            "en/faq.md": page("FAQ", FAQ_EN, type="faq"),
            "el/faq.md": page("Συχνές ερωτήσεις", FAQ_EL, type="faq"),
            "en/pricing.md": page("Pricing"),
        }
    )
    assert built.ok, built.logs
    html = built.html("en/faq/")
    items = re.findall(
        r'<details class="kb-faq__item"><summary><h2 id="([^"]+)">(.*?)</h2></summary>', html
    )
    assert items == [
        ("how-long-does-a-refund-take", "How long does a refund take?"),
        ("can-i-get-a-discount", "Can I get a discount?"),
    ]
    # The answer keeps its Markdown: emphasis, admonitions and links.
    answer = html[html.index('<div class="kb-faq__answer">') :]
    assert answer.startswith('<div class="kb-faq__answer"><p>Usually <strong>three</strong>')
    assert 'class="admonition note"' in answer.split("</details>")[0]
    assert '<a href="../pricing/">why</a>' in html
    # The intro stays above the questions, and the toggle is labelled in the page language.
    assert html.index("Short intro.") < html.index('class="kb-faq"')
    assert 'data-expand="Expand all answers"' in html
    greek = built.html("el/faq/")
    assert '<h2 id="πόσο-διαρκεί-μια-επιστροφή-χρημάτων">' in greek
    assert ">Ανάπτυξη όλων των απαντήσεων</button>" in greek
    # Ordinary articles are left alone.
    assert "kb-faq" not in built.html("en/pricing/")


def test_faq_without_questions_or_answers_is_reported(build_site) -> None:
    built = build_site(
        {
            "en/empty.md": page("Empty", "Just text.", type="faq"),
            "en/thin.md": page(
                "Thin", "## First?\n\n## Second?\n\nYes.\n\n## Second?\n\nAgain.", type="faq"
            ),
        }
    )
    assert built.kb_logs("WARNING") == [
        "content/en/empty.md:5: a FAQ page without questions. Write each question as a '## ' "
        "heading with its answer below it.",
        "content/en/thin.md:7: the question 'First?' has no answer. Write the answer under the question.",
        "content/en/thin.md:13: the question 'Second?' repeats the question on line 9. Merge the "
        "two, or word them differently.",
    ]


def test_split_ignores_nested_headings() -> None:
    html = (
        '<p>Intro</p>\n<h2 id="a">A?</h2>\n<p>One</p>\n'
        '<div class="admonition"><h2 id="inner">Not a question</h2></div>\n'
        '<h2 id="b">B?</h2>\n<p>Two</p>'
    )
    intro, items = split_questions(html)
    assert intro == "<p>Intro</p>"
    assert [item.anchor for item in items] == ["a", "b"]
    assert "Not a question" in items[0].answer_html
    assert items[1].answer_text == "Two"
    assert items[0].question_text == "A?"
