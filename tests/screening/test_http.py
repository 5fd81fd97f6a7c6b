"""Every step over HTTP with JavaScript on (htmx fragments) and off (full pages and redirects), real content."""

from __future__ import annotations

import io
import re
from collections.abc import Mapping
from datetime import datetime
from urllib.parse import parse_qs, urlparse

import docx
import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant.screening.answers import encode_answers
from assistant.screening.engine import Walk
from assistant.screening.model import Tree
from tests.screening.conftest import complete

HX = {"HX-Request": "true"}


def _a(url: str) -> str:
    return parse_qs(urlparse(url).query, keep_blank_values=True)["a"][0]


def test_start_page_says_time_privacy_and_indicative(web: TestClient) -> None:
    r = web.get("/screening")
    assert r.status_code == 200 and r.headers["vary"] == "HX-Request"
    assert "minuter" in r.text and "Inget sparas" in r.text and "inte ett beslut" in r.text
    assert r.text.count("<h1") == 1 and 'href="/screening?a="' in r.text


@pytest.mark.parametrize("javascript", [False, True], ids=["utan-js", "med-js"])
def test_every_step_of_a_walk(web: TestClient, tree: Tree, javascript: bool) -> None:
    """Answer one question at a time, as a browser would, with a condition on the way."""
    answers = complete(tree, {"forankring": "nej"})
    url = "/screening?a="
    steps = 0
    while True:
        full = web.get(url)
        assert full.status_code == 200 and "<html" in full.text and full.text.count("<h1") == 1
        fragment = web.get(url, headers=HX)
        assert fragment.status_code == 200 and "<html" not in fragment.text and 'id="screening"' in fragment.text
        if "Resultat:" in full.text:
            break
        qid = full.text.split('name="q" value="', 1)[1].split('"', 1)[0]
        assert 'name="v"' in full.text and "Varför frågar vi?" in full.text and 'class="option-explain"' in full.text
        query = {"a": _a(url), "q": qid, "v": answers[qid]}
        if javascript:
            r = web.get("/screening", params=query, headers=HX)
            assert r.status_code == 200 and "<html" not in r.text
            url = r.headers["HX-Push-Url"]
        else:
            r = web.get("/screening", params=query, follow_redirects=False)
            assert r.status_code == 303
            url = r.headers["location"]
        steps += 1
        assert steps <= len(tree.questions)
    assert steps == len(answers)
    assert "Lämplig med villkor: inga hinder, 1 villkor" in full.text and 'id="share-url"' in full.text
    assert "{{cite" not in full.text and 'class="cite"' in full.text


def test_missing_answer_shows_error_with_422(web: TestClient, tree: Tree) -> None:
    r = web.get("/screening", params={"a": "", "q": tree.start})
    assert r.status_code == 422 and "Välj ett av svaren" in r.text and "<title>Fel: " in r.text
    fragment = web.get("/screening", params={"a": "", "q": tree.start}, headers=HX)
    assert fragment.status_code == 422 and 'role="alert"' in fragment.text and "<html" not in fragment.text


def test_change_that_adds_a_question_keeps_every_later_answer(web: TestClient, tree: Tree) -> None:
    answers = complete(tree, {})
    a = encode_answers(answers)
    r = web.get("/screening", params={"a": a, "andra": "kostnad"})
    assert r.status_code == 200 and "Spara och fortsätt" in r.text
    assert re.search(r'value="egen-budget"[^>]* checked', r.text)
    r = web.get("/screening", params={"a": a, "q": "kostnad", "v": "delad"}, follow_redirects=False)
    kept = _a(r.headers["location"])
    assert kept.endswith("projektkostnad:ja") and kept.count(":") == len(answers)
    page = web.get(r.headers["location"])
    assert "Ska de andra som sparar pengar vara med" in page.text
    r = web.get("/screening", params={"a": kept, "q": "medbetalare", "v": "ja"}, follow_redirects=False)
    final = _a(r.headers["location"])
    assert final.count(":") == len(answers) + 1
    result = web.get(r.headers["location"])
    assert "Resultat: Lämplig" in result.text and "har tagits bort" not in result.text


def test_change_that_removes_a_question_names_the_answer_that_went(web: TestClient, tree: Tree) -> None:
    answers = complete(tree, {"kostnad": "delad", "medbetalare": "ja"})
    r = web.get("/screening", params={"a": encode_answers(answers), "q": "kostnad", "v": "egen-budget"}, headers=HX)
    assert r.status_code == 200 and "har tagits bort: ”Medbetalare när flera sparar”" in r.text
    assert "medbetalare" not in r.headers["HX-Push-Url"]


def test_review_lists_every_answer_with_change_link(web: TestClient, tree: Tree) -> None:
    answers = complete(tree, {})
    a = encode_answers(answers)
    for headers in ({}, HX):
        r = web.get("/screening/granska", params={"a": a}, headers=headers)
        assert r.status_code == 200 and r.text.count('class="review-row"') == len(answers)
        assert r.text.count("andra=") >= len(answers)


def test_a_blocker_stops_with_every_blocker_and_offers_the_whole_assessment(web: TestClient) -> None:
    a = "utover-ordinarie:mer-av-samma,kostnad:ingen"
    r = web.get("/screening", params={"a": a})
    assert r.status_code == 200 and "Inte nu: 2 hinder" in r.text and "Se hela bedömningen ändå" in r.text
    summary = r.text.split('class="summary"', 1)[1].split("</section>", 1)[0]
    assert "Gå den alternativa vägen" in summary and "Vägen framåt:</strong> Ordinarie verksamhet" in summary
    assert "Resultat utöver ordinarie verksamhet" in r.text or "resultat utöver ordinarie" in r.text
    whole = re.search(r'href="(/screening\?a=[^"]*hela:ja[^"]*)"', r.text)
    assert whole is not None
    more = web.get(whole.group(1).replace("&amp;", "&"))
    assert "Är målgruppen avgränsad" in more.text
    r = web.get("/screening", params={"a": a + ",hela:ja", "q": "malgrupp", "v": "ja"}, follow_redirects=False)
    assert "hela:ja" in _a(r.headers["location"])


@pytest.mark.parametrize(
    ("a", "message"),
    [
        ("finns-inte:ja", "finns inte (längre)"),
        ("utover-ordinarie:kanske", "är inget svar på frågan"),
        ("<script>:x,%%%", "inte ett svar i formen"),
        ("x" * 4000, "för långa"),
    ],
)
def test_tampered_or_stale_links_give_clear_message(web: TestClient, a: str, message: str) -> None:
    r = web.get("/screening", params={"a": a})
    assert r.status_code == 200 and message in r.text and "<script>:" not in r.text


def test_stale_answer_off_the_path_is_named(web: TestClient, tree: Tree) -> None:
    answers = complete(tree, {}) | {"annan-betalare": "ja"}
    r = web.get("/screening", params={"a": encode_answers(answers)})
    assert "har tagits bort: ”Annan betalare eller utfallsfond”" in r.text


def test_result_page_summary_details_print_and_each_article_once(web: TestClient, tree: Tree) -> None:
    answers = complete(tree, {"forankring": "nej", "data": "vet-inte", "betalning": "nej", "utforare": "foretag"})
    r = web.get("/screening", params={"a": encode_answers(answers)})
    assert r.status_code == 200
    summary = r.text.split('class="summary"', 1)[1].split("</section>", 1)[0]
    assert "Lämplig med villkor" in summary and "Det viktigaste att göra" in summary
    assert summary.count("<li>") == 3 and "Ordinarie verksamhet eller vanlig upphandling" in summary
    assert r.text.count("<details") >= 4 and 'class="print-button" hidden' in r.text
    assert 'class="print-only print-head"' in r.text and datetime.now().strftime("%Y-%m-%d") in r.text
    main = r.text.split('id="screening"', 1)[1].split('aria-labelledby="dela"', 1)[0]
    linked = re.findall(r'href="/artiklar/([a-z0-9-]+)', main)
    assert linked and len(linked) == len(set(linked)), sorted(linked)
    assert "Dina svar (" in r.text


def test_tree_map_has_plain_labels(web: TestClient, tree: Tree) -> None:
    r = web.get("/screening/karta")
    assert r.status_code == 200
    for q in tree.questions:
        assert f'id="nod-{q}"' in r.text and f"({q})" not in r.text
    assert "content/sv" not in r.text and "node-id" not in r.text and "{{cite" not in r.text
    assert r.text.count('<svg class="tree-diagram"') == 1 and 'role="img"' in r.text and "style=" not in r.text


def _export(web: TestClient, fmt: str, text: str, headers: dict[str, str] | None = None) -> object:
    a = "utover-ordinarie:mer-av-samma,kostnad:ingen"
    return web.post("/screening/export", data={"a": a, "format": fmt, "beskrivning": text}, headers=headers or {})


def test_markdown_export_escapes_html_and_cites_sources(web: TestClient) -> None:
    md = _export(web, "md", "Vår <script>alert(1)</script> idé & mer")
    assert md.status_code == 200 and md.headers["cache-control"] == "no-store"  # type: ignore[attr-defined]
    text = md.text  # type: ignore[attr-defined]
    assert "&lt;script&gt;" in text and "<script>" not in text
    assert "Inte nu: 2 hinder" in text and "Fryshuset 2018, ”En intermediärs roll" in text
    assert datetime.now().strftime("%Y-%m-%d") in text and "hela" not in text.split("Länk till resultatet: ")[0]
    assert "Länk till resultatet: <http://testserver/screening?a=" in text and "](http://testserver/artiklar/" in text


def test_docx_export_has_metadata_date_link_hyperlinks_and_sources(web: TestClient) -> None:
    d = _export(web, "docx", "Rad ett\vrad två\fsida\x00\x1f\ufffe slut")
    assert d.status_code == 200  # type: ignore[attr-defined]
    document = docx.Document(io.BytesIO(d.content))  # type: ignore[attr-defined]
    props = document.core_properties
    assert props.author == "SIB-guiden" and props.title.startswith("Screening")
    assert props.created is not None and props.created.year == datetime.now().year
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Rad ett" in text and "slut" in text and "Rekommenderad modell" in text
    assert "Fryshuset 2018" in text and datetime.now().strftime("%Y-%m-%d") in text
    links = [r.target_ref for r in document.part.rels.values() if r.reltype.endswith("/hyperlink")]
    assert any("/screening?a=" in u for u in links) and any("/artiklar/" in u for u in links)


def test_oversized_description_keeps_answers_and_text(web: TestClient) -> None:
    long = "å" * 2500
    r = _export(web, "md", long)
    assert r.status_code == 422 and "text/html" in r.headers["content-type"]  # type: ignore[attr-defined]
    assert "högst 2000 tecken" in r.text and long in r.text  # type: ignore[attr-defined]
    assert 'name="a" value="utover-ordinarie:mer-av-samma,kostnad:ingen"' in r.text  # type: ignore[attr-defined]
    j = _export(web, "md", long, {"Accept": "application/json"})
    assert j.status_code == 422 and "högst 2000 tecken" in j.json()["detail"]  # type: ignore[attr-defined]
    assert web.post("/screening/export", data={"a": "utover-ordinarie:ja", "format": "md"}).status_code == 400
    assert _export(web, "pdf", "").status_code == 422  # type: ignore[attr-defined]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=300), fmt=st.sampled_from(["docx", "md"]))
def test_exports_accept_anything_a_user_can_paste(web: TestClient, text: str, fmt: str) -> None:
    r = _export(web, fmt, text)
    assert r.status_code == 200  # type: ignore[attr-defined]


def test_api_next_step_verdict_and_bad_answers(web: TestClient, tree: Tree) -> None:
    r = web.post("/api/screening", json={"answers": {}})
    assert r.status_code == 200 and r.json()["question"]["id"] == tree.start
    body = web.post("/api/screening", json={"answers": complete(tree, {})}).json()
    assert body["status"] == "klar" and body["verdict"] == "lamplig" and body["model"]["id"]
    assert {"statement", "findings", "hinder", "villkor", "utreda", "next_steps", "criteria"} <= set(body)
    stopped = web.post("/api/screening", json={"answers": "utover-ordinarie:mer-av-samma"}).json()
    assert stopped["partial"] and stopped["hinder"] == ["utover-ordinarie"] and "{{" not in str(stopped)
    more = web.post("/api/screening", json={"answers": "utover-ordinarie:mer-av-samma", "whole": True}).json()
    assert more["status"] == "fraga"
    bad = web.post("/api/screening", json={"answers": {"malgrupp": "kanske"}})
    assert bad.status_code == 422 and "inget svar på frågan" in bad.json()["detail"]
    assert web.post("/api/screening", json={"answers": 5}).status_code == 422


def test_a_body_too_large_for_the_server_gets_a_swedish_page(web: TestClient) -> None:
    """A huge paste never reaches the route (the server limit); the browser still gets a page with a way back."""
    data = {"a": "utover-ordinarie:mer-av-samma", "format": "md", "beskrivning": "å" * 40_000}
    r = web.post("/screening/export", data=data, headers={"Accept": "text/html"})
    assert r.status_code == 413 and "text/html" in r.headers["content-type"]
    assert "Texten är för lång" in r.text and "bakåtknapp" in r.text and 'href="/screening"' in r.text
    j = web.post("/screening/export", data=data, headers={"Accept": "application/json"})
    assert j.status_code == 413 and j.json()["detail"] == "Förfrågan är för stor."


def test_each_request_walks_the_tree_once(web: TestClient, tree: Tree, monkeypatch: pytest.MonkeyPatch) -> None:
    """Progress, the next question and the verdict all come from one walk over the answers, for every kind of step."""
    from assistant.screening import engine
    from web.routes import screening as routes

    calls: list[int] = []
    real_walk = engine.walk

    def counting_walk(t: Tree, answers: Mapping[str, str]) -> Walk:
        calls.append(1)
        return real_walk(t, answers)

    monkeypatch.setattr(engine, "walk", counting_walk)
    monkeypatch.setattr(routes, "walk", counting_walk)
    done = encode_answers(complete(tree, {}))
    first = tree.questions[tree.start].options[0].value
    requests = [
        ("GET", "/screening?a=", None),  # the first question
        ("GET", f"/screening?a={tree.start}:{first}", None),  # a later question, with progress
        ("GET", f"/screening?a={done}", None),  # the result
        ("GET", f"/screening/granska?a={done}", None),
        ("GET", f"/screening?a={done}&andra={tree.start}", None),  # change an answer
        ("POST", "/api/screening", {"answers": f"{tree.start}:{first}"}),  # the next question as JSON
        ("POST", "/api/screening", {"answers": done}),  # the verdict as JSON
    ]
    for method, url, body in requests:
        calls.clear()
        r = web.request(method, url, json=body)
        assert r.status_code == 200, (url, r.text[:300])
        assert len(calls) == 1, f"{method} {url}: {len(calls)} walks"
