"""Build, store and check the search index so that it cannot lie.

The manifest lists every stored file with its sha256, shape and dtype, plus the model (name, version, dimension),
the content hash, the chunking version and a digest of the texts each vector retriever embeds. Loading checks all
of it, and each retriever checks rows, dimension and finite values; any mismatch is a `StaleIndex` with the reason,
never a silently wrong ranking.

Folders are keyed by what they hold (`<root>/<model key>`), so different settings never overwrite each other. The
key is a symlink to a complete build folder: a build takes a lock, writes a unique temp folder and swaps the link
in one atomic rename, so readers see the old index or the new one, never half of one. BM25 alone is never stored:
it builds in memory in about a second.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import re
import shutil
import uuid
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import Any

import numpy as np

from kb.chunk import Passage, chunk_content, section_questions
from kb.embed import Embedder
from kb.locks import file_lock
from kb.models import Content
from kb.retrievers import Corpus, DamagedIndex, Retriever
from kb.retrievers.cache import EmbeddingCache
from kb.retrievers.registry import default_retrievers
from kb.search import SearchIndex

FORMAT = 2
CHUNK_VERSION = "6"
MANIFEST = "manifest.json"
PASSAGES = "passages.json"
Progress = Callable[[int, int], None]


class StaleIndex(Exception):
    """The index on disk is missing, stale or damaged for this content and model; the message says why (Swedish)."""


def folder_key(embedder: Embedder | None) -> str:
    """`bm25`, or the model's name plus a short hash of name, version and dimension."""
    if embedder is None:
        return "bm25"
    ident = f"{embedder.name}\0{embedder.version}\0{embedder.dim}"
    slug = re.sub(r"[^A-Za-z0-9._-]+", "-", embedder.name).strip("-")[:40] or "modell"
    return f"{slug}-{hashlib.sha256(ident.encode()).hexdigest()[:10]}"


def index_folder(root: Path, embedder: Embedder | None) -> Path:
    return root / folder_key(embedder)


def corpus_of(content: Content) -> Corpus:
    return Corpus(chunk_content(content), section_questions(content))


def passages_json(passages: list[Passage]) -> bytes:
    return json.dumps([asdict(p) for p in passages], ensure_ascii=False).encode("utf-8")


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def file_entry(path: Path) -> dict[str, Any]:
    entry: dict[str, Any] = {"sha256": sha256(path), "bytes": path.stat().st_size}
    if path.suffix == ".npy":
        array = np.load(path, mmap_mode="r", allow_pickle=False)
        entry |= {"shape": list(array.shape), "dtype": str(array.dtype)}
    return entry


def expected_manifest(content: Content, embedder: Embedder | None) -> dict[str, Any]:
    return {
        "format": FORMAT, "chunking": CHUNK_VERSION, "content_hash": content.content_hash,
        "model": embedder.name if embedder else "none", "model_version": embedder.version if embedder else "",
        "dim": embedder.dim if embedder else 0,
    }


def texts_digests(retrievers: list[Retriever], corpus: Corpus) -> dict[str, str]:
    """sha256 of the texts each vector retriever embeds (and how): a changed recipe ("title: sentence" becoming
    "title › heading: sentence") leaves rows and dimension as they were, so only this shows the vectors are stale."""
    out: dict[str, str] = {}
    for r in retrievers:
        texts = getattr(r, "texts", None)
        if callable(texts):
            recipe = f"as_query={getattr(r, 'as_query', False)}\n" + "\n".join(texts(corpus))
            out[r.name] = hashlib.sha256(recipe.encode()).hexdigest()
    return out


def read_manifest(folder: Path) -> dict[str, Any] | None:
    try:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return None
    return data if isinstance(data, dict) else None


LABELS = {"format": "indexformatet", "chunking": "styckesindelningen", "content_hash": "innehållet",
          "model": "embeddingmodellen", "model_version": "modellversionen", "dim": "vektorstorleken"}


def _check_files(folder: Path, manifest: dict[str, Any], corpus: Corpus) -> None:
    """Every listed file exists with its hash, shape and dtype; the passages are the ones chunked from content."""
    files = manifest.get("files")
    if not isinstance(files, dict) or PASSAGES not in files:
        raise DamagedIndex("manifestet listar inga filer.")
    if not (folder / PASSAGES).is_file():
        raise DamagedIndex(f"{PASSAGES} saknas.")
    fresh = hashlib.sha256(passages_json(corpus.passages)).hexdigest()
    if fresh != manifest.get("passages_sha256") or sha256(folder / PASSAGES) != fresh:
        raise DamagedIndex(f"{PASSAGES} innehåller inte de passager som innehållet delas upp i nu.")
    for name, entry in files.items():
        path = folder / name
        if not isinstance(entry, dict) or not path.is_file():
            raise DamagedIndex(f"{name} saknas.")
        if path.stat().st_size != entry.get("bytes") or sha256(path) != entry.get("sha256"):
            raise DamagedIndex(f"{name} stämmer inte med sin kontrollsumma (filen är ändrad eller trasig).")
        if path.suffix == ".npy":
            try:
                array = np.load(path, mmap_mode="r", allow_pickle=False)
            except (OSError, ValueError, EOFError) as exc:
                raise DamagedIndex(f"{name} går inte att läsa ({type(exc).__name__}).") from exc
            if list(array.shape) != entry.get("shape") or str(array.dtype) != entry.get("dtype"):
                raise DamagedIndex(f"{name} har formen {array.shape} {array.dtype}, manifestet säger "
                                   f"{entry.get('shape')} {entry.get('dtype')}.")


def load_index(root: Path, content: Content, embedder: Embedder | None) -> SearchIndex:
    """Load and check the index for this content and model; raises StaleIndex with the reason when it cannot."""
    corpus = corpus_of(content)
    if embedder is None:
        return SearchIndex(corpus)
    folder = index_folder(root, embedder).resolve()  # one build folder throughout, even if a build swaps meanwhile
    manifest = read_manifest(folder)
    if manifest is None:
        raise StaleIndex(f"Sökindexet saknas i {folder}." if not (folder / MANIFEST).exists()
                         else f"Sökindexets manifest i {folder} går inte att läsa.")
    want = expected_manifest(content, embedder)
    for key, label in LABELS.items():
        if manifest.get(key) != want[key]:
            raise StaleIndex(f"Sökindexet är inaktuellt: {label} har ändrats (index: {manifest.get(key)!r}, "
                             f"nu: {want[key]!r}).")
    retrievers = default_retrievers(dense=True)
    stored_texts = manifest.get("texts")
    for name, digest in texts_digests(retrievers, corpus).items():
        if not isinstance(stored_texts, dict) or stored_texts.get(name) != digest:
            raise StaleIndex(f"Sökindexet är inaktuellt: texterna som signalen {name!r} bäddar in har ändrats.")
    try:
        _check_files(folder, manifest, corpus)
        stored = manifest.get("retrievers", {})
        for r in retrievers:
            if not isinstance(stored, dict) or r.name not in stored:
                raise DamagedIndex(f"signalen {r.name!r} saknas i manifestet.")
            r.load(folder, corpus, embedder.dim)
    except DamagedIndex as exc:
        raise StaleIndex(f"Sökindexet i {folder} är skadat: {exc}") from exc
    return SearchIndex(corpus, retrievers, embedder=embedder)


def staleness(root: Path, content: Content, embedder: Embedder | None) -> str | None:
    """Why the index under `root` cannot be used for this content and model (full check), or None when it can."""
    try:
        load_index(root, content, embedder)
    except StaleIndex as exc:
        return str(exc)
    return None


def build_lock(root: Path, key: str) -> contextlib.AbstractContextManager[None]:
    """One build per folder key at a time, across processes (the lock is released if a process dies)."""
    return file_lock(root / f".{key}.lock")


def _write(content: Content, embedder: Embedder, root: Path, progress: Progress | None) -> SearchIndex:
    """Build every retriever (through the embedding cache) into a fresh temp folder and swap it in."""
    key = folder_key(embedder)
    corpus = corpus_of(content)
    retrievers = default_retrievers(dense=True)
    total = sum(len(r.texts(corpus)) for r in retrievers if hasattr(r, "texts"))
    done = 0

    def step(n: int) -> None:
        nonlocal done
        done += n
        if progress:
            progress(done, total)

    cache = EmbeddingCache(root / f"{key}.cache.npz", embedder.dim)
    encode = cache.encoder(embedder, step)
    for r in retrievers:
        r.build(corpus, encode)
    build = root / f".{key}-{dt.datetime.now(dt.UTC):%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:8]}"
    build.mkdir()
    try:
        (build / PASSAGES).write_bytes(passages_json(corpus.passages))
        stored: dict[str, list[str]] = {r.name: r.save(build) for r in retrievers}
        manifest = {**expected_manifest(content, embedder), "passages": len(corpus.passages),
                    "passages_sha256": hashlib.sha256(passages_json(corpus.passages)).hexdigest(),
                    "retrievers": stored, "texts": texts_digests(retrievers, corpus), "embedded": cache.embedded,
                    "files": {p.name: file_entry(p) for p in sorted(build.iterdir())},
                    "built_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds")}
        (build / MANIFEST).write_text(json.dumps(manifest, indent=2, ensure_ascii=False), encoding="utf-8")
        _swap(root, key, build)
    except BaseException:
        shutil.rmtree(build, ignore_errors=True)
        raise
    cache.save()
    return SearchIndex(corpus, retrievers, embedder=embedder)


def _swap(root: Path, key: str, build: Path) -> None:
    """Point `<root>/<key>` at `build` in one rename; remove older builds (keeping the one just replaced)."""
    link = root / key
    previous = link.resolve() if link.is_symlink() else None
    if link.exists() and not link.is_symlink():
        shutil.rmtree(link)  # a plain folder from an older layout
    tmp_link = root / f".{key}.link-{uuid.uuid4().hex[:8]}"
    tmp_link.symlink_to(build.name)
    os.replace(tmp_link, link)
    for old in root.glob(f".{key}-*"):
        if old.is_dir() and old.resolve() not in (build.resolve(), previous):
            shutil.rmtree(old, ignore_errors=True)


def ensure_index(content: Content, embedder: Embedder | None, root: Path, rebuild: bool = True,
                 progress: Progress | None = None, say: Callable[[str], None] | None = None) -> SearchIndex:
    """The checked index, rebuilt first when missing, stale or damaged (or StaleIndex, when `rebuild` is off).

    Two processes asking at once: one builds, the other waits for the lock and then loads what was built.
    """
    try:
        return load_index(root, content, embedder)
    except StaleIndex as exc:
        if not rebuild or embedder is None:
            raise
        if say:
            say(f"{exc} Bygger om.")
    with build_lock(root, folder_key(embedder)):
        with contextlib.suppress(StaleIndex):
            return load_index(root, content, embedder)  # built by another process while we waited
        return _write(content, embedder, root, progress)


def build_index(content: Content, embedder: Embedder | None, root: Path,
                progress: Progress | None = None) -> dict[str, Any]:
    """Build the index under `root` now (even when current) and return its manifest."""
    if embedder is None:
        return {**expected_manifest(content, None), "passages": len(chunk_content(content)), "files": {}}
    with build_lock(root, folder_key(embedder)):
        _write(content, embedder, root, progress)
    manifest = read_manifest(index_folder(root, embedder))
    assert manifest is not None
    return manifest
