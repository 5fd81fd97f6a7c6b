"""The common part of the vector retrievers: one matrix of normalised vectors, stored as one `.npy` file."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np

from kb.ann import ANN, make_ann
from kb.retrievers import Corpus, DamagedIndex, Encode, Query, Ranking, Vectors


def section_order(groups: Iterable[Sequence[int]], query: Query, n: int) -> Ranking:
    """Sections found best first -> their passages, each section's in the order the passage vectors ranked them (a
    vector that stands for a whole section says nothing about which of its passages fits best)."""
    if n <= 0:
        return Ranking([], [])
    dense_rank = query.rank_in("passages")
    order: list[int] = []
    seen: set[int] = set()
    last = len(dense_rank)
    for group in groups:
        # Most sections are one passage: no ordering to do.
        for i in group if len(group) == 1 else sorted(group, key=lambda i: dense_rank.get(i, last)):
            if i not in seen:
                seen.add(i)
                order.append(i)
                if len(order) == n:
                    return Ranking(order, [0.0] * n)
    return Ranking(order, [0.0] * len(order))


class VectorRetriever:
    """Subclasses say which texts to embed (`texts`) and how to embed them (`as_query`); ranking is by cosine."""

    name = "vectors"
    needs_vector = True
    as_query = False
    backend = "faiss"

    def __init__(self) -> None:
        self.vectors: Vectors | None = None
        self.ann: ANN | None = None

    @property
    def file(self) -> str:
        return f"{self.name}.npy"

    def texts(self, corpus: Corpus) -> list[str]:
        raise NotImplementedError

    def build(self, corpus: Corpus, encode: Encode | None) -> None:
        if encode is None:
            raise ValueError(f"{self.name}: vectors need a model")
        self.use(corpus, encode(self.texts(corpus), self.as_query))

    def use(self, corpus: Corpus, vectors: Vectors) -> None:
        """Take ready vectors (built now, loaded, or given by a test)."""
        self.vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        self.ann = make_ann(self.vectors, self.backend) if len(self.vectors) else None

    def save(self, folder: Path) -> list[str]:
        assert self.vectors is not None
        np.save(folder / self.file, self.vectors)
        return [self.file]

    def load(self, folder: Path, corpus: Corpus, dim: int) -> None:
        try:
            vectors = np.load(folder / self.file, allow_pickle=False)
        except (OSError, ValueError, EOFError) as exc:
            raise DamagedIndex(f"{self.file} går inte att läsa ({type(exc).__name__}).") from exc
        rows = len(self.texts(corpus))
        if vectors.dtype != np.float32 or vectors.ndim != 2:
            raise DamagedIndex(f"{self.file} har fel form eller typ ({vectors.dtype}, {vectors.ndim} dimensioner).")
        if vectors.shape != (rows, dim):
            raise DamagedIndex(f"{self.file} har formen {vectors.shape}, men innehållet och modellen kräver "
                               f"{(rows, dim)}.")
        if not np.isfinite(vectors).all():
            raise DamagedIndex(f"{self.file} innehåller ogiltiga tal (NaN eller oändligt).")
        self.use(corpus, vectors)

    def search(self, query: Query, n: int) -> tuple[list[int], list[float]]:
        if self.ann is None or query.vector is None:
            return [], []
        scores, ids = self.ann.search(query.vector, n)
        return [int(i) for i in ids], [float(s) for s in scores]

    def rank(self, query: Query, n: int) -> Ranking:
        ids, scores = self.search(query, n)
        return Ranking(ids, scores)
