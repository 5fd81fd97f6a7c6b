"""Index build and manifest: idempotent, keyed by model, every stored file checked, never silently used."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kb.index import StaleIndex, build_index, ensure_index, index_folder, load_index, staleness
from kb.models import Content
from kb.service import open_search
from tests.fakes import FakeEmbedder
from tests.search.conftest import make_content
from tests.search.faults import EXPECTED, QUERY, CountingEmbedder, fixture_content


def test_build_then_load(tmp_path: Path, content: Content) -> None:
    embedder = FakeEmbedder()
    manifest = build_index(content, embedder, tmp_path / "idx")
    assert manifest["content_hash"] == "h1" and manifest["model"] == "fake"
    assert staleness(tmp_path / "idx", content, embedder) is None
    index = load_index(tmp_path / "idx", content, embedder)
    assert index.dense_available and len(index.passages) == manifest["passages"]


def test_manifest_lists_every_file_with_hash_shape_and_dtype(tmp_path: Path) -> None:
    content = fixture_content()
    manifest = build_index(content, FakeEmbedder(), tmp_path / "idx")
    files = manifest["files"]
    assert set(files) == {"passages.json", "passages.npy", "headings.npy", "sentences.npy", "questions.npy",
                          "answers.npy"}
    assert files["passages.npy"]["shape"] == [manifest["passages"], 64]
    assert files["passages.npy"]["dtype"] == "float32" and len(files["passages.npy"]["sha256"]) == 64
    assert manifest["dim"] == 64 and manifest["chunking"] and manifest["content_hash"] == content.content_hash


def test_authored_questions_are_embedded_and_loaded(tmp_path: Path, content: Content) -> None:
    import dataclasses

    article = dataclasses.replace(content.articles["redovisning"],
                                  questions=(("forsiktighet", "Hur mycket ska vi budgetera?"),))
    content = dataclasses.replace(content, articles={**content.articles, "redovisning": article})
    build_index(content, FakeEmbedder(), tmp_path / "idx")
    index = load_index(tmp_path / "idx", content, FakeEmbedder())
    assert [(q.article_id, q.anchor, q.text) for q in index.questions] == [
        ("redovisning", "forsiktighet", "Hur mycket ska vi budgetera?")]
    assert "questions" in index.by_name
    assert index.search("Hur mycket ska vi budgetera?").hits[0].passage.anchor == "forsiktighet"


def test_changed_content_is_stale(tmp_path: Path, content: Content) -> None:
    build_index(content, FakeEmbedder(), tmp_path / "idx")
    with pytest.raises(StaleIndex, match="innehållet"):
        load_index(tmp_path / "idx", make_content("h2"), FakeEmbedder())


def test_each_model_has_its_own_folder(tmp_path: Path, content: Content) -> None:
    build_index(content, FakeEmbedder(), tmp_path / "idx")
    other = CountingEmbedder(dim=32, version="2")
    assert index_folder(tmp_path / "idx", other) != index_folder(tmp_path / "idx", FakeEmbedder())
    assert "saknas" in (staleness(tmp_path / "idx", content, other) or "")
    build_index(content, other, tmp_path / "idx")
    assert staleness(tmp_path / "idx", content, FakeEmbedder()) is None  # the first one is untouched


def test_missing_index_is_reported(tmp_path: Path, content: Content) -> None:
    assert "saknas" in (staleness(tmp_path / "none", content, FakeEmbedder()) or "")


def test_ensure_rebuilds_only_when_stale(tmp_path: Path, content: Content) -> None:
    calls: list[int] = []
    ensure_index(content, FakeEmbedder(), tmp_path / "idx", progress=lambda d, n: calls.append(d))
    folder = index_folder(tmp_path / "idx", FakeEmbedder())
    built = json.loads((folder / "manifest.json").read_text())["built_at"]
    target = folder.resolve()
    calls.clear()
    ensure_index(content, FakeEmbedder(), tmp_path / "idx", progress=lambda d, n: calls.append(d))
    assert calls == [] and folder.resolve() == target
    assert json.loads((folder / "manifest.json").read_text())["built_at"] == built


def test_ensure_refuses_stale_when_rebuild_is_off(tmp_path: Path, content: Content) -> None:
    build_index(content, FakeEmbedder(), tmp_path / "idx")
    with pytest.raises(StaleIndex):
        ensure_index(make_content("h2"), FakeEmbedder(), tmp_path / "idx", rebuild=False)


def test_service_without_model_runs_bm25_and_says_so(tmp_path: Path, content: Content) -> None:
    messages: list[str] = []
    service = open_search(content, "none", tmp_path / "data", tmp_path / "idx", build=False, say=messages.append)
    assert service.mode == "bm25" and service.index is not None
    assert "BM25" in service.health()["note"]  # type: ignore[operator]


def test_a_one_article_edit_embeds_only_that_articles_texts(tmp_path: Path) -> None:
    import dataclasses

    content = fixture_content()
    first = CountingEmbedder()
    ensure_index(content, first, tmp_path / "idx")
    article = content.articles["klippan"]
    section = dataclasses.replace(article.sections[0], markdown=article.sections[0].markdown + "\n\nEn ny mening.")
    edited = dataclasses.replace(content, content_hash="edited",
                                 articles={**content.articles,
                                           "klippan": dataclasses.replace(article, sections=(section,
                                                                                             *article.sections[1:]))})
    second = CountingEmbedder()
    index = ensure_index(edited, second, tmp_path / "idx")
    assert 0 < second.embedded < first.embedded / 2
    assert index.search(QUERY, 3).hits[0].passage.id == EXPECTED
    fresh = CountingEmbedder()
    assert [h.passage.id for h in index.search(QUERY, 5).hits] == [
        h.passage.id for h in ensure_index(edited, fresh, tmp_path / "other").search(QUERY, 5).hits]


def test_a_changed_text_recipe_is_stale(tmp_path: Path, content: Content, monkeypatch: pytest.MonkeyPatch) -> None:
    """Same rows, same dimension, other texts: the vectors no longer match what the code would embed."""
    from kb.retrievers.sentences import SentenceVectors

    build_index(content, FakeEmbedder(), tmp_path / "idx")
    monkeypatch.setattr(SentenceVectors, "texts", lambda self, corpus: [
        f"{p.heading}: {s}" for p in corpus.passages for s in p.sentences])
    with pytest.raises(StaleIndex, match="'sentences'"):
        load_index(tmp_path / "idx", content, FakeEmbedder())
