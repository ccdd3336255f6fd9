"""What templates see as `kb_help`: the help-centre parts around a page, ready to draw."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from kb_builder.helpcentre.breadcrumbs import Crumb, breadcrumbs
from kb_builder.helpcentre.contact import Contact, ContactError, parse_contacts, web_address
from kb_builder.helpcentre.dates import ShownDate, shown_date
from kb_builder.helpcentre.related import RelatedIndex
from kb_builder.i18n.plan import PageVariant, SitePlan

PUBLIC = "public"


@dataclass(frozen=True)
class Link:
    title: str
    url: str
    """Site-relative; templates pass it through `| url`."""
    description: str = ""


@dataclass(frozen=True)
class Feedback:
    """The "was this helpful?" control: where answers go."""

    endpoint: str | None
    """Address that receives each answer as a form POST; None when only Material's
    analytics (`extra.analytics`) receives them."""


@dataclass(frozen=True)
class HelpView:
    lang: str
    article: bool = False
    """True on article pages, which get the parts below the article."""
    contact: Contact | None = None
    """The contact details of the page's language, where the page shows them."""
    footer_contact: Contact | None = None
    """The same, for the footer (public site only)."""
    breadcrumbs: tuple[Crumb, ...] = ()
    reviewed: ShownDate | None = None
    related: tuple[Link, ...] = ()
    feedback: Feedback | None = None
    contacts: Mapping[str, Contact] = field(default_factory=dict)
    """Every language's contact details (the 404 page speaks every language)."""


def check_options(options: Any, codes: tuple[str, ...]) -> list[str]:
    """Check the help-centre options; raise ContactError (a ValueError) on a bad value,
    return warnings for settings that work but are probably not what the owner meant."""
    contacts = parse_contacts(options.contact, codes)
    if options.related < 0:
        raise ContactError(f"related: expected 0 (off) or a number of pages, got {options.related}")
    if options.feedback.endpoint:
        web_address("feedback: endpoint", options.feedback.endpoint)
    warnings = []
    if contacts:
        missing = [code for code in codes if not contacts.get(code)]
        if missing:
            warnings.append(
                f"contact: no contact details for {', '.join(missing)}; pages in "
                f"{'that language' if len(missing) == 1 else 'those languages'} show none. "
                "Add them under 'contact:' in the kb plugin's options."
            )
    return warnings


class HelpCentre:
    """The help-centre parts of one build."""

    def __init__(
        self, options: Any, plan: SitePlan, site_names: Mapping[str, str], extra: Mapping
    ) -> None:
        self.public = options.audience == PUBLIC
        self.plan = plan
        self.site_names = dict(site_names)
        self.contacts = {
            lang: contact
            for lang, contact in parse_contacts(options.contact, plan.languages).items()
            if contact
        }
        self.related_limit = options.related
        self.index = RelatedIndex(plan) if options.related > 0 else None
        self.feedback = _feedback(options.feedback.endpoint, extra) if self.public else None

    def page(self, variant: PageVariant, url_of: Callable[[str], str | None]) -> HelpView:
        """The parts of an article page in its language."""
        lang = variant.lang
        contact = self.contacts.get(lang)
        front = variant.document.front
        related = ()
        if self.index is not None:
            related = tuple(
                Link(item.title, url, item.description)
                for item in self.index.related(variant, self.related_limit)
                if (url := url_of(item.docs_path)) is not None
            )
        home = self.site_names.get(lang, lang)
        return HelpView(
            lang=lang,
            article=True,
            # On the agent desk, only customer-facing pages say how customers reach us.
            contact=contact if self.public or variant.document.is_public else None,
            footer_contact=contact if self.public else None,
            breadcrumbs=breadcrumbs(variant, self.plan, home, url_of),
            reviewed=shown_date(front.reviewed, lang) if front.reviewed else None,
            related=related,
            feedback=self.feedback,
        )

    def site(self, lang: str, *, every_language: bool = False) -> HelpView:
        """Pages of no article (the language chooser, 404): the contact details only;
        with `every_language` (the 404 page, which picks its language in the browser),
        those of every language."""
        contact = self.contacts.get(lang) if self.public else None
        return HelpView(
            lang=lang,
            contact=contact,
            footer_contact=contact,
            contacts=self.contacts if self.public and every_language else {},
        )


def _feedback(endpoint: str | None, extra: Mapping) -> Feedback | None:
    analytics = extra.get("analytics") if isinstance(extra, Mapping) else None
    material = isinstance(analytics, Mapping) and bool(analytics.get("feedback"))
    if endpoint or material:
        return Feedback(endpoint or None)
    return None
