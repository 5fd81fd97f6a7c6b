"""Edges of the HTTP layer: 500s keep the security headers, HEAD works, the Host header is not trusted, framework
messages come out in Swedish, and a chunked body over the limit gets 413."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import Request
from fastapi.testclient import TestClient
from pydantic import ValidationError

from tests.conftest import FIXTURE_CONTENT, make_settings
from tests.security.routes import get_paths
from web.app import create_app
from web.hosts import host_allowed, public_base
from web.security import HEADERS

ROOT = Path(__file__).resolve().parents[2]
SWEDISH = re.compile(r"[åäöÅÄÖ]")
ENGLISH = ("there was an error", "parsing the body", "missing boundary", "multipart data", "too many fields",
           "input should", "invalid host", "field required", "internal server error")


def _assert_swedish(text: str) -> None:
    assert SWEDISH.search(text), text[:300]
    assert not any(word in text.lower() for word in ENGLISH), text[:300]


@pytest.fixture
def raising_client(tmp_path: Path) -> Iterator[TestClient]:
    """Fixture app with two routes that raise, added only here."""
    app = create_app(make_settings(FIXTURE_CONTENT, tmp_path))

    def boom() -> None:
        raise RuntimeError("planted")

    app.add_api_route("/test-boom", boom)
    app.add_api_route("/api/test-boom", boom)
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c


@pytest.mark.parametrize("url", ["/test-boom", "/api/test-boom"])
def test_a_500_carries_the_security_headers(raising_client: TestClient, url: str) -> None:
    r = raising_client.get(url)
    assert r.status_code == 500
    for name, value in HEADERS:
        assert r.headers[name.decode()] == value.decode(), name
    _assert_swedish(r.text)


def test_head_is_answered_on_every_get_route_like_get_without_body(real_client: TestClient) -> None:
    paths = get_paths(real_client.app)  # type: ignore[arg-type]
    assert "/healthz" in paths and len(paths) > 20
    for path in paths:
        head, get = real_client.head(path), real_client.get(path)
        assert head.status_code != 405, path
        assert head.status_code == get.status_code, path
        assert head.content == b"", path
        assert head.headers.get("content-type") == get.headers.get("content-type"), path
    health = real_client.head("/healthz")
    assert health.status_code == 200 and health.headers["content-security-policy"]


def test_a_post_only_route_still_refuses_head(real_client: TestClient) -> None:
    assert real_client.head("/api/screening").status_code == 405


@pytest.mark.parametrize("path", ["/", "/artiklar/vad-ar-sib/", "/healthz", "/api/articles"])
def test_a_foreign_host_is_refused_in_swedish_and_never_redirected_to(client: TestClient, path: str) -> None:
    r = client.get(path, headers={"host": "evil.example"}, follow_redirects=False)
    assert r.status_code == 400
    assert "evil.example" not in r.headers.get("location", "")
    _assert_swedish(r.text)
    assert r.headers["x-frame-options"] == "DENY"


def test_a_foreign_host_on_the_api_gets_the_api_error_shape(client: TestClient) -> None:
    r = client.get("/api/articles", headers={"host": "evil.example"})
    assert r.status_code == 400 and r.headers["content-type"].startswith("application/json")
    assert "värdadress" in r.json()["detail"]


def test_the_default_hosts_are_served(client: TestClient) -> None:
    for host in ("localhost", "localhost:8000", "127.0.0.1:8150", "[::1]:8000", "testserver"):
        assert client.get("/healthz", headers={"host": host}).status_code == 200, host


def test_host_patterns() -> None:
    allowed = ["sib.example.se", "*.kommun.se"]
    assert host_allowed("SIB.example.se:443", allowed)
    assert host_allowed("intranat.kommun.se", allowed)
    assert not host_allowed("kommun.se.evil.example", allowed)
    assert not host_allowed("evilkommun.se", allowed)
    assert not host_allowed("", allowed)
    assert host_allowed("anything", ["*"])


def test_links_use_the_configured_public_base_url_and_its_host_is_allowed(tmp_path: Path) -> None:
    settings = make_settings(
        FIXTURE_CONTENT, tmp_path, public_base_url="https://sib.example.se/guiden/", allowed_hosts="localhost"
    )
    app = create_app(settings)

    def base(request: Request) -> str:
        return public_base(request)

    app.add_api_route("/api/test-base", base)
    with TestClient(app, base_url="http://localhost") as c:
        assert c.get("/api/test-base").json() == "https://sib.example.se/guiden"
        assert c.get("/healthz", headers={"host": "sib.example.se"}).status_code == 200
        assert c.get("/healthz", headers={"host": "testserver"}).status_code == 400


def test_absolute_urls_are_built_only_through_public_base() -> None:
    """Share links and exports must not be built from the Host header by hand."""
    offenders = [
        str(p.relative_to(ROOT))
        for p in (ROOT / "web").rglob("*.py")
        if "request.base_url" in p.read_text(encoding="utf-8") and p.name != "hosts.py"
    ]
    assert offenders == []


@pytest.mark.parametrize(
    ("value", "fragment"),
    [("ftp://sib.example.se", "webbadress"), ("sib.example.se", "webbadress"), ("https://x.se/?a=1", "webbadress")],
)
def test_a_bad_public_base_url_is_refused_at_start(tmp_path: Path, value: str, fragment: str) -> None:
    with pytest.raises(ValidationError, match=fragment):
        make_settings(FIXTURE_CONTENT, tmp_path, public_base_url=value)


def test_allowed_hosts_are_read_comma_separated_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SIBGUIDE_ALLOWED_HOSTS", "sib.example.se, *.kommun.se")
    from web.settings import Settings

    assert Settings(content_dir=FIXTURE_CONTENT).allowed_hosts == ["sib.example.se", "*.kommun.se"]
    monkeypatch.setenv("SIBGUIDE_ALLOWED_HOSTS", "evil.example/x")
    with pytest.raises(ValidationError, match="värdnamn"):
        Settings(content_dir=FIXTURE_CONTENT)


@pytest.mark.parametrize(
    ("headers", "body"),
    [
        ({"content-type": "multipart/form-data"}, b"a=1"),
        ({"content-type": "multipart/form-data; boundary=xyz"}, b"--xyz\r\nnonsense"),
        ({"content-type": "application/x-www-form-urlencoded"}, "&".join(f"f{i}=1" for i in range(1100)).encode()),
    ],
)
def test_framework_form_errors_reach_people_in_swedish(
    real_client: TestClient, headers: dict[str, str], body: bytes
) -> None:
    r = real_client.post("/screening/export", content=body, headers=headers)
    assert 400 <= r.status_code < 500, r.status_code
    _assert_swedish(r.text)


def test_validation_errors_name_the_field_not_the_type(real_client: TestClient) -> None:
    r = real_client.post("/api/screening", json={"answers": {"malgrupp": 1}})
    assert r.status_code == 422
    detail = r.json()["detail"]
    assert detail == "Ogiltiga uppgifter – svaren (answers.malgrupp): måste vara text"
    detail = real_client.post("/api/screening", json={"answers": 5}).json()["detail"]
    assert detail == "Ogiltiga uppgifter – svaren (answers): måste vara ett objekt eller måste vara text"
    assert "dict[" not in detail and "Input should" not in detail


def test_a_chunked_body_over_the_limit_gets_413(real_client: TestClient) -> None:
    def chunks() -> Iterator[bytes]:
        for _ in range(100):
            yield b"a=" + b"x" * 1_000 + b"&"

    for url, ctype in (
        ("/screening/export", "application/x-www-form-urlencoded"),
        ("/api/screening", "application/json"),
    ):
        r = real_client.post(url, content=chunks(), headers={"content-type": ctype})
        assert r.status_code == 413, (url, r.status_code, r.text[:200])
        assert "för stor" in r.text
        assert r.headers["x-content-type-options"] == "nosniff"
