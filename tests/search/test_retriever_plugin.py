"""A new ranking signal is one class and one weight: it is fused, stored, listed in the manifest and checked."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from kb.index import StaleIndex, build_index, corpus_of, index_folder, load_index
from kb.retrievers import Corpus, DamagedIndex, Encode, Query, Ranking, registry
from kb.search import SearchIndex
from tests.fakes import FakeEmbedder
from tests.search.faults import QUERY, fixture_content

PINNED = "klippan.start.1"


class PinRetriever:
    """Ranks one stored passage first, whatever the query: easy to see in the fused result."""

    name = "pin"
    needs_vector = False

    def __init__(self) -> None:
        self.pinned = np.zeros(0, np.int64)

    def build(self, corpus: Corpus, encode: Encode | None) -> None:
        self.pinned = np.array([i for i, p in enumerate(corpus.passages) if p.id == PINNED], np.int64)

    def save(self, folder: Path) -> list[str]:
        np.save(folder / "pin.npy", self.pinned)
        return ["pin.npy"]

    def load(self, folder: Path, corpus: Corpus, dim: int) -> None:
        self.pinned = np.load(folder / "pin.npy", allow_pickle=False)
        if self.pinned.size and int(self.pinned.max()) >= len(corpus.passages):
            raise DamagedIndex("pin.npy pekar utanför passagerna.")

    def rank(self, query: Query, n: int) -> Ranking:
        return Ranking([int(i) for i in self.pinned], [1.0] * len(self.pinned))


def test_a_fake_retriever_is_fused_by_its_weight() -> None:
    corpus = corpus_of(fixture_content())
    pin = PinRetriever()
    pin.build(corpus, None)
    assert SearchIndex(corpus, [pin], {"pin": 0.0}).search(QUERY, 3).hits[0].passage.id != PINNED
    assert SearchIndex(corpus, [pin], {"pin": 10.0}).search(QUERY, 3).hits[0].passage.id == PINNED
    alone = SearchIndex(corpus, [pin]).search(QUERY, 3, retrievers=["pin"])
    assert [h.passage.id for h in alone.hits] == [PINNED]


def test_a_registered_retriever_is_stored_listed_and_checked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(registry.FACTORIES, "pin", PinRetriever)
    monkeypatch.setitem(registry.WEIGHTS, "pin", 10.0)
    manifest = build_index(fixture_content(), FakeEmbedder(), tmp_path)
    assert manifest["retrievers"]["pin"] == ["pin.npy"] and "pin.npy" in manifest["files"]
    index = load_index(tmp_path, fixture_content(), FakeEmbedder())
    assert index.search(QUERY, 3).hits[0].passage.id == PINNED
    (index_folder(tmp_path, FakeEmbedder()) / "pin.npy").write_bytes(b"garbage")
    with pytest.raises(StaleIndex, match=r"pin\.npy"):
        load_index(tmp_path, fixture_content(), FakeEmbedder())


def test_sentence_signals_agree_with_the_index_members() -> None:
    import math

    from tests.search.faults import EXPECTED

    corpus = corpus_of(fixture_content())
    index = SearchIndex(corpus)
    signals = index.signals
    passage = next(p for p in index.passages if p.id == EXPECTED)
    terms = index.analyzer.terms(QUERY + " okäntordxyz")
    weights = signals.term_weights(terms)
    assert weights["okäntordxyz"] == math.log(1 + (index.bm25.n + 0.5) / 0.5)
    assert all(weights[t] == index.bm25.idf[t] for t in terms if t in index.bm25.idf)
    assert signals.sentence_terms(passage) == index.sentence_terms(passage)
    assert 0 < signals.coverage(weights, signals.passage_terms(passage)) < 1
    assert not signals.has_sentence_vectors and index.sentence_vectors is None
