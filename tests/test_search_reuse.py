"""A preview indexes a changed language over its last Pagefind bundle (search/index.py):
the result must be the bundle a fresh index of the same pages makes, nothing left over."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from kb_builder.search import index
from kb_builder.search.index import SearchCopies, bundle_dir, prune_bundle

PAGE = """<html lang="en"><body><main data-pagefind-body>
<h1>{title}</h1><p>{text}</p></main></body></html>"""


def _pages(count: int, changed: dict[int, str] | None = None) -> dict[str, str]:
    changed = changed or {}
    return {
        f"en/topic-{n}/index.html": PAGE.format(
            title=f"Topic {n}", text=changed.get(n, f"Words about refunds and bills {n}.")
        )
        for n in range(count)
    }


def _index(site: Path, pages: dict[str, str], copies: SearchCopies) -> index.IndexReport:
    indexer = index.Indexer(site, copies=True, kept_copies=copies)
    copies.keep_only(set(pages))
    for dest, html in pages.items():
        indexer.add_page(dest, html)
    return indexer.finish({"en": len(pages)})


def _records(site: Path) -> list[str]:
    records = []
    for path in (site / bundle_dir("en") / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(path.read_bytes())
        records.append(json.dumps(json.loads(data[len(index.DECODED_MARK) :]), sort_keys=True))
    return sorted(records)


def _files(site: Path) -> list[str]:
    bundle = site / bundle_dir("en")
    return sorted(str(p.relative_to(bundle)) for p in bundle.rglob("*") if p.is_file())


def _stamps(site: Path) -> dict[str, tuple[int, int]]:
    bundle = site / bundle_dir("en")
    return {
        str(p.relative_to(bundle)): (p.stat().st_ino, p.stat().st_mtime_ns)
        for p in bundle.rglob("*")
        if p.is_file()
    }


def test_indexing_over_the_last_bundle_leaves_what_a_fresh_index_makes(tmp_path: Path) -> None:
    copies = SearchCopies()
    preview, fresh = tmp_path / "preview", tmp_path / "fresh"
    _index(preview, _pages(12), copies)
    before = set(_files(preview))
    stamps = _stamps(preview)
    edited = _pages(11, {3: "Completely different sentence about roaming charges."})
    _index(preview, edited, copies)  # one page changed, one gone
    # Pagefind did not write again what it had written (the point of indexing over it).
    unchanged = set(stamps.items()) & set(_stamps(preview).items())
    assert len([name for name, _ in unchanged if name.startswith("fragment/")]) == 10
    _index(fresh, edited, SearchCopies())
    assert _records(preview) == _records(fresh)
    assert len(_records(preview)) == 11
    assert _files(preview) == _files(fresh)
    assert set(_files(preview)) != before  # the old entries of the changed pages are gone


def test_an_unreadable_bundle_is_indexed_again_from_nothing(tmp_path: Path) -> None:
    copies = SearchCopies()
    site = tmp_path / "site"
    _index(site, _pages(5), copies)
    bundle = site / bundle_dir("en")
    (meta,) = bundle.glob("pagefind.*.pf_meta")
    # Pagefind does not write a file that is already there: a damaged index file with the
    # right name would stay. It cannot be read, so the language is indexed afresh.
    meta.write_bytes(b"damaged")
    (bundle / "fragment" / "en_0000000.pf_fragment").write_bytes(b"left over")
    assert not prune_bundle(bundle, 5)
    _index(site, _pages(5), copies)
    assert meta.read_bytes() != b"damaged"
    assert prune_bundle(bundle, 5)
    assert len(_records(site)) == 5


def test_prune_refuses_a_bundle_that_does_not_hold_the_pages(tmp_path: Path) -> None:
    site = tmp_path / "site"
    _index(site, _pages(4), SearchCopies())
    bundle = site / bundle_dir("en")
    assert prune_bundle(bundle, 4)
    assert not prune_bundle(bundle, 5)
    next((bundle / "fragment").glob("*")).unlink()
    assert not prune_bundle(bundle, 4)


def test_a_build_that_fails_leaves_no_bundle_to_index_over(tmp_path: Path) -> None:
    copies = SearchCopies()
    site = tmp_path / "site"
    _index(site, _pages(3), copies)
    indexer = index.Indexer(site, copies=True, kept_copies=copies)
    indexer.start("en")
    indexer.stop()
    assert not (site / bundle_dir("en")).exists()
