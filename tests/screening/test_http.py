"""Every step over HTTP with JavaScript on (htmx fragments) and off (full pages and redirects), real content."""

from __future__ import annotations

import io
from urllib.parse import parse_qs, urlparse

import docx
import pytest
from fastapi.testclient import TestClient

from assistant.screening.model import Tree
from tests.screening.conftest import CASES, complete, load_case

HX = {"HX-Request": "true"}


def _a(url: str) -> str:
    return parse_qs(urlparse(url).query, keep_blank_values=True)["a"][0]


def test_start_page_says_time_privacy_and_indicative(web: TestClient) -> None:
    r = web.get("/screening")
    assert r.status_code == 200 and r.headers["vary"] == "HX-Request"
    assert "minuter" in r.text and "Inget sparas" in r.text and "inte ett beslut" in r.text
    assert r.text.count("<h1") == 1 and 'href="/screening?a="' in r.text


@pytest.mark.parametrize("javascript", [False, True], ids=["utan-js", "med-js"])
def test_every_step_of_a_case(web: TestClient, tree: Tree, javascript: bool) -> None:
    """Walk Klippan's case one question at a time, as a browser would."""
    case = load_case(next(p for p in CASES if p.stem == "klippan-hosten-2016"))
    answers = case["answers"]
    assert isinstance(answers, dict)
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
        assert 'name="v"' in full.text and "Varför frågar vi?" in full.text and "<progress" in full.text
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
    assert "Inte ett utfallskontrakt nu" in full.text and "Intern social investering" in full.text
    assert 'id="share-url"' in full.text and "Kriterierna i korthet" in full.text


def test_missing_answer_shows_error_with_422(web: TestClient, tree: Tree) -> None:
    r = web.get("/screening", params={"a": "", "q": tree.start})
    assert r.status_code == 422 and "Välj ett av svaren" in r.text and "<title>Fel: " in r.text


def test_back_and_change_keep_later_answers(web: TestClient, tree: Tree) -> None:
    answers = complete(tree, {})
    a = ",".join(f"{k}:{v}" for k, v in answers.items())
    r = web.get("/screening", params={"a": a, "andra": "malgrupp"})
    assert r.status_code == 200 and "Spara och fortsätt" in r.text and 'value="ja" checked' in r.text
    r = web.get("/screening", params={"a": a, "q": "malgrupp", "v": "delvis"}, follow_redirects=False)
    new = _a(r.headers["location"])
    assert "malgrupp:delvis" in new and new.endswith("projektorganisation:ja")
    result = web.get(r.headers["location"])
    assert "Lämplig med villkor" in result.text


def test_review_lists_every_answer_with_change_link(web: TestClient, tree: Tree) -> None:
    answers = complete(tree, {})
    a = ",".join(f"{k}:{v}" for k, v in answers.items())
    for headers in ({}, HX):
        r = web.get("/screening/granska", params={"a": a}, headers=headers)
        assert r.status_code == 200 and r.text.count('class="review-row"') == len(answers)
        assert r.text.count("andra=") >= len(answers)


@pytest.mark.parametrize(
    ("a", "message"),
    [
        ("finns-inte:ja", "finns inte (längre)"),
        ("utover-ordinarie:kanske", "är inget svar på frågan"),
        ("<script>:x,%%%", "inte ett svar i formen"),
        ("utover-ordinarie:ja,utfallsfond:ja", "hör inte längre till vägen"),
        ("x" * 4000, "för långa"),
    ],
)
def test_tampered_or_stale_links_give_clear_message(web: TestClient, a: str, message: str) -> None:
    r = web.get("/screening", params={"a": a})
    assert r.status_code == 200 and message in r.text and "<script>:" not in r.text


def test_tree_map_shows_every_node(web: TestClient, tree: Tree) -> None:
    r = web.get("/screening/karta")
    assert r.status_code == 200
    for node in tree.node_ids():
        assert f'id="nod-{node}"' in r.text
    assert r.text.count('<svg class="tree-diagram"') == 1 and 'role="img"' in r.text and "style=" not in r.text


def test_export_docx_and_markdown_carry_description_only_in_file(web: TestClient) -> None:
    a = "utover-ordinarie:ja,kostsamt-problem:nej"
    md = web.post("/screening/export", data={"a": a, "format": "md", "beskrivning": "Vår simhall"})
    assert md.status_code == 200 and "Vår simhall" in md.text and "Inte ett utfallskontrakt nu" in md.text
    assert md.headers["cache-control"] == "no-store"
    d = web.post("/screening/export", data={"a": a, "format": "docx", "beskrivning": "Vår simhall"})
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(d.content)).paragraphs)
    assert d.status_code == 200 and "Vår simhall" in text and "Rekommenderad modell" in text
    too_long = web.post("/screening/export", data={"a": a, "format": "md", "beskrivning": "x" * 2001})
    assert too_long.status_code == 422 and "högst 2000 tecken" in too_long.text
    incomplete = web.post("/screening/export", data={"a": "utover-ordinarie:ja", "format": "md"})
    assert incomplete.status_code == 400
    assert web.post("/screening/export", data={"a": a, "format": "pdf"}).status_code == 422


def test_api_next_step_verdict_and_bad_answers(web: TestClient, tree: Tree) -> None:
    r = web.post("/api/screening", json={"answers": {}})
    assert r.status_code == 200 and r.json()["question"]["id"] == tree.start
    r = web.post("/api/screening", json={"answers": complete(tree, {})})
    body = r.json()
    assert body["status"] == "klar" and body["verdict"] == "lamplig" and body["model"]["id"]
    assert {"strengths", "concerns", "next_steps", "criteria"} <= set(body)
    r = web.post("/api/screening", json={"answers": "utover-ordinarie:mer-av-samma"})
    assert r.json()["outcome"] == "stopp-ordinarie"
    bad = web.post("/api/screening", json={"answers": {"malgrupp": "kanske"}})
    assert bad.status_code == 422 and "inget svar på frågan" in bad.json()["detail"]
    wrong_type = web.post("/api/screening", json={"answers": 5})
    assert wrong_type.status_code == 422
