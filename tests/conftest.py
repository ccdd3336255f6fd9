"""Shared fixtures: build tiny sites into tmp_path with the real plugin; no network."""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from sitekit import LANGUAGES, BuiltSite, run_build

BuildSite = Callable[..., BuiltSite]


@pytest.fixture(scope="session", autouse=True)
def kb_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The session's own cache folder (search/compact.py), not the one in the home folder."""
    folder = tmp_path_factory.mktemp("kb-cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("KB_CACHE_DIR", str(folder))
        yield folder


@pytest.fixture
def build_site(tmp_path: Path) -> BuildSite:
    """Write `files` (paths under content/) into tmp_path, build, return the site and logs."""

    def _build(
        files: dict[str, str | bytes],
        config: dict[str, Any] | None = None,
        *,
        plugin: dict[str, Any] | None = None,
        strict: bool = False,
        project: Path | None = None,
        extra: dict[str, str] | None = None,
    ) -> BuiltSite:
        root = project or tmp_path / "project"
        root.mkdir(parents=True, exist_ok=True)
        for rel, text in (extra or {}).items():  # project files outside content/ (templates)
            target = root / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        for rel, content in files.items():
            target = root / "content" / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                target.write_bytes(content)
            else:
                target.write_text(content, encoding="utf-8")
        kb = {"default_language": "en", "languages": LANGUAGES, **(plugin or {})}
        settings: dict[str, Any] = {
            "site_name": "Test help",
            "site_url": "https://help.example.com/",
            "docs_dir": "content",
            "site_dir": "site",
            "theme": {"name": "material", "features": ["navigation.indexes"]},
            "plugins": [{"kb": kb}],
            "markdown_extensions": ["admonition", "attr_list", "md_in_html"],
            **(config or {}),
        }
        config_file = root / "mkdocs.yml"
        config_file.write_text(
            yaml.safe_dump(settings, allow_unicode=True, sort_keys=False), encoding="utf-8"
        )
        return run_build(root, config_file, strict=strict)

    return _build


def _is_local(address: Any) -> bool:
    if isinstance(address, tuple):
        host = address[0]
    else:  # AF_UNIX path
        return True
    if host in ("localhost", ""):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Tests never reach the internet; loopback servers are fine."""
    real_connect = socket.socket.connect
    real_connect_ex = socket.socket.connect_ex

    def guarded_connect(self: socket.socket, address: Any) -> Any:
        if not _is_local(address):
            raise RuntimeError(f"test tried to reach the network: {address!r}")
        return real_connect(self, address)

    def guarded_connect_ex(self: socket.socket, address: Any) -> Any:
        if not _is_local(address):
            raise RuntimeError(f"test tried to reach the network: {address!r}")
        return real_connect_ex(self, address)

    monkeypatch.setattr(socket.socket, "connect", guarded_connect)
    monkeypatch.setattr(socket.socket, "connect_ex", guarded_connect_ex)
    yield


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    """One headless Chromium for the whole session (Playwright, Debian's binary)."""
    from browser import launch, require_chromium

    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch(playwright)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def browser_page(chromium: Any) -> Iterator[Any]:
    """A fresh page (own context: no shared storage) per test."""
    context = chromium.new_context(locale="en-GB")
    page = context.new_page()
    try:
        yield page
    finally:
        context.close()


@pytest.fixture
def tab(browser_page: Any) -> Any:
    """`browser_page` under the name the search tests give it."""
    return browser_page
