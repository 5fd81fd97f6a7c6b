"""Räkna pages and APIs over the real content: full pages, htmx fragments, exports and Swedish 4xx."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

HX = {"HX-Request": "true"}


@pytest.fixture
def real(real_client: TestClient) -> TestClient:
    return real_client


def test_kalkyl_page_shows_example_with_every_step(real: TestClient) -> None:
    r = real.get("/kalkyl")
    assert r.status_code == 200
    assert r.headers["vary"] == "HX-Request"
    html = r.text
    assert html.count("<h1") == 1
    assert "14\u00a0500 kr" in html and "407\u00a0712,45 kr" in html and "13\u00a0590,42 kr" in html
    assert "5\u00a0000 kr" in html and 'class="cite"' in html
    assert "exempelsiffror" in html


def test_kalkyl_htmx_returns_fragment(real: TestClient) -> None:
    r = real.get(
        "/kalkyl?forsorjningsstod=10+000&handlaggning=0&skatt=0&loptid=12&startmanad=1&ranta=0"
        "&insatskostnad=12+000&andel=100&deltagare=1",
        headers=HX,
    )
    assert r.status_code == 200
    assert "<html" not in r.text and "<h1" not in r.text
    assert "10\u00a0000 kr" in r.text and "1\u00a0000 kr" in r.text  # ceiling 10 000, floor 12 000/12


def test_kalkyl_bad_input_is_422_with_messages(real: TestClient) -> None:
    r = real.get(
        "/kalkyl?forsorjningsstod=12.500&handlaggning=-5&skatt=&loptid=36&startmanad=7&ranta=3"
        "&insatskostnad=1&andel=40&deltagare=5"
    )
    assert r.status_code == 422
    assert "kan läsas på två sätt" in r.text and "mellan 0 och" in r.text and "tomt" in r.text
    assert 'aria-invalid="true"' in r.text
    fragment = real.get("/kalkyl?forsorjningsstod=abc", headers=HX)
    assert fragment.status_code == 200 and "Kontrollera uppgifterna" in fragment.text


def test_kalkyl_api_and_exports(real: TestClient) -> None:
    data = real.get(
        "/api/kalkyl?forsorjningsstod=9+000&handlaggning=1+500&skatt=4+000&loptid=36&startmanad=7"
        "&ranta=3&insatskostnad=60+000&andel=40&deltagare=50"
    ).json()
    assert data["monthly_value"] == "14500.00" and data["ceiling_per_unit"] == "13590.42"
    assert data["range_ok"] is True and data["steps"] and "{{" not in str(data["explanation"])
    bad = real.get("/api/kalkyl?loptid=0")
    assert bad.status_code == 422 and "loptid" in bad.json()["errors"]
    csv = real.get("/kalkyl/export?format=csv")
    assert csv.status_code == 200 and csv.headers["content-type"].startswith("text/csv")
    assert "Värde per arbetad månad;14\u00a0500 kr" in csv.text
    md = real.get("/kalkyl/export?format=md")
    assert md.text.startswith("| Steg | Värde |")
    assert real.get("/kalkyl/export?format=xls").status_code == 400


def test_redovisning_page_table_chart_and_disclaimer(real: TestClient) -> None:
    r = real.get("/redovisning")
    assert r.status_code == 200
    html = r.text
    assert "inte redovisningsrådgivning" in html
    assert "<svg" in html and '<title id="redovisning-diagram-titel">' in html
    assert "url(#redovisning-diagram-p-budget)" in html
    assert "−1\u00a0500\u00a0000 kr" in html  # the catch-up in the forecast year
    assert 'class="cite"' in html


def test_redovisning_htmx_fragment_and_errors(real: TestClient) -> None:
    r = real.get("/redovisning?kapital=1&maxbetalning=1&ar=2&utfallsniva=50&prognosar=2&drift=0", headers=HX)
    assert r.status_code == 200 and "<h1" not in r.text and "<svg" in r.text
    bad = real.get("/redovisning?kapital=1&maxbetalning=1&ar=2&utfallsniva=150&prognosar=3&drift=0")
    assert bad.status_code == 422 and "utfallsnivå" in bad.text


def test_redovisning_api_and_export(real: TestClient) -> None:
    data = real.get("/api/redovisning").json()
    assert data["income_from_investor"] == "0" and data["booked_total"] == "6000000.00"
    assert "disclaimer" in data
    assert real.get("/api/redovisning?ar=abc").status_code == 422
    assert "Bokförd kostnad totalt" in real.get("/redovisning/export?format=md").text
