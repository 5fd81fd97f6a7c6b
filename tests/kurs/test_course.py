"""Course content validation, grading and pages over the real content."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from assistant.kurs.load import check_course
from assistant.kurs.quiz import grade
from assistant.validate import Checked
from kb.models import Content
from tests.conftest import REAL_CONTENT

HX = {"HX-Request": "true"}


@pytest.fixture
def content(real_content: Content) -> Content:
    return real_content


@pytest.fixture
def real(real_client: TestClient) -> TestClient:
    return real_client


def test_real_course_is_valid_and_in_teaching_order(real_checked: Checked) -> None:
    modules = real_checked.modules
    assert len(modules) >= 6
    assert [m.id for m in modules][:2] == ["vad-och-varfor", "roller"]
    for m in modules:
        assert 3 <= len(m.discussion) <= 5 and len(m.quiz) >= 3 and m.reading and m.exercise.steps


def test_sibguide_check_includes_the_course(real_checked: Checked) -> None:
    assert real_checked.errors == [] and real_checked.content is not None
    orders = [m.order for m in real_checked.modules]
    assert len(orders) >= 6 and orders == sorted(orders)


def _broken_copy(tmp_path: Path, old: str, new: str) -> Path:
    root = tmp_path / "sv"
    shutil.copytree(REAL_CONTENT / "kurs", root / "kurs")  # the course checker reads only kurs/ besides `content`
    path = root / "kurs" / "roller.md"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return root


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("link: roller#oversikt", "link: roller#finns-inte", "avsnittet #finns-inte finns inte i artikeln 'roller'"),
        ("link: avtalsstruktur", "link: ingen-sadan-artikel", "artikeln 'ingen-sadan-artikel' finns inte"),
        (
            "{{cite fryshuset2018 vad-ar-sib}} {{cite stockholm2021",
            "{{cite fryshuset2018 nej}} {{cite stockholm2021",
            "okänt kapitel 'nej'",
        ),
        ("    correct: 2\n", "    correct: 9\n", "bara 3 svarsalternativ"),
        ("duration: 60 minuter", "duration: 60 minuter\nokand: 1", "okänd nyckel 'okand'"),
    ],
)
def test_broken_module_is_reported_with_path_and_line(
    tmp_path: Path, content: Content, old: str, new: str, message: str
) -> None:
    root = _broken_copy(tmp_path, old, new)
    _, errors = check_course(root, content)
    assert errors, "expected an error"
    assert any(message in e.message for e in errors), [e.message for e in errors]
    assert all(e.path.name == "roller.md" and e.line > 1 for e in errors)


def test_explanation_without_source_is_an_error(tmp_path: Path, content: Content) -> None:
    old = (
        "explanation: Bara kommunen och finansiären skrev under kontraktet; intermediären och tjänsteleverantören kom "
        "in via kontraktets villkor. Se [Parterna](artikel:norrkoping#parterna). {{cite fryshuset2018 investerare}}"
    )
    root = _broken_copy(tmp_path, old, "explanation: Bara kommunen och finansiären.")
    _, errors = check_course(root, content)
    assert any("saknar källhänvisning" in e.message for e in errors)


def test_grading_counts_right_wrong_and_unanswered(real_checked: Checked) -> None:
    module = real_checked.modules[0]
    answers = {q.id: str(q.correct) for q in module.quiz}
    assert grade(module, answers).score == len(module.quiz)
    first = module.quiz[0]
    wrong = {first.id: str(first.correct % len(first.options) + 1)}
    result = grade(module, wrong)
    assert result.score == 0 and result.unanswered == len(module.quiz) - 1
    assert grade(module, {first.id: "99", "okand": "1"}).unanswered == len(module.quiz)


def test_course_pages(real: TestClient) -> None:
    index = real.get("/kurs")
    assert index.status_code == 200 and index.text.count("<h1") == 1
    page = real.get("/kurs/lamplighet")
    assert page.status_code == 200 and 'href="/artiklar/atta-faktorer#listan"' in page.text
    assert "/screening" in page.text and 'class="cite"' in page.text
    handout = real.get("/kurs/lamplighet/utskrift")
    assert handout.status_code == 200 and "/static/css/kurs.css" in handout.text and "Testa dig själv" in handout.text
    assert "(rätt svar)" not in handout.text
    assert real.get("/kurs/finns-inte").status_code == 404
    assert real.get("/kurs/finns-inte/test").status_code == 404


def test_quiz_without_javascript_post_and_get(real: TestClient) -> None:
    form = real.get("/kurs/lamplighet/test")
    assert form.status_code == 200 and 'method="post"' in form.text and "(rätt svar)" not in form.text
    posted = real.post("/kurs/lamplighet/test", data={"atta-faktorer": "1", "ordinarie": "1"})
    assert posted.status_code == 200
    assert "Du fick 1 av 4 rätt" in posted.text and "2 frågor besvarades inte" in posted.text
    assert posted.text.count('class="feedback"') == 4 and 'class="cite"' in posted.text
    got = real.get("/kurs/lamplighet/test?atta-faktorer=1&ordinarie=2&vems-budget=2&stockholm-slutsats=2")
    assert "Du fick 4 av 4 rätt" in got.text


def test_quiz_htmx_returns_fragment(real: TestClient) -> None:
    r = real.post("/kurs/lamplighet/test", data={"atta-faktorer": "2"}, headers=HX)
    assert r.status_code == 200 and r.headers["vary"] == "HX-Request"
    assert "<h1" not in r.text and "Du fick 0 av 4 rätt" in r.text
    full = real.get("/kurs/lamplighet", headers=HX)
    assert full.status_code == 200


def test_course_api_does_not_reveal_answers(real: TestClient) -> None:
    data = real.get("/api/kurs").json()
    assert len(data) >= 6 and all("correct" not in str(m) for m in data)
