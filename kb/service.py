"""Open search for the app and the CLI: model, then index, building what is missing with visible progress.

One place decides what "ready" means, so `make run`, `sibguide index` and `sibguide search` behave alike: a missing
model folder or a stale index is built when building is allowed and refused with a message otherwise; without a
usable model search runs on BM25 alone and says so.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from kb.chunk import chunk_content
from kb.embed import Embedder, load_embedder
from kb.index import StaleIndex, ensure_index
from kb.models import Content
from kb.search import SearchIndex


@dataclass
class SearchService:
    index: SearchIndex | None
    embedder_note: str
    """Why search runs without a model (empty when dense search is on)."""
    problem: str
    """Why there is no index at all (empty when search works)."""

    @property
    def mode(self) -> str:
        if self.index is None:
            return "otillgänglig"
        return "hybrid" if self.index.dense_available else "bm25"

    def health(self) -> dict[str, object]:
        return {"mode": self.mode, "passages": len(self.index.passages) if self.index else 0,
                "note": self.problem or self.embedder_note}


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


def open_search(content: Content, model: str, data_dir: Path, index_dir: Path, build: bool = True,
                say: Callable[[str], None] | None = None, backend: str = "onnx") -> SearchService:
    """Load (and with `build`, create) the model and the index; never raises for a missing model or index."""
    say = say or (lambda m: print(m, file=sys.stderr, flush=True))
    embedder: Embedder | None
    embedder, note = load_embedder(model, data_dir, build=build, say=say, backend=backend)
    if note:
        say(f"Sökningen använder bara BM25: {note}")
    try:
        index = ensure_index(content, embedder, index_dir, rebuild=build, progress=progress_bar("Bygger sökindex"))
    except StaleIndex as exc:
        # Never use a stale index; BM25 over the current content is built in memory in milliseconds.
        fallback = f"{exc} Sökningen använder bara BM25 tills indexet byggs om."
        say(fallback)
        return SearchService(SearchIndex(chunk_content(content), None, None), fallback, "")
    return SearchService(index, note, "")
