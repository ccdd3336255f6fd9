"""Synonyms per language, kept by editors in `<docs_dir>/<lang>/synonyms.yml`.

The file is a list of groups; each group is words or phrases that a searcher may use for the
same thing:

    - [refund, money back, reimbursement]
    - [cancel, terminate contract]

At query time a phrase of a group that the pages do not use is searched as the group's
phrases that they do use ("money back" finds the pages about refunds); a phrase the pages
use is searched as typed and as its synonyms. A phrase in several groups joins them (cycles
are fine). The build checks the files: YAML that cannot be read, or that is not a list of
lists of phrases, stops the build naming file and line; a group none of whose phrases is on
any page of its language finds nothing, and is warned about.

The files are read here, never published: they are taken out of MkDocs' files before it
copies anything.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import yaml
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files

from kb_builder.content.model import Document
from kb_builder.search.words import WORD, finder, fold, words_of

FILE_NAME = "synonyms.yml"
"""The file's name inside a language folder of docs_dir."""


@dataclass(frozen=True)
class Group:
    line: int
    """Line of the group in its file (1-based), for messages."""
    phrases: tuple[str, ...]
    """Lowercase, single spaces, NFC, as the editor wrote them."""


@dataclass
class SynonymFile:
    lang: str
    path: str
    """As shown to editors (`content/en/synonyms.yml`)."""
    groups: list[Group] = field(default_factory=list)


def phrase_key(phrase: str) -> str:
    """A phrase as compared: folded words, one space apart (`Money  Back` -> `money back`)."""
    return " ".join(fold(word) for word in phrase.split())


def parse(text: str, path: str, lang: str) -> SynonymFile:
    """Read one synonyms file. Raises PluginError naming `path:line` for what is not a list
    of groups of phrases."""
    try:
        root = yaml.compose(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        where = f"{path}:{mark.line + 1}" if mark is not None else path
        problem = getattr(exc, "problem", None) or str(exc)
        raise PluginError(
            f"{where}: not valid YAML ({problem}). Write a list of groups, "
            "one per line, such as '- [refund, money back]'."
        ) from exc
    result = SynonymFile(lang, path)
    if root is None:
        return result
    if not isinstance(root, yaml.SequenceNode):
        raise PluginError(
            f"{path}:{root.start_mark.line + 1}: expected a list of groups of synonyms, "
            "one per line, such as '- [refund, money back]'."
        )
    for node in root.value:
        line = node.start_mark.line + 1
        if not isinstance(node, yaml.SequenceNode):
            raise PluginError(
                f"{path}:{line}: a group of synonyms is a list of words or phrases, "
                "such as '[refund, money back]'."
            )
        phrases: list[str] = []
        for item in node.value:
            if not isinstance(item, yaml.ScalarNode) or not str(item.value).strip():
                raise PluginError(
                    f"{path}:{item.start_mark.line + 1}: a synonym is a word or phrase, "
                    "not a list, a mapping or nothing."
                )
            phrase = " ".join(WORD.findall(unicodedata.normalize("NFC", str(item.value).lower())))
            if not phrase:
                raise PluginError(
                    f"{path}:{item.start_mark.line + 1}: '{item.value}' has no words "
                    "(letters) to search for."
                )
            phrases.append(phrase)
        if len(phrases) < 2:
            raise PluginError(
                f"{path}:{line}: a group needs at least two words or phrases that mean "
                f"the same; this one has {len(phrases)}."
            )
        result.groups.append(Group(line, tuple(phrases)))
    return result


def language_words(documents: Iterable[Document], lang: str) -> Callable[[str], bool]:
    """Whether a folded word is in any document of `lang` (title, description, text)."""
    texts = (
        f"{doc.front.title}\n{doc.front.description}\n{doc.body}"
        for doc in documents
        if doc.lang == lang
    )
    return finder(word for text in texts for word in words_of(text))


def take_files(files: Files, languages: Iterable[str], shown_prefix: str) -> list[SynonymFile]:
    """Take every language's synonyms file out of `files` (so it is never published) and
    read it. Raises PluginError for a file that cannot be read."""
    found = []
    for lang in languages:
        file = files.get_file_from_path(f"{lang}/{FILE_NAME}")
        if file is None:
            continue
        files.remove(file)
        path = f"{shown_prefix}/{file.src_uri}" if shown_prefix else file.src_uri
        try:
            text = file.content_string
        except (OSError, UnicodeDecodeError) as exc:
            raise PluginError(f"{path}: cannot be read as UTF-8 text ({exc}).") from exc
        found.append(parse(text.lstrip("\ufeff"), path, lang))
    return found


def table(
    synonyms: SynonymFile,
    on_site: Callable[[str], bool],
    in_language: Callable[[str], bool] | None = None,
) -> tuple[dict[str, list[str]], list[str]]:
    """What the browser needs for one language, and what to warn editors about.

    Returns `{phrase: [synonyms on the site]}` for every phrase that has such synonyms
    (groups sharing a phrase count as one), and warnings naming file:line for groups that
    have no phrase on any page of the language. `on_site(word)`: whether a folded word is
    on a page of this site; `in_language(word)`: on any page of the language, whichever
    site shows it (the public site lacks the agent desk's pages), default `on_site`.
    """

    def used(phrase: str, finds: Callable[[str], bool] = on_site) -> bool:
        return all(finds(word) for word in phrase_key(phrase).split())

    anywhere = in_language or on_site

    warnings = []
    # Groups that share a phrase are one group: union-find over phrase keys.
    parent: dict[str, str] = {}

    def find(key: str) -> str:
        while parent.setdefault(key, key) != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    spelled: dict[str, str] = {}
    for group in synonyms.groups:
        keys = [phrase_key(phrase) for phrase in group.phrases]
        for phrase, key in zip(group.phrases, keys, strict=True):
            spelled.setdefault(key, phrase)
            parent[find(key)] = find(keys[0])
        if not any(used(phrase, anywhere) for phrase in group.phrases):
            listed = ", ".join(f"'{phrase}'" for phrase in group.phrases)
            warnings.append(
                f"{synonyms.path}:{group.line}: none of {listed} is on any page in "
                f"'{synonyms.lang}', so the group finds nothing. Check the spelling, or add "
                "the word the pages use for it."
            )
    members: dict[str, list[str]] = {}
    for key in spelled:
        members.setdefault(find(key), []).append(key)
    result: dict[str, list[str]] = {}
    for keys in members.values():
        present = [spelled[key] for key in keys if used(spelled[key])]
        for key in keys:
            others = [phrase for phrase in present if phrase_key(phrase) != key]
            if others:
                result[spelled[key]] = others
    return result, warnings


def check(
    files: Files, languages: Iterable[str], shown_prefix: str, documents: Iterable[Document]
) -> tuple[list[str], list[str]]:
    """What `kb validate` says of the synonyms files, without building: errors (a file the
    build would stop at), and warnings for groups no page of the language uses (from the
    Markdown; the build judges the rendered pages, and so may also warn of a word that only
    a part of the page the theme adds holds)."""
    every_document = list(documents)
    errors: list[str] = []
    warnings: list[str] = []
    for lang in languages:
        try:
            read = take_files(files, [lang], shown_prefix)
        except PluginError as error:
            errors.append(str(error))
            continue
        for synonyms in read:
            warnings += table(synonyms, language_words(every_document, lang))[1]
    return errors, warnings
