"""Translation coverage in the build: notices, findings and levels, thresholds, the page."""

from __future__ import annotations

import re

import pytest
from sitekit import LANGUAGES, page

from kb_builder.i18n.fingerprint import fingerprint


def source_hash(title: str, body: str = "Text.") -> str:
    return fingerprint(title, f"About {title}.", f"{body}\n")


OLD = source_hash("Refunds", "## Ask\n\nAsk.")
NOW = "## Ask\n\nAsk first."

SITE = {
    "en/index.md": page("Home"),
    "en/refunds.md": page("Refunds", NOW),
    "en/prices.md": page("Prices"),
    "el/index.md": page("Αρχική", source_hash=source_hash("Home")),
    "el/refunds.md": page("Επιστροφές", "## Ερώτηση\n\nΡωτήστε.", source_hash=OLD),
    "el/prices.md": page("Τιμές"),
    "el/old.md": page("Παλιό άρθρο", source_hash=source_hash("Old")),
    "pl/refunds.md": page("Zwroty", source_hash=OLD),
    "hu/refunds.md": page("Visszatérítés", source_hash=OLD),
    "hu/prices.md": page("Árak", source_hash=source_hash("Prices")),
}


def notice(html: str, name: str) -> str | None:
    """The notice of that name, whitespace collapsed, or None."""
    match = re.search(
        rf'<aside class="admonition [a-z]+ kb-notice kb-notice--{name}".*?</aside>', html, re.S
    )
    return " ".join(match.group(0).split()) if match else None


STALE_NOTICES = {
    "el": (
        "Το πρωτότυπο έχει ενημερωθεί",
        "Το πρωτότυπο κείμενο (English) άλλαξε μετά τη μετάφραση αυτής της σελίδας, οπότε "
        "ορισμένα σημεία της μπορεί να μην είναι πλέον επίκαιρα.",
        "Διαβάστε το πρωτότυπο",
    ),
    "pl": (
        "Oryginał został zaktualizowany",
        "Oryginał (English) został zmieniony po przetłumaczeniu tej strony, więc niektóre "
        "informacje mogą być nieaktualne.",
        "Przeczytaj oryginał",
    ),
    "hu": (
        "Az eredeti változat frissült",
        "Az eredeti változatot (English) az oldal lefordítása után módosították, ezért egyes "
        "részei elavultak lehetnek.",
        "Olvassa el az eredetit",
    ),
}


@pytest.mark.parametrize("lang", ["el", "pl", "hu"])
def test_stale_translation_shows_a_notice_in_the_reader_language(build_site, lang: str) -> None:
    # The agents' full warning; customers see a neutral line (tests/test_helpcentre.py).
    built = build_site(SITE, plugin={"stale_notice": "full"})
    assert built.ok, built.logs
    title, text, link = STALE_NOTICES[lang]
    assert notice(built.html(f"{lang}/refunds/"), "stale") == (
        '<aside class="admonition warning kb-notice kb-notice--stale" role="note" '
        f'data-pagefind-ignore> <p class="admonition-title">{title}</p> <p> {text} '
        f'<a href="../../en/refunds/" hreflang="en" class="kb-notice__link">{link}</a> </p> '
        "</aside>"
    )


def test_english_stale_notice_for_a_non_english_source(build_site) -> None:
    languages = {"el": {"name": "Ελληνικά"}, "en": {"name": "English"}}
    built = build_site(
        {
            "el/a.md": page("Α", "Νέο κείμενο."),
            "en/a.md": page("A", source_hash=source_hash("Α", "Παλιό κείμενο.")),
        },
        plugin={"default_language": "el", "languages": languages, "stale_notice": "full"},
    )
    assert notice(built.html("en/a/"), "stale") == (
        '<aside class="admonition warning kb-notice kb-notice--stale" role="note" '
        'data-pagefind-ignore> <p class="admonition-title">The original has been updated</p> '
        "<p> The original (Ελληνικά) was changed after this page was translated, so parts of "
        'it may be out of date. <a href="../../el/a/" hreflang="el" class="kb-notice__link">'
        "Read the original</a> </p> </aside>"
    )


def test_only_stale_translations_get_the_stale_notice(build_site) -> None:
    built = build_site(SITE, plugin={"stale_notice": "full"})
    assert notice(built.html("el/"), "stale") is None  # current
    assert notice(built.html("el/prices/"), "stale") is None  # untracked
    assert notice(built.html("hu/prices/"), "stale") is None  # current
    assert notice(built.html("en/refunds/"), "stale") is None  # the source itself
    # Missing: the fallback notice, not the stale one.
    missing = built.html("pl/prices/")
    assert notice(missing, "stale") is None
    assert notice(missing, "fallback") is not None
    # The stale page still shows its own (translated) text.
    assert "Ρωτήστε." in built.html("el/refunds/")


def test_orphans_are_never_published_and_warned_about(build_site) -> None:
    built = build_site(SITE)
    assert not (built.site / "el" / "old").exists()
    assert not (built.site / "en" / "old").exists()
    assert built.kb_logs("WARNING") == [
        "content/el/old.md: the translation has no source (content/en/old.md does not exist), "
        "so it is not published. Delete it, or move it to the path of the source it translates."
    ]


def test_stale_and_untracked_are_info_by_default(build_site) -> None:
    built = build_site(SITE)
    infos = built.kb_logs("INFO")
    assert (
        "content/el/refunds.md:5: the source content/en/refunds.md changed after this "
        "translation was made. Update the translation, then run "
        "'kb ack content/el/refunds.md'." in infos
    )
    assert (
        "content/el/prices.md: the translation has no 'source_hash', so nobody can tell "
        "whether it is up to date. Check it against content/en/prices.md, then run "
        "'kb ack content/el/prices.md'." in infos
    )


def test_levels_are_configurable_and_warn_fails_strict(build_site) -> None:
    quiet = {
        "stale_translation": "ignore",
        "untracked_translation": "ignore",
        "orphan_translation": "ignore",
        "missing_translation": "ignore",
    }
    built = build_site(SITE, plugin={"validation": quiet}, strict=True)
    assert built.ok, built.logs
    assert built.kb_logs() == []

    loud = {**quiet, "stale_translation": "warn"}
    built = build_site({}, plugin={"validation": loud}, strict=True)
    assert not built.ok
    assert [line.split(":")[0] for line in built.kb_logs("WARNING")] == [
        "content/el/refunds.md",
        "content/hu/refunds.md",
        "content/pl/refunds.md",
    ]


def test_min_coverage_fails_a_strict_build(build_site) -> None:
    quiet = {"orphan_translation": "ignore"}
    minimums = {"el": 33, "hu": 60}
    built = build_site(SITE, plugin={"validation": quiet, "min_coverage": minimums}, strict=True)
    assert not built.ok
    assert built.kb_logs("WARNING") == [
        "translation coverage of 'hu' is 33.3% (1 of 3 articles current), below its "
        "min_coverage of 60%. Run 'kb status --lang hu' to see what to translate or update"
    ]
    relaxed = build_site({}, plugin={"validation": quiet, "min_coverage": minimums})
    assert relaxed.ok  # without --strict it is a warning only
    met = build_site({}, plugin={"validation": quiet, "min_coverage": {"el": 33, "hu": 33}},
                     strict=True)  # fmt: skip
    assert met.ok, met.logs


@pytest.mark.parametrize(
    ("minimums", "message"),
    [
        (
            {"de": 50},
            "kb plugin: min_coverage: 'de' is not one of the configured languages (en, el, pl, hu)",
        ),
        (
            {"el": 50, "xx": 50},
            "kb plugin: min_coverage: 'xx' is not one of the configured languages (en, el, pl, hu)",
        ),
    ],
)
def test_min_coverage_configuration_errors(build_site, minimums, message) -> None:
    built = build_site({"en/a.md": page("A")}, plugin={"min_coverage": minimums})
    assert built.error == message


@pytest.mark.parametrize("value", [120, -1, "lots", True])
def test_min_coverage_must_be_a_percentage(build_site, value) -> None:
    built = build_site({"en/a.md": page("A")}, plugin={"min_coverage": {"el": value}})
    assert built.error == "Aborted with a configuration error!"
    assert (
        "ERROR - Config value 'plugins': Plugin 'kb' option 'min_coverage': Expected a "
        f"percentage from 0 to 100, got {value!r}" in built.logs
    )


# -- the editors' coverage page ---------------------------------------------------------------


def test_coverage_page_is_only_in_the_internal_build(build_site) -> None:
    public = build_site(SITE)
    assert not (public.site / "coverage").exists()
    internal = build_site({}, plugin={"audience": "internal"})
    assert (internal.site / "coverage" / "index.html").is_file()


def test_coverage_page_lists_every_language_section_and_article(build_site) -> None:
    files = {
        **SITE,
        "en/money/index.md": page("Money & <Costs>"),
        "en/money/fees.md": page('Fees <script>alert("x")</script>'),
        "el/money/fees.md": page("Χρεώσεις <b>"),
    }
    kb = {"default_language": "en", "languages": LANGUAGES, "audience": "internal"}
    built = build_site(files, {"plugins": ["search", {"kb": kb}]})
    assert built.ok, built.logs
    html = built.html("coverage/")
    text = " ".join(html.split())
    assert "<title>Translation coverage - Test help</title>" in html
    assert "<h1>Translation coverage</h1>" in html
    # The language table.
    assert (
        '<td><a href="#el"><span lang="el">Ελληνικά</span></a> (el)</td> <td>5</td> '
        "<td>1</td> <td>1</td> <td>2</td> <td>1</td> <td>1</td> <td>20.0%</td> <td>–</td>" in text
    )
    # Sections: the root, and one titled from its source index.md (escaped).
    assert "Money &amp; &lt;Costs&gt; · 0.0% ·" in text
    assert "Top level · 33.3% ·" in text
    # Rows link the page in its language and the source; titles are escaped.
    assert (
        '<a href="../el/money/fees/" lang="el">Χρεώσεις &lt;b&gt;</a> '
        "<br><code>content/el/money/fees.md</code>" in text
    )
    assert '<a href="../en/money/fees/" hreflang="en">content/en/money/fees.md</a>' in text
    assert "<script>alert" not in html
    # Stale without git history: said plainly.
    assert "Which sections changed is unknown." in text
    # Missing: the command to start it; orphan: not linked, explained.
    assert "<code>kb new --lang pl content/en/prices.md</code>" in text
    assert '<span lang="el">Παλιό άρθρο</span> <br><code>content/el/old.md</code>' in text
    assert "Not published: its original content/en/old.md does not exist." in text
    # Kept out of site search; the desk's menus end with a link to it (README, "The agent
    # desk on a call").
    index = (built.site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert '"location":"en/"' in index.replace(" ", "")
    assert "coverage/" not in index
    assert "Translation coverage" not in index
    assert 'href="../coverage/" class="md-nav__link"' in built.html("en/")


def test_coverage_page_sections_that_need_work_are_open(build_site) -> None:
    files = {
        "en/done/index.md": page("Done"),
        "el/done/index.md": page("Έτοιμο", source_hash=source_hash("Done")),
        "en/todo/index.md": page("Todo"),
    }
    built = build_site(
        files, plugin={"audience": "internal", "languages": {"en": {"name": "English"},
                                                           "el": {"name": "Ελληνικά"}}}
    )  # fmt: skip
    text = " ".join(built.html("coverage/").split())
    assert '<details class="kb-coverage__section"> <summary>Done · 100.0% ·' in text
    assert '<details class="kb-coverage__section" open> <summary>Todo · 0.0% ·' in text
