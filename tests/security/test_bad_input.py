"""Hostile and odd input: never a 5xx, always bounded, and refusals explained in Swedish.

Every route named here must exist: a missing one fails its test (a 404 would otherwise pass as a Swedish refusal).
"""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from tests.security.routes import has_route

SWEDISH = re.compile(r"[åäöÅÄÖ]|\b(inte|finns|för|ogiltig|får|högst|tecken|svar|fråga|värde)\b", re.I)

ODD_QUERIES = [
    "",
    " ",
    "a" * 299,
    "utfall " * 40,
    "ö" * 300,
    "🙂" * 50,
    "\u202eSIB\u202c",  # right-to-left override
    "e\u0301\u0301\u0301\u0301\u0301",  # stacked combining marks
    "\u200b\u200c\u200d\ufeff",  # zero-width characters only
    "\x00\x01\x07",
    "\ud7ff\ue000\uffff",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "../../etc/passwd",
    "%00%2e%2e%2f",
    "*" * 100,
    '"' * 100,
    "AND OR NOT ( ) [ ] { } ~ ^ :",
    "ＳＩＢ　ｆｕｌｌｗｉｄｔｈ",
    "تأثير اجتماعي",
    "社会影响债券",
]
PATH_TRICKS = [
    "/artiklar/..%2f..%2fweb%2fsettings.py",
    "/artiklar/%2e%2e/%2e%2e/etc/passwd",
    "/artiklar/....//....//etc/passwd",
    "/static/../web/settings.py",
    "/static/%2e%2e/%2e%2e/web/settings.py",
    "/static/..%2f..%2fweb%2fsettings.py",
    "/static/css/..%5c..%5c..%5cweb%5csettings.py",
    "/teman/..%2f..%2f",
    "/api/articles/..%2f..%2fetc%2fpasswd",
    "/api/articles/" + "x" * 5000,
    "/artiklar/" + "å" * 3000,
    "/artiklar/%00",
    "/artiklar/%ff%fe",
    "/ordlista%00",
    "//etc/passwd",
]


def _assert_swedish_refusal(status: int, text: str) -> None:
    assert 400 <= status < 500, status
    assert SWEDISH.search(text), text[:300]
    for english in ("should", "field required", "input should", "not found", "value is not"):
        assert english not in text.lower(), text[:300]


@pytest.mark.parametrize("path", PATH_TRICKS)
def test_path_tricks_never_leak_files_or_fail(real_client: TestClient, path: str) -> None:
    r = real_client.get(path)
    assert r.status_code < 500
    assert "BaseSettings" not in r.text and "root:x:0:0" not in r.text
    if r.status_code != 200:
        _assert_swedish_refusal(r.status_code, r.text)


@pytest.mark.parametrize("article_id", ["finns-inte", "VAD-AR-SIB", "vad-ar-sib ", "vad_ar_sib", "1", "ö"])
def test_unknown_article_ids_get_swedish_404(real_client: TestClient, article_id: str) -> None:
    for url in (f"/artiklar/{article_id}", f"/api/articles/{article_id}"):
        r = real_client.get(url)
        assert r.status_code == 404, url
        _assert_swedish_refusal(r.status_code, r.text)


def test_too_large_body_is_refused_in_swedish(real_client: TestClient) -> None:
    r = real_client.post("/api/articles", content=b"{" + b" " * 500_000 + b"}")
    assert r.status_code == 413
    _assert_swedish_refusal(r.status_code, r.text)


def test_lying_content_length_is_refused(real_client: TestClient) -> None:
    r = real_client.post("/api/articles", content=b"{}", headers={"content-length": "-1"})
    assert r.status_code in (400, 413)


@pytest.mark.parametrize("query", ODD_QUERIES)
def test_search_survives_odd_unicode_queries(real_client: TestClient, query: str) -> None:
    assert has_route(real_client.app, "/api/search"), "/api/search saknas"  # type: ignore[arg-type]
    for url in ("/api/search", "/sok"):
        r = real_client.get(url, params={"q": query})
        assert r.status_code < 500, (url, query)
        if r.status_code >= 400:
            _assert_swedish_refusal(r.status_code, r.text)


def test_search_query_length_is_bounded_in_swedish(real_client: TestClient) -> None:
    assert has_route(real_client.app, "/api/search"), "/api/search saknas"  # type: ignore[arg-type]
    for url in ("/api/search", "/sok"):
        r = real_client.get(url, params={"q": "utfall " * 2000})
        _assert_swedish_refusal(r.status_code, r.text)
    r = real_client.get("/api/search", params={"q": "utfall", "k": 10**9})
    assert 400 <= r.status_code < 500 or len(r.json()["results"]) <= 100


TAMPERED_SHARE_LINKS = [
    "a=",
    "a=,,,,",
    "a=:::",
    "a=finns-inte:ja",
    "a=malgrupp:finns-inte",
    "a=malgrupp:ja,malgrupp:nej",
    "a=" + ",".join(f"fraga{i}:ja" for i in range(500)),
    "a=" + "x" * 20_000,
    "a=%00:%00",
    "a=<script>:alert",
    "a=🙂:🙂",
    "a=malgrupp:ja&a=malgrupp:nej",
    "steg=99999999999999999999",
    "a=../../etc/passwd",
]


@pytest.mark.parametrize("query", TAMPERED_SHARE_LINKS)
def test_tampered_screening_links_never_fail(real_client: TestClient, query: str) -> None:
    assert has_route(real_client.app, "/screening"), "/screening saknas"  # type: ignore[arg-type]
    r = real_client.get(f"/screening?{query}")
    assert r.status_code < 500, query
    if r.status_code >= 400:
        _assert_swedish_refusal(r.status_code, r.text)
    assert "<script>:alert" not in r.text


def test_screening_api_bounds_the_number_of_answers(real_client: TestClient) -> None:
    assert has_route(real_client.app, "/api/screening", "POST"), "POST /api/screening saknas"  # type: ignore[arg-type]
    many = {f"fraga{i}": "ja" for i in range(5000)}
    bodies: list[object] = [{"answers": many}, {"answers": {"x" * 10_000: "ja"}}, {"answers": "inte ett objekt"}, [],
                            None]
    for body in bodies:
        r = real_client.post("/api/screening", json=body)
        assert r.status_code < 500, str(body)[:80]
    r = real_client.post("/api/screening", json={"answers": many})
    _assert_swedish_refusal(r.status_code, r.text)


HUGE_NUMBERS = [
    "1e308",
    "9" * 400,
    "-1",
    "-9" * 50,
    "NaN",
    "inf",
    "∞",
    "1,5,5",
    "١٢٣",
    "0x10",
    "",
    "12 345 678 901 234 567",
]


@pytest.mark.parametrize("page", ["/kalkyl", "/redovisning"])
def test_calculators_bound_magnitudes_in_swedish(real_client: TestClient, page: str) -> None:
    assert has_route(real_client.app, page), f"{page} saknas"  # type: ignore[arg-type]
    form = real_client.get(page).text
    names = sorted(set(re.findall(r'<input[^>]*\bname="([a-z_]+)"', form)))
    assert names, "kalkylatorn ska ha ett formulär med namngivna fält"
    for name in names:
        for value in HUGE_NUMBERS:
            r = real_client.get(page, params={name: value})
            assert r.status_code < 500, (page, name, value)
            if r.status_code >= 400:
                _assert_swedish_refusal(r.status_code, r.text)
            api = real_client.get(f"/api{page}", params={name: value})
            assert api.status_code < 500, (page, name, value)
    r = real_client.get(page, params=dict.fromkeys(names, "9" * 400))
    _assert_swedish_refusal(r.status_code, r.text)
