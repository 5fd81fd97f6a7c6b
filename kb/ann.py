"""Nearest neighbours by inner product on normalised vectors: faiss when installed, numpy otherwise.

The corpus is a few hundred passages, so an exact flat index is both fastest and simplest; the interface is the
seam where a larger engine could replace it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

import numpy as np
import numpy.typing as npt

Vectors = npt.NDArray[np.float32]


class ANN(Protocol):
    def search(self, query: Vectors, k: int) -> tuple[npt.NDArray[np.float32], npt.NDArray[np.int64]]: ...


class NumpyANN:
    def __init__(self, vectors: Vectors) -> None:
        self.vectors = np.ascontiguousarray(vectors, dtype=np.float32)

    def search(self, query: Vectors, k: int) -> tuple[npt.NDArray[np.float32], npt.NDArray[np.int64]]:
        scores = self.vectors @ query.reshape(-1)
        k = min(k, len(scores))
        top = np.argpartition(-scores, k - 1)[:k] if k else np.zeros(0, np.int64)
        top = top[np.argsort(-scores[top])]
        return scores[top].astype(np.float32), top.astype(np.int64)


class FaissANN:
    def __init__(self, vectors: Vectors) -> None:
        import faiss

        self.index = faiss.IndexFlatIP(vectors.shape[1])
        self.index.add(np.ascontiguousarray(vectors, dtype=np.float32))
        self.size = vectors.shape[0]

    def search(self, query: Vectors, k: int) -> tuple[npt.NDArray[np.float32], npt.NDArray[np.int64]]:
        k = min(k, self.size)
        scores, ids = self.index.search(np.ascontiguousarray(query.reshape(1, -1), dtype=np.float32), k)
        return scores[0], ids[0].astype(np.int64)


def make_ann(vectors: Vectors, backend: str = "faiss") -> ANN:
    """Factory: faiss if asked for and importable, else the numpy fallback."""
    if backend == "faiss":
        try:
            return FaissANN(vectors)
        except ImportError:
            pass
    return NumpyANN(vectors)


def save_vectors(path: Path, vectors: Vectors) -> None:
    np.save(path, vectors.astype(np.float32))


def load_vectors(path: Path) -> Vectors:
    vectors: Vectors = np.load(path).astype(np.float32)
    return vectors
