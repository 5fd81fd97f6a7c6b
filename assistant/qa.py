"""Answer a question from the knowledge base: best passages, highlighted sentences, a short cited answer, related
articles, a confidence signal — or an honest "no good answer" below a threshold calibrated on the dev set.

Everything here is extractive: the assistant never writes new claims, it only points at the sentences in the
articles (each carrying its source), so every line of an answer can be checked.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from kb.chunk import Passage
from kb.citations import Citation, format_citation
from kb.search import SearchIndex, SearchResult
from kb.sources import Source

# Calibrated on bench/devset.yaml (see bench/search_quality.py --details): below these the best passage is
# usually unrelated, so the answer is declined.
DENSE_THRESHOLD = 0.856
"""Cosine of the best passage with the e5 model, int8 ONNX (dev set: in-scope 0.84–0.93, median 0.89;
off-topic 0.80–0.856). Chosen to decline ≥ 90 % off-topic while answering ≥ 95 % in-scope."""
LEXICAL_THRESHOLD = 0.5
"""BM25-only mode: the share of the question's weight (idf) that the best passage covers."""
STRONG_LEXICAL = 0.6
"""With a model: a passage covering this much of the question's weight is an answer even at lower cosine."""
NO_ANSWER = "Kunskapsbanken har inget bra svar på det."
LEXICAL_BONUS = 0.05
"""Sentence choice: bonus for a sentence covering all of the question's weight (cosines span about 0.75–0.92)."""
SHORT_MARGIN = 0.01
"""Short answer: sentences from passages 2–3 join only when within this score of the best sentence."""
SENTENCE_MARGIN = 0.015
"""Sentences within this cosine of the best are highlighted too (at most three)."""


@dataclass(frozen=True)
class SourceRef:
    doc: str
    chapter: str
    pages: str | None
    label: str


@dataclass(frozen=True)
class AnswerPassage:
    passage: Passage
    score: float
    highlights: tuple[int, ...]
    """Indexes into `passage.sentences` of the 1–3 best-matching sentences, best first."""
    source: SourceRef | None
    dense: float = 0.0

    @property
    def cite_label(self) -> str:
        return " › ".join(p for p in (self.passage.title, self.passage.heading) if p)


@dataclass(frozen=True)
class ShortAnswerLine:
    sentence: str
    ref: int
    """1-based number of the passage in `Answer.passages` that the sentence comes from."""


@dataclass(frozen=True)
class Answer:
    query: str
    passages: list[AnswerPassage]
    short: list[ShortAnswerLine]
    related: list[tuple[str, str]]
    """(article id, title) of further articles worth reading."""
    confidence: float
    level: str
    """`hög`, `medel` or `låg` — shown next to the answer, in words (not only colour)."""
    declined: bool
    mode: str
    signals: dict[str, float] = field(default_factory=dict)

    @property
    def message(self) -> str:
        return NO_ANSWER if self.declined else ""


def _weights(index: SearchIndex, terms: list[str]) -> dict[str, float]:
    """Query terms weighted by idf; a term the corpus never uses weighs most, since nothing here explains it."""
    unseen = math.log(1 + (index.bm25.n + 0.5) / 0.5)
    return {t: index.bm25.idf.get(t, unseen) for t in set(terms)}


def _coverage(weights: dict[str, float], present: frozenset[str]) -> float:
    total = sum(weights.values())
    if total <= 0:
        return 0.0
    return sum(w for t, w in weights.items() if t in present) / total


def rank_sentences(index: SearchIndex, passage: Passage, weights: dict[str, float],
                   query_vector: npt.NDArray[np.float32] | None = None) -> list[tuple[float, int]]:
    """(score, sentence index), best first.

    With sentence vectors: cosine to the question plus a small bonus for the share of the question's word weight
    (idf) the sentence covers. Without: that word weight alone, length-normalised; sentences sharing no words are
    left out.
    """
    sims = index.sentence_similarities(passage, query_vector) if query_vector is not None else None
    total = sum(weights.values()) or 1.0
    scored = []
    for i, present in enumerate(index.sentence_terms(passage)):
        shared = sum(w for t, w in weights.items() if t in present)
        if sims is not None and len(sims) == len(passage.sentences):
            scored.append((float(sims[i]) + LEXICAL_BONUS * shared / total, i))
        elif shared > 0:
            scored.append((shared / math.sqrt(max(len(present), 4)), i))
    return sorted(scored, reverse=True)


def highlight(index: SearchIndex, passage: Passage, weights: dict[str, float], limit: int = 3,
              query_vector: npt.NDArray[np.float32] | None = None) -> tuple[int, ...]:
    """The 1–3 best-matching sentences, best first; the first sentence when nothing matches (articles put the main
    point first)."""
    scored = rank_sentences(index, passage, weights, query_vector)
    if not scored:
        return (0,) if passage.sentences else ()
    top = scored[0][0]
    dense = query_vector is not None and index.sentence_vectors is not None
    floor = top - SENTENCE_MARGIN if dense else 0.5 * top
    return tuple(i for s, i in scored[:limit] if s >= floor)


def _source(citations: tuple[Citation, ...], sources: dict[str, Source] | None) -> SourceRef | None:
    if not citations:
        return None
    c = next((c for c in citations if c.pages), citations[0])
    label = format_citation(c, sources) if sources and c.doc in sources else f"{c.doc} {c.chapter}"
    return SourceRef(c.doc, c.chapter, c.pages, label)


def confidence(
    index: SearchIndex, result: SearchResult, weights: dict[str, float]
) -> tuple[float, bool, dict[str, float]]:
    """A 0–1 confidence and whether to decline, from the best cosine and the best lexical coverage."""
    lexical = max((_coverage(weights, index.passage_terms(h.passage)) for h in result.hits[:3]), default=0.0)
    signals = {"dense": result.top_dense, "lexical": lexical, "coverage": result.coverage}
    if not result.hits:
        return 0.0, True, signals
    if result.mode == "bm25":
        return lexical, lexical < LEXICAL_THRESHOLD, signals
    dense_conf = min(1.0, max(0.0, (result.top_dense - 0.80) / 0.12))
    conf = max(dense_conf, lexical if lexical >= STRONG_LEXICAL else 0.0)
    declined = result.top_dense < DENSE_THRESHOLD and lexical < STRONG_LEXICAL
    return conf, declined, signals


def answer(index: SearchIndex, query: str, k: int = 5, sources: dict[str, Source] | None = None) -> Answer:
    """Search and assemble the answer (see module docstring)."""
    result = index.search(query, max(k, 10))
    weights = _weights(index, result.terms)
    conf, declined, signals = confidence(index, result, weights)
    level = "hög" if conf >= 0.75 else "medel" if conf >= 0.5 else "låg"
    passages = [
        AnswerPassage(h.passage, h.score, highlight(index, h.passage, weights, query_vector=result.query_vector),
                      _source(h.passage.citations, sources), h.dense)
        for h in result.hits[:k]
    ]
    short: list[ShortAnswerLine] = []
    if not declined:
        short = _short_answer(index, passages, weights, result)
    shown = {ap.passage.article_id for ap in passages[:3]}
    related: list[tuple[str, str]] = []
    for h in result.hits:
        if h.passage.article_id not in shown and h.passage.article_id not in {a for a, _ in related}:
            related.append((h.passage.article_id, h.passage.title))
    return Answer(query, passages, short, related[:4], conf, level, declined, result.mode, signals)


def _short_answer(index: SearchIndex, passages: list[AnswerPassage], weights: dict[str, float],
                  result: SearchResult) -> list[ShortAnswerLine]:
    """The best sentence of each of the top three passages, kept only if it matches about as well as the best."""
    best: list[tuple[float, int, str]] = []
    for n, ap in enumerate(passages[:3], start=1):
        ranked = rank_sentences(index, ap.passage, weights, result.query_vector)
        if ranked:
            best.append((ranked[0][0], n, ap.passage.sentences[ranked[0][1]]))
        elif n == 1 and ap.passage.sentences:
            best.append((0.0, 1, ap.passage.sentences[0]))
    if not best:
        return []
    top = max(score for score, _, _ in best)
    margin = SHORT_MARGIN if result.query_vector is not None and index.sentence_vectors is not None else 0.5 * top
    lines, seen = [], set()
    top_dense = passages[0].dense
    for score, n, sentence in best:
        close = score >= top - margin and passages[n - 1].dense >= top_dense - SHORT_MARGIN
        if (n == 1 or close) and sentence not in seen:
            seen.add(sentence)
            lines.append(ShortAnswerLine(sentence, n))
    return lines


def _hit_dict(ap: AnswerPassage) -> dict[str, object]:
    p = ap.passage
    return {
        "text": p.text, "score": round(ap.score, 6), "article_id": p.article_id, "title": p.title,
        "section": p.heading or p.title, "anchor": p.anchor, "passage_id": p.id, "url": p.url,
        "highlights": [p.sentences[i] for i in ap.highlights],
        "source": {"doc": ap.source.doc, "pages": ap.source.pages, "chapter": ap.source.chapter,
                   "label": ap.source.label} if ap.source else {"doc": None, "pages": None},
    }


def to_dict(a: Answer) -> dict[str, object]:
    """The JSON shape of DESIGN.md: {"query", "results": [...], "answer": {...}}."""
    return {
        "query": a.query,
        "results": [_hit_dict(ap) for ap in a.passages],
        "answer": {
            "declined": a.declined, "message": a.message, "confidence": round(a.confidence, 3), "level": a.level,
            "mode": a.mode,
            "short": [{"sentence": s.sentence, "ref": s.ref, "url": a.passages[s.ref - 1].passage.url,
                       "cite": a.passages[s.ref - 1].cite_label} for s in a.short],
            "related": [{"article_id": aid, "title": t, "url": f"/artiklar/{aid}"} for aid, t in a.related],
        },
    }


def to_markdown(a: Answer, base_url: str = "") -> str:
    """The answer with its sources as Markdown (for "kopiera svar med källor" and export)."""
    lines = [f"# {a.query}", ""]
    if a.declined:
        lines += [NO_ANSWER, ""]
    else:
        lines += ["## Kort svar", ""]
        lines += [f"- {s.sentence} [{s.ref}]" for s in a.short]
        lines += ["", f"Säkerhet: {a.level}", ""]
    lines += ["## Källor", ""]
    for n, ap in enumerate(a.passages, start=1):
        source = f" — {ap.source.label}" if ap.source else ""
        lines.append(f"{n}. [{ap.cite_label}]({base_url}{ap.passage.url}){source}")
    return "\n".join(lines) + "\n"
