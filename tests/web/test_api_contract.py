"""The OpenAPI document is the contract: every JSON endpoint's real answers, success and error alike, match it.

Each case is a request with the status it must get; its body is checked against the schema documented for that
status (`schemathesis` validates with the document itself). The test fails when an endpoint or a documented status has
no case, so a new endpoint or error cannot land undocumented or untested.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import timedelta
from typing import Any

import httpx
import pytest
import schemathesis
from fastapi.testclient import TestClient

from kb.service import SearchService
from tests.conftest import site_of
from tests.security.test_bad_input import SWEDISH
from web.deps import STATE_KEY
from web.settings import Settings

SEARCH_OFF = SearchService(None, "", "Testet har stängt av sökningen.")
# (method, path in the document, url, JSON body, expected status); `fixture` = content without screening or räknare.
CASES: list[tuple[str, str, str, Any, int]] = [
    ("GET", "/healthz", "/healthz", None, 200),
    ("GET", "/api/articles", "/api/articles", None, 200),
    ("GET", "/api/articles/{article_id}", "/api/articles/vad-ar-sib", None, 200),
    ("GET", "/api/articles/{article_id}", "/api/articles/norrkoping", None, 200),
    ("GET", "/api/articles/{article_id}", "/api/articles/finns-inte", None, 404),
    ("GET", "/api/articles/{article_id}", "/api/articles/" + "x" * 101, None, 422),
    ("GET", "/api/search", "/api/search?q=Vad+är+en+intermediär%3F&k=3", None, 200),
    ("GET", "/api/search", "/api/search?q=Vad+säger+GDPR+om+lånet%3F", None, 200),
    ("GET", "/api/search", "/api/search?q=+++", None, 422),
    ("GET", "/api/search", "/api/search?q=a&k=51", None, 422),
    ("GET", "/api/search", "/api/search?q=" + "x" * 301, None, 422),
    ("GET", "/api/search", "/api/search", None, 422),
    ("GET", "/api/search", "/api/search?q=avstängd", None, 503),
    ("GET", "/api/kurs", "/api/kurs", None, 200),
    ("GET", "/api/kalkyl", "/api/kalkyl", None, 200),
    ("GET", "/api/kalkyl", "/api/kalkyl?andel=100&insatskostnad=0", None, 200),
    ("GET", "/api/kalkyl", "/api/kalkyl?loptid=0&startmanad=abc", None, 422),
    ("GET", "/api/kalkyl", "fixture:/api/kalkyl", None, 404),
    ("GET", "/api/redovisning", "/api/redovisning?ar=15&prognosar=15", None, 200),
    ("GET", "/api/redovisning", "/api/redovisning?ar=2&prognosar=3", None, 422),
    ("GET", "/api/redovisning", "fixture:/api/redovisning", None, 404),
    ("POST", "/api/screening", "/api/screening", {"answers": {}}, 200),
    ("POST", "/api/screening", "/api/screening", {"answers": "utover-ordinarie:mer-av-samma"}, 200),
    ("POST", "/api/screening", "/api/screening", {"answers": "utover-ordinarie:mer-av-samma", "whole": True}, 200),
    ("POST", "/api/screening", "/api/screening", {"answers": {"malgrupp": "kanske"}}, 422),
    ("POST", "/api/screening", "/api/screening", {"answers": 5, "whole": "ja"}, 422),
    ("POST", "/api/screening", "/api/screening", b"{inte json", 422),
    ("POST", "/api/screening", "/api/screening", b"\xff0", 400),
    ("POST", "/api/screening", "/api/screening", {"answers": "x" * 70_000}, 413),
    ("POST", "/api/screening", "fixture:/api/screening", {"answers": {}}, 404),
]


@pytest.fixture(scope="module")
def fixture_app_client(client: TestClient) -> TestClient:
    """The session's app over the fixture corpus (no screening, no calculators)."""
    return client


@pytest.fixture(scope="module")
def document(real_client: TestClient) -> dict[str, Any]:
    return real_client.get("/openapi.json").json()  # type: ignore[no-any-return]


def _send(client: TestClient, method: str, url: str, body: Any) -> Any:
    if isinstance(body, bytes):
        return client.request(method, url, content=body, headers={"content-type": "application/json"})
    return client.request(method, url, json=body) if body is not None else client.request(method, url)


@pytest.mark.parametrize(("method", "path", "url", "body", "status"), CASES, ids=[f"{c[0]} {c[2][:40]}" for c in CASES])
def test_response_matches_the_documented_schema(
    real_client: TestClient, fixture_app_client: TestClient,
    method: str, path: str, url: str, body: Any, status: int,
) -> None:
    client = fixture_app_client if url.startswith("fixture:") else real_client
    site = site_of(real_client)
    if status == 503:  # requests copy the lifespan state, so the next ones see a site whose search is off
        real_client.app_state[STATE_KEY] = replace(site, search=SEARCH_OFF)
    try:
        response = _send(client, method, url.removeprefix("fixture:"), body)
    finally:
        real_client.app_state[STATE_KEY] = site
    assert response.status_code == status, response.text[:300]
    schema = schemathesis.openapi.from_dict(real_client.get("/openapi.json").json())
    schema[path][method].validate_response(response)  # raises with every mismatch
    if status >= 400:
        detail = response.json()["detail"]
        assert isinstance(detail, str) and SWEDISH.search(detail), detail


def test_every_operation_and_every_documented_status_has_a_case(document: dict[str, Any]) -> None:
    documented = {(m.upper(), p, int(s)) for p, ops in document["paths"].items() for m, op in ops.items()
                  for s in op["responses"]}
    assert documented == {(m, p, s) for m, p, _, _, s in CASES}


def test_the_document_has_no_untyped_bags_and_states_the_real_error_shape(
    document: dict[str, Any], real_settings: Settings
) -> None:
    text = json.dumps(document)
    assert '"additionalProperties": true' not in text
    assert "HTTPValidationError" not in text
    search = document["paths"]["/api/search"]["get"]
    q = next(p for p in search["parameters"] if p["name"] == "q")
    assert q["required"] and q["schema"]["maxLength"] == real_settings.max_query_chars
    k = next(p for p in search["parameters"] if p["name"] == "k")
    assert (k["schema"]["minimum"], k["schema"]["maximum"]) == (1, 50)
    for path in ("/api/kalkyl", "/api/redovisning"):
        names = [p["name"] for p in document["paths"][path]["get"]["parameters"]]
        assert len(names) >= 6 and all(p["schema"]["pattern"] for p in document["paths"][path]["get"]["parameters"])
    answers = document["components"]["schemas"]["ScreeningRequest"]["properties"]["answers"]["anyOf"]
    assert answers[0]["additionalProperties"] is False and "malgrupp" in answers[0]["properties"]


def test_a_body_that_breaks_the_contract_is_caught(real_client: TestClient) -> None:
    """The check above can fail: an error with a non-text detail, and an article without its sections."""
    schema = schemathesis.openapi.from_dict(real_client.get("/openapi.json").json())
    operation = schema["/api/articles/{article_id}"]["GET"]
    article = real_client.get("/api/articles/vad-ar-sib")
    request = httpx.Request("GET", "http://testserver/api/articles/vad-ar-sib")
    broken = httpx.Response(200, json={k: v for k, v in article.json().items() if k != "sections"},
                            headers={"content-type": "application/json"}, request=request)
    wrong_error = httpx.Response(404, json={"detail": 5}, headers={"content-type": "application/json"},
                                 request=request)
    for response in (broken, wrong_error):
        response.elapsed = timedelta(0)
        with pytest.raises((AssertionError, BaseExceptionGroup)):  # a schemathesis Failure, or a group of them
            operation.validate_response(response)
