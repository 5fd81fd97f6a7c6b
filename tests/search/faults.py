"""Helpers for the index fault suite: the fixture corpus, fake embedders and ways to damage a built index."""

from __future__ import annotations

import functools
import hashlib
import json
import threading
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from kb.embed import Vectors
from kb.index import MANIFEST, file_entry, index_folder
from kb.loader import load_content
from kb.models import Content
from tests.conftest import FIXTURE_CONTENT
from tests.fakes import FakeEmbedder

QUERY = "Vilka aktörer samverkar?"
EXPECTED = "vad-ar-sib.aktorer.1"


@functools.cache
def fixture_content() -> Content:
    """Loaded once per session: tests only read it (edits go through dataclasses.replace)."""
    return load_content(FIXTURE_CONTENT)


class CountingEmbedder(FakeEmbedder):
    """The fake embedder, counting the texts it embeds; `gate` (when given) holds passage embedding until set."""

    def __init__(self, dim: int = 64, gate: threading.Event | None = None, version: str = "1") -> None:
        super().__init__(dim)
        self.version = version
        self.embedded = 0
        self.gate = gate
        self.lock = threading.Lock()

    def passages(self, texts: Sequence[str], progress: Callable[[int], None] | None = None) -> Vectors:
        if self.gate is not None:
            assert self.gate.wait(30), "the test never opened the gate"
        with self.lock:
            self.embedded += len(texts)
        return super().passages(texts, progress)


def folder(root: Path, embedder: FakeEmbedder) -> Path:
    return index_folder(root, embedder).resolve()


def rehash(index_dir: Path, name: str) -> None:
    """Make the manifest agree with a file changed on purpose, so only the deeper checks can catch the damage."""
    manifest = json.loads((index_dir / MANIFEST).read_text(encoding="utf-8"))
    manifest["files"][name] = file_entry(index_dir / name)
    (index_dir / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")


def truncate(index_dir: Path) -> None:
    path = index_dir / "passages.npy"
    path.write_bytes(path.read_bytes()[:200])


def truncate_rows(index_dir: Path) -> None:
    """Fewer rows than passages, with a manifest that agrees (hashes alone cannot catch it)."""
    np.save(index_dir / "passages.npy", np.load(index_dir / "passages.npy")[:1])
    rehash(index_dir, "passages.npy")


def missing(index_dir: Path) -> None:
    (index_dir / "headings.npy").unlink()


def shuffle_rows(index_dir: Path) -> None:
    vectors = np.load(index_dir / "passages.npy")
    np.save(index_dir / "passages.npy", vectors[::-1].copy())


def shuffle_passages(index_dir: Path) -> None:
    path = index_dir / "passages.json"
    path.write_text(json.dumps(json.loads(path.read_text(encoding="utf-8"))[::-1], ensure_ascii=False),
                    encoding="utf-8")
    rehash(index_dir, "passages.json")


def swap_files(index_dir: Path) -> None:
    a, b = index_dir / "passages.npy", index_dir / "headings.npy"
    data = a.read_bytes()
    a.write_bytes(b.read_bytes())
    b.write_bytes(data)


def wrong_dimension(index_dir: Path) -> None:
    vectors = np.load(index_dir / "passages.npy")
    np.save(index_dir / "passages.npy", vectors[:, :32].copy())
    rehash(index_dir, "passages.npy")


def nan(index_dir: Path) -> None:
    vectors = np.load(index_dir / "passages.npy")
    vectors[0, 0] = np.nan
    np.save(index_dir / "passages.npy", vectors)
    rehash(index_dir, "passages.npy")


def garble(index_dir: Path) -> None:
    path = index_dir / "passages.json"
    data = bytearray(path.read_bytes())
    data[40:48] = b"\xff\xfe\x00garb"
    path.write_bytes(bytes(data))


def garble_manifest(index_dir: Path) -> None:
    (index_dir / MANIFEST).write_bytes(b"{not json")


def other_content(index_dir: Path) -> None:
    manifest = json.loads((index_dir / MANIFEST).read_text(encoding="utf-8"))
    manifest["content_hash"] = hashlib.sha256(b"other").hexdigest()
    (index_dir / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")


def other_model(index_dir: Path) -> None:
    manifest = json.loads((index_dir / MANIFEST).read_text(encoding="utf-8"))
    manifest["model_version"] = "0"
    (index_dir / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")


DAMAGE: dict[str, tuple[Callable[[Path], None], str]] = {
    "truncated file": (truncate, "kontrollsumma"),
    "truncated rows, manifest rehashed": (truncate_rows, "formen"),
    "missing file": (missing, "headings.npy saknas"),
    "shuffled vector rows": (shuffle_rows, "kontrollsumma"),
    "shuffled passages.json, rehashed": (shuffle_passages, "passages.json"),
    "vectors swapped between files": (swap_files, "kontrollsumma"),
    "wrong dimension, rehashed": (wrong_dimension, "formen"),
    "NaN values, rehashed": (nan, "ogiltiga tal"),
    "garbled bytes": (garble, "passages.json"),
    "garbled manifest": (garble_manifest, "manifest"),
    "manifest from other content": (other_content, "innehållet"),
    "manifest from another model": (other_model, "modellversionen"),
}
"""Fault -> (how to cause it, words the reason must contain)."""
