"""Which file of an article is its original: the version every translation follows.

Every article is written first in one language. A file says it is a translation with
`translated_from: el` (or, in files written before that key existed, with a `source_hash`
alone, which means "translated from the default language"). A file may also claim to be
the original with `original: true`.

When several files of one article record no translation, one of them is the original and
the others are translations nobody has tracked yet (`untracked`). The rule, in order:

1. `marked`: the file with `original: true`;
2. `only`: the only file that records no translation;
3. `named`: the file the article's translations say they were translated from;
4. `default_language`: the default language's file;
5. `language_order`: the file of the first language in the `languages:` order.

Contradictions are errors naming the files: two files marked original, a file marked
original that also records a translation, a translation of its own language, of a
language the article has no file in (while it has an original elsewhere), of a file that
is itself a translation (including circles), or of a file that is not the original.

An article whose files are all translations of a file that no longer exists has no
original: its files are orphans (reported by coverage, never published), as when an
original is deleted or renamed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from kb_builder.content.model import Document
from kb_builder.findings import Finding

MARKED = "marked"
ONLY = "only"
NAMED = "named"
DEFAULT_LANGUAGE = "default_language"
LANGUAGE_ORDER = "language_order"
NONE = "none"

RULES = {
    MARKED: "marked 'original: true'",
    ONLY: "the only file not recorded as a translation",
    NAMED: "the language its translations were translated from",
    DEFAULT_LANGUAGE: "the default language's file, as no file is marked 'original: true'",
    LANGUAGE_ORDER: "the first language in the 'languages:' order, as no file is marked "
    "'original: true'",
    NONE: "no original: every file is a translation of a file that does not exist",
}
"""How the original was chosen, in words (`kb status` says which rule decided)."""

CHOICES = (MARKED, ONLY, NAMED, DEFAULT_LANGUAGE, LANGUAGE_ORDER)
"""Rules that chose between files that record no translation (the others need no choice)."""


@dataclass(frozen=True)
class Choice:
    language: str | None
    """The original's language; None for an article with no original (orphans)."""
    rule: str


def translated_from(document: Document, default_language: str) -> str | None:
    """The language a file says it was translated from, or None for a possible original."""
    front = document.front
    if front.original:
        return None
    if front.translated_from is not None:
        return front.translated_from
    return default_language if front.source_hash is not None else None


def choose_original(
    documents: Mapping[str, Document], languages: Sequence[str], default_language: str
) -> Choice | list[Finding]:
    """The original of one article (its files keyed by language), or the errors that stop
    anyone from telling which it is."""
    ordered = [documents[lang] for lang in languages if lang in documents]
    errors = _self_contradictions(ordered, languages, default_language)
    if errors:
        return errors
    marked = [document for document in ordered if document.front.original]
    if len(marked) > 1:
        return [_two_originals(document, marked) for document in marked]
    claims = {document.lang: translated_from(document, default_language) for document in ordered}
    candidates = [document.lang for document in ordered if claims[document.lang] is None]
    if marked:
        choice = Choice(marked[0].lang, MARKED)
    elif len(candidates) == 1:
        choice = Choice(candidates[0], ONLY)
    elif not candidates:
        choice = Choice(None, NONE)
    else:
        named = {claim for claim in claims.values() if claim in candidates}
        if len(named) == 1:
            choice = Choice(named.pop(), NAMED)
        elif default_language in candidates:
            choice = Choice(default_language, DEFAULT_LANGUAGE)
        else:
            choice = Choice(candidates[0], LANGUAGE_ORDER)
    errors = [
        error
        for document in ordered
        if (error := _check_claim(document, claims, documents, choice))
    ]
    errors += _misplaced_languages(ordered, choice, documents)
    return errors or choice


def _self_contradictions(
    ordered: list[Document], languages: Sequence[str], default_language: str
) -> list[Finding]:
    """What one file's front matter gets wrong on its own."""
    errors = []
    for document in ordered:
        front, lines = document.front, document.front.lines
        if front.original and front.translated_from is not None:
            errors.append(
                Finding(
                    document.shown_path,
                    lines.get("translated_from"),
                    "'original: true' and 'translated_from' contradict each other",
                    "Keep 'original: true' if this file was written first, else remove it",
                )
            )
        elif front.original and front.source_hash is not None:
            errors.append(
                Finding(
                    document.shown_path,
                    lines.get("source_hash"),
                    "'original: true' and 'source_hash' contradict each other: only "
                    "translations record the hash of their original",
                    "Remove the 'source_hash' line if this file is the original",
                )
            )
        for key in ("translated_from", "languages"):
            value = getattr(front, key)
            codes = (value,) if isinstance(value, str) else value or ()
            unknown = [code for code in codes if code not in languages]
            if unknown:
                errors.append(
                    Finding(
                        document.shown_path,
                        lines.get(key),
                        f"'{key}' names {', '.join(repr(c) for c in unknown)}, which is not "
                        f"one of the configured languages ({', '.join(languages)})",
                        "Use the code of a language folder",
                    )
                )
        claim = None if front.original else translated_from(document, default_language)
        if claim == document.lang:
            if front.translated_from is None:
                message = (
                    "'source_hash' without 'translated_from' means translated from the "
                    f"default language ('{default_language}'), which is this file's own language"
                )
                hint = "Remove the 'source_hash' line, or add 'translated_from:' with the "
                hint += "language this file was translated from"
                line = lines.get("source_hash")
            else:
                message = f"'translated_from: {claim}' is this file's own language"
                hint = "Name the language of the original, or remove the line if this file "
                hint += "is the original"
                line = lines.get("translated_from")
            errors.append(Finding(document.shown_path, line, message, hint))
    return errors


def _two_originals(document: Document, marked: list[Document]) -> Finding:
    others = ", ".join(other.shown_path for other in marked if other is not document)
    return Finding(
        document.shown_path,
        document.front.lines.get("original"),
        f"'original: true' is also set in {others}: an article has one original",
        "Keep it in the file written first; mark the others 'translated_from:' that language",
    )


def _claim_words(document: Document, claim: str) -> str:
    if document.front.translated_from is not None:
        return f"'translated_from: {claim}'"
    return (
        f"'source_hash' without 'translated_from' (translated from the default language, '{claim}')"
    )


def _check_claim(
    document: Document,
    claims: Mapping[str, str | None],
    documents: Mapping[str, Document],
    choice: Choice,
) -> Finding | None:
    claim = claims[document.lang]
    if claim is None or claim == choice.language:
        return None
    line = document.front.lines.get("translated_from") or document.front.lines.get("source_hash")
    said = _claim_words(document, claim)
    original = documents.get(choice.language) if choice.language else None
    named = documents.get(claim)
    if named is None:
        if original is None:
            return None  # an orphan: the original was deleted or moved (see coverage)
        missing = document.shown_path.removesuffix(document.disk_uri) + f"{claim}/{document.rel}"
        return Finding(
            document.shown_path,
            line,
            f"{said}, but {missing} does not exist; the article's original is "
            f"{original.shown_path}",
            f"Did you mean 'translated_from: {original.lang}'?",
        )
    if claims[claim] is not None:
        circle = claims[claim] == document.lang
        return Finding(
            document.shown_path,
            line,
            f"{said}, but {named.shown_path} is itself a translation"
            + (" of this file: the two name each other" if circle else f" (of '{claims[claim]}')"),
            "Translate from the original"
            + (f": write 'translated_from: {choice.language}'" if choice.language else "")
            + (", or mark the original 'original: true'" if circle or not choice.language else ""),
        )
    chosen = original.shown_path if original is not None else "another file"
    return Finding(
        document.shown_path,
        line,
        f"{said}, but the article's original is {chosen} ({RULES[choice.rule]})",
        f"Mark {named.shown_path} 'original: true' if it was written first, or write "
        f"'translated_from: {choice.language}'",
    )


def _misplaced_languages(
    ordered: list[Document], choice: Choice, documents: Mapping[str, Document]
) -> list[Finding]:
    """`languages:` decides where the article appears, so only its original may say it."""
    original = documents.get(choice.language) if choice.language else None
    errors = []
    for document in ordered:
        if document.front.languages is None or document is original:
            continue
        where = f"the original, {original.shown_path}" if original else "the original"
        hint = f"Move the line to {where}"
        if document.front.translated_from is None and document.front.source_hash is None:
            hint += ", or mark this file 'original: true' if it was written first"
        errors.append(
            Finding(
                document.shown_path,
                document.front.lines.get("languages"),
                "'languages:' is set in a translation; only the original decides on which "
                "language sites the article appears",
                hint,
            )
        )
    return errors
