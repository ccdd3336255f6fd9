"""Check web addresses: concurrently, politely, with retries and a cache.

Off by default, because a build must work offline and must not fail when someone else's
server has a bad day. When on (`kb check --external`), every address is fetched once with
GET (many servers answer HEAD wrongly), at most `per_host` at a time per server, with a
timeout, retries for timeouts and 5xx answers, and `Retry-After` honoured for 429. TLS
certificates are always verified. Addresses that worked are remembered in a cache file for
`cache_age`, so repeated checks do not hammer the same servers; failures are always
checked again.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import email.utils
import fnmatch
import json
import socket
import ssl
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from http.client import HTTPException, responses
from pathlib import Path
from urllib.parse import quote, urlsplit, urlunsplit

from kb_builder.files import write_file

OK = "ok"
MOVED = "moved"
BROKEN = "broken"
EXCLUDED = "excluded"

CACHE_VERSION = 1
_PERMANENT = (301, 308)
_RETRY_STATUS = (429, 500, 502, 503, 504)


@dataclass(frozen=True)
class ExternalOptions:
    """How external addresses are checked (see the `links:` options of the plugin)."""

    timeout: float = 10.0
    retries: int = 2
    concurrency: int = 8
    per_host: int = 2
    cache: Path | None = None
    cache_age: float = 24 * 3600.0
    exclude: tuple[str, ...] = ()
    user_agent: str = "kb_builder link check"
    max_wait: float = 60.0
    """Longest `Retry-After` honoured; a server asking for more counts as a failure."""
    backoff: float = 1.0
    """First pause before retrying a timeout or 5xx answer; doubles on each retry."""


@dataclass(frozen=True)
class Result:
    url: str
    status: str
    detail: str = ""
    """For BROKEN: what went wrong (`404 Not Found`, `timed out after 3 attempts`)."""
    code: int | None = None
    location: str = ""
    """For MOVED: the address it moved to."""
    cached: bool = False


@dataclass
class _Attempt:
    code: int | None = None
    detail: str = ""
    retry_after: float | None = None
    retry: bool = False
    chain: list[tuple[int, str]] = field(default_factory=list)
    final: str = ""


def page_address(url: str) -> str:
    """The address without its `#fragment`: what is actually fetched."""
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, parts.path, parts.query, ""))


def ascii_address(url: str) -> str:
    """The address as a browser sends it: non-ASCII letters percent-encoded (UTF-8) in the
    path and query, and the host name in its IDNA form (`https://ελληνικά.gr/Ελλάδα`)."""
    if url.isascii():
        return url
    parts = urlsplit(url)
    host = parts.hostname or ""
    with contextlib.suppress(UnicodeError):  # else left as it is: the request says why
        host = host.encode("idna").decode("ascii")
    if ":" in host:
        host = f"[{host}]"  # an IPv6 address
    netloc = host if parts.port is None else f"{host}:{parts.port}"
    if parts.username:
        netloc = f"{parts.username}@{netloc}"
    keep = "/?#[]@!$&'()*+,;=%~:"
    return urlunsplit(
        (parts.scheme, netloc, quote(parts.path, safe=keep), quote(parts.query, safe=keep), "")
    )


def is_excluded(url: str, patterns: Iterable[str]) -> bool:
    """True when `url` matches a shell-style pattern (`https://intranet.example.com/*`)."""
    return any(fnmatch.fnmatchcase(url, pattern) for pattern in patterns)


class ExternalChecker:
    """Checks many addresses; `sleep` and `now` are injectable so tests never wait."""

    def __init__(
        self,
        options: ExternalOptions,
        *,
        sleep: Callable[[float], None] = time.sleep,
        now: Callable[[], float] = time.time,
    ) -> None:
        self.options = options
        self.sleep = sleep
        self.now = now
        self._hosts: dict[str, threading.BoundedSemaphore] = {}
        self._lock = threading.Lock()
        self._tls = ssl.create_default_context()

    def check(self, urls: Iterable[str]) -> dict[str, Result]:
        """A result for every address (keyed as given, fragments ignored)."""
        wanted = sorted({page_address(url) for url in urls})
        cache = load_cache(self.options.cache, self.options.cache_age, self.now())
        results: dict[str, Result] = {}
        todo = []
        for url in wanted:
            if is_excluded(url, self.options.exclude):
                results[url] = Result(url, EXCLUDED)
            elif url in cache:
                results[url] = cache[url]
            else:
                todo.append(url)
        if todo:
            workers = max(1, min(self.options.concurrency, len(todo)))
            with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="kb-links") as pool:
                for result in pool.map(self._check_one, todo):
                    results[result.url] = result
        save_cache(self.options.cache, cache, results.values(), self.now())
        return results

    def _host_slot(self, url: str) -> threading.BoundedSemaphore:
        host = urlsplit(url).netloc.lower()
        with self._lock:
            slot = self._hosts.get(host)
            if slot is None:
                slot = self._hosts[host] = threading.BoundedSemaphore(self.options.per_host)
        return slot

    def _check_one(self, url: str) -> Result:
        options = self.options
        attempts = options.retries + 1
        attempt = _Attempt()
        for number in range(attempts):
            with self._host_slot(url):
                attempt = self._fetch(url)
            if not attempt.retry or number == attempts - 1:
                break
            if attempt.retry_after is not None:
                if attempt.retry_after > options.max_wait:
                    attempt.detail += f" (asks to wait {attempt.retry_after:.0f} s)"
                    break
                self.sleep(attempt.retry_after)
            else:
                self.sleep(options.backoff * 2**number)
        if attempt.code is not None and 200 <= attempt.code < 300:
            if attempt.chain and attempt.chain[0][0] in _PERMANENT:
                return Result(url, MOVED, code=attempt.chain[0][0], location=attempt.final)
            return Result(url, OK, code=attempt.code)
        detail = attempt.detail
        if attempt.retry and attempts > 1:
            detail += f" ({attempts} attempts)"
        return Result(url, BROKEN, detail=detail, code=attempt.code)

    def _fetch(self, url: str) -> _Attempt:
        attempt = _Attempt()
        redirects = _Redirects(attempt.chain)
        opener = urllib.request.build_opener(
            redirects, urllib.request.HTTPSHandler(context=self._tls)
        )
        request = urllib.request.Request(
            ascii_address(url),
            headers={
                "User-Agent": self.options.user_agent,
                "Accept": "text/html,application/xhtml+xml,*/*;q=0.8",
            },
            method="GET",
        )
        try:
            # Only the status line and headers are needed; the body is never read.
            with opener.open(request, timeout=self.options.timeout) as response:
                attempt.code = response.status
                attempt.final = response.url
        except urllib.error.HTTPError as error:
            attempt.code = error.code
            attempt.detail = f"{error.code} {responses.get(error.code, error.reason)}"
            attempt.retry = error.code in _RETRY_STATUS
            attempt.retry_after = _retry_after(error.headers.get("Retry-After"), self.now())
            error.close()
        except urllib.error.URLError as error:
            attempt.detail, attempt.retry = _network_problem(error.reason)
        except TimeoutError:
            attempt.detail, attempt.retry = "timed out", True
        except (HTTPException, OSError, ValueError) as error:
            attempt.detail, attempt.retry = f"the connection failed ({error})", True
        return attempt


class _Redirects(urllib.request.HTTPRedirectHandler):
    """Follows redirects like the browser, noting each hop so moved links can be reported."""

    def __init__(self, chain: list[tuple[int, str]]) -> None:
        super().__init__()
        self.chain = chain

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[no-untyped-def]
        self.chain.append((code, newurl))
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _network_problem(reason: object) -> tuple[str, bool]:
    """(what went wrong, worth retrying) for a failure below HTTP."""
    if isinstance(reason, ssl.SSLCertVerificationError):
        return f"its TLS certificate is not valid ({reason.verify_message})", False
    if isinstance(reason, ssl.SSLError):
        return f"the TLS connection failed ({reason.reason or reason})", False
    if isinstance(reason, socket.gaierror):
        return "the host name does not resolve", False
    if isinstance(reason, TimeoutError):
        return "timed out", True
    if isinstance(reason, ConnectionRefusedError):
        return "the server refused the connection", True
    return f"the connection failed ({reason})", True


def _retry_after(value: str | None, now: float) -> float | None:
    """Seconds to wait from a `Retry-After` header (seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return max(0.0, when.timestamp() - now)


# -- cache -----------------------------------------------------------------------------


def load_cache(path: Path | None, max_age: float, now: float) -> dict[str, Result]:
    """Results younger than `max_age` seconds; an unreadable cache is simply ignored."""
    if path is None or max_age <= 0 or not path.is_file():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("version") != CACHE_VERSION:
        return {}
    results = {}
    for url, entry in (data.get("links") or {}).items():
        try:
            checked = float(entry["checked"])
            status = entry["status"]
        except (KeyError, TypeError, ValueError):
            continue
        if status in (OK, MOVED) and now - checked <= max_age:
            results[url] = Result(
                url,
                status,
                code=entry.get("code"),
                location=entry.get("location", ""),
                cached=True,
            )
    return results


def save_cache(
    path: Path | None, previous: dict[str, Result], results: Iterable[Result], now: float
) -> None:
    """Remember what worked; failures and excluded addresses are not remembered."""
    if path is None:
        return
    links: dict[str, dict[str, object]] = {}
    if path.is_file():
        with contextlib.suppress(OSError, ValueError):
            data = json.loads(path.read_text(encoding="utf-8"))
            if isinstance(data, dict) and data.get("version") == CACHE_VERSION:
                links = {k: v for k, v in (data.get("links") or {}).items() if k in previous}
    for result in results:
        if result.cached or result.status not in (OK, MOVED):
            if result.status == BROKEN:
                links.pop(result.url, None)
            continue
        entry: dict[str, object] = {"status": result.status, "checked": now, "code": result.code}
        if result.location:
            entry["location"] = result.location
        links[result.url] = entry
    text = json.dumps({"version": CACHE_VERSION, "links": dict(sorted(links.items()))}, indent=1)
    write_file(path, (text + "\n").encode("utf-8"))
