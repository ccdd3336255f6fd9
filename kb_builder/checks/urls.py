"""What kind of address a link holds, and whether it is well formed, decided offline.

Browsers are lenient in ways that matter for safety: they drop tabs and newlines anywhere in
a URL, strip spaces at either end and compare schemes without regard to case, so
`&#106;ava&#x09;Script:` runs code. Addresses are read here the way a browser reads them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

INTERNAL = "internal"
EXTERNAL = "external"
MAILTO = "mailto"
TEL = "tel"
UNSAFE = "unsafe"
MALFORMED = "malformed"
OTHER = "other"

_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):")
_TAB_OR_NEWLINE = re.compile(r"[\t\n\r]")
_C0_OR_SPACE = "".join(chr(code) for code in range(0x21))

SCRIPT_SCHEMES = ("javascript", "vbscript")
_ACTIVE_DATA = {
    "text/html",
    "application/xhtml+xml",
    "image/svg+xml",
    "text/xml",
    "application/xml",
    "text/javascript",
    "application/javascript",
    "application/ecmascript",
    "text/ecmascript",
}
"""Media types of `data:` URLs a browser would render as a document or run as a script."""

_NO_OP_SCRIPT = re.compile(r"^javascript:\s*(?:void\s*\(?\s*0\s*\)?\s*;?|;)?\s*$", re.I)

_EMAIL = re.compile(
    r"^[^\s@<>()\[\],;:\"\\]+@(?:[^\W_](?:[\w-]*[^\W_])?\.)+(?:[^\W\d_]{2,}|xn--[a-z0-9-]+)$"
)
_HOST_LABEL = re.compile(r"^\w(?:[\w-]*\w)?$")
"""A host name label; underscores are not valid in host names, but browsers accept them."""
_IPV4 = re.compile(r"^\d{1,3}(?:\.\d{1,3}){3}$")
_TEL_SEPARATORS = re.compile(r"[\s\-.()]")
_E164 = re.compile(r"^\+[1-9]\d{6,14}$")


@dataclass(frozen=True)
class Address:
    """A link's address as a browser reads it, with its kind."""

    kind: str
    url: str
    """The address after the browser's clean-up (tabs, newlines, surrounding spaces)."""
    scheme: str = ""
    problem: str = ""
    """For UNSAFE and MALFORMED: what is wrong, in words for an editor."""
    hint: str = ""


def browser_form(url: str) -> str:
    """The address as a browser parses it: no tabs or newlines, no outer spaces."""
    return _TAB_OR_NEWLINE.sub("", url.strip(_C0_OR_SPACE))


def classify(url: str, *, tag: str = "a", template: bool = False) -> Address:
    """Classify one address found in a page.

    `tag` matters for `data:` URLs (an image may be SVG; a link must not open a document);
    `template` allows the no-op `javascript:void(0)` that themes use for buttons.
    """
    cleaned = browser_form(url)
    match = _SCHEME.match(cleaned)
    if cleaned.startswith("//"):
        return Address(EXTERNAL, "https:" + cleaned, "https")
    if match is None:
        return Address(INTERNAL, cleaned)
    scheme = match.group(1).lower()
    rest = cleaned[match.end() :]
    if scheme in SCRIPT_SCHEMES:
        if template and scheme == "javascript" and _NO_OP_SCRIPT.match(cleaned):
            return Address(OTHER, cleaned, scheme)
        return Address(
            UNSAFE,
            cleaned,
            scheme,
            f"it uses the '{scheme}:' scheme, which runs code in the reader's browser",
            "Remove it; link to a page or an https:// address instead",
        )
    if scheme == "data":
        media = rest.split(",", 1)[0].split(";", 1)[0].strip().lower()
        if media in _ACTIVE_DATA and not (tag == "img" and media == "image/svg+xml"):
            return Address(
                UNSAFE,
                cleaned,
                scheme,
                f"it is a 'data:{media}' address, which the browser opens as a document "
                "that can run code",
                "Remove it; put the file into content/ and link to it instead",
            )
        return Address(OTHER, cleaned, scheme)
    if scheme in ("http", "https"):
        return _web(cleaned, scheme)
    if scheme == "mailto":
        return _mailto(cleaned, rest)
    if scheme == "tel":
        return _tel(cleaned, rest)
    if scheme == "file" or len(scheme) == 1:
        return Address(
            MALFORMED,
            cleaned,
            scheme,
            "it points at a file on a computer, which readers cannot open",
            "Put the file into content/ and link to it with a relative path",
        )
    return Address(OTHER, cleaned, scheme)


def _web(url: str, scheme: str) -> Address:
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return _bad_web(url, scheme, "its host or port cannot be read")
    host = parts.hostname or ""
    if not url[len(scheme) + 1 :].startswith("//") or not host:
        fixed = f"{scheme}://{url[len(scheme) + 1 :].lstrip('/')}"
        return _bad_web(url, scheme, "it has no host name", f"Did you mean '{fixed}'?")
    if port == 0 or not _valid_host(host):
        return _bad_web(url, scheme, f"the host name '{host}' is not valid")
    return Address(EXTERNAL, url, scheme)


def _valid_host(host: str) -> bool:
    if host.startswith("[") or ":" in host:  # IPv6 literal; urlsplit has checked brackets
        return True
    if _IPV4.match(host):
        return all(int(part) < 256 for part in host.split("."))
    labels = host.rstrip(".").split(".")
    return all(_HOST_LABEL.match(label) for label in labels) and len(host) <= 253


def _bad_web(url: str, scheme: str, problem: str, hint: str = "") -> Address:
    return Address(
        MALFORMED,
        url,
        scheme,
        problem,
        hint or "Write the full address, such as https://example.com/",
    )


def _mailto(url: str, rest: str) -> Address:
    target, _, query = rest.partition("?")
    addresses = [unquote(part).strip() for part in target.split(",") if part.strip()]
    for field in query.split("&"):
        name, _, value = field.partition("=")
        if name.lower() in ("to", "cc", "bcc") and value:
            addresses.extend(a.strip() for a in unquote(value).split(",") if a.strip())
    if not addresses:
        return Address(
            MALFORMED,
            url,
            "mailto",
            "the e-mail link has no address",
            "Write it as 'mailto:name@example.com'",
        )
    for address in addresses:
        if not _EMAIL.match(address) or ".." in address:
            return Address(
                MALFORMED,
                url,
                "mailto",
                f"'{address}' is not an e-mail address",
                "Write it as 'mailto:name@example.com'",
            )
    return Address(MAILTO, url, "mailto")


def _tel(url: str, rest: str) -> Address:
    number = unquote(rest.split(";", 1)[0])
    digits = _TEL_SEPARATORS.sub("", number)
    if _E164.match(digits):
        return Address(TEL, url, "tel")
    if not digits.startswith("+"):
        problem = f"the phone number '{number}' is not in international form"
    elif not digits[1:].isdigit():
        problem = f"the phone number '{number}' contains characters other than digits"
    else:
        count = len(digits) - 1
        problem = (
            f"the phone number '{number}' has {count} digits; international (E.164) numbers "
            "have 7 to 15 and do not start with 0"
        )
    return Address(
        MALFORMED,
        url,
        "tel",
        problem,
        "Write '+', the country code and the number, for example 'tel:+302101234567'",
    )


def split_reference(url: str) -> tuple[str, str, str | None]:
    """Split an internal address into (path, query, fragment); fragment None when absent."""
    path, hash_mark, fragment = url.partition("#")
    path, _, query = path.partition("?")
    return path, query, fragment if hash_mark else None
