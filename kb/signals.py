"""The signals answer assembly reads from search, behind one small interface.

`assistant.qa` picks sentences to highlight and decides how sure an answer is; both need per-sentence cosines,
analysed terms and term weights. Served from here, the answer code never reaches into the index's internals
(BM25 tables, vector matrices, offsets). `SearchIndex` keeps its old members as the implementation.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from kb.chunk import Passage

if TYPE_CHECKING:
    from kb.search import SearchIndex


@dataclass(frozen=True)
class SentenceSignals:
    index: SearchIndex

    @property
    def has_sentence_vectors(self) -> bool:
        return self.index.sentence_vectors is not None

    def term_weights(self, terms: Iterable[str]) -> dict[str, float]:
        """Query terms weighted by idf; a term the corpus never uses weighs most, since nothing here explains it."""
        bm25 = self.index.bm25
        unseen = math.log(1 + (bm25.n + 0.5) / 0.5)
        return {t: bm25.idf.get(t, unseen) for t in set(terms)}

    def sentence_similarities(self, passage: Passage,
                              query_vector: npt.NDArray[np.float32]) -> npt.NDArray[np.float32] | None:
        """Cosine of each sentence with the query (None without sentence vectors)."""
        return self.index.sentence_similarities(passage, query_vector)

    def answer_similarity(self, passage: Passage, query_vector: npt.NDArray[np.float32]) -> float | None:
        """Cosine of the passage's authored short answer with the query (None without one or without vectors)."""
        return self.index.answer_similarity(passage, query_vector)

    def answer_terms(self, passage: Passage) -> frozenset[str]:
        """The analysed terms of the passage's authored short answer."""
        return self.index.answer_terms(passage)

    def sentence_terms(self, passage: Passage) -> tuple[frozenset[str], ...]:
        return self.index.sentence_terms(passage)

    def passage_terms(self, passage: Passage) -> frozenset[str]:
        return self.index.passage_terms(passage)

    def coverage(self, weights: dict[str, float], present: frozenset[str]) -> float:
        """Share of the query's term weight that `present` covers."""
        total = sum(weights.values())
        return sum(w for t, w in weights.items() if t in present) / total if total > 0 else 0.0
