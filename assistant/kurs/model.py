"""Course module front matter (parsed at the boundary) and the frozen models the pages use."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from kb.models import SLUG

Tool = Literal["screening", "kalkyl", "redovisning"]
ARTICLE_REF = r"^[a-z0-9]+(-[a-z0-9]+)*(#[a-z0-9]+(-[a-z0-9]+)*)?$"


class ReadingIn(BaseModel):
    """An article section to read: `article-id#anchor` (or the whole article), with why."""

    model_config = ConfigDict(extra="forbid")
    link: str = Field(pattern=ARTICLE_REF)
    note: str = Field(min_length=1)


class ExerciseIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    title: str = Field(min_length=1)
    case: str | None = Field(default=None, pattern=SLUG)
    tools: list[Tool] = []
    intro: str = Field(min_length=1)
    steps: list[str] = Field(min_length=2)


class QuestionIn(BaseModel):
    """A multiple-choice question; `correct` is the 1-based number of the right option."""

    model_config = ConfigDict(extra="forbid")
    id: str = Field(pattern=SLUG)
    question: str = Field(min_length=1)
    options: list[str] = Field(min_length=2, max_length=5)
    correct: int = Field(ge=1)
    explanation: str = Field(min_length=1)

    @model_validator(mode="after")
    def _correct_in_range(self) -> QuestionIn:
        if self.correct > len(self.options):
            raise ValueError(f"correct är {self.correct} men det finns bara {len(self.options)} svarsalternativ")
        return self


class ModuleMeta(BaseModel):
    """Front matter of one course module; unknown keys are errors."""

    model_config = ConfigDict(extra="forbid")
    id: str = Field(pattern=SLUG)
    order: int = Field(ge=1)
    title: str = Field(min_length=1)
    summary: str = Field(min_length=1)
    duration: str = Field(min_length=1)
    updated: dt.date
    goals: list[str] = Field(min_length=2)
    reading: list[ReadingIn] = Field(min_length=1)
    discussion: list[str] = Field(min_length=3, max_length=5)
    exercise: ExerciseIn
    quiz: list[QuestionIn] = Field(min_length=3)


@dataclass(frozen=True)
class Reading:
    article: str
    anchor: str | None
    note: str


@dataclass(frozen=True)
class Question:
    id: str
    question: str
    options: tuple[str, ...]
    correct: int
    explanation: str


@dataclass(frozen=True)
class Exercise:
    title: str
    case: str | None
    tools: tuple[str, ...]
    intro: str
    steps: tuple[str, ...]


@dataclass(frozen=True)
class Module:
    """A validated course module; `notes` is the Markdown body (guidance for the trainer)."""

    id: str
    order: int
    title: str
    summary: str
    duration: str
    goals: tuple[str, ...]
    reading: tuple[Reading, ...]
    discussion: tuple[str, ...]
    exercise: Exercise
    quiz: tuple[Question, ...]
    notes: str
    path: str


def to_module(meta: ModuleMeta, notes: str, path: str) -> Module:
    """Frozen module from validated front matter."""
    return Module(
        id=meta.id,
        order=meta.order,
        title=meta.title,
        summary=meta.summary,
        duration=meta.duration,
        goals=tuple(meta.goals),
        reading=tuple(Reading(*_split(r.link), r.note) for r in meta.reading),
        discussion=tuple(meta.discussion),
        exercise=Exercise(
            meta.exercise.title,
            meta.exercise.case,
            tuple(meta.exercise.tools),
            meta.exercise.intro,
            tuple(meta.exercise.steps),
        ),
        quiz=tuple(Question(q.id, q.question, tuple(q.options), q.correct, q.explanation) for q in meta.quiz),
        notes=notes,
        path=path,
    )


def _split(link: str) -> tuple[str, str | None]:
    article, _, anchor = link.partition("#")
    return article, anchor or None
