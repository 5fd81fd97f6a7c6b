"""The public dev set stays valid while the content changes: every cited article and section exists."""

from __future__ import annotations

from pathlib import Path

import yaml

from kb.loader import check_content
from web.settings import ROOT

DEVSET = ROOT / "bench" / "devset.yaml"


def test_devset_has_enough_questions() -> None:
    data = yaml.safe_load(DEVSET.read_text(encoding="utf-8"))
    questions = data["questions"]
    assert len(questions) >= 60 and len(data["out_of_scope"]) >= 15
    assert sum(q["overlap"] == "low" for q in questions) >= len(questions) // 2


def test_devset_targets_exist_in_the_content() -> None:
    content, errors = check_content(Path(ROOT / "content" / "sv"))
    assert content is not None, errors[:5]
    data = yaml.safe_load(DEVSET.read_text(encoding="utf-8"))
    missing = []
    for q in data["questions"]:
        for target in q["relevant"]:
            article, _, anchor = target.partition("#")
            a = content.articles.get(article)
            if a is None or (anchor and a.section(anchor) is None):
                missing.append(f"{q['q']}: {target}")
    assert missing == []
