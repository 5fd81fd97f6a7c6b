"""Heading vectors: heading path and first sentence, a short "what this passage is about"."""

from __future__ import annotations

from kb.retrievers import Corpus
from kb.retrievers.vectors import VectorRetriever


class HeadingVectors(VectorRetriever):
    name = "headings"

    def texts(self, corpus: Corpus) -> list[str]:
        return [p.head_text for p in corpus.passages]
