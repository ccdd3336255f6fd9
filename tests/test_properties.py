"""Property-based tests (Hypothesis): generated front matter, file names, folder shapes and
Markdown with hostile HTML (issue 16).

Whatever is generated: no traceback, either a clean result or findings that name a file,
and an internal canary never in public output. Pure functions get many examples; whole
MkDocs builds are slow, so they get few. The counts are fixed (and the examples derived
from the test, not from chance) so CI runs the same cases in the same time every run.
"""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from leakscan import find
from sitekit import LANGUAGES, BuiltSite, page, run_build

from kb_builder.checks.html import scan
from kb_builder.checks.urls import UNSAFE, browser_form, classify
from kb_builder.content.addresses import Entry, collisions
from kb_builder.content.discovery import scan as scan_folder
from kb_builder.content.frontmatter import parse_document
from kb_builder.content.source import decode_source
from kb_builder.findings import Finding

PURE = settings(max_examples=250, deadline=None, derandomize=True, database=None)
FOLDERS = settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
BUILDS = settings(
    max_examples=6,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
CASES = {"front matter": 250, "bytes": 250, "addresses": 250, "html": 250, "names": 250}
"""Examples per property (with the folders' 60 and the builds' 6: 1,316 per run)."""

CANARY = "zqxcanary-props-9931"
SHOWN = "content/en/x.md"

# -- front matter and bytes ------------------------------------------------------------------

KEYS = st.sampled_from(
    [
        "title",
        "description",
        "audience",
        "type",
        "tags",
        "reviewed",
        "order",
        "hide",
        "Title",
        "audiance",
        "source_hash",
        "x",
        "",
    ]
)
SCALARS = st.one_of(
    st.sampled_from(
        [
            "public",
            "internal",
            "Internal",
            "PUBLIC",
            "faq",
            "faqs",
            "article",
            "2026-01-31",
            "yes",
            "no",
            "~",
            "[a, b]",
            "{a: 1}",
            "&a x",
            "*a",
            "'q",
            '"',
            "- x",
            ": y",
            "|",
            ">",
            "!!python/object:os.system",
            "é",
            "\t",
        ]
    ),
    st.text(max_size=12),
    st.integers(),
)


@st.composite
def front_matter_texts(draw: st.DrawFn) -> str:
    lines = [f"{draw(KEYS)}: {draw(SCALARS)}" for _ in range(draw(st.integers(0, 6)))]
    opening = draw(st.sampled_from(["---", "--- ", "", "---\r"]))
    closing = draw(st.sampled_from(["---", "...", "", "----"]))
    body = draw(st.text(max_size=40))
    return "\n".join([opening, *lines, closing, body])


def _names_the_file(findings: list[Finding]) -> bool:
    return all(isinstance(f, Finding) and f.path == SHOWN and f.message for f in findings)


@PURE
@given(front_matter_texts())
def test_front_matter_never_raises(text: str) -> None:
    result = parse_document(text, SHOWN)
    if isinstance(result, list):
        assert result and _names_the_file(result)
    else:
        assert result.front.title and result.front.description
        assert result.front.audience in (None, "public", "internal")


@PURE
@given(st.binary(max_size=200))
def test_any_bytes_decode_or_name_the_file(data: bytes) -> None:
    result = decode_source(data, SHOWN)
    if isinstance(result, Finding):
        assert result.path == SHOWN and result.line and result.line >= 1
    else:
        assert "\0" not in result.text and "\r" not in result.text


# -- addresses and hostile HTML --------------------------------------------------------------

SCRIPT = st.builds(
    lambda case, gap, lead: (
        lead
        + "".join(c.upper() if flip else c for c, flip in zip("javascript", case, strict=False))[:4]
        + gap
        + "".join(c.upper() if flip else c for c, flip in zip("javascript", case, strict=False))[4:]
        + ":alert(1)"
    ),
    st.lists(st.booleans(), min_size=10, max_size=10),
    st.sampled_from(["", "\t", "\n", "\r\n"]),
    st.sampled_from(["", " ", "\x01", "\t "]),
)


@PURE
@given(st.one_of(SCRIPT, st.text(max_size=40)))
def test_script_addresses_are_always_unsafe(url: str) -> None:
    address = classify(url)
    if browser_form(url).lower().startswith(("javascript:", "vbscript:")):
        assert address.kind == UNSAFE and address.problem and address.hint


ATTRIBUTES = [
    ("a", "href"),
    ("form", "action"),
    ("button", "formaction"),
    ("input", "formaction"),
    ("iframe", "src"),
    ("object", "data"),
    ("embed", "src"),
    ("base", "href"),
    ("a", "xlink:href"),
]


def _encode(url: str, style: int) -> str:
    if style == 1:
        return "".join(f"&#{ord(c)};" for c in url[:3]) + url[3:]
    if style == 2:
        return url.replace(":", "&colon;")
    return url


@PURE
@given(
    st.sampled_from(ATTRIBUTES),
    SCRIPT,
    st.integers(0, 2),
    st.sampled_from(['"', "'"]),
    st.text(alphabet="\"'=/ ab-&;>", max_size=20),
)
def test_hostile_html_is_always_found(
    place: tuple[str, str], url: str, style: int, quote: str, noise: str
) -> None:
    tag, attr = place
    value = _encode(url, style).replace(quote, "")
    html = f"<p>{noise}</p><{tag} class=x {attr}={quote}{value}{quote}>text</{tag}>"
    kinds = [classify(link.url, tag=link.tag).kind for link in scan(html).links]
    assert UNSAFE in kinds


NAME_PARTS = st.sampled_from(
    [
        "Complaints",
        "complaints",
        "café",
        "cafe\u0301",
        "Καλώς",
        "καλώς",
        "index",
        "README",
        "a b",
        "ß",
        "SS",
    ]
)


@PURE
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["en", "el"]),
            st.lists(NAME_PARTS, min_size=1, max_size=3),
            st.sampled_from([".md", ".png", "/index.md"]),
        ),
        max_size=8,
    )
)
def test_collisions_never_raise_and_name_files(
    files: list[tuple[str, list[str], str]],
) -> None:
    entries = []
    for lang, parts, suffix in files:
        uri = f"{lang}/{'/'.join(parts)}{suffix}"
        stem = uri.removesuffix(".md")
        dest = (
            uri
            if not uri.endswith(".md")
            else (
                stem.removesuffix("/index") + "/index.html"
                if stem.endswith(("/index", "/README"))
                else stem + "/index.html"
            )
        )
        entries.append(Entry(uri, dest, f"content/{uri}"))
    shown = {entry.shown for entry in entries}
    for finding in collisions(entries, ["en", "el"]):
        assert finding.path in shown
        assert any(other in finding.message for other in shown if other != finding.path)


# -- folder shapes ---------------------------------------------------------------------------

SHAPE = st.lists(
    st.tuples(
        st.sampled_from(["a", "b", "a/c", "b/d", "é", unicodedata.normalize("NFD", "é")]),
        st.sampled_from(["x.md", "y.png", "Z.md"]),
        st.sampled_from(["file", "inside", "outside", "dangling", "loop", "up", "fifo"]),
    ),
    max_size=8,
)


@FOLDERS
@given(SHAPE)
def test_folder_walk_never_follows_out_or_hangs(tmp_path_factory, shape) -> None:
    base = tmp_path_factory.mktemp("shape")
    root = base / "content"
    root.mkdir()
    secret = base / "secret.txt"
    secret.write_text(CANARY, encoding="utf-8")
    (root / "real.md").write_text("x", encoding="utf-8")
    for folder, name, kind in shape:
        where = root / folder
        where.mkdir(parents=True, exist_ok=True)
        target = where / name
        if os.path.lexists(target):
            continue
        if kind == "file":
            target.write_text("x", encoding="utf-8")
        elif kind == "inside":
            target.symlink_to(root / "real.md")
        elif kind == "outside":
            target.symlink_to(secret)
        elif kind == "dangling":
            target.symlink_to(base / "missing")
        elif kind == "loop":
            target.symlink_to(where)
        elif kind == "up":
            target.symlink_to(root)
        else:
            os.mkfifo(target)
    found = scan_folder(str(root), "content")
    real_root = os.path.realpath(root)
    for uri in found.files:
        real = os.path.realpath(root / uri)
        assert real.startswith(real_root + os.sep)
        assert Path(real).is_file()
    assert all(error.path.startswith("content/") and error.message for error in found.errors)


# -- whole builds ----------------------------------------------------------------------------

HOSTILE = st.sampled_from(
    [
        '<form action="javascript:alert(1)"></form>',
        '<svg><a xlink:href="javascript:alert(2)"><text>x</text></a></svg>',
        '<meta http-equiv="refresh" content="0;url=javascript:alert(3)">',
        "[x](java\tscript:alert(4))",
        "<iframe srcdoc=\"&lt;a href='javascript:5'&gt;x&lt;/a&gt;\"></iframe>",
        "<script>document.write('hi')</script>",
        "Plain text with <b>bold</b> and a [link](other.md).",
        "\u202e reversed \u200b zero-width",
    ]
)


def _build(root: Path, files: dict[str, str | bytes]) -> BuiltSite:
    for rel, text in files.items():
        target = root / "content" / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8") if isinstance(text, str) else None
    settings_ = {
        "site_name": "Generated",
        "site_url": "https://help.example.com/",
        "docs_dir": "content",
        "theme": {"name": "material"},
        "plugins": [{"kb": {"languages": LANGUAGES, "search": {"enabled": False}}}],
    }
    config = root / "mkdocs.yml"
    config.write_text(yaml.safe_dump(settings_, allow_unicode=True), encoding="utf-8")
    return run_build(root, config)


@st.composite
def sites(draw: st.DrawFn) -> dict[str, str | bytes]:
    files: dict[str, str | bytes] = {"en/index.md": page("Home")}
    for number in range(draw(st.integers(1, 3))):
        name = draw(NAME_PARTS)
        lang = draw(st.sampled_from(["en", "el"]))
        audience = draw(st.sampled_from(["public", "internal", None, "Internal", "everyone"]))
        body = "\n\n".join(draw(st.lists(HOSTILE, max_size=2)))
        if audience != "public":
            body += f"\n\n{CANARY}"
        text = page(f"Page {number}", body, audience=audience)
        if audience is None:  # no audience line at all: treated as internal
            text = text.replace("audience: null\n", "")
        files[f"{lang}/{name}-{number}.md"] = text
    return files


@BUILDS
@given(sites())
def test_generated_sites_build_cleanly_or_name_files(tmp_path_factory, files) -> None:
    built = _build(tmp_path_factory.mktemp("site"), files)
    errors = built.kb_logs("ERROR")
    if not built.ok:
        assert errors, built.logs
        assert all(line.startswith("content/") for line in errors), errors
    assert not any("Traceback" in line for line in built.logs)
    if built.site.exists():
        assert find(built.site, [CANARY]) == []
