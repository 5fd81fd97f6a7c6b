"""Shared fixtures: settings and clients over a tiny fixture corpus (fast) or the real content."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from assistant.validate import Checked, validate
from kb.models import Content
from web.app import create_app
from web.deps import STATE_KEY
from web.settings import ROOT, Settings
from web.site import Site

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


def site_of(client: TestClient) -> Site:
    """The `Site` a started test client's app serves (its lifespan state)."""
    site = client.app_state[STATE_KEY]
    assert isinstance(site, Site)
    return site


@pytest.fixture(scope="session")
def fixture_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return make_settings(FIXTURE_CONTENT, tmp_path_factory.mktemp("fixture"))


@pytest.fixture(scope="session")
def client(fixture_settings: Settings) -> Iterator[TestClient]:
    """The one app over the fixture corpus, shared like `real_client` (the site is read-only once built)."""
    with TestClient(create_app(fixture_settings)) as c:
        yield c


@pytest.fixture(scope="session")
def real_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return make_settings(REAL_CONTENT, tmp_path_factory.mktemp("real"), build_index_on_start=True)


@pytest.fixture(scope="session")
def real_checked() -> Checked:
    """The real content validated once per session: articles, screening tree, course modules and plans."""
    checked = validate(REAL_CONTENT)
    assert checked.content is not None, "\n".join(str(e) for e in checked.errors)
    return checked


@pytest.fixture(scope="session")
def real_content(real_checked: Checked) -> Content:
    assert real_checked.content is not None
    return real_checked.content


@pytest.fixture(scope="session")
def real_client(real_settings: Settings, real_checked: Checked) -> Iterator[TestClient]:
    """The one app over the real content (BM25-only search, index built once), shared by every test module."""
    with TestClient(create_app(real_settings, real_checked)) as c:
        yield c
