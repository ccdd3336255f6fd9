"""Generate a synthetic four-language knowledge base for the benchmark.

`generate(folder, articles=N, seed=S)` writes a project that looks like a grown help centre:
N source pages per language in `content/en/` (a home page, sections with an index page and
an FAQ page, a few subsections, articles, a few internal pages), translations into el, pl
and hu with some missing and some stale, links between articles and to their headings'
anchors, and two configurations of the same content:

- `mkdocs.yml`: the repository's own configuration (inherited, so it follows main), with
  kb_builder's own search (Pagefind), coverage and link checks;
- `mkdocs-material.yml`: plain Material with its search plugin and the same theme features
  and Markdown extensions, no kb plugin: what people use today.

The same seed always gives the same bytes. The numbers of the corpus (sections, missing and
stale translations, internal pages, links) come back as `CorpusStats`, so tests and the
benchmark report what they measured.
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import posixpath
import random
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from mkdocs.utils.yaml import yaml_load

from bench import phrases
from kb_builder.content.slugs import slug
from kb_builder.i18n.fingerprint import fingerprint

REPO = Path(__file__).resolve().parent.parent
SOURCE = "en"
TRANSLATED = ("el", "pl", "hu")
MISSING_RATE = {"el": 0.10, "pl": 0.15, "hu": 0.20}
"""Share of articles not yet translated, per language: Greek is furthest along."""
STALE_RATE = 0.10
"""Share of existing translations made from an older revision of their source."""
INTERNAL_RATE = 0.03
"""Share of articles written for agents only (`audience: internal`)."""
SEARCH_PLUGINS = ("search", "material/search")
BASELINE_KEYS = (
    "site_name",
    "site_description",
    "site_url",
    "use_directory_urls",
    "markdown_extensions",
)
KB_CONFIG = "mkdocs.yml"
MATERIAL_CONFIG = "mkdocs-material.yml"
FIRST_REVIEW = dt.date(2024, 1, 1)


@dataclass(frozen=True)
class Anchor:
    """A heading of an article: `kind` names the phrase table (HEADINGS or QUESTIONS)."""

    kind: str
    key: int

    def text(self, lang: str) -> str:
        table = phrases.HEADINGS if self.kind == "h" else phrases.QUESTIONS
        return table[lang][self.key]


@dataclass
class Entry:
    """One article in every language: where it lives, what it says, which versions exist.

    The body is kept as language-neutral blocks of phrase keys, so every language renders
    the same structure from its own phrase table.
    """

    rel: str
    kind: str
    """`home`, `section` (a folder's index.md), `faq` or `article`."""
    section: int | None = None
    subsection: int | None = None
    title_key: tuple[int, int, int] = (0, 0, 0)
    """(topic, aspect, copy) of an article's title."""
    audience: str = "public"
    order: int | None = None
    tags: tuple[str, ...] = ()
    reviewed: dt.date = FIRST_REVIEW
    anchors: list[Anchor] = field(default_factory=list)
    blocks: list[tuple] = field(default_factory=list)
    children: list[str] = field(default_factory=list)
    """rel of the pages an index page lists."""
    translations: dict[str, str] = field(default_factory=dict)
    """Language -> `current` or `stale`; a language that is absent is not translated."""

    @property
    def folder(self) -> str:
        return posixpath.dirname(self.rel)

    @property
    def public(self) -> bool:
        return self.audience == "public"


@dataclass
class CorpusStats:
    """What was generated, for tests and for the benchmark's report."""

    articles: int
    seed: int
    sections: int = 0
    subsections: int = 0
    faq: int = 0
    internal: int = 0
    links: int = 0
    documents: dict[str, int] = field(default_factory=dict)
    missing: dict[str, int] = field(default_factory=dict)
    stale: dict[str, int] = field(default_factory=dict)
    search: str = ""
    """How the kb configuration searches: the project's own, or Material's as a stand-in."""
    edit_target: str = ""
    """A public source article with untranslated languages (path in docs_dir): the file the
    benchmark edits under `mkdocs serve`, so the rebuild includes fallback pages."""

    @property
    def files(self) -> int:
        return sum(self.documents.values())


class Corpus:
    """The plan of a corpus: every entry, keyed by its path inside a language folder."""

    def __init__(self, articles: int, seed: int) -> None:
        if articles < 8:
            raise ValueError("a corpus needs at least 8 articles per language")
        self.articles = articles
        self.seed = seed
        self.rng = random.Random(f"kb-bench:{seed}")
        self.entries: dict[str, Entry] = {}
        self.stats = CorpusStats(articles, seed)
        self._plan()

    # -- planning ------------------------------------------------------------------------

    def _plan(self) -> None:
        sections = max(1, round(math.sqrt(self.articles) / 2))
        rest = self.articles - 1 - 2 * sections
        titles = self._titles()
        home = self._add(Entry("index.md", "home", reviewed=self._date()))
        for number in range(sections):
            share = rest // sections + (1 if number < rest % sections else 0)
            home.children.append(self._plan_section(number, share, titles))
        self.stats.sections = sections
        for entry in self.entries.values():
            self._write_body(entry)
        linkable = [e for e in self.entries.values() if e.kind in ("article", "faq")]
        for entry in self.entries.values():
            self._add_links(entry, linkable)
        for entry in self.entries.values():
            self._plan_translations(entry)

    def _add(self, entry: Entry) -> Entry:
        self.entries[entry.rel] = entry
        return entry

    def _titles(self) -> Iterator[tuple[int, int, int]]:
        pairs = [
            (topic, aspect)
            for topic in range(len(phrases.TOPICS[SOURCE]))
            for aspect in range(len(phrases.ASPECTS[SOURCE]))
        ]
        copy = 1
        while True:
            self.rng.shuffle(pairs)
            for topic, aspect in pairs:
                yield topic, aspect, copy
            copy += 1

    def _plan_section(self, number: int, share: int, titles: Iterator) -> str:
        folder = _section_folder(number)
        index = self._add(
            Entry(
                f"{folder}/index.md",
                "section",
                section=number,
                order=(number + 1) * 10,
                reviewed=self._date(),
            )
        )
        # Big sections grow subsections of ten pages, as editors split them in practice.
        subsections = (share - 20) // 20 if share >= 40 else 0
        self.stats.subsections += subsections
        for sub in range(subsections):
            sub_folder = f"{folder}/{slug(phrases.SUBSECTIONS[SOURCE][sub])}"
            sub_index = self._add(
                Entry(
                    f"{sub_folder}/index.md",
                    "section",
                    section=number,
                    subsection=sub,
                    reviewed=self._date(),
                )
            )
            sub_index.children = [self._plan_article(sub_folder, next(titles)) for _ in range(9)]
            index.children.append(sub_index.rel)
        faq = self._add(
            Entry(f"{folder}/faq.md", "faq", section=number, order=1, reviewed=self._date())
        )
        self.stats.faq += 1
        index.children.append(faq.rel)
        for _ in range(share - 10 * subsections):
            index.children.append(self._plan_article(folder, next(titles)))
        return index.rel

    def _plan_article(self, folder: str, title_key: tuple[int, int, int]) -> str:
        topic, aspect, copy = title_key
        name = f"{slug(phrases.TOPICS[SOURCE][topic])}-{slug(phrases.ASPECTS[SOURCE][aspect])}"
        if copy > 1:
            name += f"-{copy}"
        rng = self.rng
        entry = self._add(
            Entry(
                f"{folder}/{name}.md",
                "article",
                title_key=title_key,
                audience="internal" if rng.random() < INTERNAL_RATE else "public",
                order=rng.randint(1, 50) if rng.random() < 0.2 else None,
                tags=tuple(rng.sample(phrases.TAGS, rng.randint(1, 3))),
                reviewed=self._date(),
            )
        )
        if not entry.public:
            self.stats.internal += 1
        return entry.rel

    def _date(self) -> dt.date:
        return FIRST_REVIEW + dt.timedelta(days=self.rng.randrange(900))

    # -- bodies --------------------------------------------------------------------------

    def _sentences(self, low: int, high: int) -> list[int]:
        count = len(phrases.SENTENCES[SOURCE])
        return self.rng.sample(range(count), self.rng.randint(low, high))

    def _write_body(self, entry: Entry) -> None:
        rng = self.rng
        blocks: list[tuple] = [("p", self._sentences(2, 3))]
        if entry.kind in ("home", "section"):
            blocks.append(("listing",))
        elif entry.kind == "faq":
            count = len(phrases.QUESTIONS[SOURCE])
            for key in rng.sample(range(count), rng.randint(5, 12)):
                entry.anchors.append(Anchor("q", key))
                blocks.append(("h2", Anchor("q", key)))
                for _ in range(rng.randint(1, 2)):
                    blocks.append(("p", self._sentences(2, 4)))
        else:
            # Twelve distinct headings: up to six H2s and an H3 under each, so no two
            # headings of a page share an anchor.
            keys = rng.sample(range(len(phrases.HEADINGS[SOURCE])), 12)
            for position in range(rng.randint(3, 6)):
                anchor = Anchor("h", keys[position])
                entry.anchors.append(anchor)
                blocks.append(("h2", anchor))
                for _ in range(rng.randint(1, 3)):
                    blocks.append(("p", self._sentences(2, 5)))
                blocks.extend(self._extras(Anchor("h", keys[position + 6])))
        if entry.kind in ("article", "faq"):
            # The source's latest change; translations made before it lack it (stale).
            blocks.append(("update",))
        entry.blocks = blocks

    def _extras(self, sub_heading: Anchor) -> list[tuple]:
        rng = self.rng
        extras: list[tuple] = []
        if rng.random() < 0.25:
            extras += [("h3", sub_heading), ("p", self._sentences(2, 4))]
        if rng.random() < 0.15:
            extras.append(("ul", self._sentences(3, 5)))
        if rng.random() < 0.10:
            extras.append(("admonition", rng.choice(("note", "tip")), self._sentences(1, 2)))
        if rng.random() < 0.05:
            extras.append(("details", self._sentences(2, 3)))
        if rng.random() < 0.08:
            topics = len(phrases.TOPICS[SOURCE])
            sentences = len(phrases.SENTENCES[SOURCE])
            rows = [
                (rng.randrange(topics), rng.randrange(sentences)) for _ in range(rng.randint(2, 4))
            ]
            extras.append(("table", rows))
        return extras

    def _add_links(self, entry: Entry, linkable: list[Entry]) -> None:
        """Links to other articles, half of them to a heading; public pages link only to
        public pages, as an editor would (an internal target is not on the public site)."""
        if entry.kind not in ("article", "faq"):
            return
        rng = self.rng
        targets = [
            other
            for other in linkable
            if other.rel != entry.rel and (other.public or not entry.public)
        ]
        paragraphs = [i for i, block in enumerate(entry.blocks) if block[0] == "p"]
        count = rng.randint(2, 4) if entry.kind == "article" else rng.randint(0, 2)
        for position in sorted(rng.sample(paragraphs, min(count, len(paragraphs))), reverse=True):
            target = rng.choice(targets)
            anchor = rng.choice(target.anchors) if rng.random() < 0.5 else None
            entry.blocks.insert(position + 1, ("link", target.rel, anchor))
            self.stats.links += 1

    def _plan_translations(self, entry: Entry) -> None:
        rng = self.rng
        for lang in TRANSLATED:
            # Home and section pages name the menu, so translators do them first.
            if entry.kind in ("home", "section"):
                entry.translations[lang] = "current"
                continue
            if rng.random() < MISSING_RATE[lang]:
                continue
            entry.translations[lang] = "stale" if rng.random() < STALE_RATE else "current"

    # -- rendering -----------------------------------------------------------------------

    def shown_language(self, entry: Entry, lang: str) -> str:
        """The language a reader of the `lang` site sees the entry in (source if untranslated)."""
        return lang if lang == SOURCE or lang in entry.translations else SOURCE

    def title(self, entry: Entry, lang: str) -> str:
        words = phrases.WORDS[lang]
        if entry.kind == "home":
            return words["home_title"]
        if entry.kind == "section" and entry.subsection is not None:
            return phrases.SUBSECTIONS[lang][entry.subsection]
        name = _section_name(entry.section or 0, lang)
        if entry.kind == "section":
            return name
        if entry.kind == "faq":
            return words["faq_title"].format(name=name)
        topic, aspect, copy = entry.title_key
        title = f"{phrases.TOPICS[lang][topic]}: {phrases.ASPECTS[lang][aspect]}"
        return f"{title} ({copy})" if copy > 1 else title

    def description(self, entry: Entry, lang: str) -> str:
        words = phrases.WORDS[lang]
        if entry.kind == "home":
            return words["home_description"]
        if entry.kind == "section":
            return words["section_description"].format(name=self.title(entry, lang))
        if entry.kind == "faq":
            return words["faq_description"].format(name=_section_name(entry.section or 0, lang))
        return phrases.SENTENCES[lang][entry.blocks[0][1][0]]

    def body(self, entry: Entry, lang: str, *, revision: str = "current") -> str:
        """The Markdown body in `lang`; a `stale` revision lacks the source's last update."""
        parts = []
        for block in entry.blocks:
            if block[0] == "update" and revision == "stale":
                continue
            parts.append(self._render(block, entry, lang))
        return "\n\n".join(parts) + "\n"

    def _render(self, block: tuple, entry: Entry, lang: str) -> str:
        kind = block[0]
        sentences = phrases.SENTENCES[lang]
        words = phrases.WORDS[lang]
        if kind == "p":
            return " ".join(sentences[key] for key in block[1])
        if kind in ("h2", "h3"):
            return f"{'#' * int(kind[1])} {block[1].text(lang)}"
        if kind == "ul":
            return "\n".join(f"- {sentences[key]}" for key in block[1])
        if kind == "admonition":
            text = " ".join(sentences[key] for key in block[2])
            return f'!!! {block[1]} "{words[block[1]]}"\n\n    {text}'
        if kind == "details":
            text = " ".join(sentences[key] for key in block[1])
            return f'??? tip "{words["tip"]}"\n\n    {text}'
        if kind == "table":
            rows = [f"| {words['situation']} | {words['offer']} |", "|---|---|"]
            for topic, sentence in block[1]:
                rows.append(f"| {phrases.TOPICS[lang][topic]} | {sentences[sentence]} |")
            return "\n".join(rows)
        if kind == "link":
            return words["see"].format(link=self._link(entry, block[1], block[2], lang))
        if kind == "listing":
            return self._listing(entry, lang)
        if kind == "update":
            return words["update"]
        raise ValueError(f"unknown block {kind}")

    def _link(self, entry: Entry, target_rel: str, anchor: Anchor | None, lang: str) -> str:
        target = self.entries[target_rel]
        shown = self.shown_language(target, lang)
        href = posixpath.relpath(target.rel, entry.folder or ".")
        if anchor is not None:
            href += "#" + slug(anchor.text(shown))
        return f"[{self.title(target, shown)}]({href})"

    def _listing(self, entry: Entry, lang: str) -> str:
        words = phrases.WORDS[lang]
        heading = words["sections"] if entry.kind == "home" else words["in_section"]
        lines = [f"## {heading}", ""]
        for rel in entry.children:
            child = self.entries[rel]
            if not child.public:
                continue  # not on the public site; the agent desk lists it in its own menu
            lines.append(f"- {self._link(entry, rel, None, lang)}")
        return "\n".join(lines)

    def front_matter(self, entry: Entry, lang: str, revision: str) -> dict[str, object]:
        front: dict[str, object] = {
            "title": self.title(entry, lang),
            "description": self.description(entry, lang),
        }
        if entry.kind == "faq":
            front["type"] = "faq"
        front["audience"] = entry.audience
        if entry.tags:
            front["tags"] = list(entry.tags)
        front["reviewed"] = entry.reviewed
        if lang != SOURCE:
            front["source_hash"] = self.source_hash(entry, revision)
        elif entry.order is not None:
            front["order"] = entry.order
        if entry.kind == "home":
            front["hide"] = ["toc"]
        return front

    def source_hash(self, entry: Entry, revision: str) -> str:
        """What a translation made from this revision of the source records: kb's own
        fingerprint, so `current` translations are current and `stale` ones are stale."""
        return fingerprint(
            self.title(entry, SOURCE),
            self.description(entry, SOURCE),
            self.body(entry, SOURCE, revision=revision),
        )

    def files(self) -> Iterator[tuple[str, str]]:
        """(path inside docs_dir, text) of every file, in a stable order."""
        for lang in phrases.LANGUAGES:
            for entry in self.entries.values():
                revision = "current" if lang == SOURCE else entry.translations.get(lang)
                if revision is None:
                    continue
                header = _front_matter_text(self.front_matter(entry, lang, revision))
                body = self.body(entry, lang, revision=revision)
                yield f"{lang}/{entry.rel}", f"---\n{header}---\n{body}"

    def count(self) -> CorpusStats:
        stats = self.stats
        stats.documents = {SOURCE: len(self.entries)}
        for lang in TRANSLATED:
            versions = [e.translations.get(lang) for e in self.entries.values()]
            stats.documents[lang] = sum(1 for v in versions if v is not None)
            stats.missing[lang] = versions.count(None)
            stats.stale[lang] = versions.count("stale")
        stats.edit_target = next(
            (
                f"{SOURCE}/{e.rel}"
                for e in self.entries.values()
                if e.kind == "article" and e.public and len(e.translations) < len(TRANSLATED)
            ),
            f"{SOURCE}/index.md",
        )
        return stats


def _front_matter_text(front: dict[str, object]) -> str:
    """YAML as an editor writes it: one `key: value` per line, lists inline."""
    lines = []
    for key, value in front.items():
        if isinstance(value, list):
            lines.append(f"{key}: [{', '.join(value)}]")
        else:
            lines.append(yaml.safe_dump({key: value}, allow_unicode=True, width=1000).rstrip())
    return "\n".join(lines) + "\n"


def _section_folder(number: int) -> str:
    name = slug(phrases.SECTIONS[SOURCE][number % len(phrases.SECTIONS[SOURCE])])
    rounds = number // len(phrases.SECTIONS[SOURCE])
    return f"{name}-{rounds + 1}" if rounds else name


def _section_name(number: int, lang: str) -> str:
    names = phrases.SECTIONS[lang]
    rounds = number // len(names)
    name = names[number % len(names)]
    return f"{name} {rounds + 1}" if rounds else name


# -- project ----------------------------------------------------------------------------


def generate(folder: Path, *, articles: int, seed: int = 1, repo: Path = REPO) -> CorpusStats:
    """Write the corpus and both configurations into `folder` (which must be empty or new)."""
    folder = Path(folder)
    content = folder / "content"
    if content.exists() and any(content.iterdir()):
        raise FileExistsError(f"{content} is not empty")
    corpus = Corpus(articles, seed)
    for rel, text in corpus.files():
        target = content / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    stats = corpus.count()
    stats.search = write_configs(folder, repo)
    return stats


def write_configs(folder: Path, repo: Path = REPO) -> str:
    """Write mkdocs.yml (the repository's configuration) and mkdocs-material.yml.

    Both inherit the repository's mkdocs.yml, so theme features and Markdown extensions
    are the project's own and stay in step with main. Returns how the kb build searches.
    """
    repo_config = repo / "mkdocs.yml"
    with repo_config.open("rb") as handle:
        settings = yaml_load(handle)
    theme = settings.get("theme") or {}
    custom_dir = theme.get("custom_dir") if isinstance(theme, dict) else None
    common = {"INHERIT": str(repo_config), "docs_dir": "content", "strict": False}

    kb: dict[str, object] = {**common, "site_dir": "site"}
    if custom_dir:
        kb["theme"] = {"custom_dir": str((repo / custom_dir).resolve())}
    plugins = _plugin_entries(settings.get("plugins"))
    has_search = any(_plugin_name(p) in SEARCH_PLUGINS for p in plugins)
    if has_search:
        search = "the project's own"
    elif (repo / "kb_builder" / "search").is_dir():
        search = "kb_builder's own"
    else:
        # Until the project has a search of its own, index with Material's, so the kb
        # build does the same work as the baseline it is compared with.
        kb["plugins"] = ["search", *plugins]
        search = "Material's search plugin (stand-in: the project configures none)"

    # The baseline takes only what plain Material understands: the same site, theme
    # features and Markdown extensions, without kb's plugin and template overrides.
    material: dict[str, object] = {key: settings[key] for key in BASELINE_KEYS if key in settings}
    material.update(docs_dir="content", site_dir="site-material", strict=False)
    if isinstance(theme, dict):
        material["theme"] = {k: v for k, v in theme.items() if k != "custom_dir"}
    material["plugins"] = ["search"]
    _write_yaml(folder / KB_CONFIG, kb, "the repository's configuration on this corpus")
    _write_yaml(folder / MATERIAL_CONFIG, material, "plain Material with its search; no kb")
    return search


def _plugin_entries(value: object) -> list[object]:
    if isinstance(value, dict):
        return [{name: options} if options else name for name, options in value.items()]
    return list(value or [])


def _plugin_name(entry: object) -> str:
    return next(iter(entry)) if isinstance(entry, dict) else str(entry)


def _write_yaml(path: Path, data: dict[str, object], what: str) -> None:
    header = f"# Generated by bench/generate.py: {what}.\n"
    # Not safe_dump: Markdown extension options may name Python functions (toc's slugify),
    # which MkDocs reads back from `!!python/name:` tags.
    text = yaml.dump(data, allow_unicode=True, sort_keys=False)
    path.write_text(header + text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path, help="where to write the project")
    parser.add_argument("--articles", type=int, default=250, help="source pages per language")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    stats = generate(args.folder, articles=args.articles, seed=args.seed)
    print(
        f"{stats.files} files ({stats.articles} per language, {stats.sections} sections, "
        f"{stats.faq} FAQ pages, {stats.internal} internal); missing "
        f"{stats.missing}, stale {stats.stale}; {stats.links} links",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
