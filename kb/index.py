"""Build, save and load the search index, with a manifest that makes a stale index impossible to use silently.

The manifest records the model (name and version), the content hash and the chunking version; loading compares them
with what is running now. A mismatch is either rebuilt (at start, by default) or refused with a message saying why.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import Any

import numpy as np

from kb.ann import load_vectors, save_vectors
from kb.chunk import Passage, SectionQuestion, chunk_content, section_questions
from kb.citations import Citation
from kb.embed import Embedder
from kb.models import Content
from kb.search import SearchIndex

FORMAT = 1
CHUNK_VERSION = "4"
MANIFEST = "manifest.json"
PASSAGES = "passages.json"
VECTORS = "vectors.npy"
HEAD_VECTORS = "head_vectors.npy"
SENTENCE_VECTORS = "sentence_vectors.npy"
QUESTIONS = "questions.json"
QUESTION_VECTORS = "question_vectors.npy"
FILES = (PASSAGES, QUESTIONS, VECTORS, HEAD_VECTORS, SENTENCE_VECTORS, QUESTION_VECTORS)


class StaleIndex(Exception):
    """The index on disk does not belong to this content or model; the message says why (in Swedish)."""


def expected_manifest(content: Content, embedder: Embedder | None) -> dict[str, Any]:
    return {
        "format": FORMAT, "chunking": CHUNK_VERSION, "content_hash": content.content_hash,
        "model": embedder.name if embedder else "none", "model_version": embedder.version if embedder else "",
        "dim": embedder.dim if embedder else 0,
    }


def read_manifest(index_dir: Path) -> dict[str, Any] | None:
    path = index_dir / MANIFEST
    if not path.exists():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError):
        return None
    return data if isinstance(data, dict) else None


def staleness(index_dir: Path, content: Content, embedder: Embedder | None) -> str | None:
    """Why the index in `index_dir` cannot be used for this content and model, or None when it can."""
    manifest = read_manifest(index_dir)
    if manifest is None:
        return f"Sökindexet saknas i {index_dir}."
    want = expected_manifest(content, embedder)
    labels = {"format": "indexformatet", "chunking": "styckesindelningen", "content_hash": "innehållet",
              "model": "embeddingmodellen", "model_version": "modellversionen", "dim": "vektorstorleken"}
    for key, label in labels.items():
        if manifest.get(key) != want[key]:
            return (f"Sökindexet är inaktuellt: {label} har ändrats "
                    f"(index: {manifest.get(key)!r}, nu: {want[key]!r}). Kör `sibguide index`.")
    return None


def _passage_json(p: Passage) -> dict[str, Any]:
    data = asdict(p)
    data["citations"] = [asdict(c) for c in p.citations]
    return data


def _passage_from(data: dict[str, Any]) -> Passage:
    data = dict(data)
    data["citations"] = tuple(Citation(**c) for c in data["citations"])
    data["sentences"] = tuple(data["sentences"])
    return Passage(**data)


def build_index(content: Content, embedder: Embedder | None, index_dir: Path,
                progress: Callable[[int, int], None] | None = None) -> dict[str, Any]:
    """Chunk, embed and write the index; files go to a temp folder first so a crash never leaves half an index."""
    passages = chunk_content(content)
    questions = section_questions(content)
    done = 0

    sentences = [f"{p.title}: {s}" for p in passages for s in p.sentences]
    total = 2 * len(passages) + len(sentences) + len(questions) if embedder is not None else len(passages)

    def step(n: int) -> None:
        nonlocal done
        done += n
        if progress:
            progress(done, total)

    tmp = index_dir.with_name(index_dir.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    (tmp / PASSAGES).write_text(json.dumps([_passage_json(p) for p in passages], ensure_ascii=False), encoding="utf-8")
    (tmp / QUESTIONS).write_text(json.dumps([asdict(q) for q in questions], ensure_ascii=False), encoding="utf-8")
    if embedder is not None:
        save_vectors(tmp / VECTORS, embedder.passages([p.index_text for p in passages], step))
        save_vectors(tmp / HEAD_VECTORS, embedder.passages([p.head_text for p in passages], step))
        # Sentence vectors pick the sentences to highlight when the question shares no words with them.
        save_vectors(tmp / SENTENCE_VECTORS, embedder.passages(sentences, step))
        # Authored questions are embedded as queries, one at a time exactly as a user's question is at search time
        # (int8 activations are quantised per batch), and matched question to question.
        qvecs = np.zeros((0, embedder.dim), np.float32)
        if questions:
            qvecs = np.concatenate([embedder.queries([q.text]) for q in questions])
        step(len(questions))
        save_vectors(tmp / QUESTION_VECTORS, qvecs)
    else:
        step(len(passages))
    manifest = {**expected_manifest(content, embedder), "passages": len(passages),
                "built_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds")}
    (tmp / MANIFEST).write_text(json.dumps(manifest, indent=2, ensure_ascii=False), encoding="utf-8")
    index_dir.mkdir(parents=True, exist_ok=True)
    for name in (MANIFEST, *FILES):
        (index_dir / name).unlink(missing_ok=True)
    # The manifest goes last: its presence marks a complete index.
    for name in (*FILES, MANIFEST):
        if (tmp / name).exists():
            shutil.move(str(tmp / name), str(index_dir / name))
    shutil.rmtree(tmp, ignore_errors=True)
    return manifest


def load_index(index_dir: Path, content: Content, embedder: Embedder | None) -> SearchIndex:
    """Load a fresh index; raises StaleIndex (with the reason) for a missing, stale or mismatched one."""
    problem = staleness(index_dir, content, embedder)
    if problem:
        raise StaleIndex(problem)
    raw = json.loads((index_dir / PASSAGES).read_text(encoding="utf-8"))
    passages = [_passage_from(p) for p in raw]
    vectors = load_vectors(index_dir / VECTORS) if embedder is not None else None
    head = load_vectors(index_dir / HEAD_VECTORS) if embedder is not None else None
    sentences = load_vectors(index_dir / SENTENCE_VECTORS) if embedder is not None else None
    questions = [SectionQuestion(**q) for q in json.loads((index_dir / QUESTIONS).read_text(encoding="utf-8"))]
    qvecs = load_vectors(index_dir / QUESTION_VECTORS) if embedder is not None else None
    return SearchIndex(passages, vectors, embedder, head_vectors=head, sentence_vectors=sentences,
                       questions=questions, question_vectors=qvecs)


def ensure_index(content: Content, embedder: Embedder | None, index_dir: Path, rebuild: bool = True,
                 progress: Callable[[int, int], None] | None = None) -> SearchIndex:
    """Load the index, rebuilding it first when missing or stale (or refusing, when `rebuild` is off)."""
    problem = staleness(index_dir, content, embedder)
    if problem and not rebuild:
        raise StaleIndex(problem)
    if problem:
        build_index(content, embedder, index_dir, progress)
    return load_index(index_dir, content, embedder)
