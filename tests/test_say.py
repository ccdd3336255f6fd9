"""'Say this' blocks: a labelled phrase with a copy button, in the page's language."""

from __future__ import annotations

import re

from sitekit import page

from kb_builder.say import SayLabels, render_say

BODY = """Open the call.

!!! say
    Good morning, you're speaking to Sam. Tell me **what happened**.

    Take your time.
"""
EXPECTED = """\
<div class="admonition say kb-say" data-kb-say>
<p class="admonition-title kb-say__label" data-kb-ui data-pagefind-ignore>Say this</p>
<button type="button" class="kb-say__copy" data-kb-say-copy data-kb-ui data-pagefind-ignore \
data-copy="Copy phrase" data-copied="Copied" data-failed="Press Ctrl+C to copy">Copy phrase</button>
<div class="kb-say__phrase" data-kb-say-phrase>
<p>Good morning, you're speaking to Sam. Tell me <strong>what happened</strong>.</p>
<p>Take your time.</p>
</div>
<p class="kb-say__status" role="status" data-kb-ui></p>
</div>"""
EXTENSIONS = {"markdown_extensions": ["admonition", "pymdownx.details", "attr_list", "md_in_html"]}
DESK = {"audience": "internal"}
"""Say blocks are agents' tools: the agent desk draws them (the public site: test_public_say)."""


def say_blocks(html: str) -> list[str]:
    pattern = r'<(div|details) class="[^"]*kb-say"[^>]*>.*?role="status" data-kb-ui></p>\n</\1>'
    return [match.group(0) for match in re.finditer(pattern, html, re.S)]


def test_say_block_renders_label_phrase_and_copy_button(build_site) -> None:
    built = build_site({"en/call.md": page("Call", BODY)}, EXTENSIONS, plugin=DESK)
    assert built.ok, built.logs
    html = built.html("en/call/")
    assert say_blocks(html) == [EXPECTED]
    assert 'src="../../assets/kb/desk.js"' in html
    assert 'href="../../assets/kb/desk.css"' in html


def test_labels_follow_the_page_language(build_site) -> None:
    built = build_site(
        {
            "en/call.md": page("Call", BODY),
            "el/call.md": page("Κλήση", "!!! say\n    Καλημέρα.\n"),
            "hu/call.md": page("Hívás", "!!! say\n    Jó napot.\n"),
        },
        EXTENSIONS,
        plugin=DESK,
    )
    greek = say_blocks(built.html("el/call/"))[0]
    assert ">Πείτε στον πελάτη</p>" in greek
    assert 'data-copied="Αντιγράφηκε"' in greek
    assert ">Αντιγραφή φράσης</button>" in greek
    hungarian = say_blocks(built.html("hu/call/"))[0]
    assert ">Mondja az ügyfélnek</p>" in hungarian
    assert ">Mondat másolása</button>" in hungarian
    # The Polish page shows the English text (no translation yet) with a Polish interface.
    polish = say_blocks(built.html("pl/call/"))[0]
    assert ">Powiedz klientowi</p>" in polish
    assert ">Kopiuj zwrot</button>" in polish
    assert 'data-copied="Skopiowano"' in polish
    assert "Good morning, you're speaking to Sam." in polish


def test_custom_label_collapsible_and_untitled_blocks(build_site) -> None:
    body = (
        '!!! say "If they ask for a manager"\n    I can put you through.\n\n'
        "??? say\n    Folded away.\n\n"
        '!!! say ""\n    No label.\n\n'
        "!!! note\n    Not a phrase.\n"
    )
    built = build_site({"en/call.md": page("Call", body)}, EXTENSIONS, plugin=DESK)
    custom, folded, untitled = say_blocks(built.html("en/call/"))
    # The editor's label is content: kept as written, not marked as interface.
    assert custom.startswith(
        '<div class="admonition say kb-say" data-kb-say>\n'
        '<p class="admonition-title kb-say__label">If they ask for a manager</p>\n'
        '<button type="button" class="kb-say__copy"'
    )
    assert folded.startswith(
        '<details class="say kb-say" data-kb-say>\n'
        '<summary class="kb-say__label" data-kb-ui data-pagefind-ignore>Say this</summary>\n'
        '<button type="button" class="kb-say__copy"'
    )
    assert '<div class="kb-say__phrase" data-kb-say-phrase>\n<p>Folded away.</p>\n</div>' in folded
    assert untitled.startswith(
        '<div class="admonition say kb-say" data-kb-say>\n<button type="button" class="kb-say__copy"'
    )
    html = built.html("en/call/")
    assert '<div class="admonition note">\n<p class="admonition-title">Note</p>' in html


def test_say_blocks_inside_lists_and_faq_answers(build_site) -> None:
    body = (
        "## What do I say when they are angry?\n\n"
        "1. Listen.\n\n    !!! say\n        I understand.\n\n"
        "2. Act.\n"
    )
    built = build_site({"en/faq.md": page("FAQ", body, type="faq")}, EXTENSIONS, plugin=DESK)
    html = built.html("en/faq/")
    answer = html[html.index('<div class="kb-faq__answer">') :]
    assert len(say_blocks(answer)) == 1
    assert "<p>I understand.</p>" in say_blocks(answer)[0]


def test_render_say_leaves_other_html_alone() -> None:
    labels = SayLabels("Say this", "Copy", "Copied", "Ctrl+C")
    html = '<p>Say what you mean.</p>\n<div class="admonition essay">\n<p>x</p>\n</div>'
    assert render_say(html, labels) == html
    unclosed = '<div class="admonition say">\n<p class="admonition-title">Say</p>\n<p>x</p>'
    assert render_say(unclosed, labels) == unclosed


def test_stray_tag_in_a_label_does_not_upset_the_page() -> None:
    labels = SayLabels("Say this", "Copy", "Copied", "Ctrl+C")
    html = (
        '<div class="admonition say">\n<p class="admonition-title">Ask for a <manager></p>\n'
        "<p>One.</p>\n</div>\n"
        '<div class="admonition say">\n<p class="admonition-title">Say</p>\n<p>Two.</p>\n</div>'
    )
    out = render_say(html, labels)
    assert out.count("data-kb-say-copy") == 2
    assert '<p class="admonition-title kb-say__label">Ask for a <manager></p>' in out
    assert '<div class="kb-say__phrase" data-kb-say-phrase>\n<p>One.</p>\n</div>' in out
    assert '<div class="kb-say__phrase" data-kb-say-phrase>\n<p>Two.</p>\n</div>' in out


def test_label_and_button_texts_are_escaped() -> None:
    labels = SayLabels('Say "this" <now>', "Copy & go", 'Done "ok"', "<b>")
    html = '<div class="admonition say">\n<p class="admonition-title">Say</p>\n<p>Hi.</p>\n</div>'
    out = render_say(html, labels)
    assert ">Say &quot;this&quot; &lt;now&gt;</p>" in out
    assert (
        'data-copy="Copy &amp; go" data-copied="Done &quot;ok&quot;" data-failed="&lt;b&gt;"' in out
    )
