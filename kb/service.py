"""Open search for the app and the CLI: BM25 at once, the model and checked vectors when they are ready.

One place decides what "ready" means, so `make run`, `sibguide index` and `sibguide search` behave alike. Opening
never raises: a missing or broken model, a stale or damaged index that may not be rebuilt, a read-only or full
disk, all end in BM25 over the current content (built in memory in about a second) with the reason on the page
and in `/healthz`. With `background`, the server answers with BM25 while a thread loads the model and builds the
vectors, then swaps to hybrid in one reference assignment.
"""

from __future__ import annotations

import gc
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from kb.embed import Embedder, load_embedder
from kb.index import StaleIndex, corpus_of, ensure_index
from kb.models import Content
from kb.search import SearchIndex


@dataclass
class SearchService:
    index: SearchIndex | None
    embedder_note: str
    """Why search runs without a model (empty when dense search is on)."""
    problem: str
    """Why there is no index at all (empty when search works)."""
    building: bool = False
    """True while the model and vectors are built in the background (search answers with BM25 meanwhile)."""
    progress: tuple[int, int] = (0, 0)
    stage: str = ""
    """What the background build is doing now, in Swedish (`laddar embeddingmodellen`, `embeddar texter`)."""
    thread: threading.Thread | None = field(default=None, repr=False)
    @property
    def mode(self) -> str:
        if self.index is None:
            return "otillgänglig"
        return "hybrid" if self.index.dense_available else "bm25"

    @property
    def percent(self) -> int:
        done, total = self.progress
        return min(100, 100 * done // total) if total else 0

    def health(self) -> dict[str, object]:
        data: dict[str, object] = {"mode": self.mode, "passages": len(self.index.passages) if self.index else 0,
                                   "note": self.problem or self.embedder_note, "building": self.building}
        if self.building:
            data["progress"] = {"stage": self.stage, "done": self.progress[0], "total": self.progress[1],
                                "percent": self.percent}
        return data

    def wait(self, timeout: float | None = None) -> None:
        """Wait for a background build (tests and the CLI)."""
        if self.thread is not None:
            self.thread.join(timeout)


def progress_bar(label: str) -> Callable[[int, int], None]:
    """A plain-text progress bar on stderr (works in logs and terminals alike)."""
    last = -1

    def show(done: int, total: int) -> None:
        nonlocal last
        width = 30
        filled = width * done // max(total, 1)
        if filled == last and done < total:
            return  # redraw only when the bar grows: keeps logs short when output is not a terminal
        last = filled
        end = "\n" if done >= total else ""
        print(f"\r{label} [{'#' * filled}{'.' * (width - filled)}] {done}/{total}", end=end, file=sys.stderr,
              flush=True)
    return show


BUILDING = "Sökindexet med betydelse (embeddingmodellen) byggs i bakgrunden; sökningen matchar bara ord så länge."


def bm25_only(content: Content, note: str) -> SearchService:
    """BM25 over the current content, in memory: the fallback that needs no disk and no model."""
    return SearchService(SearchIndex(corpus_of(content)), note, "")


def _open(content: Content, model: str, data_dir: Path, index_dir: Path, build: bool, say: Callable[[str], None],
          backend: str, progress: Callable[[int, int], None],
          loader: Callable[..., tuple[Embedder | None, str]]) -> SearchService:
    embedder, note = loader(model, data_dir, build=build, say=say, backend=backend)
    if embedder is None:
        note = f"Sökningen använder bara BM25: {note or 'ingen embeddingmodell.'}"
        say(note)
        return bm25_only(content, note)
    try:
        index = ensure_index(content, embedder, index_dir, rebuild=build, progress=progress, say=say)
    except StaleIndex as exc:
        # Never use a stale index; BM25 over the current content is built in memory in about a second.
        fallback = f"{exc} Sökningen använder bara BM25 tills indexet byggs om (kör `sibguide index`)."
        say(fallback)
        return bm25_only(content, fallback)
    except OSError as exc:
        fallback = (f"Sökindexet kunde inte skrivas i {index_dir} ({type(exc).__name__}: {exc.strerror or exc}). "
                    "Sökningen använder bara BM25.")
        say(fallback)
        return bm25_only(content, fallback)
    return SearchService(index, "", "")


def open_search(content: Content, model: str, data_dir: Path, index_dir: Path, build: bool = True,
                say: Callable[[str], None] | None = None, backend: str = "onnx", background: bool = False,
                loader: Callable[..., tuple[Embedder | None, str]] | None = None) -> SearchService:
    """Load (and with `build`, create) the model and the index; never raises.

    Args:
        background: return at once with BM25 and build the model and vectors in a thread, swapping when done.
        loader: how to load the embedder (tests pass a fake; default `kb.embed.load_embedder`).
    """
    say = say or (lambda m: print(m, file=sys.stderr, flush=True))
    load = loader or load_embedder
    bar = progress_bar("Bygger sökindex")

    def run(service: SearchService | None) -> SearchService:
        def progress(done: int, total: int) -> None:
            if service is not None:
                service.progress, service.stage = (done, total), "embeddar texter"
            bar(done, total)

        try:
            return _open(content, model, data_dir, index_dir, build, say, backend, progress, load)
        except Exception as exc:  # open_search must never raise: whatever broke, search still answers
            note = f"Sökningen använder bara BM25: {type(exc).__name__}: {exc}"
            say(note)
            return bm25_only(content, note)

    if not background or model.strip().lower() == "none":
        return run(None)  # nothing to wait for: BM25 alone is ready in about a second
    service = bm25_only(content, BUILDING)
    service.building, service.stage = True, "laddar embeddingmodellen"

    def work() -> None:
        done = run(service)
        service.index = done.index  # the swap: one reference assignment, requests read it once each
        service.embedder_note, service.problem = done.embedder_note, done.problem
        service.building = False
        # The new index is read-only from here: keep it out of full garbage-collector sweeps, as start-up does.
        gc.collect()
        gc.freeze()

    service.thread = threading.Thread(target=work, name="sibguide-index", daemon=True)
    service.thread.start()
    return service
