"""The agent desk's tools: start page, phrase index, links for customers, placeholders.

Unit tests of the pure modules, then tiny sites built both ways: the desk has the tools,
the public build has none of them (not a page, script, string or file).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from leakscan import find
from sitekit import page

from kb_builder.desk import placeholders
from kb_builder.desk.build import css_string
from kb_builder.desk.phrases import page_phrases, phrase_text

DESK = {"site_url": "https://desk.example.com/"}
EXTENSIONS = ["admonition", "attr_list", "md_in_html", "pymdownx.details", "toc"]
PUBLIC_URL = "https://help.example.com/"
SITE = {
    "en/index.md": page("Help", "Welcome, customers."),
    "el/index.md": page("Βοήθεια", "Καλώς ήρθατε."),
    "en/scripts/index.md": page("Call scripts", "Scripts.", audience="internal", order=1),
    "en/scripts/escalation.md": page(
        "Escalation",
        "## What to tell the customer\n\n"
        "!!! say\n    I'm passing you to [name], who will call you by [date].\n\n"
        '!!! say "If they ask for a manager"\n    Of course. I will ask my team leader.\n\n'
        "See [the guide](../guide.md).\n",
        audience="internal",
    ),
    "en/guide.md": page(
        "Guide", "## Apologise\n\n!!! say\n    I'm sorry, [name].\n\n    Really.\n"
    ),
    "el/guide.md": page("Οδηγός", "## Συγγνώμη\n\n!!! say\n    Λυπάμαι, [όνομα].\n"),
    "en/complaints/index.md": page("Complaints", "Complaints.", order=2),
}


def desk_build(build_site, desk=None, **kw):
    options = {"audience": "internal", "desk": desk if desk is not None else {}}
    config = {**DESK, "markdown_extensions": EXTENSIONS}
    return build_site(SITE, config, plugin=options, **kw)


# -- pure functions ----------------------------------------------------------------------


def test_placeholders_are_marked_inside_phrases_only() -> None:
    html = (
        "<p>[outside]</p>"
        '<div class="kb-say__phrase" data-kb-say-phrase>\n<p>Hello [name], <a href="x">[link]</a>'
        " <code>[code]</code> [1] on [date].</p>\n<div>[όνομα]</div>\n</div><p>[after]</p>"
    )
    marked = placeholders.mark(html)
    assert '<span class="kb-slot">[name]</span>' in marked
    assert '<span class="kb-slot">[date]</span>' in marked
    assert '<span class="kb-slot">[όνομα]</span>' in marked
    for kept in ("<p>[outside]</p>", ">[link]</a>", "<code>[code]</code>", " [1] ", "[after]</p>"):
        assert kept in marked


def test_phrase_text_is_what_the_copy_button_copies() -> None:
    fragment = (
        "\n<p>Good   morning, <strong>Sam</strong>.\nTell me.</p>\n<p>Take your time.</p>"
        "<ul><li>One</li><li>Two</li></ul><p>A<br>B</p>"
    )
    assert (
        phrase_text(fragment)
        == "Good morning, Sam. Tell me.\n\nTake your time.\n\nOne\nTwo\n\nA\nB"
    )


def test_page_phrases_carry_heading_anchor_or_own_label() -> None:
    html = (
        '<h2 id="start">Start<a class="headerlink" href="#start">¶</a></h2>'
        '<div class="admonition say kb-say" data-kb-say><p class="admonition-title kb-say__label"'
        " data-kb-ui data-pagefind-ignore>Say this</p><button>Copy</button>"
        '<div class="kb-say__phrase" data-kb-say-phrase><p>Hello.</p></div></div>'
        '<div class="admonition say kb-say" data-kb-say><p class="admonition-title kb-say__label">'
        'If angry</p><div class="kb-say__phrase" data-kb-say-phrase><p>Calm.</p></div></div>'
    )
    found = page_phrases(html, "Calls", "en/calls/")
    assert [(p.text, p.heading, p.url) for p in found] == [
        ("Hello.", "Start", "en/calls/#start"),
        ("Calm.", "If angry", "en/calls/#start"),
    ]
    assert page_phrases("<p>No phrases</p>", "T", "u/") == []


def test_css_string_cannot_break_out() -> None:
    assert css_string('Say "hi" </style>') == '"Say \\22 hi\\22  \\3c /style\\3e "'


# -- the desk build ----------------------------------------------------------------------


def test_language_home_is_the_start_page_with_pinned_pages_and_sections(build_site) -> None:
    built = desk_build(build_site, {"pinned": ["scripts/escalation.md", "guide.md"]})
    assert built.ok, built.logs
    home = built.html("en/index.html")
    assert "data-kb-desk-start" in home
    start = home.split("data-kb-desk-start", 1)[1].split("</section>", 1)[0]
    pinned = start.split('class="kb-desk-start__pinned"', 1)[1].split("</ul>", 1)[0]
    assert pinned.index("scripts/escalation/") < pinned.index("guide/")
    sections = start.split('class="kb-desk-start__sections"', 1)[1].split("</ul>", 1)[0]
    assert sections.index("Call scripts") < sections.index("Complaints")
    # The customer home is still there, folded away, and searchable.
    assert "Welcome, customers." in home.split('class="kb-desk-home"', 1)[1]
    # Greek has no escalation page: it pins the English one shown in Greek (a fallback page).
    assert "data-kb-desk-start" in built.html("el/index.html")
    assert "data-kb-desk-start" not in built.html("en/guide/index.html")


def test_pinned_page_that_does_not_exist_stops_the_build(build_site) -> None:
    built = desk_build(build_site, {"pinned": ["scripts/escalaton.md"]})
    assert not built.ok
    assert (
        "ERROR - kb_builder: desk: pinned: 'scripts/escalaton.md' is not an article. Write a "
        "path inside a language folder, such as 'scripts/index.md' for "
        "content/<lang>/scripts/index.md. Did you mean 'scripts/escalation.md'?"
    ) in built.logs


def test_public_site_url_must_not_be_the_desk(build_site) -> None:
    built = desk_build(build_site, {"public_site_url": "https://desk.example.com"})
    assert not built.ok
    assert any("desk: public_site_url is the desk's own address" in line for line in built.logs)


def test_public_site_url_must_be_an_address(build_site) -> None:
    built = desk_build(build_site, {"public_site_url": "help.example.com"})
    assert not built.ok
    assert any(
        "public_site_url" in line
        and "Expected the public help centre's address, such as https://help.example.com/, "
        "got 'help.example.com'"
        in line
        for line in built.logs
    ), built.logs


def test_phrase_index_per_language(build_site) -> None:
    built = desk_build(build_site)
    assert built.ok, built.logs
    folder = built.site / "assets/kb/desk/phrases"
    english = json.loads((folder / "en.json").read_text(encoding="utf-8"))
    assert english["lang"] == "en"
    assert {
        "text": "I'm passing you to [name], who will call you by [date].",
        "title": "Escalation",
        "heading": "What to tell the customer",
        "url": "en/scripts/escalation/#what-to-tell-the-customer",
    } in english["phrases"]
    labels = [p["heading"] for p in english["phrases"]]
    assert "If they ask for a manager" in labels
    assert {p["text"] for p in english["phrases"]} >= {"I'm sorry, [name].\n\nReally."}
    greek = json.loads((folder / "el.json").read_text(encoding="utf-8"))
    # Fallback pages (English shown on the Greek site) are not Greek phrases.
    assert [p["text"] for p in greek["phrases"]] == ["Λυπάμαι, [όνομα]."]
    assert json.loads((folder / "pl.json").read_text(encoding="utf-8"))["phrases"] == []


def test_placeholders_marked_on_desk_pages(build_site) -> None:
    built = desk_build(build_site)
    html = built.html("en/scripts/escalation/index.html")
    assert '<span class="kb-slot">[name]</span>' in html
    assert '<span class="kb-slot">[date]</span>' in html
    assert '<span class="kb-slot">[όνομα]</span>' in built.html("el/guide/index.html")


def test_copy_link_for_the_customer_only_on_public_articles(build_site) -> None:
    built = desk_build(build_site, {"public_site_url": PUBLIC_URL})
    assert built.ok, built.logs
    guide = built.html("el/guide/index.html")
    assert "data-kb-share" in guide
    options = guide.split("data-kb-share-lang", 1)[1].split("</select>", 1)[0]
    assert f'value="{PUBLIC_URL}en/guide/" lang="en"' in options
    assert f'value="{PUBLIC_URL}el/guide/" lang="el" selected' in options
    assert "desk.example.com" not in options
    # Public in English only: Polish shows the English original, so English is offered.
    polish = built.html("pl/guide/index.html").split("data-kb-share-lang", 1)[1]
    assert 'lang="pl"' not in polish.split("</select>", 1)[0]
    assert f'value="{PUBLIC_URL}en/guide/" lang="en" selected' in polish
    assert "data-kb-share" not in built.html("en/scripts/escalation/index.html")
    assert "data-kb-share" not in built.html("coverage/index.html")


def test_without_public_site_url_no_customer_link(build_site) -> None:
    built = desk_build(build_site)
    assert "data-kb-share" not in built.html("en/guide/index.html")


def test_every_printed_sheet_is_marked_internal(build_site) -> None:
    built = desk_build(build_site)
    html = built.html("el/guide/index.html")
    assert '@top-center { content: "Πύλη εκπροσώπων: εσωτερικό, όχι για πελάτες";' in html


@pytest.mark.parametrize("audience", ["public"])
def test_public_build_has_none_of_the_desk(build_site, audience) -> None:
    options = {
        "audience": audience,
        "desk": {"pinned": ["guide.md"], "public_site_url": PUBLIC_URL},
    }
    built = build_site(SITE, {"markdown_extensions": EXTENSIONS}, plugin=options)
    assert built.ok, built.logs
    assert not (built.site / "assets/kb/desk").exists()
    needles = [
        "data-kb-desk",
        "kb-desk-start",
        "data-kb-share",
        "Copy link for the customer",
        "Phrases to say",
        "kb-slot",
        "kb-phrase",
        "phrases.js",
        "search-phrases",
        "assets/kb/desk/",
        "Recently opened",
        "@top-center",
    ]
    assert find(built.site, needles) == []


def test_coverage_page_in_every_desk_menu_without_previous_next(build_site) -> None:
    built = desk_build(build_site)
    assert built.ok, built.logs
    greek = built.html("el/guide/index.html")
    assert 'href="../../coverage/" class="md-nav__link"' in greek
    assert "Κάλυψη μεταφράσεων" in greek.split('href="../../coverage/"', 1)[1][:300]
    coverage = built.html("coverage/index.html")
    assert "md-footer__link--next" not in coverage
    assert "md-footer__link--prev" not in coverage
    # Reading order stays inside a language: the last English page does not lead to it.
    assert 'href="../coverage/"' not in built.html("en/guide/index.html").split("md-footer")[-1]


def test_recent_pages_get_the_title_as_text(build_site) -> None:
    site = dict(SITE)
    site["en/guide.md"] = page("Don't & <panic>", "Calm.")
    built = build_site(
        site, {**DESK, "markdown_extensions": EXTENSIONS}, plugin={"audience": "internal"}
    )
    data = built.html("en/guide/index.html").split('id="kb-desk-page">', 1)[1].split("</script>")[0]
    assert json.loads(data) == {"lang": "en", "title": "Don't & <panic>"}


def test_preview_merge_replaces_only_the_pages_rendered_again() -> None:
    from kb_builder.desk.phrases import Phrase, merge

    old = [
        {"text": "A1", "title": "A", "heading": "", "url": "en/a/#x"},
        {"text": "B1", "title": "B", "heading": "", "url": "en/b/"},
        {"text": "B2", "title": "B", "heading": "", "url": "en/b/#y"},
        {"text": "C1", "title": "C", "heading": "", "url": "en/c/"},
        {"text": "D1", "title": "D", "heading": "", "url": "en/gone/"},
    ]
    rendered = {
        "en/b/": [Phrase("B new", "B", "", "en/b/")],
        "en/c/": [],
        "en/new/": [Phrase("N1", "N", "", "en/new/")],
    }
    pages = ["en/a/", "en/new/", "en/b/", "en/c/"]
    assert [r["text"] for r in merge(old, rendered, pages)] == ["A1", "N1", "B new"]


def test_preview_rebuild_keeps_the_phrases_of_pages_not_rendered_again(tmp_path) -> None:
    import yaml
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from sitekit import LANGUAGES

    root = tmp_path / "project"
    for rel, text in SITE.items():
        (root / "content" / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / "content" / rel).write_text(text, encoding="utf-8")
    settings = {
        "site_name": "Desk",
        **DESK,
        "docs_dir": "content",
        "theme": {"name": "material"},
        "plugins": [{"kb": {"languages": LANGUAGES, "audience": "internal"}}],
        "markdown_extensions": EXTENSIONS,
    }
    (root / "mkdocs.yml").write_text(yaml.safe_dump(settings), encoding="utf-8")

    partial = []

    def build_once(site: Path, preview: bool) -> list[str]:
        config = load_config(str(root / "mkdocs.yml"), site_dir=str(site))
        config.plugins.on_startup(command="serve" if preview else "build", dirty=preview)
        try:
            build(config, dirty=preview)
            decision = config.plugins["kb"].site_build.decision
            partial.append(decision is not None and not decision.everything)
        finally:
            if not preview:
                config.plugins.on_shutdown()
        data = (site / "assets/kb/desk/phrases/en.json").read_text(encoding="utf-8")
        return [p["text"] for p in json.loads(data)["phrases"]]

    first = build_once(tmp_path / "preview", True)
    assert "I'm sorry, [name].\n\nReally." in first
    guide = root / "content/en/guide.md"
    guide.write_text(guide.read_text(encoding="utf-8").replace("Really.", "Truly."), "utf-8")
    again = build_once(tmp_path / "preview", True)
    full = build_once(tmp_path / "full", False)
    assert "I'm sorry, [name].\n\nTruly." in again
    assert again == full
    # The second preview build rendered only the edited article's pages.
    assert partial == [False, True, False]
