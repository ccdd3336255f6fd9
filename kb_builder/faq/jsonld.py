"""schema.org `FAQPage` structured data for public FAQ pages.

Search engines read it from a `<script type="application/ld+json">` in the page head. Its
values come from front matter and answers, so everything is escaped for that place: `<`,
`>` and `&` become `\\u003c`, `\\u003e` and `\\u0026`, which JSON reads as the same text but
which can never close the script element or open a comment in HTML.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from kb_builder.faq.render import FaqItem
from kb_builder.i18n.plan import PageVariant

_SCRIPT_UNSAFE = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}


def script_safe_json(data: Any) -> str:
    """JSON text that can be placed inside a `<script>` element as it is.

    The characters replaced can only occur inside JSON strings, where the escape means the
    same character, so the data reads back unchanged.
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for character, escaped in _SCRIPT_UNSAFE.items():
        text = text.replace(character, escaped)
    return text


def faq_page_data(
    items: Iterable[FaqItem], *, name: str, lang: str, url: str | None = None
) -> dict[str, Any] | None:
    """The `FAQPage` object: every question with an answer; None when there is none."""
    questions = []
    for item in items:
        question, answer = item.question_text, item.answer_text
        if question and answer:
            questions.append(
                {
                    "@type": "Question",
                    "name": question,
                    "acceptedAnswer": {"@type": "Answer", "text": answer},
                }
            )
    if not questions:
        return None
    data: dict[str, Any] = {"@context": "https://schema.org", "@type": "FAQPage"}
    data["name"] = name
    data["inLanguage"] = lang
    if url:
        data["url"] = url
    data["mainEntity"] = questions
    return data


def faq_jsonld(
    items: Iterable[FaqItem], *, name: str, lang: str, url: str | None = None
) -> str | None:
    """The body of the page's JSON-LD script, or None when the page has no answered question."""
    data = faq_page_data(items, name=name, lang=lang, url=url)
    return script_safe_json(data) if data is not None else None


def page_jsonld(
    items: Iterable[FaqItem], variant: PageVariant | None, url: str | None
) -> str | None:
    """JSON-LD for a FAQ page written in its site's language; None for any other page.

    A fallback page shows the source text under another language's address: the source
    page carries the data, so search engines do not see the same questions twice.
    """
    if variant is None or variant.is_fallback or variant.document.front.type != "faq":
        return None
    return faq_jsonld(items, name=variant.document.front.title, lang=variant.lang, url=url)
