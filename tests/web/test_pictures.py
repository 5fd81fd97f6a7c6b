"""Pictures and layout on the real content: figures in articles, the two-minute start, reading time, 404 hints."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from fastapi.testclient import TestClient

FIGURES = {
    "vad-ar-sib": ["figur-pengaflode"],
    "roller": ["figur-pengaflode", "figur-roller-stockholm", "figur-utan-intermediar"],
    "arbetsprocessen": ["figur-arbetsprocessen"],
    "resultattrappan": ["figur-resultattrappan"],
    "avtalsstruktur": ["figur-avtal-kommun-finansiar", "figur-avtal-utforare-finansiar", "figur-avtal-spv"],
    "danmark": ["figur-utan-intermediar"],
    "norrkoping": ["tidslinje-norrkoping"],
    "klippan": ["tidslinje-klippan"],
}


@pytest.mark.parametrize("article_id", sorted(FIGURES))
def test_article_shows_its_figures_as_inline_svg_with_text(real_client: TestClient, article_id: str) -> None:
    html = real_client.get(f"/artiklar/{article_id}").text
    for dom_id in FIGURES[article_id]:
        start = html.index(f'<figure class="diagram" id="{dom_id}"')
        figure = html[start : html.index("</figure>", start) + len("</figure>")]
        svg = figure[figure.index("<svg") : figure.index("</svg>") + 6]
        root = ET.fromstring(svg)
        assert root.get("role") == "img" and root.get("aria-labelledby") == f"{dom_id}-titel {dom_id}-besk"
        assert "Figuren i text" in figure and "style=" not in figure
    assert "{{diagram" not in html


def test_norrkoping_timeline_runs_from_2014_to_2021(real_client: TestClient) -> None:
    html = real_client.get("/artiklar/norrkoping").text
    assert "Tidslinje: Norrköping" in html and "2014–2021" in html
    figure = html[html.index('id="tidslinje-norrkoping"') :]
    assert figure.index("april 2014") < figure.index("maj 2016") < figure.index("Slutrapporten")


def test_no_figure_reference_without_a_figure(real_client: TestClient) -> None:
    for article_id in ("roller", "resultattrappan"):
        html = real_client.get(f"/artiklar/{article_id}").text
        assert "I figuren" not in html
        assert '<figure class="diagram"' in html


def test_start_page_has_sib_in_two_minutes_with_the_money_flow(real_client: TestClient) -> None:
    html = real_client.get("/").text
    assert "SIB på två minuter" in html
    assert 'id="figur-pengaflode-start"' in html and 'class="cite"' in html
    assert re.search(r"ca \d+ min läsning", html)


def test_reading_time_on_article_and_in_lists(real_client: TestClient) -> None:
    assert re.search(r"Lästid cirka \d+ min", real_client.get("/artiklar/klippan").text)
    assert len(re.findall(r"min läsning", real_client.get("/artiklar").text)) >= 40
    assert "min läsning" in real_client.get("/teman/fall").text


def test_decision_summary_comes_first(real_client: TestClient) -> None:
    html = real_client.get("/artiklar/nar-ar-det-vart-det").text
    summary = html.index('class="article-section decision-summary"')
    assert summary < html.index('id="toc-title"')
    assert html.count('id="sammanfattning"') == 1


def test_mistyped_article_id_suggests_the_right_one(real_client: TestClient) -> None:
    response = real_client.get("/artiklar/vad-ar-sbi")
    assert response.status_code == 404
    assert "Menade du" in response.text and 'href="/artiklar/vad-ar-sib"' in response.text


def test_favicon_is_served_and_linked(real_client: TestClient) -> None:
    response = real_client.get("/favicon.ico")
    assert response.status_code == 200 and response.headers["content-type"] == "image/x-icon"
    assert response.content[:4] == b"\x00\x00\x01\x00"
    assert '<link rel="icon" href="/favicon.ico"' in real_client.get("/").text


def test_kalkyl_has_a_chart_of_value_and_present_value(real_client: TestClient) -> None:
    html = real_client.get("/kalkyl").text
    svg = html[html.index('<svg class="chart-svg"') : html.index("</svg>", html.index('<svg class="chart-svg"')) + 6]
    root = ET.fromstring(svg.replace('<svg class', '<svg xmlns="http://www.w3.org/2000/svg" class', 1))
    assert root.get("role") == "img"
    assert "tkr" in svg and "År 1" in svg


def test_wide_tables_scroll_in_a_labelled_focusable_box(real_client: TestClient) -> None:
    html = real_client.get("/redovisning").text
    assert '<div class="table-scroll" tabindex="0" role="region" aria-labelledby="bokforing-rubrik">' in html
    article = real_client.get("/artiklar/roller").text
    assert '<div class="table-scroll" tabindex="0" role="region" aria-label="Tabell"><table>' in article


def test_search_fragment_carries_the_page_title_for_htmx(real_client: TestClient) -> None:
    fragment = real_client.get("/sok?q=risk", headers={"HX-Request": "true"}).text
    assert fragment.lstrip().startswith("<title>Sök: risk – SIB-guiden</title>")
    assert real_client.get("/sok?q=risk").text.count("<title>") == 1


def test_docs_page_uses_local_swagger_ui_and_no_inline_script(real_client: TestClient) -> None:
    response = real_client.get("/docs")
    html = response.text
    assert response.status_code == 200
    assert '<script src="/static/vendor/swagger-ui/swagger-ui-bundle.js" defer></script>' in html
    assert '<script src="/static/js/docs-init.js" defer></script>' in html
    assert "cdn" not in html.lower() and re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html) is None
    assert "script-src 'self'" in response.headers["content-security-policy"]
    assert real_client.get("/static/vendor/swagger-ui/swagger-ui-bundle.js").status_code == 200
