"""The `sibguide check` hook for the course (registered in assistant/validate.py)."""

from __future__ import annotations

from pathlib import Path

from assistant.kurs.load import check_course
from assistant.kurs.plans import check_plans
from kb.errors import ContentError
from kb.models import Content


def check(root: Path, content: Content) -> list[ContentError]:
    """Every problem in content/sv/kurs/: schema, linked sections, citations in answers, the course plans."""
    modules, errors = check_course(root, content)
    return errors + check_plans(root, modules)[1]
