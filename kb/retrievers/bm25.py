"""BM25 over the Swedish-analysed passage text, with title and heading counted twice (a field weight)."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from kb.bm25 import BM25
from kb.retrievers import Corpus, Encode, Query, Ranking


class BM25Retriever:
    """Built in memory in about a second, so never stored: nothing on disk can make it lie."""

    name = "bm25"
    needs_vector = False

    def __init__(self) -> None:
        self.bm25 = BM25([])

    def build(self, corpus: Corpus, encode: Encode | None = None) -> None:
        a = corpus.analyzer
        self.bm25 = BM25([a.terms(p.index_text) + a.terms(f"{p.title} {p.heading}") for p in corpus.passages])

    def save(self, folder: Path) -> list[str]:
        return []

    def load(self, folder: Path, corpus: Corpus, dim: int) -> None:
        self.build(corpus)

    def rank(self, query: Query, n: int) -> Ranking:
        scores = query.lexical_scores if query.lexical_scores is not None else self.bm25.scores(query.lexical_terms)
        order = [int(i) for i in np.argsort(-scores, kind="stable")[:n] if scores[i] > 0]
        return Ranking(order, [float(scores[i]) for i in order])
