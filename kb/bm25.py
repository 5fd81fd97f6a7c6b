"""Okapi BM25 over analysed passages: small, exact, and fast enough for a few thousand passages."""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt


class BM25:
    """Okapi BM25 (k1, b) with postings lists; `scores` returns one score per document."""

    def __init__(self, docs: Sequence[Sequence[str]], k1: float = 1.2, b: float = 0.75) -> None:
        self.n = len(docs)
        self.k1, self.b = k1, b
        lengths = np.array([len(d) for d in docs], dtype=np.float32)
        avg = float(lengths.mean()) if self.n else 1.0
        self.norm = k1 * (1 - b + b * lengths / max(avg, 1e-9))
        postings: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for i, doc in enumerate(docs):
            for term, tf in Counter(doc).items():
                postings[term].append((i, tf))
        self.postings = {
            t: (np.array([i for i, _ in p], dtype=np.int64), np.array([tf for _, tf in p], dtype=np.float32))
            for t, p in postings.items()
        }
        self.idf = {t: math.log(1 + (self.n - len(p) + 0.5) / (len(p) + 0.5)) for t, p in postings.items()}

    def scores(self, query: Sequence[str]) -> npt.NDArray[np.float32]:
        out = np.zeros(self.n, dtype=np.float32)
        for term, qtf in Counter(query).items():
            posting = self.postings.get(term)
            if posting is None:
                continue
            ids, tf = posting
            out[ids] += qtf * self.idf[term] * tf * (self.k1 + 1) / (tf + self.norm[ids])
        return out

    def coverage(self, query: Sequence[str]) -> float:
        """Share of the query's terms (by count of distinct terms) that occur anywhere in the corpus."""
        distinct = set(query)
        return sum(1 for t in distinct if t in self.postings) / len(distinct) if distinct else 0.0
