"""Passage vectors: title, heading path and text of each passage (the main dense signal and the confidence)."""

from __future__ import annotations

from kb.retrievers import Corpus
from kb.retrievers.vectors import VectorRetriever


class PassageVectors(VectorRetriever):
    name = "passages"

    def texts(self, corpus: Corpus) -> list[str]:
        return [p.index_text for p in corpus.passages]
