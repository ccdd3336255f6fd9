"""The help-centre modules on their own: contact settings, dates, related articles,
breadcrumbs, public say blocks and agent-only blocks."""

from __future__ import annotations

import datetime as dt

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from mkdocs.exceptions import PluginError

from kb_builder.agent_only import AgentOnlyExtension
from kb_builder.content.frontmatter import FrontMatter
from kb_builder.content.model import Catalog, Document
from kb_builder.content.originals import choose_original
from kb_builder.helpcentre.breadcrumbs import Crumb, breadcrumbs
from kb_builder.helpcentre.contact import Contact, ContactError, parse_contact, parse_contacts
from kb_builder.helpcentre.dates import shown_date
from kb_builder.helpcentre.related import RelatedIndex
from kb_builder.i18n.plan import plan_site
from kb_builder.say import check_no_agent_only, render_quotes

# -- contact ---------------------------------------------------------------------------


def test_contact_is_read_and_the_phone_becomes_an_e164_tel_address() -> None:
    contact = parse_contact(
        "en",
        {
            "phone": "+44 (20) 7946-0321",
            "email": "help@vellora.example",
            "form": "https://www.vellora.example/contact/",
            "hours": "  Mon–Fri 8:00–20:00 ",
        },
    )
    assert contact == Contact(
        phone="+44 (20) 7946-0321",
        tel="tel:+442079460321",
        email="help@vellora.example",
        form="https://www.vellora.example/contact/",
        hours="Mon–Fri 8:00–20:00",
    )
    assert parse_contact("el", {"form": "/contact/"}) == Contact(form="/contact/")
    assert not parse_contact("pl", {})


@pytest.mark.parametrize(
    ("phone", "why"),
    [
        ("210 123 4567", "it does not start with '+' and the country code"),
        ("0030 210 123 4567", "it does not start with '+' and the country code"),
        ("+30 210 CALL US", "it contains characters other than digits, spaces and dashes"),
        ("+30 21", "it has 4 digits; international numbers have 7 to 15"),
        ("+30 210 123 4567 8901 23", "it has 18 digits; international numbers have 7 to 15"),
        ("+0 210 123 4567", "it has 11 digits; international numbers have 7 to 15"),
    ],
)
def test_a_bad_phone_number_is_rejected_naming_the_language_and_the_value(
    phone: str, why: str
) -> None:
    with pytest.raises(ContactError) as caught:
        parse_contacts({"el": {"phone": phone}}, ["en", "el"])
    assert str(caught.value) == (
        f"contact: el: phone '{phone}' is not an international (E.164) number: {why}. "
        "Write '+', the country code and the number, for example '+44 20 7946 0123'"
    )


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (
            {"email": "help at vellora"},
            "contact: hu: email 'help at vellora' is not an e-mail address. Write the "
            "address alone, for example 'help@example.com'",
        ),
        (
            {"email": "mailto:help@vellora.example"},
            "contact: hu: email 'mailto:help@vellora.example' is not an e-mail address. "
            "Write the address alone, for example 'help@example.com'",
        ),
        (
            {"form": "www.vellora.example/contact"},
            "contact: hu: form 'www.vellora.example/contact' is not a web address. Write the "
            "full address, for example 'https://example.com/contact/', or a path from the "
            "server's root such as '/contact/'",
        ),
        (
            {"form": "javascript:alert(1)"},
            "contact: hu: form 'javascript:alert(1)' is not a web address. Write the full "
            "address, for example 'https://example.com/contact/', or a path from the "
            "server's root such as '/contact/'",
        ),
        (
            {"hours": "Mon\nTue"},
            "contact: hu: 'hours' must be one line of text, got 'Mon\\nTue'",
        ),
    ],
)
def test_other_bad_contact_settings_are_rejected(options: dict, message: str) -> None:
    with pytest.raises(ContactError) as caught:
        parse_contacts({"hu": options}, ["hu"])
    assert str(caught.value) == message


def test_contact_for_an_unknown_language_is_rejected() -> None:
    with pytest.raises(ContactError) as caught:
        parse_contacts({"de": {"phone": "+49 30 1234567"}}, ["en", "el"])
    assert str(caught.value) == (
        "contact: 'de' is not one of the site's languages (en, el); use the same codes as "
        "under 'languages:'"
    )


# -- dates -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "20 November 2026"),
        ("el", "20 Νοεμβρίου 2026"),
        ("pl", "20 listopada 2026"),
        ("hu", "2026. november 20."),
        ("pt-BR", "20 de novembro de 2026"),
        ("zz", "2026-11-20"),
    ],
)
def test_reviewed_dates_are_written_as_each_language_writes_them(lang: str, text: str) -> None:
    shown = shown_date(dt.date(2026, 11, 20), lang)
    assert (shown.iso, shown.text) == ("2026-11-20", text)


# -- related articles and breadcrumbs ----------------------------------------------------


def _doc(lang: str, rel: str, title: str, audience: str = "public", **front: object) -> Document:
    return Document(
        lang=lang,
        rel=rel,
        front=FrontMatter(title=title, description=f"About {title}.", audience=audience, **front),
        body="Text.",
        body_line=5,
        disk_uri=f"{lang}/{rel}",
        shown_path=f"content/{lang}/{rel}",
        audience=audience,
    )


def _catalog(*documents: Document) -> Catalog:
    catalog = Catalog(("en", "el"), "en")
    for document in documents:
        catalog.add(document)
    for article in catalog:  # as the loader does: the rule of content.originals decides
        choice = choose_original(article.documents, catalog.languages, "en")
        assert not isinstance(choice, list), choice
        article.original_language = choice.language
    return catalog


CATALOG = _catalog(
    _doc("en", "index.md", "Home", tags=("refunds",)),
    _doc("en", "money/index.md", "Money", tags=("refunds",)),
    _doc("en", "money/refunds.md", "Refunds", tags=("refunds", "money")),
    _doc("en", "money/faq.md", "Money FAQ", tags=("refunds",), order=90),
    _doc("en", "money/prices.md", "Prices", order=1),
    _doc("en", "money/desk.md", "Refund desk notes", audience="internal", tags=("refunds",)),
    _doc("en", "help/late.md", "Late refunds", tags=("refunds", "money")),
    _doc("en", "help/other.md", "Unrelated"),
    _doc("el", "money/refunds.md", "Επιστροφές", tags=("refunds", "money")),
    _doc("el", "money/faq.md", "Συχνές ερωτήσεις", tags=("refunds",)),
)


def test_related_articles_share_tags_or_the_section_and_never_include_internal_pages() -> None:
    for audience in ("public", "internal"):
        plan = plan_site(CATALOG, audience)
        index = RelatedIndex(plan)
        related = index.related(plan.variant("en", "money/refunds.md"), 10)
        titles = [item.title for item in related]
        if audience == "public":
            # Two tags beat one tag and the section; the home page and section pages are
            # never listed; nothing internal, nothing unrelated.
            assert titles == ["Late refunds", "Money FAQ", "Prices"]
            assert [item.score for item in related] == [4, 3, 1]
        else:
            assert "Refund desk notes" in titles


def _related_by_sorting_all(plan, variant, limit: int) -> list[tuple[str, int]]:
    """The plain definition: score every candidate of the language, sort them all."""
    scores: dict[str, int] = {}
    section = variant.article.section
    tags = {tag.casefold() for tag in variant.document.front.tags}
    index = RelatedIndex(plan)
    for other in index._variants.values():
        if other.lang != variant.lang or other.docs_path == variant.docs_path:
            continue
        shared = len(tags & {tag.casefold() for tag in other.document.front.tags})
        same = bool(section) and other.article.section == section
        if shared or same:
            scores[other.docs_path] = 2 * shared + same

    def rank(path: str) -> tuple:
        other = index._variants[path]
        order = other.document.front.order
        same = other.article.section == section
        return (-scores[path], not same, order if order is not None else 1 << 30, path)

    return [(path, scores[path]) for path in sorted(scores, key=rank)[:limit]]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["money", "help", "plans", ""]),
            st.sets(st.sampled_from(["a", "b", "c", "d"]), max_size=3),
            st.one_of(st.none(), st.integers(0, 3)),
        ),
        min_size=1,
        max_size=25,
    ),
    st.integers(0, 7),
)
def test_related_articles_rank_as_if_every_candidate_were_sorted(pages, limit) -> None:
    documents = [
        _doc(
            "en",
            f"{section}/p{number}.md" if section else f"p{number}.md",
            f"Page {number}",
            tags=tuple(sorted(tags)),
            order=order,
        )
        for number, (section, tags, order) in enumerate(pages)
    ]
    plan = plan_site(_catalog(*documents), "public")
    index = RelatedIndex(plan)
    for variant in plan:
        found = [(item.docs_path, item.score) for item in index.related(variant, limit)]
        assert found == _related_by_sorting_all(plan, variant, limit)


def test_related_articles_are_in_the_readers_language_only() -> None:
    plan = plan_site(CATALOG, "public")
    index = RelatedIndex(plan)
    greek = index.related(plan.variant("el", "money/refunds.md"), 10)
    # The other pages of the Greek site show the English text (not translated yet).
    assert [(item.title, item.docs_path) for item in greek] == [
        ("Συχνές ερωτήσεις", "el/money/faq.md")
    ]
    assert index.related(plan.variant("el", "money/faq.md"), 0) == ()


def test_breadcrumbs_lead_from_the_language_home_through_its_sections() -> None:
    plan = plan_site(CATALOG, "public")

    def url_of(path: str) -> str:
        return path.removesuffix("index.md").removesuffix(".md") + (
            "" if path.endswith("index.md") else "/"
        )

    refunds = plan.variant("en", "money/refunds.md")
    assert breadcrumbs(refunds, plan, "Help Centre", url_of) == (
        Crumb("Help Centre", "en/"),
        Crumb("Money", "en/money/"),
        Crumb("Refunds", None),
    )
    section = plan.variant("en", "money/index.md")
    assert breadcrumbs(section, plan, "Help Centre", url_of) == (
        Crumb("Help Centre", "en/"),
        Crumb("Money", None),
    )
    # A folder without an index page has nothing to link to.
    late = plan.variant("el", "help/late.md")
    assert breadcrumbs(late, plan, "Κέντρο βοήθειας", url_of) == (
        Crumb("Κέντρο βοήθειας", "el/"),
        Crumb("Late refunds", None),
    )
    assert breadcrumbs(plan.variant("en", "index.md"), plan, "Help Centre", url_of) == ()


# -- say blocks on the public site -------------------------------------------------------


def test_say_blocks_become_ordinary_quotations() -> None:
    html = (
        '<div class="admonition say">\n<p class="admonition-title">Say</p>\n<p>Hello.</p>\n</div>\n'
        '<details class="say">\n<summary>If they ask for a <em>manager</em></summary>\n'
        "<p>I can put you through.</p>\n</details>\n"
        '<div class="admonition note">\n<p class="admonition-title">Note</p>\n</div>'
    )
    assert render_quotes(html) == (
        '<blockquote class="kb-quote">\n<p>Hello.</p>\n</blockquote>\n'
        '<figure class="kb-quote">\n<figcaption class="kb-quote__caption">If they ask for a '
        "<em>manager</em></figcaption>\n<blockquote>\n<p>I can put you through.</p>\n"
        "</blockquote>\n</figure>\n"
        '<div class="admonition note">\n<p class="admonition-title">Note</p>\n</div>'
    )


def _convert(text: str, *extensions: str) -> str:
    return markdown.markdown(
        text, extensions=[*extensions, "attr_list", "md_in_html", AgentOnlyExtension()]
    )


def test_agent_only_blocks_are_left_out_of_the_html() -> None:
    text = (
        "Before.\n\n"
        "!!! say agent-only\n    Secret phrase.\n\n"
        '??? say agent-only "For agents"\n    Folded secret.\n\n'
        "!!! say\n    Public phrase.\n\n"
        "Agents' paragraph.\n{ .agent-only }\n\n"
        '<div class="agent-only" markdown="1">\nHidden *too*.\n</div>\n\n'
        "After.\n"
    )
    html = _convert(text, "admonition", "pymdownx.details")
    assert "secret" not in html.lower()
    assert "Agents' paragraph" not in html and "Hidden" not in html
    assert "<p>Before.</p>" in html and "<p>After.</p>" in html
    assert "Public phrase." in html


def test_an_agent_only_block_that_markdown_did_not_read_stops_the_build() -> None:
    with pytest.raises(PluginError, match="marked 'agent-only' but was not read as a block"):
        _convert("!!! say agent-only\n    Secret phrase.\n")  # no admonition extension


def test_raw_html_marked_agent_only_stops_the_public_build() -> None:
    check_no_agent_only('<p>Fine.</p><pre><code>&lt;div class="agent-only"&gt;</code></pre>', "x")
    with pytest.raises(PluginError) as caught:
        check_no_agent_only('<div id="a" class="note agent-only">Secret</div>', "en/a.md")
    assert str(caught.value) == (
        "en/a.md: a block marked 'agent-only' is written in raw HTML, which the public build "
        "cannot leave out, so nothing was published. Write it as '!!! say agent-only', or "
        'add markdown="1" to the HTML element.'
    )
