"""Split articles into passages of ~100–250 words that keep their section, heading path and citations.

A passage is the unit that search ranks and that an answer cites, so it must be small enough to be one point and
carry where it came from: article, section anchor (for the link) and the source pages of its own paragraphs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kb.citations import Citation, find_citations, strip_markers
from kb.models import Article, Content

MAX_WORDS = 250
MIN_WORDS = 100
LINK_RE = re.compile(r"\[([^\]]+)\]\([^)]*\)")
EMPH_RE = re.compile(r"(\*\*|__|\*|_)(?=\S)(.+?)(?<=\S)\1")
SENTENCE_RE = re.compile(r"(?<=[.!?…])\s+(?=[\"”»(–-]?[A-ZÅÄÖ0-9])")
LIST_RE = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")


@dataclass(frozen=True)
class Passage:
    """One searchable, citable piece of an article."""

    id: str
    """Stable id `article.anchor.n`: used in URLs (`?markera=`) and the index."""
    article_id: str
    title: str
    anchor: str
    heading: str
    """Section heading path below the title, e.g. `Modell 1 › Avtalet`; empty for the introduction."""
    text: str
    """Plain text shown to the user (citation markers and Markdown removed)."""
    citations: tuple[Citation, ...]
    sentences: tuple[str, ...]

    @property
    def index_text(self) -> str:
        """What is indexed: title and heading path give a passage its context."""
        head = " › ".join(p for p in (self.title, self.heading) if p)
        return f"{head}\n{self.text}"

    @property
    def head_text(self) -> str:
        """Heading path and first sentence: a short "what this is about", embedded as a second vector."""
        head = " › ".join(p for p in (self.title, self.heading) if p)
        return f"{head}. {self.sentences[0] if self.sentences else ''}"


@dataclass(frozen=True)
class SectionQuestion:
    """A question an article's author says a section answers (front matter `questions`)."""

    article_id: str
    anchor: str
    text: str


def section_questions(content: Content) -> list[SectionQuestion]:
    """All authored questions, in the same stable order as the passages."""
    return [SectionQuestion(aid, anchor, q) for aid in sorted(content.articles)
            for anchor, q in content.articles[aid].questions]


def plain(markdown: str) -> str:
    """Markdown paragraph -> readable plain text without citation markers."""
    text = strip_markers(markdown)
    text = LINK_RE.sub(r"\1", text)
    text = EMPH_RE.sub(r"\2", text)
    text = text.replace("`", "")
    return re.sub(r"\s+", " ", text).strip()


def sentences(text: str) -> list[str]:
    return [s.strip() for s in SENTENCE_RE.split(text) if s.strip()]


def _table(lines: list[str]) -> list[str]:
    """A Markdown table -> one sentence per row, `Header: cell; …`, so rows are searchable on their own."""
    rows = [[c.strip() for c in line.strip().strip("|").split("|")] for line in lines]
    rows = [r for r in rows if not all(re.fullmatch(r":?-{2,}:?", c) or not c for c in r)]
    if len(rows) < 2:
        return [" ".join(" ".join(r) for r in rows)]
    header, out = rows[0], []
    for row in rows[1:]:
        cells = [f"{h}: {c}" if h else c for h, c in zip(header, row, strict=False) if c]
        out.append("; ".join(cells) + ".")
    return out


def _blocks(markdown: str) -> list[tuple[str, str]]:
    """Section Markdown -> (subheading, paragraph markdown) blocks; list items and table rows are blocks too."""
    blocks: list[tuple[str, str]] = []
    sub = ""
    buf: list[str] = []
    table: list[str] = []

    def flush() -> None:
        if buf:
            blocks.append((sub, " ".join(buf)))
            buf.clear()
        if table:
            blocks.extend((sub, row) for row in _table(table))
            table.clear()

    for line in markdown.split("\n"):
        stripped = line.strip()
        if stripped.startswith("|"):
            if buf:
                flush()
            table.append(stripped)
            continue
        if table:
            flush()
        if not stripped or stripped.startswith("```"):
            flush()
        elif stripped.startswith("#"):
            flush()
            sub = stripped.lstrip("#").split("{#")[0].strip()
        elif LIST_RE.match(line):
            flush()
            buf.append(LIST_RE.sub("", line))
        elif stripped.startswith(">"):
            buf.append(stripped.lstrip("> "))
        else:
            buf.append(stripped)
    flush()
    return blocks


def _split_long(text: str, limit: int) -> list[str]:
    """A paragraph over `limit` words -> pieces of whole sentences."""
    parts: list[str] = []
    cur: list[str] = []
    for s in sentences(text):
        if cur and len(" ".join([*cur, s]).split()) > limit:
            parts.append(" ".join(cur))
            cur = []
        cur.append(s)
    if cur:
        parts.append(" ".join(cur))
    return parts


def chunk_article(article: Article, max_words: int = MAX_WORDS, min_words: int = MIN_WORDS) -> list[Passage]:
    """Greedy packing of paragraphs into passages, per section and subheading; a short tail joins its neighbour."""
    passages: list[Passage] = []
    for section in article.sections:
        groups: list[tuple[str, list[str], list[Citation]]] = []
        for sub, block in _blocks(section.markdown):
            cites = [c for _, c in find_citations(block)]
            for piece in _split_long(plain(block), max_words):
                if not piece:
                    continue
                last = groups[-1] if groups else None
                words = len(piece.split())
                fits = last is not None and len(" ".join(last[1]).split()) + words <= max_words
                same_sub = last is not None and last[0] == sub
                small = last is not None and len(" ".join(last[1]).split()) < min_words
                if last is not None and fits and (same_sub or small):
                    last[1].append(piece)
                    last[2].extend(cites)
                else:
                    groups.append((sub, [piece], list(cites)))
        if len(groups) > 1 and len(" ".join(groups[-1][1]).split()) < min_words // 2:
            tail = groups.pop()
            groups[-1][1].extend(tail[1])
            groups[-1][2].extend(tail[2])
        for n, (sub, texts, cites) in enumerate(groups, start=1):
            text = " ".join(texts)
            heading = " › ".join(p for p in (section.heading, sub) if p)
            passages.append(Passage(
                id=f"{article.id}.{section.anchor}.{n}", article_id=article.id, title=article.title,
                anchor=section.anchor, heading=heading, text=text, citations=tuple(dict.fromkeys(cites)),
                sentences=tuple(sentences(text)),
            ))
    return passages


def chunk_content(content: Content) -> list[Passage]:
    """All passages, in a stable order (article id, then position)."""
    return [p for aid in sorted(content.articles) for p in chunk_article(content.articles[aid])]
