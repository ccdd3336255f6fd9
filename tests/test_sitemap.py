"""sitemap.xml: this build's pages only, with hreflang alternates and x-default."""

from __future__ import annotations

import gzip
import xml.etree.ElementTree as ET

from sitekit import page

SITE = {
    "en/index.md": page("Home", reviewed="2026-01-05"),
    "el/index.md": page("Αρχική"),
    "en/refunds.md": page("Refunds", reviewed="2026-02-01"),
    "el/refunds.md": page("Επιστροφές", reviewed="2026-03-01"),
    "hu/refunds.md": page("Visszatérítés"),
    "en/only-english.md": page("Only English"),
    "en/desk.md": page("Desk", audience="internal"),
    "el/desk.md": page("Γραφείο", audience="internal"),
}

HOME_ALTERNATES = """\
    <xhtml:link rel="alternate" hreflang="en" href="https://help.example.com/en/"/>
    <xhtml:link rel="alternate" hreflang="el" href="https://help.example.com/el/"/>
    <xhtml:link rel="alternate" hreflang="x-default" href="https://help.example.com/"/>"""
REFUNDS_ALTERNATES = """\
    <xhtml:link rel="alternate" hreflang="en" href="https://help.example.com/en/refunds/"/>
    <xhtml:link rel="alternate" hreflang="el" href="https://help.example.com/el/refunds/"/>
    <xhtml:link rel="alternate" hreflang="hu" href="https://help.example.com/hu/refunds/"/>
    <xhtml:link rel="alternate" hreflang="x-default" href="https://help.example.com/en/refunds/"/>"""

PUBLIC_SITEMAP = f"""\
<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">
  <url>
    <loc>https://help.example.com/</loc>
{HOME_ALTERNATES}
  </url>
  <url>
    <loc>https://help.example.com/en/</loc>
    <lastmod>2026-01-05</lastmod>
{HOME_ALTERNATES}
  </url>
  <url>
    <loc>https://help.example.com/el/</loc>
{HOME_ALTERNATES}
  </url>
  <url>
    <loc>https://help.example.com/en/only-english/</loc>
  </url>
  <url>
    <loc>https://help.example.com/en/refunds/</loc>
    <lastmod>2026-02-01</lastmod>
{REFUNDS_ALTERNATES}
  </url>
  <url>
    <loc>https://help.example.com/el/refunds/</loc>
    <lastmod>2026-03-01</lastmod>
{REFUNDS_ALTERNATES}
  </url>
  <url>
    <loc>https://help.example.com/hu/refunds/</loc>
{REFUNDS_ALTERNATES}
  </url>
</urlset>
"""


def test_public_sitemap_lists_public_pages_with_their_translations(build_site) -> None:
    built = build_site(SITE)
    assert built.ok, built.logs
    xml = (built.site / "sitemap.xml").read_text(encoding="utf-8")
    assert xml == PUBLIC_SITEMAP
    # Fallback pages (pl/refunds/, hu/ ...) are copies of the source, not translations.
    assert "/pl/" not in xml
    # It is well-formed XML, and the gzip copy says the same.
    ET.fromstring(xml.encode("utf-8"))
    assert gzip.decompress((built.site / "sitemap.xml.gz").read_bytes()).decode("utf-8") == xml


def test_internal_sitemap_lists_internal_pages(build_site) -> None:
    built = build_site(SITE, plugin={"audience": "internal"})
    xml = (built.site / "sitemap.xml").read_text(encoding="utf-8")
    assert (
        """\
  <url>
    <loc>https://help.example.com/en/desk/</loc>
    <xhtml:link rel="alternate" hreflang="en" href="https://help.example.com/en/desk/"/>
    <xhtml:link rel="alternate" hreflang="el" href="https://help.example.com/el/desk/"/>
    <xhtml:link rel="alternate" hreflang="x-default" href="https://help.example.com/en/desk/"/>
  </url>"""
        in xml
    )


def test_sitemap_urls_are_escaped_and_follow_site_url(build_site) -> None:
    built = build_site(
        {"en/index.md": page("Home"), "en/q&a/άρθρο.md": page("Q&A")},
        {"site_url": "https://example.com/help/"},
    )
    xml = (built.site / "sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>https://example.com/help/en/q%26a/%CE%AC%CF%81%CE%B8%CF%81%CE%BF/</loc>" in xml
    assert "<loc>https://example.com/help/</loc>" in xml
    ET.fromstring(xml.encode("utf-8"))


def test_no_sitemap_without_site_url(build_site) -> None:
    built = build_site({"en/index.md": page("Home")}, {"site_url": None})
    assert built.ok, built.logs
    assert not (built.site / "sitemap.xml").exists()
    assert not (built.site / "sitemap.xml.gz").exists()


def test_fallback_pages_name_the_original_as_canonical(build_site) -> None:
    built = build_site(SITE, {"site_url": "https://example.com/help/"})
    assert built.ok, built.logs
    canonical = '<link rel="canonical" href="https://example.com/help/{}">'
    # Only in English: the Greek page shows the English text, so the English page is the one
    # search engines should list; a translation is its own page.
    assert canonical.format("en/only-english/") in built.html("el/only-english/")
    assert canonical.format("el/refunds/") in built.html("el/refunds/")
    assert canonical.format("en/only-english/") in built.html("en/only-english/")
    # The link checks know a canonical link across languages is meant.
    assert [line for line in built.kb_logs("WARNING") if "other languages" in line] == []
