"""The translator's commands: kb new, kb ack, kb status; files changed byte for byte."""

from __future__ import annotations

import json
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
import yaml
from sitekit import LANGUAGES, page

from kb_builder.cli import main
from kb_builder.content.frontmatter import parse_document
from kb_builder.i18n.fingerprint import fingerprint
from kb_builder.i18n.translate import set_source_hash

HASH = "sha256:" + "ab" * 32


def source_hash(title: str, body: str = "Text.") -> str:
    return fingerprint(title, f"About {title}.", f"{body}\n")


def write_project(root: Path, files: dict[str, str | bytes], **kb: object) -> Path:
    for rel, content in files.items():
        target = root / "content" / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")
    config = {
        "site_name": "T",
        "docs_dir": "content",
        "theme": {"name": "material"},
        "plugins": [{"kb": {"languages": LANGUAGES, **kb}}],
    }
    path = root / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project folder, also the working directory (paths as an editor types them)."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


# -- set_source_hash: one line changes, every other byte stays ------------------------------


def test_inserts_before_the_closing_fence_keeping_bom_crlf_and_comments() -> None:
    original = (
        '\ufeff---\r\ntitle: "Ζητήματα"   \r\n# translator: Eleni\r\n'
        "description: Περιγραφή\r\n---\r\nΚείμενο.  \r\n\r\n"
    ).encode()
    updated = set_source_hash(original, HASH, "content/el/a.md")
    assert (
        updated
        == (
            '\ufeff---\r\ntitle: "Ζητήματα"   \r\n# translator: Eleni\r\n'
            f"description: Περιγραφή\r\nsource_hash: {HASH}\r\n---\r\nΚείμενο.  \r\n\r\n"
        ).encode()
    )


def test_replaces_an_existing_line_and_nothing_else() -> None:
    original = b"---\ntitle: A\nsource_hash: 'deadbeef'  # old\ndescription: B\n---\nBody"
    updated = set_source_hash(original, HASH, "content/el/a.md")
    assert updated == f"---\ntitle: A\nsource_hash: {HASH}\ndescription: B\n---\nBody".encode()


def test_replaces_a_value_continued_on_indented_lines() -> None:
    original = b"---\ntitle: A\nsource_hash:\n  deadbeef00\ndescription: B\n---\n"
    updated = set_source_hash(original, HASH, "content/el/a.md")
    assert updated == f"---\ntitle: A\nsource_hash: {HASH}\ndescription: B\n---\n".encode()


def test_keeps_old_mac_line_endings() -> None:
    original = b"---\rtitle: A\rdescription: B\r---\rBody\r"
    updated = set_source_hash(original, HASH, "content/el/a.md")
    assert updated == f"---\rtitle: A\rdescription: B\rsource_hash: {HASH}\r---\rBody\r".encode()


def test_refuses_front_matter_it_cannot_edit_line_by_line() -> None:
    original = b"---\n{title: A, description: B, source_hash: deadbeef00}\n---\nBody\n"
    refusal = set_source_hash(original, HASH, "content/el/a.md")
    assert str(refusal) == (
        "content/el/a.md:2: the source_hash line cannot be updated without touching anything "
        "else. Write the front matter as one 'key: value' per line and try again."
    )


def test_refuses_broken_front_matter() -> None:
    refusal = set_source_hash(b"---\ntitle: A\n---\n", HASH, "content/el/a.md")
    assert "the required key 'description' is missing" in str(refusal)


# -- kb ack ----------------------------------------------------------------------------------


def test_ack_round_trip_makes_a_stale_translation_current(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    greek = (
        "\ufeff---\r\ntitle: Α\r\ndescription: Περιγραφή.\r\naudience: public\r\n"
        "source_hash: sha256:" + "0" * 64 + "\r\n---\r\nΚείμενο.\r\n"
    ).encode()
    config = write_project(project, {"en/a.md": page("A"), "el/a.md": greek, "pl/a.md": page("Ą")})
    assert main(["status", "--format", "json", "-f", str(config)]) == 0
    before = json.loads(capsys.readouterr().out)
    assert [lang["articles"][0]["status"] for lang in before["languages"]] == [
        "stale",
        "untracked",
        "missing",
    ]

    assert main(["ack", "content/el/a.md", "content/pl/a.md", "-f", str(config)]) == 0
    out = capsys.readouterr().out
    expected = source_hash("A")
    assert out.splitlines() == [
        f"content/el/a.md: acknowledged (stale -> current, {expected[:15]}...)",
        f"content/pl/a.md: acknowledged (untracked -> current, {expected[:15]}...)",
    ]
    assert (project / "content/el/a.md").read_bytes() == greek.replace(
        b"sha256:" + b"0" * 64, expected.encode()
    )
    polish = (project / "content/pl/a.md").read_text(encoding="utf-8")
    assert polish == page("Ą").replace("---\nText.", f"source_hash: {expected}\n---\nText.")

    assert main(["status", "--format", "json", "-f", str(config)]) == 0
    after = json.loads(capsys.readouterr().out)
    assert [lang["articles"][0]["status"] for lang in after["languages"]] == [
        "current",
        "current",
        "missing",
    ]
    # A second ack changes nothing.
    assert main(["ack", "content/el/a.md", "-f", str(config)]) == 0
    assert capsys.readouterr().out == "content/el/a.md: already current\n"


def test_whitespace_only_source_edit_keeps_the_translation_current(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = write_project(
        project,
        {
            "en/a.md": page("A", "One.\n\nTwo."),
            "el/a.md": page("Α", source_hash=source_hash("A", "One.\n\nTwo.")),
        },
    )
    source = project / "content/en/a.md"
    source.write_bytes(source.read_bytes().replace(b"\n", b"\r\n").replace(b"One.", b"One.   "))
    assert main(["status", "--format", "json", "--lang", "el", "-f", str(config)]) == 0
    assert json.loads(capsys.readouterr().out)["languages"][0]["current"] == 1
    source.write_text(page("A", "One.\n\nTwo!"), encoding="utf-8")
    assert main(["status", "--format", "json", "--lang", "el", "-f", str(config)]) == 0
    assert json.loads(capsys.readouterr().out)["languages"][0]["stale"] == 1


def test_ack_dry_run_writes_nothing(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = write_project(project, {"en/a.md": page("A"), "el/a.md": page("Α")})
    before = (project / "content/el/a.md").read_bytes()
    assert main(["ack", "--dry-run", "content/el/a.md", "-f", str(config)]) == 0
    assert capsys.readouterr().out.startswith(
        "content/el/a.md: would acknowledge (untracked -> current, "
    )
    assert (project / "content/el/a.md").read_bytes() == before


def test_ack_refuses_and_writes_nothing(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = write_project(
        project,
        {
            "en/a.md": page("A"),
            "el/a.md": page("Α"),
            # A translation (it records a source hash) whose English original is gone.
            "el/orphan.md": page("Ορφανό", source_hash="sha256:" + "0" * 64),
            "el/broken.md": "---\ntitle: Χ\n---\n",
            "en/bad-source.md": "---\ntitle: [\n---\n",
            "el/bad-source.md": page("Β"),
            "notes.txt": "not an article",
        },
    )
    untouched = (project / "content/el/a.md").read_bytes()
    code = main(
        [
            "ack",
            "content/el/a.md",
            "content/en/a.md",
            "content/el/orphan.md",
            "content/el/broken.md",
            "content/el/bad-source.md",
            "content/el/nope.md",
            "content/notes.txt",
            "mkdocs.yml",
            "-f",
            str(config),
        ]
    )
    assert code == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.splitlines() == [
        "error: content/el/bad-source.md: another file of the article has errors "
        "(content/en/bad-source.md), so its original cannot be told. Fix them first.",
        "error: content/el/broken.md: the file has errors. Fix them first, then run kb again.",
        "error: content/el/broken.md:3: the required key 'description' is missing. Add a "
        "'description:' line to the front matter.",
        "error: content/el/nope.md: no such file. Check the path.",
        "error: content/el/orphan.md: it has no source (content/en/orphan.md does not exist). "
        "Fix or restore the source first, or move the translation to the path of its source.",
        "error: content/en/a.md: this is the article's original (en); only translations "
        "record a source hash. Run kb ack on a translation of it, after checking it.",
        "error: content/en/bad-source.md:2: the front matter is not valid YAML: did not find "
        "expected node content. Check the quoting on that line; put values containing ': ' "
        "or starting with a special character in quotes.",
        "error: content/notes.txt: not a Markdown article. Name a .md file.",
        "error: mkdocs.yml: the file is not in the content folder (content). Name an article "
        "file inside it.",
        "kb: nothing was written.",
    ]
    assert (project / "content/el/a.md").read_bytes() == untouched


# -- kb new ----------------------------------------------------------------------------------


def test_new_starts_a_translation_that_is_current_until_the_source_changes(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = page(
        "Refunds: what to say",
        "## Ask\n\nAsk first.",
        type="faq",
        tags=["money", "refunds"],
        hide=["toc"],
        order=3,
        reviewed="2026-11-20",
    )
    config = write_project(project, {"en/money/refunds.md": source})
    assert main(["new", "--lang", "el", "--lang", "pl", "content/en/money/refunds.md",
                 "-f", str(config)]) == 0  # fmt: skip
    out, err = capsys.readouterr()
    assert out.splitlines() == [
        "content/el/money/refunds.md: created from content/en/money/refunds.md",
        "content/pl/money/refunds.md: created from content/en/money/refunds.md",
    ]
    assert "Translate the title, description and text" in err
    expected = fingerprint(
        "Refunds: what to say", "About Refunds: what to say.", "## Ask\n\nAsk first.\n"
    )
    created = (project / "content/el/money/refunds.md").read_text(encoding="utf-8")
    assert created == (
        "---\n"
        "title: 'Refunds: what to say'\n"
        "description: 'About Refunds: what to say.'\n"
        "type: faq\n"
        "tags: [money, refunds]\n"
        "hide: [toc]\n"
        "translated_from: en\n"
        f"source_hash: {expected}\n"
        "---\n"
        "## Ask\n\nAsk first.\n"
    )
    parsed = parse_document(created, "x")
    assert not isinstance(parsed, list)
    assert parsed.front.audience is None  # follows the source's
    assert main(["status", "--format", "json", "-f", str(config)]) == 0
    report = json.loads(capsys.readouterr().out)
    assert [language["current"] for language in report["languages"]] == [1, 1, 0]


def test_new_refuses_existing_translations_and_non_sources(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = write_project(project, {"en/a.md": page("A"), "el/a.md": page("Α")})
    assert main(["new", "--lang", "el", "content/en/a.md", "content/el/a.md",
                 "-f", str(config)]) == 1  # fmt: skip
    assert capsys.readouterr().err.splitlines() == [
        "error: content/el/a.md: the translation already exists. Edit it, and once it "
        "matches the source run 'kb ack content/el/a.md'.",
        "error: content/el/a.md: this is a translation (el); a translation starts from the "
        "original. Name the original: content/en/a.md.",
        "kb: nothing was written.",
    ]
    assert main(["new", "--lang", "en", "--lang", "de", "content/en/a.md", "-f", str(config)]) == 1
    assert capsys.readouterr().err.splitlines() == [
        "error: --lang: 'de' is not a language of this site. Use one of: en, el, pl, hu.",
        "kb: nothing was written.",
    ]
    assert main(["new", "--lang", "en", "content/en/a.md", "-f", str(config)]) == 1
    assert capsys.readouterr().err.splitlines() == [
        "error: content/en/a.md: the article was written in 'en', so it needs no 'en' "
        "translation. Use another --lang than en.",
        "kb: nothing was written.",
    ]
    assert not (project / "content/pl/a.md").exists()


# -- kb status -------------------------------------------------------------------------------


def test_status_exit_codes_follow_thresholds(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files = {
        "en/a.md": page("A"),
        "en/b.md": page("B"),
        "el/a.md": page("Α", source_hash=source_hash("A")),
        "pl/a.md": page("Ą", source_hash=source_hash("A")),
        "pl/b.md": page("Ḃ", source_hash=source_hash("B")),
    }
    config = write_project(project, files, min_coverage={"el": 50, "pl": 100})
    assert main(["status", "--summary", "-f", str(config)]) == 0
    assert capsys.readouterr().out.splitlines()[3:] == [
        "language     total  current  stale  untracked  missing  orphan  coverage   minimum",
        "el Ελληνικά      2        1      0          0        1       0     50.0%   50% met",
        "pl Polski        2        2      0          0        0       0    100.0%  100% met",
        "hu Magyar        2        0      0          0        2       0      0.0%         -",
    ]
    assert main(["status", "--summary", "--min-coverage", "el=50.5", "-f", str(config)]) == 1
    out, err = capsys.readouterr()
    assert "50.5% NOT MET" in out
    assert err == (
        "kb: translation coverage of 'el' is 50% (1 of 2 articles current), below its "
        "min_coverage of 50.5%. Run 'kb status --lang el' to see what to translate or update.\n"
    )
    # Only the languages asked for are judged.
    assert main(["status", "--lang", "pl", "--min-coverage", "el=100", "-f", str(config)]) == 0
    capsys.readouterr()


def test_status_strict_fails_on_findings_at_level_warn(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = write_project(project, {"en/a.md": page("A"), "el/a.md": page("Α")})
    assert main(["status", "--lang", "el", "--strict", "-f", str(config)]) == 0
    capsys.readouterr()
    # A translation whose original is gone: orphans are warnings by default.
    write_project(project, {"el/old.md": page("Παλιό", source_hash="sha256:" + "0" * 64)})
    assert main(["status", "--lang", "el", "--strict", "-f", str(config)]) == 1
    assert capsys.readouterr().err == "kb: 1 translations at level warn (--strict).\n"
    assert main(["status", "--lang", "el", "-f", str(config)]) == 0
    capsys.readouterr()


def test_status_usage_errors(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = write_project(project, {"en/a.md": page("A")})
    assert main(["status", "--lang", "de", "-f", str(config)]) == 2
    assert capsys.readouterr().err == ("kb: --lang de: not a language of this site\n")
    assert main(["status", "--min-coverage", "de=10", "-f", str(config)]) == 2
    assert capsys.readouterr().err == (
        "kb: min_coverage: 'de' is not one of the configured languages (en, el, pl, hu)\n"
    )
    with pytest.raises(SystemExit) as exit_info:
        main(["status", "--min-coverage", "el=ninety", "-f", str(config)])
    assert exit_info.value.code == 2
    assert "expected LANG=PERCENT such as el=90, got 'el=ninety'" in capsys.readouterr().err


def test_status_refuses_to_measure_broken_content(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = write_project(project, {"en/a.md": page("A"), "el/a.md": "---\ntitle: Α\n---\n"})
    assert main(["status", "-f", str(config)]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.splitlines() == [
        "error: content/el/a.md:3: the required key 'description' is missing. Add a "
        "'description:' line to the front matter.",
        "kb: 1 content errors, so coverage was not measured. Fix them first ('kb validate' "
        "lists them).",
    ]


def test_status_audience(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = write_project(
        project, {"en/a.md": page("A"), "en/desk.md": page("Desk", audience="internal")}
    )
    assert main(["status", "--format", "json", "-f", str(config)]) == 0
    assert json.loads(capsys.readouterr().out)["languages"][0]["total"] == 1
    assert main(["status", "--format", "json", "--audience", "internal", "-f", str(config)]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["audience"] == "internal"
    assert report["languages"][0]["total"] == 2
    assert main(["status", "--summary", "--audience", "internal", "-f", str(config)]) == 0
    assert capsys.readouterr().out.splitlines()[0] == (
        "Translation coverage of all articles (public and internal), against English (en)"
    )


def test_coverage_is_an_alias_and_commands_are_listed() -> None:
    run = subprocess.run(
        [Path(sys.executable).with_name("kb"), "--help"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0
    for command in ("status (coverage)", "ack", "new"):
        assert command in run.stdout


def test_ack_finds_files_whose_names_are_nfd_on_disk(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    nfd = unicodedata.normalize("NFD", "el/καφέ.md")
    config = write_project(project, {"en/καφέ.md": page("Coffee"), nfd: page("Καφές")})
    assert main(["ack", f"content/{nfd}", "-f", str(config)]) == 0
    assert "acknowledged (untracked -> current" in capsys.readouterr().out
    assert f"source_hash: {source_hash('Coffee')}" in (project / "content" / nfd).read_text(
        encoding="utf-8"
    )
