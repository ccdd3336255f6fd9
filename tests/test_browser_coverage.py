"""In a real browser: a reader of a stale translation reads the original and stays in
their language."""

from __future__ import annotations

import pytest
from browser import serve
from sitekit import page

from kb_builder.i18n.fingerprint import fingerprint

pytestmark = pytest.mark.browser

OLD = fingerprint("Refunds", "About Refunds.", "Old text.\n")
SITE = {
    "en/index.md": page("Home"),
    "en/refunds.md": page("Refunds", "New text."),
    "el/index.md": page("Αρχική"),
    "el/refunds.md": page("Επιστροφές", "Κείμενο.", source_hash=OLD),
}


def test_read_the_original_keeps_the_reader_language(build_site, browser_page) -> None:
    built = build_site(SITE)
    with serve(built.site) as base:
        browser_page.goto(base + "el/refunds/")
        browser_page.evaluate("() => localStorage.setItem('kb.language', 'el')")
        # Customers see the neutral line (stale_notice: neutral); its link is the same.
        browser_page.click(".kb-notice--translated >> text=Διαβάστε το πρωτότυπο")
        browser_page.wait_for_url(base + "en/refunds/")
        assert "New text." in browser_page.inner_text("article")
        # Back at the site root, the reader is still sent to Greek.
        browser_page.goto(base)
        browser_page.wait_for_url(base + "el/")
