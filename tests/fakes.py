"""Test doubles shared by the test packages."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Sequence

import numpy as np

from kb.embed import Vectors


class FakeEmbedder:
    """Deterministic hashed bag of word prefixes: shares words -> similar vectors. For tests only."""

    def __init__(self, dim: int = 64) -> None:
        self.name, self.version, self.dim = "fake", "1", dim

    def _vec(self, text: str) -> Vectors:
        v = np.zeros(self.dim, np.float32)
        for w in re.findall(r"\w+", text.lower()):
            v[int(hashlib.md5(w[:5].encode()).hexdigest(), 16) % self.dim] += 1.0
        n = float(np.linalg.norm(v))
        return v / n if n else v

    def queries(self, texts: Sequence[str]) -> Vectors:
        return np.stack([self._vec(t) for t in texts]) if texts else np.zeros((0, self.dim), np.float32)

    def passages(self, texts: Sequence[str], progress: Callable[[int], None] | None = None) -> Vectors:
        if progress:
            progress(len(texts))
        return self.queries(texts)
