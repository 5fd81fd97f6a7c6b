"""Ranking signals as small retrievers behind one protocol, fused by `kb.search.SearchIndex`.

Each signal (BM25, passage vectors, heading vectors, sentence vectors, authored questions, authored section answers)
is one module with one class; adding a signal is one file here plus one weight in `WEIGHTS`. The shape follows
txtai: retrievers only rank, the index only fuses, and `kb.index` only stores and checks files.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

import numpy as np
import numpy.typing as npt

from kb.analysis import Analyzer, vocabulary
from kb.chunk import Passage, SectionQuestion

Vectors = npt.NDArray[np.float32]
Encode = Callable[[Sequence[str], bool], Vectors]
"""Texts -> normalised vectors. With the flag, as queries: the e5 `query: ` prompt and each text alone, exactly as
a user's question is embedded at search time (int8 activations are quantised per batch)."""

WEIGHTS: dict[str, float] = {
    "bm25": 1.0,
    "passages": 1.0,
    "headings": 0.75,
    "sentences": 0.0,
    "questions": 1.5,
    "answers": 1.0,
}
"""Reciprocal-rank fusion weights, the only place they live. `headings` (heading path + first sentence): dev set
hit@3 +0.04, MRR +0.03. `questions` (authored questions, matched question to question): with it (and RRF k 20 -> 5)
the held-out set rose from hit@3 0.65 / MRR 0.59 to 0.80 / 0.74; weights 1–1.5 and k 5–10 were all within 0.02.
`sentences` serve highlighting and confidence; as a ranking signal they did not help, so they weigh 0. `answers`
(each section's authored short answer, a summary written to be found), on the 140-question dev set: hit@1 0.714 ->
0.743, MRR 0.806 -> 0.827 at weight 1 (0.5: 0.729 / 0.816; 1.5: 0.750 / 0.829); the held-out set within two
questions either way (fresh indexes differ by as much)."""
RRF_K = 5
CANDIDATES = 50


class DamagedIndex(Exception):
    """A stored file does not match what it claims or what this content needs; the message says which (Swedish)."""


@dataclass
class Corpus:
    """The passages and authored questions every retriever indexes, with the analyser they share."""

    passages: list[Passage]
    questions: list[SectionQuestion] = field(default_factory=list)
    split_compounds: bool = True

    def __post_init__(self) -> None:
        self.analyzer = Analyzer(vocabulary(p.index_text for p in self.passages), split_compounds=self.split_compounds)
        self.sentence_offsets = np.cumsum([0] + [len(p.sentences) for p in self.passages])
        by_section: dict[tuple[str, str], list[int]] = {}
        for i, p in enumerate(self.passages):
            by_section.setdefault((p.article_id, p.anchor), []).append(i)
        self.question_passages = [by_section.get((q.article_id, q.anchor), []) for q in self.questions]


@dataclass
class Query:
    """One query as every retriever sees it: text, analysed terms, and (with a model) its vector."""

    text: str
    terms: list[str]
    vector: Vectors | None = None
    lexical_terms: list[str] = field(default_factory=list)
    """The terms BM25 scores (the analysed terms, plus synonyms in BM25-only mode)."""
    lexical_scores: npt.NDArray[np.float32] | None = None
    """BM25 score of every passage, when the index computed them already (hits report them)."""
    rankings: dict[str, list[int]] = field(default_factory=dict)
    """Rankings of the retrievers that ran before (a retriever may refine another's, as `questions` does)."""
    _positions: dict[str, dict[int, int]] = field(default_factory=dict, repr=False)

    def rank_in(self, name: str) -> dict[int, int]:
        """Passage -> its position in retriever `name`'s ranking (built once per query)."""
        if name not in self.rankings:
            return {}  # not run (yet): nothing cached, so a ranking that comes later is still read
        if name not in self._positions:
            self._positions[name] = {d: r for r, d in enumerate(self.rankings[name])}
        return self._positions[name]


@dataclass(frozen=True)
class Ranking:
    ids: list[int]
    """Passage positions, best first."""
    scores: list[float]


class Retriever(Protocol):
    """One ranking signal. `build` computes from the corpus, `save`/`load` keep it on disk (the index checks the
    files' hashes; `load` checks what only the retriever knows: rows, dimension, finite values)."""

    name: str
    needs_vector: bool
    """True when it ranks by the query vector (then it is only used with a model)."""

    def build(self, corpus: Corpus, encode: Encode | None) -> None: ...

    def save(self, folder: Path) -> list[str]: ...

    def load(self, folder: Path, corpus: Corpus, dim: int) -> None: ...

    def rank(self, query: Query, n: int) -> Ranking: ...
