"""The word lists behind typo and accent correction (kb_builder/search/words.py)."""

from __future__ import annotations

import json
from pathlib import Path

from kb_builder.search.words import (
    Vocabulary,
    chunk_name,
    fold,
    pages_found,
    stemmer_for,
    text_for_words,
    words_of,
    write_chunks,
)


def test_fold_strips_accents_and_keeps_length() -> None:
    assert fold("Παράπονα") == "παραπονα"
    assert fold("zniżka") == "znizka"
    assert fold("Panaszkezelés") == "panaszkezeles"
    assert fold("őrült") == "orult"
    # Letters Unicode does not decompose.
    assert fold("złożyć") == "zlozyc"
    assert fold("ΟΔΟΣ") == "οδοσ"  # final sigma folds to σ, as typed mid-word
    for word in ("złożyć", "συγγνώμη", "ügyfélhűség", "Straße"):
        assert len(fold(word)) == len(word)


def test_fold_of_decomposed_input_matches_composed() -> None:
    assert fold("pana\u0301") == fold("paná") == "pana"


def test_text_for_words_drops_markup_scripts_and_entities() -> None:
    html = (
        '<h2 id="a">Zniżka &amp; rabat</h2><script>var x = "ukryte";</script><p>Tak&nbsp;jest</p>'
    )
    assert text_for_words(html).split() == ["Zniżka", "&", "rabat", "Tak", "jest"]


def test_words_are_letters_only_lowercase_nfc() -> None:
    assert words_of("Reklamację 24h, e-mail: Złożyć!") == {"reklamację", "h", "e", "mail", "złożyć"}
    assert words_of("Pana\u0301sz") == {"panász"}


def test_lists_group_by_two_folded_letters_most_widespread_first() -> None:
    vocabulary = Vocabulary()
    vocabulary.add_page("pl", ["Złożyć reklamację", "zlot"])
    vocabulary.add_page("pl", ["złożyć"])
    chunks = vocabulary.chunks("pl")
    assert chunks["zl"] == {"words": ["złożyć", "zlot"], "common": 0}
    assert chunks["re"] == {"words": ["reklamację"], "common": 0}


def test_common_words_are_counted_only_on_sites_big_enough_to_tell() -> None:
    small = Vocabulary()
    for _ in range(5):
        small.add_page("el", ["και το παράπονο"])
    assert small.chunks("el")["κα"]["common"] == 0

    big = Vocabulary()
    for number in range(20):
        big.add_page("el", [f"και το θέμα{'α' * number}", "παράπονο" if number < 3 else ""])
    chunks = big.chunks("el")
    assert chunks["κα"] == {"words": ["και"], "common": 1, "frequent": [0]}
    assert chunks["πα"] == {"words": ["παράπονο"], "common": 0}


def test_frequent_words_are_those_whose_search_finds_half_the_pages_or_more() -> None:
    big = Vocabulary()
    for number in range(20):
        words = ["rabat"] if number < 6 else ["rabaty"] if number < 11 else ["skarga"]
        big.add_page("pl", [" ".join(["i", *words, "zniżka" if number < 10 else ""])])
    chunks = big.chunks("pl")
    # Polish is indexed unstemmed: a search for `rabat` finds `rabaty` too (11 of 20
    # pages), one for `rabaty` its own 5; `zniżka`, on 10 of 20 pages, is frequent itself.
    assert chunks["ra"] == {"words": ["rabat", "rabaty"], "common": 0, "frequent": [0]}
    assert chunks["zn"] == {"words": ["zniżka"], "common": 0, "frequent": [0]}
    assert chunks["sk"] == {"words": ["skarga"], "common": 0}


def test_a_word_on_few_pages_is_frequent_when_its_stem_is_on_half_of_them() -> None:
    big = Vocabulary()
    for number in range(20):
        words = ["πελάτης"] if number < 6 else ["πελάτες"] if number < 12 else ["θέμα"]
        big.add_page("el", [" ".join(["και", *words, "παράπονο" if number < 3 else ""])])
    chunks = big.chunks("el")
    # 6 pages each, 12 with the stem πελατ that Pagefind indexes both under.
    assert chunks["πε"] == {"words": ["πελάτες", "πελάτης"], "common": 0, "frequent": [0, 1]}
    assert chunks["κα"] == {"words": ["και"], "common": 1, "frequent": [0]}
    assert chunks["πα"] == {"words": ["παράπονο"], "common": 0}

    small = Vocabulary()
    for _ in range(5):
        small.add_page("el", ["και πελάτης"])
    assert "frequent" not in small.chunks("el")["πε"]


def test_words_are_stemmed_as_pagefind_indexes_their_language() -> None:
    assert stemmer_for("hu")("ügyfelek") == stemmer_for("hu")("ügyfelet")
    assert stemmer_for("en-GB")("customers") == stemmer_for("en")("customer")
    # No stemmer for Polish in Pagefind: the word as it is.
    assert stemmer_for("pl")("reklamacje") == "reklamacje"


def test_a_search_finds_the_pages_of_every_word_its_stem_begins() -> None:
    stems = {"customers": "custom", "customer": "custom", "customise": "customis", "cup": "cup"}
    found = pages_found(
        {"customers": 0b0011, "customer": 0b0100, "customise": 0b1000, "cup": 0b0001},
        stems.__getitem__,
    )
    # custom* covers customis; customis does not cover custom.
    assert found == {"customers": 4, "customer": 4, "customise": 1, "cup": 1}


def test_chunk_files_have_ascii_names(tmp_path: Path) -> None:
    assert chunk_name("zl") == "7a-6c.json"
    assert chunk_name("πα") == "3c0-3b1.json"
    written = write_chunks(tmp_path, {"πα": {"words": ["παράπονα"], "common": 0}})
    assert written == 1
    data = json.loads((tmp_path / "3c0-3b1.json").read_text(encoding="utf-8"))
    assert data == {"words": ["παράπονα"], "common": 0}
