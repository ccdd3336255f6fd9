"""The language home page (`content/<lang>/index.md`), laid out for someone with a question.

In this order: a search field (when site search is on), the language's sections as cards
(title and description from each section's `index.md`, in menu order), the page's own
`##` parts (for example its most asked questions), and last the text before its first
`##` (the welcome). A `##` part whose links all lead to sections that have a card is left
out: the cards say the same. Every language gets the same layout from its own page.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from markupsafe import Markup, escape
from mkdocs.structure.nav import Navigation, Section
from mkdocs.utils import get_relative_url

from kb_builder.faq.render import split_questions
from kb_builder.htmltags import ANY_TAG, attributes, tags
from kb_builder.i18n import strings
from kb_builder.i18n.navigation import entry_page
from kb_builder.i18n.plan import SitePlan


@dataclass(frozen=True)
class Card:
    """A top-level section of a language, as its home page shows it."""

    title: str
    """HTML (the menu's escaped section title)."""
    url: str
    """Site-relative URL of the section's index page, or of its first page."""
    description: str
    """Plain text; empty when the section has no page of its own."""
    lang: str
    """Language of the title and description (the original's, on untranslated pages)."""


@dataclass(frozen=True)
class HomeText:
    """The interface words of the home page, in its language (plain text)."""

    search_label: str
    search_placeholder: str
    search_button: str
    sections: str


def words(lang: str) -> HomeText:
    """The home page's interface words in `lang` (kb_builder/i18n/ui/<lang>.yml)."""
    return HomeText(
        search_label=strings.translate(lang, "home.search.label"),
        search_placeholder=strings.translate(lang, "home.search.placeholder"),
        search_button=strings.translate(lang, "home.search.button"),
        sections=strings.translate(lang, "home.sections"),
    )


def is_home(docs_path: str, lang: str) -> bool:
    return docs_path == f"{lang}/index.md"


def section_cards(navigation: Navigation, plan: SitePlan) -> list[Card]:
    """One card per top-level section of a language's navigation, in menu order."""
    cards = []
    for item in navigation.items:
        if not isinstance(item, Section):
            continue
        entry = entry_page(item)
        if entry is None or entry.url is None:
            continue
        variant = plan.get(entry.file.src_uri)
        is_index = entry.file.name == "index"
        description = variant.document.front.description if variant and is_index else ""
        lang = variant.content_lang if variant else entry.file.src_uri.split("/", 1)[0]
        cards.append(Card(str(item.title), entry.url, description or "", lang))
    return cards


def arrange(
    html: str,
    *,
    page_url: str,
    lang: str,
    cards: list[Card],
    text: HomeText,
    search: bool,
) -> tuple[str, set[str]]:
    """The home page's body in the home layout (see the module's docstring), and the ids
    of the `##` headings left out (their table of contents entries go too)."""
    welcome, parts = split_questions(html)
    card_urls = {_site_path(card.url) for card in cards}
    kept = []
    dropped = set()
    for part in parts:
        if _only_links_to(part.question_html + part.answer_html, page_url, card_urls):
            dropped.add(part.anchor)
        else:
            kept.append(part.question_html + "\n" + part.answer_html)
    pieces = ['<div class="kb-home">']
    if search:
        pieces.append(_search_form(text))
    if cards:
        pieces.append(_card_list(cards, page_url, lang, text))
    pieces.extend(kept)
    if welcome:
        pieces.append(f'<div class="kb-home__welcome">\n{welcome}\n</div>')
    pieces.append("</div>")
    return "\n".join(pieces), dropped


def _search_form(text: HomeText) -> str:
    # Without a script the form reloads the page with ?q=, which opens the site search too.
    return (
        '<form class="kb-home__search" role="search" method="get" data-kb-home-search '
        'data-pagefind-ignore="all">'
        f'<input class="kb-home__input" type="search" name="q" '
        f'aria-label="{escape(text.search_label)}" '
        f'placeholder="{escape(text.search_placeholder)}" '
        'autocomplete="off" autocapitalize="off" spellcheck="false" enterkeyhint="search" '
        "data-kb-search-field>"
        f'<button class="kb-home__button" type="submit">'
        f"{escape(text.search_button)}</button>"
        "</form>"
    )


def _card_list(cards: list[Card], page_url: str, lang: str, text: HomeText) -> str:
    items = []
    for card in cards:
        href = escape(get_relative_url(card.url, page_url))
        other = f' lang="{escape(card.lang)}"' if card.lang != lang else ""
        description = (
            f'<span class="kb-home__card-text">{escape(card.description)}</span>'
            if card.description
            else ""
        )
        items.append(
            f'<li{other}><a class="kb-home__card" href="{href}">'
            f'<span class="kb-home__card-title">{Markup(card.title)}</span>'
            f"{description}</a></li>"
        )
    return (
        f'<nav class="kb-home__sections" aria-label="{escape(text.sections)}" '
        'data-pagefind-ignore="all">'
        f'<ul class="kb-home__cards">{"".join(items)}</ul></nav>'
    )


def _site_path(url: str) -> str:
    return urlsplit(urljoin("/", url)).path


def _only_links_to(html: str, page_url: str, targets: set[str]) -> bool:
    """Whether `html` has links and every one leads to one of `targets` (site paths)."""
    base = urljoin("/", page_url)
    found = False
    for name, raw in tags(ANY_TAG, html, 0, len(html)):
        attrs = attributes(raw) if name == "a" else {}
        href = attrs.get("href")
        if href is None or "headerlink" in attrs.get("class", "").split():
            continue
        if href.startswith("#") or urlsplit(href).scheme:
            return False
        if _site_path(urljoin(base, href)) not in targets:
            return False
        found = True
    return found
