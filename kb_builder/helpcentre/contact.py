"""The contact path per language: phone, e-mail, contact form and opening hours.

Configured under `contact:` in the kb plugin's options and checked once, when the
configuration is read, so a mistyped number never reaches a customer.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

from kb_builder.checks.urls import EXTERNAL, MAILTO, classify

_SEPARATORS = re.compile(r"[ \u00a0\-.()/]")
_E164 = re.compile(r"^\+[1-9]\d{6,14}$")
_LINE_BREAKS = re.compile(r"[\r\n]")


@dataclass(frozen=True)
class Contact:
    """How a reader of one language reaches a person; every part is optional."""

    phone: str | None = None
    """The number as written in mkdocs.yml, for reading: `+44 20 7946 0123`."""
    tel: str | None = None
    """The number as a `tel:` address in E.164: `tel:+442079460123`."""
    email: str | None = None
    form: str | None = None
    """Address of the contact form."""
    hours: str | None = None
    """Opening hours, as written, in the language's own words."""

    def __bool__(self) -> bool:
        return any((self.phone, self.email, self.form, self.hours))


class ContactError(ValueError):
    """A contact setting that cannot work; the message names the language and the value."""


def parse_contacts(
    configured: Mapping[str, Mapping[str, object]], languages: Iterable[str]
) -> dict[str, Contact]:
    """Check every language's contact settings; raise ContactError on the first bad one."""
    codes = tuple(languages)
    contacts = {}
    for lang, options in configured.items():
        if lang not in codes:
            raise ContactError(
                f"contact: '{lang}' is not one of the site's languages ({', '.join(codes)}); "
                "use the same codes as under 'languages:'"
            )
        contacts[lang] = parse_contact(lang, options)
    return contacts


def parse_contact(lang: str, options: Mapping[str, object]) -> Contact:
    """One language's contact settings, checked."""
    phone = _text(lang, "phone", options.get("phone"))
    email = _text(lang, "email", options.get("email"))
    form = _text(lang, "form", options.get("form"))
    hours = _text(lang, "hours", options.get("hours"))
    return Contact(
        phone=phone,
        tel=tel_address(lang, phone) if phone else None,
        email=_email(lang, email) if email else None,
        form=web_address(f"contact: {lang}: form", form) if form else None,
        hours=hours,
    )


def tel_address(lang: str, phone: str) -> str:
    """`tel:` address of a number written with spaces, dashes or brackets, in E.164."""
    digits = _SEPARATORS.sub("", phone)
    if not _E164.match(digits):
        if not digits.startswith("+"):
            why = "it does not start with '+' and the country code"
        elif not digits[1:].isdigit():
            why = "it contains characters other than digits, spaces and dashes"
        else:
            why = f"it has {len(digits) - 1} digits; international numbers have 7 to 15"
        raise ContactError(
            f"contact: {lang}: phone '{phone}' is not an international (E.164) number: {why}. "
            "Write '+', the country code and the number, for example '+44 20 7946 0123'"
        )
    return f"tel:{digits}"


def _email(lang: str, email: str) -> str:
    if email.lower().startswith("mailto:") or classify(f"mailto:{email}").kind != MAILTO:
        raise ContactError(
            f"contact: {lang}: email '{email}' is not an e-mail address. "
            "Write the address alone, for example 'help@example.com'"
        )
    return email


def web_address(setting: str, value: str) -> str:
    """`value` if it is an http(s) address or a path from the server's root (`/contact/`)."""
    if value.startswith("/") and not value.startswith("//"):
        return value
    if classify(value).kind != EXTERNAL or urlsplit(value).scheme not in ("http", "https"):
        raise ContactError(
            f"{setting} '{value}' is not a web address. Write the full address, for example "
            "'https://example.com/contact/', or a path from the server's root such as "
            "'/contact/'"
        )
    return value


def _text(lang: str, key: str, value: object) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip() or _LINE_BREAKS.search(value):
        raise ContactError(f"contact: {lang}: '{key}' must be one line of text, got {value!r}")
    return value.strip()
