"""Embedding cache: vectors by model and text hash, so a changed article re-embeds only its own texts.

One `.npz` file per model (keys and vectors), replaced atomically. A cache that does not read back cleanly is
ignored, never trusted: the worst it can cost is a full build.
"""

from __future__ import annotations

import hashlib
import os
import uuid
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from kb.embed import Embedder
from kb.retrievers import Encode, Vectors


def text_key(text: str, as_query: bool) -> str:
    return hashlib.sha256(("q\0" if as_query else "p\0").encode() + text.encode("utf-8")).hexdigest()


class EmbeddingCache:
    def __init__(self, path: Path | None, dim: int) -> None:
        self.path, self.dim = path, dim
        self.vectors: dict[str, Vectors] = {}
        self.used: set[str] = set()
        self.embedded = 0
        if path is not None:
            self._read(path)

    def _read(self, path: Path) -> None:
        try:
            with np.load(path, allow_pickle=False) as data:
                keys, vectors = data["keys"], data["vectors"]
        except (OSError, ValueError, KeyError, EOFError):
            return
        if (vectors.dtype != np.float32 or vectors.ndim != 2 or vectors.shape != (len(keys), self.dim)
                or not np.isfinite(vectors).all()):
            return
        self.vectors = {str(k): v for k, v in zip(keys, vectors, strict=True)}

    def encoder(self, embedder: Embedder, progress: Callable[[int], None] | None = None) -> Encode:
        """An `Encode` that embeds only texts the cache lacks, in one call per request (batches as before)."""

        def encode(texts: Sequence[str], as_query: bool) -> Vectors:
            keys = [text_key(t, as_query) for t in texts]
            self.used.update(keys)
            missing = list(dict.fromkeys(k for k in keys if k not in self.vectors))
            if progress and len(texts) - len(missing):
                progress(len(texts) - len(missing))
            if missing:
                first = {k: t for k, t in zip(keys, texts, strict=True)}
                batch = [first[k] for k in missing]
                each = self._queries_each
                new = each(embedder, batch, progress) if as_query else embedder.passages(batch, progress)
                self.embedded += len(batch)
                self.vectors.update(zip(missing, np.asarray(new, np.float32), strict=True))
            if not keys:
                return np.zeros((0, embedder.dim), np.float32)
            return np.stack([self.vectors[k] for k in keys]).astype(np.float32)

        return encode

    @staticmethod
    def _queries_each(embedder: Embedder, texts: list[str], progress: Callable[[int], None] | None) -> Vectors:
        """Each text alone (as at search time); in parallel when the embedder can (`queries_each`)."""
        each = getattr(embedder, "queries_each", None)
        if each is not None:
            vectors: Vectors = each(texts, progress)
            return vectors
        out = []
        for text in texts:
            out.append(embedder.queries([text]))
            if progress:
                progress(1)
        return np.concatenate(out)

    def save(self) -> None:
        """Keep what this build used (dropping texts that no longer exist), written to a temp file then renamed."""
        if self.path is None:
            return
        keys = sorted(self.used & self.vectors.keys())
        vectors = np.stack([self.vectors[k] for k in keys]) if keys else np.zeros((0, self.dim), np.float32)
        tmp = self.path.with_name(f".{self.path.name}.{uuid.uuid4().hex[:8]}.npz")
        try:
            np.savez(tmp, keys=np.array(keys, dtype=str), vectors=vectors.astype(np.float32))
            os.replace(tmp, self.path)
        finally:
            tmp.unlink(missing_ok=True)
