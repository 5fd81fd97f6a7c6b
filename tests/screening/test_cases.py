"""Case files (tests/screening/cases/*.yaml): answers → expected verdict, outcome, model, concerns, criteria."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.screening.answers import clean_answers
from assistant.screening.engine import evaluate, walk
from assistant.screening.model import Tree
from tests.screening.conftest import CASES, load_case


def test_there_are_at_least_fifteen_cases() -> None:
    assert len(CASES) >= 15


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_case(tree: Tree, path: Path) -> None:
    case = load_case(path)
    raw = case["answers"]
    expect = case["expect"]
    assert isinstance(raw, dict) and isinstance(expect, dict)
    answers, problems = clean_answers(tree, raw)
    assert problems == [], "svaren i fallet är inaktuella"
    assert walk(tree, answers).unused == (), "fallet har svar som inte ligger på vägen"
    verdict = evaluate(tree, answers)
    assert verdict.verdict == expect["verdict"]
    assert verdict.outcome.id == expect["outcome"]
    assert verdict.model.model.id == expect["model"], dict(verdict.model.scores)
    concerns = {r.question.id for r in verdict.concerns}
    assert set(expect["concerns"]) <= concerns, concerns
    if expect["concerns"] == []:
        assert concerns == set()
    statuses = {c.criterion.id: c.status for c in verdict.criteria}
    for criterion, status in (expect.get("criteria") or {}).items():
        assert statuses[criterion] == status, criterion
