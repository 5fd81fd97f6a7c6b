"""Hybrid retrieval: BM25 over Swedish-analysed passages plus dense vectors, fused by reciprocal rank.

Dense alone and BM25 alone were about equal on Swedish; fusion by rank (not by score, whose scales differ) was
best on every measure, so `hybrid` is the default and the other two stay for measuring and for BM25-only mode.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
import numpy.typing as npt

from kb.analysis import Analyzer, vocabulary
from kb.ann import ANN, make_ann
from kb.bm25 import BM25
from kb.chunk import Passage, SectionQuestion
from kb.embed import Embedder
from kb.synonyms import expand

Mode = Literal["bm25", "dense", "hybrid"]
RRF_K = 5
DENSE_WEIGHT = 1.0
ARTICLE_BOOST = 0.0
HEAD_WEIGHT = 0.75
"""Weight of the third list: vectors of heading path + first sentence (dev set hit@3 +0.04, MRR +0.03)."""
QUESTION_WEIGHT = 1.5
"""Weight of the fourth list: the authored questions each section answers, matched question to question.
With it (and k 20 -> 5) the held-out set, never tuned on, rose from hit@3 0.65 / MRR 0.59 to 0.80 / 0.74; weights
1–1.5 and k 5–10 were all within 0.02 of each other on the dev and held-out sets together."""
CANDIDATES = 50


@dataclass(frozen=True)
class Hit:
    passage: Passage
    score: float
    """Fused score (RRF), or the single method's score."""
    bm25: float
    dense: float
    bm25_rank: int | None
    dense_rank: int | None


@dataclass(frozen=True)
class SearchResult:
    query: str
    hits: list[Hit]
    terms: list[str]
    """The analysed query terms (for highlighting)."""
    mode: Mode
    top_dense: float
    """Cosine of the best passage (0 without a model): the main confidence signal."""
    coverage: float
    """Share of query terms that occur in the corpus at all."""
    timings: dict[str, float] = field(default_factory=dict)
    query_vector: npt.NDArray[np.float32] | None = None


def rrf(rankings: Sequence[Sequence[int]], k: int = RRF_K, weights: Sequence[float] | None = None) -> dict[int, float]:
    """Reciprocal-rank fusion: each list adds weight/(k + rank) for the documents it ranks (rank from 1)."""
    fused: dict[int, float] = {}
    for n, ranking in enumerate(rankings):
        w = weights[n] if weights else 1.0
        for rank, doc in enumerate(ranking, start=1):
            fused[doc] = fused.get(doc, 0.0) + w / (k + rank)
    return fused


class SearchIndex:
    """Passages with their BM25 index and (optionally) their vectors; read-only once built."""

    def __init__(self, passages: Sequence[Passage], vectors: npt.NDArray[np.float32] | None,
                 embedder: Embedder | None, split_compounds: bool = True, ann_backend: str = "faiss",
                 head_vectors: npt.NDArray[np.float32] | None = None,
                 sentence_vectors: npt.NDArray[np.float32] | None = None,
                 questions: Sequence[SectionQuestion] = (),
                 question_vectors: npt.NDArray[np.float32] | None = None) -> None:
        self.passages = list(passages)
        self._position = {p.id: i for i, p in enumerate(self.passages)}
        self.dense_weight = DENSE_WEIGHT
        self.article_boost = ARTICLE_BOOST
        self.embedder = embedder if vectors is not None else None
        texts = [p.index_text for p in self.passages]
        self.analyzer = Analyzer(vocabulary(texts), split_compounds=split_compounds)
        # Title and heading count twice (a field weight): they name what the passage is about.
        self.bm25 = BM25([self.analyzer.terms(p.index_text) + self.analyzer.terms(f"{p.title} {p.heading}")
                          for p in self.passages])
        self.ann: ANN | None = make_ann(vectors, ann_backend) if vectors is not None and len(vectors) else None
        self.head_ann: ANN | None = (
            make_ann(head_vectors, ann_backend) if self.ann is not None and head_vectors is not None else None
        )
        self.head_weight = HEAD_WEIGHT
        self.sentence_vectors = sentence_vectors if self.ann is not None else None
        self.sentence_offsets = np.cumsum([0] + [len(p.sentences) for p in self.passages])
        # Analysed once here rather than on every query: choosing sentences to highlight needs them each time.
        self._sentence_terms = [tuple(frozenset(self.analyzer.terms(s)) for s in p.sentences) for p in self.passages]
        self._passage_terms = [frozenset(self.analyzer.terms(p.index_text)) for p in self.passages]
        self.questions = list(questions)
        self.question_ann: ANN | None = (
            make_ann(question_vectors, ann_backend)
            if self.ann is not None and question_vectors is not None and len(question_vectors) else None
        )
        self.question_weight = QUESTION_WEIGHT
        by_section: dict[tuple[str, str], list[int]] = {}
        for i, p in enumerate(self.passages):
            by_section.setdefault((p.article_id, p.anchor), []).append(i)
        self._question_passages = [by_section.get((q.article_id, q.anchor), []) for q in self.questions]
        # Synonym expansion helps BM25 alone (dev set MRR 0.63 -> 0.66) but hurts the hybrid (0.79 -> 0.76):
        # the dense side already bridges everyday words, so expansion only adds noise there.
        self.expand = self.ann is None

    def _article_boost(self, fused: dict[int, float]) -> dict[int, float]:
        """Add a share of the best *other* passage of the same article: an article that matches in several places
        is more likely the one that answers (it is about the topic, not just mentioning it)."""
        if not self.article_boost:
            return fused
        best: dict[str, list[float]] = {}
        for i, s in fused.items():
            best.setdefault(self.passages[i].article_id, []).append(s)
        for scores in best.values():
            scores.sort(reverse=True)
        out = {}
        for i, s in fused.items():
            scores = best[self.passages[i].article_id]
            other = scores[1] if scores[0] == s and len(scores) > 1 else scores[0] if scores[0] != s else 0.0
            out[i] = s + self.article_boost * other
        return out

    def sentence_terms(self, passage: Passage) -> tuple[frozenset[str], ...]:
        """The analysed terms of each sentence of `passage`."""
        i = self._position.get(passage.id)
        if i is None:
            return tuple(frozenset(self.analyzer.terms(s)) for s in passage.sentences)
        return self._sentence_terms[i]

    def passage_terms(self, passage: Passage) -> frozenset[str]:
        """The analysed terms of `passage` (title and heading included)."""
        i = self._position.get(passage.id)
        return self._passage_terms[i] if i is not None else frozenset(self.analyzer.terms(passage.index_text))

    def sentence_similarities(self, passage: Passage, qvec: npt.NDArray[np.float32]) -> npt.NDArray[np.float32] | None:
        """Cosine of each sentence of `passage` with the query, when sentence vectors were built."""
        if self.sentence_vectors is None:
            return None
        i = self._position.get(passage.id)
        if i is None:
            return None
        start, end = int(self.sentence_offsets[i]), int(self.sentence_offsets[i + 1])
        sims: npt.NDArray[np.float32] = self.sentence_vectors[start:end] @ qvec
        return sims

    def _question_order(self, qvec: npt.NDArray[np.float32], n: int, dense_order: list[int]) -> list[int]:
        """Passages ranked by how close the query is to a question their section answers; within a section,
        by the passage's own dense rank."""
        if self.question_ann is None:
            return []
        _, ids = self.question_ann.search(qvec, n)
        dense_rank = {d: r for r, d in enumerate(dense_order)}
        order: list[int] = []
        seen: set[int] = set()
        for q in ids:
            for i in sorted(self._question_passages[int(q)], key=lambda i: dense_rank.get(i, len(dense_rank))):
                if i not in seen:
                    seen.add(i)
                    order.append(i)
        return order[:n]

    @property
    def dense_available(self) -> bool:
        return self.ann is not None and self.embedder is not None

    def search(self, query: str, k: int = 10, mode: Mode = "hybrid", rrf_k: int = RRF_K) -> SearchResult:
        import time

        t0 = time.perf_counter()
        terms = self.analyzer.terms(query)
        bm25_scores = self.bm25.scores(terms + expand(terms) if self.expand else terms)
        n = min(CANDIDATES, len(self.passages))
        bm25_order = [int(i) for i in np.argsort(-bm25_scores, kind="stable")[:n] if bm25_scores[i] > 0]
        t1 = time.perf_counter()
        dense_scores: dict[int, float] = {}
        qvec: npt.NDArray[np.float32] | None = None
        dense_order: list[int] = []
        head_order: list[int] = []
        question_order: list[int] = []
        if mode != "bm25" and self.dense_available:
            assert self.embedder is not None and self.ann is not None
            qvec = self.embedder.queries([query])[0]
            t2 = time.perf_counter()
            scores, ids = self.ann.search(qvec, n)
            dense_order = [int(i) for i in ids]
            dense_scores = {int(i): float(s) for i, s in zip(ids, scores, strict=True)}
            head_order = [int(i) for i in self.head_ann.search(qvec, n)[1]] if self.head_ann is not None else []
            question_order = self._question_order(qvec, n, dense_order)
        else:
            t2 = time.perf_counter()
        if mode == "bm25" or not dense_order:
            effective: Mode = "bm25"
            ranked = [(i, float(bm25_scores[i])) for i in bm25_order]
        elif mode == "dense":
            effective = "dense"
            ranked = [(i, dense_scores[i]) for i in dense_order]
        else:
            effective = "hybrid"
            fused = rrf([bm25_order, dense_order, head_order, question_order], rrf_k,
                        (1.0, self.dense_weight, self.head_weight, self.question_weight))
            ranked = sorted(self._article_boost(fused).items(), key=lambda kv: -kv[1])
        bm25_rank = {d: r for r, d in enumerate(bm25_order, start=1)}
        dense_rank = {d: r for r, d in enumerate(dense_order, start=1)}
        hits = [
            Hit(self.passages[i], s, float(bm25_scores[i]), dense_scores.get(i, 0.0),
                bm25_rank.get(i), dense_rank.get(i))
            for i, s in ranked[:k]
        ]
        t3 = time.perf_counter()
        top_dense = dense_scores[dense_order[0]] if dense_order else 0.0
        timings = {"bm25": t1 - t0, "embed": t2 - t1, "ann_fusion": t3 - t2}
        return SearchResult(query, hits, terms, effective, top_dense, self.bm25.coverage(terms), timings, qvec)
