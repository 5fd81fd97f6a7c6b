"""Screening fixtures: the real content and tree (loaded once), helpers to reach any node, a client."""

from __future__ import annotations

from collections import deque
from pathlib import Path
from typing import Any

import pytest
import yaml
from fastapi.testclient import TestClient

from assistant.screening.model import Tree
from assistant.validate import Checked
from kb.models import Content
from tests.conftest import REAL_CONTENT

CASES = sorted((Path(__file__).parent / "cases").glob("*.yaml"))


@pytest.fixture(scope="session")
def content(real_content: Content) -> Content:
    return real_content


@pytest.fixture(scope="session")
def tree(real_checked: Checked) -> Tree:
    assert real_checked.tree is not None
    return real_checked.tree


@pytest.fixture
def web(real_client: TestClient) -> TestClient:
    return real_client


def path_to(tree: Tree, target: str) -> dict[str, str]:
    """The answers of a shortest route from the start to `target` (breadth first)."""
    parents: dict[str, tuple[str, str] | None] = {tree.start: None}
    queue = deque([tree.start])
    while queue:
        node = queue.popleft()
        if node == target:
            break
        for o in tree.questions[node].options if node in tree.questions else ():
            if o.next not in parents:
                parents[o.next] = (node, o.value)
                queue.append(o.next)
    answers: list[tuple[str, str]] = []
    step = parents[target]
    while step is not None:
        answers.append(step)
        step = parents[step[0]]
    return dict(reversed(answers))


def complete(tree: Tree, answers: dict[str, str]) -> dict[str, str]:
    """Extend answers along each question's first option until an outcome is reached."""
    out = dict(answers)
    node = tree.start
    while node in tree.questions:
        q = tree.questions[node]
        out.setdefault(node, q.options[0].value)
        node = next(o.next for o in q.options if o.value == out[node])
    return out


def load_case(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def real_tree_ids() -> tuple[list[str], list[str], list[tuple[str, str]]]:
    """Question ids, outcome ids and (question, option) pairs, read without fixtures for parametrisation."""
    from assistant.screening.load import load_tree

    loaded, _, _ = load_tree(REAL_CONTENT / "screening")
    assert loaded is not None
    pairs = [(q.id, o.value) for q in loaded.questions.values() for o in q.options]
    return sorted(loaded.questions), sorted(loaded.outcomes), pairs
