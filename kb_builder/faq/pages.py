"""FAQ pages as the plugin needs them: checks over the catalog, rendering in a language."""

from __future__ import annotations

from markupsafe import escape

from kb_builder.content.model import Catalog
from kb_builder.faq.questions import check_faq
from kb_builder.faq.render import FaqItem, render_faq
from kb_builder.findings import Finding
from kb_builder.i18n import strings

__all__ = ["FaqItem", "check_catalog", "render"]


def check_catalog(catalog: Catalog) -> list[Finding]:
    """Findings for every FAQ page in every language."""
    findings: list[Finding] = []
    for document in catalog.documents():
        if document.front.type == "faq":
            findings.extend(check_faq(document))
    return findings


def render(html: str, lang: str) -> tuple[str, list[FaqItem]]:
    """Expandable questions, with the expand/collapse control labelled in `lang`."""
    return render_faq(
        html,
        str(escape(strings.translate(lang, "faq.expand_all"))),
        str(escape(strings.translate(lang, "faq.collapse_all"))),
    )
