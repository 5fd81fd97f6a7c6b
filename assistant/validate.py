"""Validation of all content, run by `sibguide check` and at start-up.

`validate` returns what it checked – the content, the screening tree, the course modules and plans, the calculators'
notes – so the app and the CLI use the objects that passed instead of loading the files a second time.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from assistant.calculator_text import CalculatorText, check_calculator_texts
from assistant.kurs.load import check_course
from assistant.kurs.model import Module
from assistant.kurs.plans import Plan, check_plans
from assistant.screening.model import Tree
from assistant.screening.validate import checked_tree
from assistant.start_text import StartText, check_start_text
from kb.errors import ContentError
from kb.loader import check_content
from kb.models import Content


@dataclass(frozen=True)
class Checked:
    """The outcome of one validation: the typed objects when nothing is wrong, and every problem found."""

    content: Content | None
    """None when anything at all is wrong (the app refuses to start)."""
    errors: list[ContentError] = field(default_factory=list)
    tree: Tree | None = None
    """The screening tree; None when the content has no `screening/` folder."""
    modules: tuple[Module, ...] = ()
    """The course modules, in course order."""
    plans: tuple[Plan, ...] = ()
    """The course plans (`kurs/planer.yaml`) assembled from the modules."""
    calculator_texts: dict[str, CalculatorText] = field(default_factory=dict)
    """Each calculator's notes and disclaimer (`rakna/<key>.yaml`), by calculator key."""
    start: StartText | None = None
    """The start page's "SIB på två minuter" (`start.yaml`); None when the content has none."""


def validate(root: Path) -> Checked:
    """Articles, glossary, screening tree, course and calculator notes; every problem, sorted; the objects only when
    all is well."""
    content, errors = check_content(root)
    if content is None:
        return Checked(None, errors)
    tree, tree_errors = checked_tree(root, content)
    modules, course_errors = check_course(root, content)
    plans, plan_errors = check_plans(root, modules)
    texts, text_errors = check_calculator_texts(root, content)
    start, start_errors = check_start_text(root, content)
    errors = sorted(set(errors + tree_errors + course_errors + plan_errors + text_errors + start_errors))
    if errors:
        return Checked(None, errors)
    return Checked(content, errors, tree, tuple(modules), tuple(plans), texts, start)


def check_all(root: Path) -> tuple[Content | None, list[ContentError]]:
    """`validate` for callers that need only the content: (content or None, every problem)."""
    checked = validate(root)
    return checked.content, checked.errors
