"""The typed Site: built once in the lifespan from what validation returned, read by routes through dependencies."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from assistant.validate import Checked, validate
from tests.conftest import FIXTURE_CONTENT, make_settings, site_of
from web import app as web_app
from web.app import create_app
from web.settings import ROOT


def test_app_serves_the_checked_content_without_loading_it_again(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    checked = validate(FIXTURE_CONTENT)
    assert checked.content is not None

    def no_second_load(root: Path) -> Checked:
        raise AssertionError(f"validated {root} again")

    monkeypatch.setattr(web_app, "validate", no_second_load)
    with TestClient(create_app(make_settings(FIXTURE_CONTENT, tmp_path), checked)) as client:
        site = site_of(client)
        assert site.content is checked.content
        assert site.screening is None and site.course == {} and site.plans == {}  # the fixture corpus has neither
        assert client.get("/healthz").json()["articles"] == len(checked.content.articles)
        assert client.get("/screening").status_code == 404


def test_real_site_holds_the_checked_tree_course_and_plans(real_client: TestClient, real_checked: Checked) -> None:
    site = site_of(real_client)
    assert site.content is real_checked.content
    assert site.screening is not None and site.screening.tree is real_checked.tree
    assert [v.module for v in site.course.values()] == list(real_checked.modules)
    assert list(site.plans.values()) == list(real_checked.plans)
    assert set(site.articles) == set(site.content.articles)
    assert site.passages and all(p.article_id in site.articles for p in site.passages.values())


def test_routes_read_state_only_through_the_site() -> None:
    """No string-keyed app.state and no untyped reads: every route declares what it needs (web/deps.py)."""
    offenders = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in sorted((ROOT / "web").rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if "app.state" in line or "no-any-return" in line
    ]
    assert offenders == []
