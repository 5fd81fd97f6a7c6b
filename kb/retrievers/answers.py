"""Authored short answers: each section's point in a sentence or two (front matter `svar`), one vector per passage
that has one.

A ranking signal (a summary written to be found matches questions that the section's wording does not), and the
short answer weighs an authored answer against the passage's own sentences by the same cosine (`kb.shortanswer`).
"""

from __future__ import annotations

import numpy as np

from kb.retrievers import Corpus, Query, Ranking, Vectors
from kb.retrievers.vectors import VectorRetriever


class AnswerVectors(VectorRetriever):
    name = "answers"

    def texts(self, corpus: Corpus) -> list[str]:
        return [f"{p.title}: {p.answer}" for p in corpus.passages if p.answer]

    def use(self, corpus: Corpus, vectors: Vectors) -> None:
        super().use(corpus, vectors)
        owners = [i for i, p in enumerate(corpus.passages) if p.answer]
        self.row = {passage: row for row, passage in enumerate(owners)}
        self.owner = np.array(owners, dtype=np.int64)

    def similarity(self, passage: int, vector: Vectors) -> float | None:
        """Cosine of the passage's authored answer with the query; None when the passage has none."""
        row = self.row.get(passage)
        if row is None or self.vectors is None:
            return None
        return float(self.vectors[row] @ vector)

    def rank(self, query: Query, n: int) -> Ranking:
        ids, scores = self.search(query, n)
        return Ranking([int(self.owner[i]) for i in ids], scores)
