"""Options of the agent desk (`desk:` under the kb plugin in mkdocs.internal.yml)."""

from __future__ import annotations

from urllib.parse import urlsplit

from mkdocs.config import base
from mkdocs.config import config_options as c


class PublicAddress(c.OptionallyRequired[str]):
    """An absolute http(s) address ending in `/`, such as `https://help.example.com/`."""

    def run_validation(self, value: object) -> str:
        text = str(value).strip()
        parts = urlsplit(text)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise base.ValidationError(
                f"Expected the public help centre's address, such as "
                f"https://help.example.com/, got {value!r}"
            )
        return text if text.endswith("/") else text + "/"


class DeskConfig(base.Config):
    """What the agent desk adds for agents on a call. Ignored by the public build."""

    pinned = c.ListOfItems(c.Type(str), default=[])
    """Pages every agent sees first on the desk's start page (each language's home), as
    paths inside a language folder, in the order shown: `[scripts/index.md,
    scripts/escalation-guide.md]`. A path that is not an article stops the build."""
    public_site_url = c.Optional(PublicAddress())
    """The public help centre's address (the `site_url` of mkdocs.yml). With it, every desk
    page that customers can read too gets a "Copy link for the customer" button that copies
    the public address, never the desk's. Without it the button is not shown."""
