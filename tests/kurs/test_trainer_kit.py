"""The trainer's kit: course plans validated as content, projector slides, answer key and decision map pages."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from assistant.kurs.model import Module
from assistant.kurs.plans import check_plans, module_minutes
from assistant.validate import Checked
from tests.conftest import REAL_CONTENT


@pytest.fixture
def real(real_client: TestClient) -> TestClient:
    return real_client


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A content folder with only the real plans: the plan checker reads nothing else (modules come checked)."""
    root = tmp_path / "sv"
    (root / "kurs").mkdir(parents=True)
    shutil.copy(REAL_CONTENT / "kurs" / "planer.yaml", root / "kurs" / "planer.yaml")
    return root


@pytest.fixture
def modules(real_checked: Checked) -> list[Module]:
    return list(real_checked.modules)


def edit_plans(root: Path, old: str, new: str) -> None:
    path = root / "kurs" / "planer.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def problems(root: Path, modules: list[Module]) -> list[str]:
    _, errors = check_plans(root, modules)
    assert errors
    return [f"{e.path.name}:{e.line}: {e.message}" for e in errors]


def test_real_plans_add_up_to_a_half_day_and_a_full_day(real_checked: Checked, modules: list[Module]) -> None:
    plans = list(real_checked.plans)
    assert {p.id for p in plans} == {"halvdag", "heldag"}
    by_id = {p.id: p for p in plans}
    assert by_id["halvdag"].minutes == 210 and sum(b.minutes for b in by_id["halvdag"].blocks) == 210
    assert by_id["heldag"].blocks[-1].end == "16.30"
    assert {b.module.id for b in by_id["heldag"].blocks if b.module} == {m.id for m in modules}
    for plan in plans:
        for b in plan.blocks:
            if b.module:
                own = module_minutes(b.module)
                assert own is not None and b.minutes <= own


def test_plan_whose_blocks_do_not_add_up_is_refused(corpus: Path, modules: list[Module]) -> None:
    edit_plans(corpus, "    minutes: 210\n", "    minutes: 200\n")
    assert any("planer.yaml:6: planen 'halvdag': blocken blir 210 minuter men planen säger 200" in p
               for p in problems(corpus, modules))


def test_plan_with_unknown_or_repeated_module_is_refused(corpus: Path, modules: list[Module]) -> None:
    edit_plans(corpus, "      - module: roller\n", "      - module: finns-inte\n")
    edit_plans(corpus, "      - module: lamplighet\n        minutes: 50",
               "      - module: vad-och-varfor\n        minutes: 50")
    found = problems(corpus, modules)
    assert any("modulen 'finns-inte' finns inte" in p for p in found)
    assert any("modulen 'vad-och-varfor' finns två gånger" in p for p in found)


def test_module_given_more_time_than_it_takes_is_refused(corpus: Path, modules: list[Module]) -> None:
    edit_plans(corpus, "      - module: roller\n        minutes: 35", "      - module: roller\n        minutes: 95")
    assert any("95 minuter för 'roller', men modulen tar 60" in p for p in problems(corpus, modules))


def test_block_must_be_a_module_or_a_break(corpus: Path, modules: list[Module]) -> None:
    edit_plans(corpus, "      - title: Paus\n        minutes: 15", "      - minutes: 15")
    assert any("antingen module" in p for p in problems(corpus, modules))


def test_trainer_index_links_every_part_of_the_kit(real: TestClient) -> None:
    page = real.get("/kursledare").text
    for href in ("/kursledare/planer/halvdag", "/kursledare/planer/heldag", "/kursledare/facit",
                 "/kursledare/beslutskarta", "/kurs/vad-och-varfor/projektor"):
        assert f'href="{href}"' in page
    assert 'href="/kursledare"' in real.get("/kurs").text


def test_plan_page_shows_clock_times_and_module_links(real: TestClient) -> None:
    page = real.get("/kursledare/planer/halvdag").text
    assert re.findall(r'class="nowrap">([\d.–]+)<', page) == [
        "09.00–09.40", "09.40–10.15", "10.15–10.30", "10.30–11.20", "11.20–12.15", "12.15–12.30"]
    assert 'href="/kurs/roller/projektor"' in page
    assert real.get("/kursledare/planer/finns-inte").status_code == 404


def test_projector_has_one_point_per_slide_and_loads_its_script(real: TestClient) -> None:
    page = real.get("/kurs/roller/projektor").text
    assert page.count('class="slide"') >= 12
    assert page.count("<h1") == 1
    assert '<script src="/static/js/projector.js" defer></script>' in page
    assert "Diskussion 1 av" in page and "Testa dig själv 1 av" in page
    assert real.get("/kurs/finns-inte/projektor").status_code == 404
    assert real.get("/static/js/projector.js").status_code == 200


def test_answer_key_marks_the_right_answer_with_explanation_and_source(real: TestClient, modules: list[Module]) -> None:
    page = real.get("/kursledare/facit").text
    assert page.count('class="correct"') == sum(len(m.quiz) for m in modules)
    first = modules[0].quiz[0]
    assert f"Rätt svar: {first.options[first.correct - 1]}" in page
    assert 'class="cite"' in page or 'href="/artiklar/' in page


def test_decision_map_lists_the_screening_questions_and_links_the_full_map(real: TestClient) -> None:
    page = real.get("/kursledare/beslutskarta").text
    assert 'href="/screening/karta"' in page and 'href="/screening"' in page
    assert page.count("<li><strong>") >= 10
    assert "(hinder nu)" in page and "(talar för)" in page
