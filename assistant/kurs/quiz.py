"""Grade a module's self-test: pure, nothing stored; unknown or missing answers count as unanswered."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from assistant.kurs.model import Module, Question


@dataclass(frozen=True)
class Graded:
    """One question with the participant's choice (1-based, None when unanswered) and whether it was right."""

    question: Question
    chosen: int | None

    @property
    def correct(self) -> bool:
        return self.chosen == self.question.correct


@dataclass(frozen=True)
class QuizResult:
    graded: tuple[Graded, ...]

    @property
    def score(self) -> int:
        return sum(g.correct for g in self.graded)

    @property
    def total(self) -> int:
        return len(self.graded)

    @property
    def unanswered(self) -> int:
        return sum(g.chosen is None for g in self.graded)


def _choice(raw: str | None, options: int) -> int | None:
    if raw is None or not raw.strip().isdigit():
        return None
    value = int(raw.strip())
    return value if 1 <= value <= options else None


def grade(module: Module, answers: Mapping[str, str]) -> QuizResult:
    """Answers keyed by question id, values the 1-based option number as sent by the form."""
    return QuizResult(tuple(Graded(q, _choice(answers.get(q.id), len(q.options))) for q in module.quiz))


def has_answers(module: Module, answers: Mapping[str, str]) -> bool:
    return any(q.id in answers for q in module.quiz)
