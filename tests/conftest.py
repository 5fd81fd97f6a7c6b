"""Shared fixtures: settings and clients over a tiny fixture corpus (fast) or the real content."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from web.app import create_app
from web.settings import ROOT, Settings

FIXTURE_CONTENT = Path(__file__).parent / "fixtures" / "content" / "sv"
REAL_CONTENT = ROOT / "content" / "sv"


def make_settings(content_dir: Path, tmp: Path, **overrides: object) -> Settings:
    """Settings that never touch the developer's own index or model folders."""
    values: dict[str, object] = {
        "content_dir": content_dir,
        "index_dir": tmp / "index",
        "data_dir": tmp / "data",
        "embedding_model": "none",
        "build_index_on_start": False,
    }
    values.update(overrides)
    return Settings(**values)  # type: ignore[arg-type]


@pytest.fixture
def fixture_settings(tmp_path: Path) -> Settings:
    return make_settings(FIXTURE_CONTENT, tmp_path)


@pytest.fixture
def client(fixture_settings: Settings) -> Iterator[TestClient]:
    """App over the fixture corpus."""
    with TestClient(create_app(fixture_settings)) as c:
        yield c


@pytest.fixture(scope="session")
def real_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return make_settings(REAL_CONTENT, tmp_path_factory.mktemp("real"), build_index_on_start=True)


@pytest.fixture(scope="session")
def real_client(real_settings: Settings) -> Iterator[TestClient]:
    """The one app over the real content (BM25-only search, index built once), shared by every test module."""
    with TestClient(create_app(real_settings)) as c:
        yield c
