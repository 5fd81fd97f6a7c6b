"""First page in seconds: the app answers with BM25 while the model and vectors build in the background, then swaps
to hybrid; several workers build once. A gated fake embedder holds the build so both phases can be checked."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from kb import service as kb_service
from kb.embed import Embedder
from kb.service import open_search
from tests.conftest import FIXTURE_CONTENT, make_settings, site_of
from tests.search.faults import EXPECTED, QUERY, CountingEmbedder, fixture_content
from web.app import create_app


def test_search_answers_with_bm25_while_building_then_with_hybrid(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    gate = threading.Event()
    embedder = CountingEmbedder(gate=gate)
    monkeypatch.setattr(kb_service, "load_embedder", lambda *a, **k: (embedder, ""))
    settings = make_settings(FIXTURE_CONTENT, tmp_path, build_index_on_start=True, embedding_model="fake")
    with TestClient(create_app(settings)) as client:  # start-up returned although the build is held
        try:
            health = client.get("/healthz").json()["search"]
            assert health["mode"] == "bm25" and health["building"] is True and "progress" in health
            first = client.get("/api/search", params={"q": QUERY}).json()
            assert first["results"][0]["passage_id"] == EXPECTED and first["answer"]["mode"] == "bm25"
            assert "byggs i bakgrunden" in client.get("/sok", params={"q": QUERY}).text
        finally:
            gate.set()
        site_of(client).search.wait(30)
        health = client.get("/healthz").json()["search"]
        assert health["mode"] == "hybrid" and health["building"] is False and health["note"] == ""
        second = client.get("/api/search", params={"q": QUERY}).json()
        assert second["results"][0]["passage_id"] == EXPECTED and second["answer"]["mode"] == "hybrid"
        assert "byggs i bakgrunden" not in client.get("/sok", params={"q": QUERY}).text


def test_several_workers_build_once(tmp_path: Path) -> None:
    gate = threading.Event()
    shared = CountingEmbedder(gate=gate)

    def loader(*args: object, **kwargs: object) -> tuple[Embedder | None, str]:
        return shared, ""

    workers = [open_search(fixture_content(), "fake", tmp_path / "data", tmp_path / "index", say=lambda m: None,
                           background=True, loader=loader) for _ in range(3)]
    assert all(w.mode == "bm25" and w.building for w in workers)
    gate.set()
    for w in workers:
        w.wait(30)
    single = CountingEmbedder()
    open_search(fixture_content(), "fake", tmp_path / "data", tmp_path / "one", say=lambda m: None,
                loader=lambda *a, **k: (single, ""))
    assert shared.embedded == single.embedded
    for w in workers:
        assert w.mode == "hybrid" and w.index is not None
        assert w.index.search(QUERY, 3).hits[0].passage.id == EXPECTED
