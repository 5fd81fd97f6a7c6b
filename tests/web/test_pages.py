"""HTTP tests for every page and API route of the foundation, including 404s, bad input and headers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from kb.errors import ContentInvalid
from tests.conftest import FIXTURE_CONTENT, make_settings
from web.app import create_app
from web.settings import Settings

PAGES = ["/", "/artiklar", "/artiklar/vad-ar-sib", "/artiklar/klippan", "/teman/grunder", "/ordlista", "/om"]


@pytest.mark.parametrize("url", PAGES)
def test_page_is_swedish_accessible_html(client: TestClient, url: str) -> None:
    r = client.get(url)
    assert r.status_code == 200
    assert '<html lang="sv">' in r.text
    assert r.text.count("<h1") == 1
    assert 'class="skip-link" href="#main"' in r.text
    for landmark in ("<header", "<nav", '<main id="main"', "<footer"):
        assert landmark in r.text
    assert 'style="' not in r.text and "<script>" not in r.text


@pytest.mark.parametrize("url", [*PAGES, "/api/articles", "/healthz", "/finns-inte"])
def test_security_headers_on_every_response(client: TestClient, url: str) -> None:
    h = client.get(url).headers
    csp = h["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "frame-ancestors 'none'" in csp
    assert h["x-content-type-options"] == "nosniff"
    assert h["referrer-policy"] == "no-referrer"


def test_article_page_has_toc_anchors_citations_related_and_breadcrumbs(client: TestClient) -> None:
    r = client.get("/artiklar/vad-ar-sib")
    assert r.template.name == "article.html"  # type: ignore[attr-defined]
    assert '<nav class="toc"' in r.text and 'href="#aktorer"' in r.text
    assert '<h2 id="aktorer">' in r.text
    assert 'class="cite"' in r.text and "Stockholms stad 2021" in r.text
    assert 'aria-label="Brödsmulor"' in r.text and 'href="/teman/grunder"' in r.text
    assert 'href="/artiklar/klippan"' in r.text
    assert "&lt;script&gt;" in r.text


def test_article_page_lists_the_questions_it_answers_linked_to_sections(client: TestClient) -> None:
    r = client.get("/artiklar/vad-ar-sib")
    assert "Frågor som artikeln besvarar (2)" in r.text
    assert '<a href="#aktorer">Vilka parter samarbetar i ett kontrakt?</a>' in r.text
    assert '<a href="#article-title">Var kommer modellen ifrån?</a>' in r.text


def test_case_article_shows_case_facts(client: TestClient) -> None:
    r = client.get("/artiklar/klippan")
    assert "Fakta om fallet" in r.text and "Avbrutet" in r.text and "Klippans kommun" in r.text


def test_glossary_is_alphabetical_with_anchors(client: TestClient) -> None:
    text = client.get("/ordlista").text
    assert '<dt id="intermediar">' in text and '<dt id="utfallsansvarig">' in text
    assert text.index('id="intermediar"') < text.index('id="utfallsansvarig"')
    assert "(Intermediary)" in text


def test_about_page_has_sources_and_accessibility_statement(client: TestClient) -> None:
    text = client.get("/om").text
    assert 'id="kalla-fryshuset2018"' in text and 'id="kalla-stockholm2021"' in text
    assert 'id="tillganglighet"' in text and "2018:1937" in text and "Digg" in text
    assert 'id="citera"' in text


def test_unknown_article_gives_swedish_404_page(client: TestClient) -> None:
    r = client.get("/artiklar/finns-inte")
    assert r.status_code == 404 and "finns-inte" in r.text and r.template.name == "error.html"  # type: ignore[attr-defined]


def test_unknown_url_gives_404_page(client: TestClient) -> None:
    r = client.get("/ingenting/har")
    assert r.status_code == 404 and "Sidan finns inte" in r.text


def test_path_tricks_do_not_escape(client: TestClient) -> None:
    assert client.get("/artiklar/..%2F..%2Fetc%2Fpasswd").status_code == 404
    assert client.get("/static/../pyproject.toml").status_code == 404


def test_too_long_article_id_is_422_in_swedish(client: TestClient) -> None:
    r = client.get("/api/articles/" + "a" * 200)
    assert r.status_code == 422 and "Ogiltiga uppgifter" in r.json()["detail"]


def test_api_articles_lists_all(client: TestClient) -> None:
    data = client.get("/api/articles").json()
    assert data["count"] == 2 and {a["id"] for a in data["articles"]} == {"vad-ar-sib", "klippan"}


def test_api_article_has_sections_and_citations(client: TestClient) -> None:
    data = client.get("/api/articles/klippan").json()
    assert data["case"]["stage"] == "avbruten"
    assert data["sections"][0]["citations"] == [{"doc": "fryshuset2018", "section": "klippan", "pages": "38"}]


def test_api_unknown_article_is_json_404(client: TestClient) -> None:
    r = client.get("/api/articles/nej")
    assert r.status_code == 404 and r.json() == {"detail": "Det finns ingen artikel med id ”nej”."}


def test_healthz(client: TestClient) -> None:
    data = client.get("/healthz").json()
    assert data["status"] == "ok" and data["articles"] == 2


def test_oversized_body_is_refused(client: TestClient) -> None:
    r = client.post("/api/articles", content=b"x" * 100_000, headers={"content-type": "application/json"})
    assert r.status_code == 413


def test_method_not_allowed_is_json_for_api(client: TestClient) -> None:
    r = client.post("/api/articles", content=json.dumps({}))
    assert r.status_code == 405 and "detail" in r.json()


def test_static_htmx_is_served(client: TestClient) -> None:
    r = client.get("/static/js/htmx.min.js")
    assert r.status_code == 200 and "htmx" in r.text[:2000]


def test_app_refuses_to_start_with_content_errors(tmp_path: Path) -> None:
    import shutil

    root = tmp_path / "sv"
    shutil.copytree(FIXTURE_CONTENT, root)
    (root / "grunder" / "trasig.md").write_text("---\nid: [\n---\n", encoding="utf-8")
    with pytest.raises(ContentInvalid, match=r"trasig\.md:2"), TestClient(create_app(make_settings(root, tmp_path))):
        pass


def test_settings_refuse_missing_content_dir(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="finns inte"):
        Settings(content_dir=tmp_path / "saknas")
