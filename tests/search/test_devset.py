"""The question sets stay valid while the content changes: every cited article and section exists."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from kb.models import Content
from web.settings import ROOT

DEVSET = ROOT / "bench" / "devset.yaml"
SETS = [DEVSET, ROOT / "bench" / "holdout.yaml"]
SOURCE_ONLY = ROOT / "bench" / "sourceonly.yaml"


def test_devset_has_enough_questions() -> None:
    data = yaml.safe_load(DEVSET.read_text(encoding="utf-8"))
    questions = data["questions"]
    assert len(questions) >= 60 and len(data["out_of_scope"]) >= 15
    assert sum(q["overlap"] == "low" for q in questions) >= len(questions) // 2


@pytest.mark.parametrize("path", SETS, ids=lambda p: p.name)
def test_question_set_targets_exist_in_the_content(path: Path, real_content: Content) -> None:
    content = real_content
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    missing = []
    for q in data["questions"]:
        for target in q["relevant"]:
            article, _, anchor = target.partition("#")
            a = content.articles.get(article)
            if a is None or (anchor and a.section(anchor) is None):
                missing.append(f"{q['q']}: {target}")
    assert missing == []


def test_held_out_questions_are_not_copies_of_authored_questions(real_content: Content) -> None:
    """The held-out set measures generalisation only if its questions are not the ones the articles list. (The
    source-only set's writer never saw the articles; "Vad är ett socialt utfallskontrakt?" is asked by both.)"""
    content = real_content
    authored = {q.strip().lower() for a in content.articles.values() for _, q in a.questions}
    held_out = yaml.safe_load(SETS[1].read_text(encoding="utf-8"))["questions"]
    assert [q["q"] for q in held_out if q["q"].strip().lower() in authored] == []


def test_the_source_only_set_labels_facts_for_every_question() -> None:
    """Written from the sources alone, it names no sections; the facts are all it is measured by."""
    data = yaml.safe_load(SOURCE_ONLY.read_text(encoding="utf-8"))
    assert len(data["questions"]) >= 60 and len(data["out_of_scope"]) >= 30
    for q in data["questions"]:
        assert q["facts"] and all(f and all(isinstance(w, str) and w.strip() for w in f) for f in q["facts"]), q["q"]
