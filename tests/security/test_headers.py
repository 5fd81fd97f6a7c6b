"""Security headers on every response, and nothing on any page that would need 'unsafe-inline' in the CSP."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tests.security.routes import get_paths
from web.security import CSP

TEMPLATES = Path(__file__).resolve().parents[2] / "web" / "templates"
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I)
INLINE_STYLE = re.compile(r"<style\b|\sstyle\s*=", re.I)
EVENT_HANDLER = re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.I)
JS_URL = re.compile(r"""(href|src|action)\s*=\s*["']?\s*javascript:""", re.I)


def _check_headers(headers: dict[str, str] | object, url: str) -> None:
    h = headers  # httpx.Headers: case-insensitive
    csp = h["content-security-policy"]  # type: ignore[index]
    assert csp == CSP, url
    for directive in (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "frame-ancestors 'none'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
    ):
        assert directive in csp, (url, directive)
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp and "*" not in csp
    assert h["x-content-type-options"] == "nosniff", url  # type: ignore[index]
    assert h["referrer-policy"] == "no-referrer", url  # type: ignore[index]
    assert h["x-frame-options"] == "DENY", url  # type: ignore[index]


def test_csp_has_no_unsafe_sources() -> None:
    assert "unsafe" not in CSP and "data:" not in CSP.split("img-src")[0]


def test_every_get_route_sends_security_headers(real_client: TestClient) -> None:
    paths = get_paths(real_client.app)  # type: ignore[arg-type]
    assert "/" in paths and "/api/articles" in paths
    for url in paths:
        r = real_client.get(url)
        assert r.status_code < 500, url
        _check_headers(r.headers, url)


@pytest.mark.parametrize(
    ("method", "url", "kwargs"),
    [
        ("GET", "/finns-inte", {}),
        ("GET", "/static/css/site.css", {}),
        ("GET", "/static/finns-inte.css", {}),
        ("POST", "/", {}),
        ("GET", "/docs", {}),
        ("GET", "/openapi.json", {}),
        ("POST", "/api/articles", {"content": b"x" * 200_000}),
    ],
)
def test_error_static_and_docs_responses_send_security_headers(
    real_client: TestClient, method: str, url: str, kwargs: dict[str, object]
) -> None:
    r = real_client.request(method, url, **kwargs)  # type: ignore[arg-type]
    assert r.status_code < 500
    if url == "/docs":
        # Swagger UI loads inline scripts from a CDN; the strict CSP makes it inert rather than weakening the site.
        assert "content-security-policy" in r.headers
        return
    _check_headers(r.headers, url)


def test_templates_need_no_unsafe_inline() -> None:
    """Inline <script>, <style>, style= and on*= would be blocked by the CSP, so none may exist."""
    problems = []
    for path in sorted(TEMPLATES.rglob("*.html")):
        text = path.read_text(encoding="utf-8")
        for name, pattern in (
            ("inline script", INLINE_SCRIPT),
            ("inline style", INLINE_STYLE),
            ("event handler", EVENT_HANDLER),
            ("javascript: URL", JS_URL),
        ):
            for m in pattern.finditer(text):
                line = text.count("\n", 0, m.start()) + 1
                problems.append(f"{path.relative_to(TEMPLATES)}:{line}: {name}: {m.group(0)[:60]}")
    assert problems == []


def test_rendered_pages_have_no_inline_script_or_style(real_client: TestClient) -> None:
    for url in get_paths(real_client.app):  # type: ignore[arg-type]
        r = real_client.get(url)
        if not r.headers.get("content-type", "").startswith("text/html"):
            continue
        for pattern in (INLINE_SCRIPT, INLINE_STYLE, EVENT_HANDLER, JS_URL):
            found = pattern.search(r.text)
            assert found is None, (url, found.group(0)[:80] if found else "")
