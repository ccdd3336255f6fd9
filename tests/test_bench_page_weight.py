"""The page weight benchmark: what it counts, on a tiny site in headless Chromium."""

from __future__ import annotations

import gzip

import pytest
from sitekit import page

from bench import page_weight

SITE = {"en/index.md": page("Help", "Welcome. " * 200), "el/index.md": page("Βοήθεια")}


def test_gzip_size_compresses_text_only() -> None:
    text = b"a" * 10_000
    assert page_weight.gzip_size(text, "text/html; charset=utf-8") == len(
        gzip.compress(text, compresslevel=6, mtime=0)
    )
    assert page_weight.gzip_size(text, "application/javascript") < 100
    assert page_weight.gzip_size(text, "font/woff2") == 10_000
    assert page_weight.gzip_size(text, "application/wasm") == 10_000


def test_table_lists_blocked_hosts() -> None:
    weights = [
        page_weight.Weight("old", "en/", 3, 2048, 1024, ["https://fonts.example.org/a.css"]),
        page_weight.Weight("new", "en/", 2, 1024, 512),
    ]
    lines = page_weight.table(weights).splitlines()
    assert lines[2] == "| old | `en/` | 3 | 2.0 | 1.0 | 1: fonts.example.org |"
    assert lines[3] == "| new | `en/` | 2 | 1.0 | 0.5 | none |"


@pytest.mark.browser
def test_cold_load_counts_the_site_and_blocks_other_hosts(build_site, chromium) -> None:
    fonts = build_site(SITE)  # Material's default: Roboto from Google Fonts
    assert fonts.ok, fonts.logs
    weight = page_weight.measure(chromium, "fonts", fonts.site, "en/")
    assert [url.split("?")[0] for url in weight.blocked] == ["https://fonts.googleapis.com/css"]
    assert weight.urls[0] == "en/"
    assert weight.by_type["document"] == 1
    assert weight.requests == len(weight.urls) >= 5
    assert weight.wire_bytes > weight.gzip_bytes > 0
