"""Sentence vectors: pick the sentences to highlight when the question shares no words with them; as a ranking
signal, passages by their best sentence."""

from __future__ import annotations

import numpy as np

from kb.retrievers import Corpus, Query, Ranking, Vectors
from kb.retrievers.vectors import VectorRetriever


class SentenceVectors(VectorRetriever):
    name = "sentences"

    def texts(self, corpus: Corpus) -> list[str]:
        return [f"{p.title}: {s}" for p in corpus.passages for s in p.sentences]

    def use(self, corpus: Corpus, vectors: Vectors) -> None:
        super().use(corpus, vectors)
        self.owner = np.repeat(np.arange(len(corpus.passages)), np.diff(corpus.sentence_offsets))

    def rank(self, query: Query, n: int) -> Ranking:
        if self.vectors is None or query.vector is None or not len(self.vectors):
            return Ranking([], [])
        sims = self.vectors @ query.vector
        best: dict[int, float] = {}
        for s in np.argsort(-sims, kind="stable"):
            p = int(self.owner[s])
            if p not in best:
                best[p] = float(sims[s])
                if len(best) == n:
                    break
        return Ranking(list(best), list(best.values()))
