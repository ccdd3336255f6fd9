"""A large knowledge base for measuring search at scale: the repository's own articles among
many look-alike pages.

Look-alike pages are written, per language, by a word-pair model of that language's real
articles: the same vocabulary and word frequencies, the same inflections, but no sentence
copied whole. Every look-alike article exists in every language that has articles (as a
real knowledge base would), so nothing is a fallback. The repository's articles keep their
paths, so the query set still knows where each answer is.
"""

from __future__ import annotations

import itertools
import random
import re
import shutil
from collections import defaultdict
from pathlib import Path

import yaml

TOPIC_SIZE = 40
_FRONT = re.compile(r"\A\ufeff?---\r?\n.*?\r?\n---\r?\n", re.S)
_MARKUP = re.compile(r"!!!.*|`[^`]*`|\]\([^)]*\)|[#*_>\[\]|{}\"“”„«»]")
_SENTENCE = re.compile(r"[^.!?;:\n]+[.!?]?")


class WordModel:
    """Which word follows which in a language's articles, to write text that reads alike."""

    def __init__(self, texts: list[str], rng: random.Random) -> None:
        self.rng = rng
        self.next: dict[str, list[str]] = defaultdict(list)
        self.starts: list[str] = []
        for text in texts:
            for sentence in _SENTENCE.findall(_MARKUP.sub(" ", text)):
                words = sentence.split()
                if len(words) < 4:
                    continue
                self.starts.append(words[0])
                for first, second in itertools.pairwise(words):
                    self.next[first].append(second)

    def words(self, low: int, high: int) -> list[str]:
        out = [self.rng.choice(self.starts)]
        target = self.rng.randint(low, high)
        while len(out) < target:
            following = self.next.get(out[-1])
            word = self.rng.choice(following) if following else self.rng.choice(self.starts)
            out.append(word)
            if word.endswith((".", "!", "?")) and len(out) >= low:
                break
        return [w.strip(".,!?") for w in out if w.strip(".,!?")]

    def sentence(self) -> str:
        words = self.words(6, 22)
        return " ".join(words).capitalize() + "."

    def title(self) -> str:
        return " ".join(self.words(3, 7)).capitalize()


def _article_texts(folder: Path) -> list[str]:
    texts = []
    for path in sorted(folder.rglob("*.md")):
        text = path.read_text(encoding="utf-8-sig")
        match = _FRONT.match(text)
        front = yaml.safe_load(match.group(0).strip("-\n\ufeff")) if match else {}
        body = text[match.end() :] if match else text
        texts.append(f"{front.get('title', '')}. {front.get('description', '')}. {body}")
    return texts


def _page(title: str, description: str, body: str, kind: str = "article") -> str:
    front = {"title": title, "description": description, "type": kind, "audience": "public"}
    return f"---\n{yaml.safe_dump(front, allow_unicode=True, sort_keys=False)}---\n{body}\n"


def _body(model: WordModel, rng: random.Random, faq: bool) -> str:
    parts = [" ".join(model.sentence() for _ in range(rng.randint(2, 3)))]
    for _ in range(rng.randint(3, 6)):
        heading = model.title() + ("?" if faq else "")
        parts.append(f"## {heading}")
        for _ in range(1 if faq else rng.randint(1, 2)):
            parts.append(" ".join(model.sentence() for _ in range(rng.randint(2, 5))))
    return "\n\n".join(parts)


def make_large_project(repo: Path, target: Path, pages_per_language: int, seed: int = 6) -> Path:
    """A copy of the repository's project with look-alike pages up to N per language."""
    shutil.copytree(repo / "content", target / "content")
    shutil.copytree(repo / "theme", target / "theme")
    shutil.copy(repo / "mkdocs.yml", target / "mkdocs.yml")
    content = target / "content"
    languages = sorted(p.name for p in content.iterdir() if p.is_dir() and any(p.rglob("*.md")))
    real = max(len(list((content / lang).rglob("*.md"))) for lang in languages)
    extra = max(0, pages_per_language - real)
    topics = max(1, -(-extra // TOPIC_SIZE))
    for lang in languages:
        rng = random.Random(f"{seed}-{lang}")
        model = WordModel(_article_texts(content / lang), rng)
        folder = content / lang / "library"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "index.md").write_text(
            _page(model.title(), model.sentence(), model.sentence()), encoding="utf-8"
        )
        written = 1
        for topic in range(topics):
            topic_dir = folder / f"topic-{topic:03d}"
            topic_dir.mkdir(exist_ok=True)
            (topic_dir / "index.md").write_text(
                _page(model.title(), model.sentence(), model.sentence()), encoding="utf-8"
            )
            written += 1
            for number in range(TOPIC_SIZE - 1):
                if written >= extra:
                    break
                faq = rng.random() < 0.1
                (topic_dir / f"page-{number:03d}.md").write_text(
                    _page(
                        model.title(),
                        model.sentence(),
                        _body(model, rng, faq),
                        "faq" if faq else "article",
                    ),
                    encoding="utf-8",
                )
                written += 1
    return target
