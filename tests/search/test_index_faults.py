"""The fault suite: every way an index can go wrong ends in a correct rebuild or in BM25 with the reason shown —
never a traceback, a 500 or a wrong answer. Fast: fake embedder over the tiny fixture corpus."""

from __future__ import annotations

import errno
import hashlib
import os
import re
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from kb import index as kb_index
from kb.embed import Embedder
from kb.index import StaleIndex, build_index, ensure_index, load_index, staleness
from kb.service import SearchService, open_search
from tests.conftest import FIXTURE_CONTENT, make_settings, site_of
from tests.fakes import FakeEmbedder
from tests.search.faults import DAMAGE, EXPECTED, QUERY, CountingEmbedder, fixture_content, folder
from web.app import create_app

Loader = Callable[..., tuple[Embedder | None, str]]


def fake_loader(embedder: Embedder | None, note: str = "") -> Loader:
    return lambda *args, **kwargs: (embedder, note)


def snapshot(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def serve(root: Path, build: bool, embedder: Embedder | None = None, note: str = "") -> SearchService:
    return open_search(fixture_content(), "fake", root / "data", root / "index", build=build, say=lambda m: None,
                       loader=fake_loader(embedder or FakeEmbedder(), note))


@pytest.fixture
def built(tmp_path: Path) -> Path:
    build_index(fixture_content(), FakeEmbedder(), tmp_path / "index")
    return tmp_path


@pytest.mark.parametrize("fault", list(DAMAGE))
def test_damage_is_detected_with_its_reason(built: Path, fault: str) -> None:
    damage, reason = DAMAGE[fault]
    damage(folder(built / "index", FakeEmbedder()))
    with pytest.raises(StaleIndex, match=re.escape(reason)):
        load_index(built / "index", fixture_content(), FakeEmbedder())


@pytest.mark.parametrize("fault", list(DAMAGE))
def test_damage_without_build_falls_back_to_bm25_with_the_reason(built: Path, fault: str) -> None:
    damage, reason = DAMAGE[fault]
    damage(folder(built / "index", FakeEmbedder()))
    service = serve(built, build=False)
    assert service.mode == "bm25" and service.index is not None
    assert reason in str(service.health()["note"]) and "BM25" in str(service.health()["note"])
    assert service.index.search(QUERY, 3).hits[0].passage.id == EXPECTED


@pytest.mark.parametrize("fault", list(DAMAGE))
def test_damage_with_build_is_rebuilt_to_a_correct_hybrid(built: Path, fault: str) -> None:
    damage, _ = DAMAGE[fault]
    damage(folder(built / "index", FakeEmbedder()))
    service = serve(built, build=True)
    assert service.mode == "hybrid" and service.index is not None and service.embedder_note == ""
    assert service.index.search(QUERY, 3).hits[0].passage.id == EXPECTED
    assert staleness(built / "index", fixture_content(), FakeEmbedder()) is None


@pytest.mark.parametrize("fault", ["truncated file", "missing file", "NaN values, rehashed"])
def test_sibguide_index_repairs_damage_without_force(built: Path, fault: str, monkeypatch: pytest.MonkeyPatch,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    from web import search_cli

    DAMAGE[fault][0](folder(built / "index", FakeEmbedder()))
    monkeypatch.setattr(search_cli, "load_embedder", fake_loader(FakeEmbedder()))
    settings = make_settings(FIXTURE_CONTENT, built)
    assert search_cli.run_index(settings) == 0
    out = capsys.readouterr()
    assert DAMAGE[fault][1] in out.err and "Sökindexet är byggt" in out.out
    assert staleness(built / "index", fixture_content(), FakeEmbedder()) is None
    assert search_cli.run_index(settings) == 0
    assert "redan aktuellt" in capsys.readouterr().out


def test_damaged_index_in_the_app_gives_answers_and_the_reason_never_a_500(
        built: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from kb import service as kb_service

    DAMAGE["wrong dimension, rehashed"][0](folder(built / "index", FakeEmbedder()))
    monkeypatch.setattr(kb_service, "load_embedder", fake_loader(FakeEmbedder()))
    with TestClient(create_app(make_settings(FIXTURE_CONTENT, built)), raise_server_exceptions=False) as client:
        site_of(client).search.wait(30)
        health = client.get("/healthz").json()["search"]
        assert health["mode"] == "bm25" and "formen" in health["note"]
        page = client.get("/sok", params={"q": QUERY})
        assert page.status_code == 200 and "formen" in page.text
        api = client.get("/api/search", params={"q": QUERY})
        assert api.status_code == 200 and api.json()["results"][0]["passage_id"] == EXPECTED


def test_read_only_folder_falls_back_to_bm25_with_a_message(built: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    content = fixture_content()
    DAMAGE["manifest from other content"][0](folder(built / "index", FakeEmbedder()))
    before = snapshot(built / "index")
    if os.geteuid() == 0:  # root writes anyway: make the write fail the way a read-only folder does
        def refuse(*args: object) -> Iterator[None]:
            raise PermissionError(errno.EACCES, "Permission denied")
        monkeypatch.setattr(kb_index, "build_lock", refuse)
    else:
        (built / "index").chmod(0o555)
    try:
        service = open_search(content, "fake", built / "data", built / "index", say=lambda m: None,
                              loader=fake_loader(FakeEmbedder()))
    finally:
        (built / "index").chmod(0o755)
    assert service.mode == "bm25" and "kunde inte skrivas" in service.embedder_note
    assert service.index is not None and service.index.search(QUERY, 3).hits[0].passage.id == EXPECTED
    assert snapshot(built / "index") == before


def test_full_disk_leaves_the_old_index_and_no_temp_folder(built: Path, monkeypatch: pytest.MonkeyPatch) -> None:

    def full(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    DAMAGE["manifest from other content"][0](folder(built / "index", FakeEmbedder()))
    before = snapshot(built / "index")
    monkeypatch.setattr("kb.retrievers.vectors.np.save", full)
    service = serve(built, build=True)
    assert service.mode == "bm25" and "No space left" in service.embedder_note
    assert snapshot(built / "index") == before


def test_two_concurrent_builds_build_once_and_both_load_it(tmp_path: Path) -> None:
    content = fixture_content()
    gate = threading.Event()
    embedder = CountingEmbedder(gate=gate)
    results: list[object] = []

    def run() -> None:
        results.append(ensure_index(content, embedder, tmp_path / "index"))

    threads = [threading.Thread(target=run) for _ in range(2)]
    for t in threads:
        t.start()
    gate.set()
    for t in threads:
        t.join(30)
    single = CountingEmbedder()
    ensure_index(content, single, tmp_path / "single")
    assert embedder.embedded == single.embedded
    assert len(results) == 2
    for index in results:
        assert index.search(QUERY, 3).hits[0].passage.id == EXPECTED  # type: ignore[attr-defined]
    assert len([p for p in (tmp_path / "index").iterdir() if p.is_dir() and not p.is_symlink()]) == 1


@pytest.mark.parametrize("failure", ["note", "exception"])
def test_model_failing_to_load_never_touches_the_vector_index(built: Path, failure: str) -> None:
    before = snapshot(built / "index")
    if failure == "note":
        loader = fake_loader(None, "Embeddingmodellen kunde inte laddas (tokenizer.json är trasig).")
    else:
        def loader(*args: object, **kwargs: object) -> tuple[Embedder | None, str]:
            raise RuntimeError("tokenizer.json är trasig")
    service = open_search(fixture_content(), "fake", built / "data", built / "index", say=lambda m: None,
                          loader=loader)
    assert service.mode == "bm25" and "tokenizer.json" in service.embedder_note
    assert service.index is not None and service.index.search(QUERY, 3).hits[0].passage.id == EXPECTED
    assert snapshot(built / "index") == before


def test_bm25_only_server_never_writes_the_index_folder(built: Path) -> None:
    before = snapshot(built / "index")
    service = open_search(fixture_content(), "none", built / "data", built / "index", build=True, say=lambda m: None)
    assert service.mode == "bm25"
    assert snapshot(built / "index") == before
    assert staleness(built / "index", fixture_content(), FakeEmbedder()) is None
