"""What the agent desk adds to one internal build: per page, and at the end of the build."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from kb_builder.content.model import Catalog
from kb_builder.desk import phrases, placeholders, share, start
from kb_builder.desk.config import DeskConfig
from kb_builder.i18n import strings
from kb_builder.i18n.languages import LanguageSet
from kb_builder.i18n.plan import PageVariant, SitePlan, plan_site

ASSETS = "assets/kb/desk/"
"""Site folder of the desk's own scripts, styles and phrase index; never on the public site."""

STRING_KEYS = (
    "desk.phrases.title",
    "desk.phrases.copy",
    "desk.phrases.copied",
    "desk.phrases.failed",
    "desk.phrases.keys",
    "desk.share.copied",
    "desk.share.failed",
    "desk.start.recent.none",
)
"""Interface strings the desk's scripts need, in the page's language."""


@dataclass(frozen=True)
class DeskView:
    """What the templates of a desk page see as `kb_desk`."""

    lang: str
    client: dict[str, object]
    """Settings for the desk's scripts (#kb-desk-config)."""
    print_mark: str
    """The text printed at the top of every sheet, as a CSS string literal."""
    start: start.StartView | None = None
    share: share.ShareView | None = None


def css_string(text: str) -> str:
    """`text` as a double-quoted CSS string that cannot end the string or the <style>."""
    escaped = []
    for char in text:
        if char in '"\\<>&' or ord(char) < 0x20:
            escaped.append(f"\\{ord(char):x} ")
        else:
            escaped.append(char)
    return '"' + "".join(escaped) + '"'


@dataclass
class DeskBuild:
    options: DeskConfig
    plan: SitePlan
    languages: LanguageSet
    public_plan: SitePlan
    found: dict[str, list[phrases.Phrase]] = field(default_factory=dict)
    rendered: dict[str, dict[str, list[phrases.Phrase]]] = field(default_factory=dict)
    """Per language: each page rendered in this build, by address, with its phrases."""
    _clients: dict[str, dict[str, object]] = field(default_factory=dict)

    def page_html(self, html: str, variant: PageVariant | None, url: str) -> str:
        """Mark placeholders in the page's phrases and add the phrases to the index."""
        html = placeholders.mark(html)
        if variant is not None and not variant.is_fallback:
            title = variant.document.front.title
            found = phrases.page_phrases(html, title, url)
            self.found.setdefault(variant.lang, []).extend(found)
            self.rendered.setdefault(variant.lang, {})[url] = found
        return html

    def page_meta(self, variant: PageVariant, meta: dict[str, object]) -> None:
        """A language's home is the desk's start page."""
        if start.is_start(variant.rel):
            meta["template"] = start.TEMPLATE
            # The folded customer home's headings are not the start page's contents.
            hidden = meta.get("hide")
            meta["hide"] = [*(hidden if isinstance(hidden, list) else []), "toc"]

    def view(
        self, lang: str, variant: PageVariant | None, url_of: Callable[[str], str | None]
    ) -> DeskView:
        if lang not in self._clients:
            self._clients[lang] = {
                "lang": lang,
                "phrases": f"{phrases.INDEX_DIR}/{lang}.json",
                "strings": {
                    key.removeprefix("desk."): strings.translate(lang, key) for key in STRING_KEYS
                },
            }
        view = DeskView(
            lang, self._clients[lang], css_string(strings.translate(lang, "desk.print"))
        )
        if variant is None:
            return view
        start_page = None
        if start.is_start(variant.rel):
            start_page = start.start_view(lang, self.options.pinned, self.plan, url_of)
        link = share.share_view(
            variant, self.public_plan, self.options.public_site_url, self.languages, url_of
        )
        return DeskView(view.lang, view.client, view.print_mark, start_page, link)

    def write(self, site_dir: Path, pages: list[str] | None = None) -> None:
        """Write every language's phrase index (empty for a language without phrases).

        `pages` (every page address of the site, in order) is given when this build rendered only
        some pages (a preview): the others' phrases are taken from the last index.
        """
        if pages is None:
            found = {code: self.found.get(code, []) for code in self.languages.codes}
            phrases.write_index(site_dir, found)
            return
        merged = {
            code: phrases.merge(
                phrases.read_index(site_dir, code), self.rendered.get(code, {}), pages
            )
            for code in self.languages.codes
        }
        phrases.write_index(site_dir, merged)


def problems(options: DeskConfig, plan: SitePlan, site_url: str | None) -> list[str]:
    """What is wrong with the desk options, checked against the articles."""
    found = start.pinned_problems(options.pinned, plan)
    public = options.public_site_url
    if public and site_url and public.rstrip("/") == site_url.rstrip("/"):
        found.append(
            f"desk: public_site_url is the desk's own address ({site_url}). Set it to the "
            "public help centre's address, the site_url of mkdocs.yml."
        )
    return found


def start_desk(
    options: DeskConfig, catalog: Catalog, plan: SitePlan, languages: LanguageSet
) -> DeskBuild:
    """The desk part of an internal build; the public plan says what customers can read."""
    return DeskBuild(options, plan, languages, plan_site(catalog, "public"))
