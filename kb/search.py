"""Hybrid retrieval: the retrievers' rankings fused by reciprocal rank, plus the sentence signals answers need.

Dense alone and BM25 alone were about equal on Swedish; fusion by rank (not by score, whose scales differ) was
best on every measure, so `hybrid` is the default and `bm25` / `dense` stay for measuring and for BM25-only mode.
Which signals exist and what they weigh lives in `kb.retrievers`; this module only fuses.
"""

from __future__ import annotations

import time
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
import numpy.typing as npt

from kb.analysis import Analyzer
from kb.bm25 import BM25
from kb.chunk import Passage, SectionQuestion
from kb.embed import Embedder
from kb.retrievers import CANDIDATES, RRF_K, WEIGHTS, Corpus, Query, Ranking, Retriever
from kb.retrievers.answers import AnswerVectors
from kb.retrievers.bm25 import BM25Retriever
from kb.retrievers.sentences import SentenceVectors
from kb.signals import SentenceSignals
from kb.synonyms import expand

Mode = Literal["bm25", "dense", "hybrid"]
DENSE = "passages"
"""The retriever whose cosine is a hit's `dense` score and the answer's main confidence signal."""
__all__ = ["CANDIDATES", "RRF_K", "Hit", "Mode", "SearchIndex", "SearchResult", "rrf"]


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
    """Passages and the retrievers built over them; read-only once built.

    Args:
        passages: the passages (or a `Corpus` that already holds them with their questions and analyser).
        retrievers: built retrievers; BM25 is added when missing. None means BM25 alone.
        weights: fusion weight per retriever name (default `kb.retrievers.WEIGHTS`; unknown names weigh 1).
        embedder: turns the query into a vector; without one, retrievers that need a vector are left out.
    """

    def __init__(self, passages: Sequence[Passage] | Corpus, retrievers: Sequence[Retriever] | None = None,
                 weights: Mapping[str, float] | None = None, *, embedder: Embedder | None = None) -> None:
        self.corpus = passages if isinstance(passages, Corpus) else Corpus(list(passages))
        self.passages = self.corpus.passages
        self.questions = self.corpus.questions
        self.analyzer: Analyzer = self.corpus.analyzer
        self._position = {p.id: i for i, p in enumerate(self.passages)}
        given = list(retrievers or [])
        if not any(r.name == "bm25" for r in given):
            lexical = BM25Retriever()
            lexical.build(self.corpus)
            given.insert(0, lexical)
        self.embedder = embedder if any(r.needs_vector for r in given) else None
        self.retrievers = [r for r in given if not r.needs_vector or self.embedder is not None]
        self.by_name = {r.name: r for r in self.retrievers}
        self.weights = {r.name: WEIGHTS.get(r.name, 1.0) for r in self.retrievers} | dict(weights or {})
        lexical_retriever = self.by_name["bm25"]
        assert isinstance(lexical_retriever, BM25Retriever)
        self.bm25: BM25 = lexical_retriever.bm25
        sentences = self.by_name.get("sentences")
        self._sentences = sentences if isinstance(sentences, SentenceVectors) else None
        self.sentence_vectors = self._sentences.vectors if self._sentences is not None else None
        answers = self.by_name.get("answers")
        self._answers = answers if isinstance(answers, AnswerVectors) else None
        self.sentence_offsets = self.corpus.sentence_offsets
        # Analysed once here rather than on every query: choosing sentences to highlight needs them each time.
        self._sentence_terms = [tuple(frozenset(self.analyzer.terms(s)) for s in p.sentences) for p in self.passages]
        self._passage_terms = [frozenset(self.analyzer.terms(p.index_text)) for p in self.passages]
        self._answer_terms = [frozenset(self.analyzer.terms(p.answer)) for p in self.passages]
        # Synonym expansion helps BM25 alone (dev set MRR 0.63 -> 0.66) but hurts the hybrid (0.79 -> 0.76):
        # the dense side already bridges everyday words, so expansion only adds noise there.
        self.expand = not self.dense_available

    @classmethod
    def from_vectors(cls, passages: Sequence[Passage], vectors: npt.NDArray[np.float32] | None,
                     embedder: Embedder | None, *, head_vectors: npt.NDArray[np.float32] | None = None,
                     sentence_vectors: npt.NDArray[np.float32] | None = None, questions: Sequence[SectionQuestion] = (),
                     question_vectors: npt.NDArray[np.float32] | None = None) -> SearchIndex:
        """The old constructor's shape (ready vectors per signal), for code and tests written against it."""
        from kb.retrievers.headings import HeadingVectors
        from kb.retrievers.passages import PassageVectors
        from kb.retrievers.questions import QuestionVectors

        corpus = Corpus(list(passages), list(questions))
        retrievers: list[Retriever] = []
        for retriever, given in ((PassageVectors(), vectors), (HeadingVectors(), head_vectors),
                                 (SentenceVectors(), sentence_vectors), (QuestionVectors(), question_vectors)):
            if given is not None and vectors is not None:
                retriever.use(corpus, given)
                retrievers.append(retriever)
        return cls(corpus, retrievers, embedder=embedder)

    @property
    def signals(self) -> SentenceSignals:
        """Highlighting and confidence signals for answer assembly (the members below stay as its implementation)."""
        return SentenceSignals(self)

    @property
    def dense_available(self) -> bool:
        return self.embedder is not None and DENSE in self.by_name

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

    def answer_terms(self, passage: Passage) -> frozenset[str]:
        """The analysed terms of the passage's authored short answer (empty without one)."""
        i = self._position.get(passage.id)
        return self._answer_terms[i] if i is not None else frozenset(self.analyzer.terms(passage.answer))

    def answer_similarity(self, passage: Passage, qvec: npt.NDArray[np.float32]) -> float | None:
        """Cosine of the passage's authored short answer with the query (None without one or without vectors)."""
        i = self._position.get(passage.id)
        if self._answers is None or i is None:
            return None
        return self._answers.similarity(i, qvec)

    def search(self, query: str, k: int = 10, mode: Mode = "hybrid", rrf_k: int = RRF_K,
               retrievers: Sequence[str] | None = None) -> SearchResult:
        """Rank passages for `query`. `retrievers` limits the fusion to those names (for measuring one signal or
        a subset); a single list keeps its own scores."""
        t0 = time.perf_counter()
        # Compatibility forms too: "å" sent as "a" + ring, or "ﬁ" as one ligature (PDFs), would split or hide words.
        query = unicodedata.normalize("NFKC", query)
        terms = self.analyzer.terms(query)
        q = Query(query, terms, lexical_terms=terms + expand(terms) if self.expand else terms)
        bm25_scores = self.bm25.scores(q.lexical_terms)
        n = min(CANDIDATES, len(self.passages))
        t1 = time.perf_counter()
        use_dense = mode != "bm25" and self.dense_available
        if use_dense:
            assert self.embedder is not None
            q.vector = self.embedder.queries([query])[0]
        t2 = time.perf_counter()
        q.lexical_scores = bm25_scores
        ranked_by: dict[str, Ranking] = {}
        for r in self.retrievers:
            asked = r.name in (retrievers or ()) or r.name in ("bm25", DENSE) or self.weights.get(r.name, 1.0) > 0
            if not asked or (r.needs_vector and q.vector is None):
                continue
            ranked_by[r.name] = r.rank(q, n)
            q.rankings[r.name] = ranked_by[r.name].ids
        dense = ranked_by.get(DENSE, Ranking([], []))
        dense_scores = dict(zip(dense.ids, dense.scores, strict=True))
        effective: Mode = "hybrid" if use_dense and dense.ids else "bm25"
        if mode == "bm25" or (mode == "dense" and not dense.ids):
            ranked = list(zip(ranked_by["bm25"].ids, ranked_by["bm25"].scores, strict=True))
        elif mode == "dense":
            effective = "dense"
            ranked = list(zip(dense.ids, dense.scores, strict=True))
        else:
            # Named retrievers are fused even at weight 0 (weighed 1 then): that is how a signal is measured.
            fused = [(name, r) for name, r in ranked_by.items()
                     if (name in retrievers if retrievers is not None else self.weights.get(name, 1.0) > 0)]
            if len(fused) == 1:  # one list keeps its own scores (BM25 alone: the lexical confidence uses them)
                ranked = list(zip(fused[0][1].ids, fused[0][1].scores, strict=True))
            else:
                weights = [self.weights.get(name, 1.0) or 1.0 for name, _ in fused]
                scores = rrf([r.ids for _, r in fused], rrf_k, weights)
                ranked = sorted(scores.items(), key=lambda kv: -kv[1])
        bm25_rank = {d: r for r, d in enumerate(ranked_by["bm25"].ids, start=1)}
        dense_rank = {d: r for r, d in enumerate(dense.ids, start=1)}
        hits = [Hit(self.passages[i], s, float(bm25_scores[i]), dense_scores.get(i, 0.0), bm25_rank.get(i),
                    dense_rank.get(i)) for i, s in ranked[:k]]
        t3 = time.perf_counter()
        top_dense = dense.scores[0] if dense.scores else 0.0
        timings = {"bm25": t1 - t0, "embed": t2 - t1, "ann_fusion": t3 - t2}
        return SearchResult(query, hits, terms, effective, top_dense, self.bm25.coverage(terms), timings, q.vector)
