"""Index build and manifest: idempotent, stale content or model detected, never silently used."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kb.embed import FakeEmbedder
from kb.index import StaleIndex, build_index, ensure_index, load_index, staleness
from kb.models import Content
from kb.service import open_search
from tests.search.conftest import make_content


def test_build_then_load(tmp_path: Path, content: Content) -> None:
    embedder = FakeEmbedder()
    manifest = build_index(content, embedder, tmp_path / "idx")
    assert manifest["content_hash"] == "h1" and manifest["model"] == "fake"
    assert staleness(tmp_path / "idx", content, embedder) is None
    index = load_index(tmp_path / "idx", content, embedder)
    assert index.dense_available and len(index.passages) == manifest["passages"]


def test_authored_questions_are_embedded_and_loaded(tmp_path: Path, content: Content) -> None:
    import dataclasses

    article = dataclasses.replace(content.articles["redovisning"],
                                  questions=(("forsiktighet", "Hur mycket ska vi budgetera?"),))
    content = dataclasses.replace(content, articles={**content.articles, "redovisning": article})
    build_index(content, FakeEmbedder(), tmp_path / "idx")
    index = load_index(tmp_path / "idx", content, FakeEmbedder())
    assert [(q.article_id, q.anchor, q.text) for q in index.questions] == [
        ("redovisning", "forsiktighet", "Hur mycket ska vi budgetera?")]
    assert index.question_ann is not None
    assert index.search("Hur mycket ska vi budgetera?").hits[0].passage.anchor == "forsiktighet"


def test_changed_content_is_stale(tmp_path: Path, content: Content) -> None:
    build_index(content, FakeEmbedder(), tmp_path / "idx")
    with pytest.raises(StaleIndex, match="innehållet"):
        load_index(tmp_path / "idx", make_content("h2"), FakeEmbedder())


def test_other_model_is_stale(tmp_path: Path, content: Content) -> None:
    build_index(content, FakeEmbedder(), tmp_path / "idx")
    assert "embeddingmodellen" in (staleness(tmp_path / "idx", content, None) or "")


def test_missing_index_is_reported(tmp_path: Path, content: Content) -> None:
    assert "saknas" in (staleness(tmp_path / "none", content, None) or "")


def test_ensure_rebuilds_only_when_stale(tmp_path: Path, content: Content) -> None:
    calls: list[int] = []
    ensure_index(content, FakeEmbedder(), tmp_path / "idx", progress=lambda d, n: calls.append(d))
    built = json.loads((tmp_path / "idx" / "manifest.json").read_text())["built_at"]
    calls.clear()
    ensure_index(content, FakeEmbedder(), tmp_path / "idx", progress=lambda d, n: calls.append(d))
    assert calls == []
    assert json.loads((tmp_path / "idx" / "manifest.json").read_text())["built_at"] == built


def test_ensure_refuses_stale_when_rebuild_is_off(tmp_path: Path, content: Content) -> None:
    build_index(content, FakeEmbedder(), tmp_path / "idx")
    with pytest.raises(StaleIndex):
        ensure_index(make_content("h2"), FakeEmbedder(), tmp_path / "idx", rebuild=False)


def test_service_without_model_runs_bm25_and_says_so(tmp_path: Path, content: Content) -> None:
    messages: list[str] = []
    service = open_search(content, "none", tmp_path / "data", tmp_path / "idx", build=False, say=messages.append)
    assert service.mode == "bm25" and service.index is not None
    assert "BM25" in service.health()["note"]  # type: ignore[operator]
