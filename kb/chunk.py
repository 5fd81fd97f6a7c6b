"""Split articles into passages of ~100–250 words that keep their section, heading path and citations.

A passage is the unit that search ranks and that an answer cites, so it must be small enough to be one point and
carry where it came from: article, section anchor (for the link) and the source pages of its own paragraphs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from markdown_it.token import Token

from kb.citations import Citation, find_citations, strip_markers
from kb.markdown import inline_text, parse, table_rows
from kb.models import Article, Content

MAX_WORDS = 250
MIN_WORDS = 100
SENTENCE_RE = re.compile(r"(?<=[.!?…])\s+(?=[\"”»(–-]?[A-ZÅÄÖ0-9])")


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
    answer: str = ""
    """The section's authored short answer (front matter `svar`) as plain text; empty when the section has none."""
    answer_citations: tuple[Citation, ...] = ()
    """The sources the authored answer cites (a part of the section's)."""

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


def plain(inline: Token) -> str:
    """An inline token -> readable plain text without citation markers."""
    return " ".join(strip_markers(inline_text(inline)).split())


def sentences(text: str) -> list[str]:
    return [s.strip() for s in SENTENCE_RE.split(text) if s.strip()]


def _table(rows: list[list[Token]]) -> list[tuple[str, str]]:
    """A table -> one (sentence, markdown) per row, `Header: cell; …`, so rows are searchable on their own."""
    cells = [[plain(c) for c in row] for row in rows]
    sources = [" | ".join(c.content for c in row) for row in rows]
    body = [(r, src) for r, src in zip(cells[1:], sources[1:], strict=True) if any(r)]
    if not body:
        return [(" ".join(cells[0]), sources[0])]
    header = cells[0]
    return [("; ".join(f"{h}: {c}" if h else c for h, c in zip(header, row, strict=False) if c) + ".", src)
            for row, src in body]


def _blocks(markdown: str) -> list[tuple[str, str, str]]:
    """Section Markdown -> (subheading, plain text, Markdown source) blocks: each paragraph (so each list item),
    table row and code block, from the markdown-it token stream."""
    blocks: list[tuple[str, str, str]] = []
    sub = ""
    tokens = parse(markdown)
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token.type == "heading_open":
            sub = tokens[i + 1].content
            i += 3
            continue
        if token.type == "table_open":
            rows, i = table_rows(tokens, i)
            blocks.extend((sub, text, src) for text, src in _table(rows))
            continue
        if token.type == "inline":
            blocks.append((sub, plain(token), token.content))
        elif token.type in ("fence", "code_block"):
            blocks.append((sub, " ".join(token.content.split()), token.content))
        i += 1
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
        answer = " ".join(strip_markers(section.answer).split()) if section.answer else ""
        answer_citations = tuple(dict.fromkeys(c for _, c in find_citations(section.answer or "")))
        groups: list[tuple[str, list[str], list[Citation]]] = []
        for sub, text, source in _blocks(section.markdown):
            cites = [c for _, c in find_citations(source)]
            for piece in _split_long(text, max_words):
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
                sentences=tuple(sentences(text)), answer=answer, answer_citations=answer_citations,
            ))
    return passages


def chunk_content(content: Content) -> list[Passage]:
    """All passages, in a stable order (article id, then position)."""
    return [p for aid in sorted(content.articles) for p in chunk_article(content.articles[aid])]
