"""Validators for content with its own formats (screening tree, course, calculator notes), run by `sibguide check`.

Each checker takes the content folder and the loaded articles and returns every problem it finds.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from kb.errors import ContentError
from kb.loader import check_content
from kb.models import Content

Checker = Callable[[Path, Content], list[ContentError]]


def checkers() -> list[Checker]:
    """The registered checkers; imported lazily so a broken module names itself in the error."""
    found: list[Checker] = []
    from assistant.screening.validate import check_screening

    found.append(check_screening)
    from assistant.kurs.validate import check as check_kurs

    found.append(check_kurs)
    from assistant.calculator_text import check as check_calculators

    found.append(check_calculators)
    return found


def check_all(root: Path) -> tuple[Content | None, list[ContentError]]:
    """Articles, glossary and every registered format; content is None when anything is wrong."""
    content, errors = check_content(root)
    if content is None:
        return None, errors
    for checker in checkers():
        errors += checker(root, content)
    return (None if errors else content), sorted(set(errors))
