"""Frozen models of the screening tree and of the verdict the engine returns."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

VerdictClass = Literal["lamplig", "lamplig_med_villkor", "inte_sib_nu"]
Signal = Literal["styrka", "villkor", "hinder", "okand", "neutral"]
Phase = Literal["forstudie", "strukturera", "genomforande", "utvardering"]
Status = Literal["uppfyllt", "villkor", "hinder", "okant", "ej_besvarat"]

VERDICT_CLASSES: tuple[VerdictClass, ...] = ("lamplig", "lamplig_med_villkor", "inte_sib_nu")
SIGNALS: tuple[Signal, ...] = ("styrka", "villkor", "hinder", "okand", "neutral")
PHASES: dict[Phase, str] = {
    "forstudie": "Förstudie",
    "strukturera": "Strukturera utfallskontraktet",
    "genomforande": "Genomförande",
    "utvardering": "Utvärdering och återbetalning",
}
VERDICT_LABELS: dict[VerdictClass, str] = {
    "lamplig": "Lämplig för ett socialt utfallskontrakt",
    "lamplig_med_villkor": "Lämplig med villkor",
    "inte_sib_nu": "Inte ett utfallskontrakt nu",
}
STATUS_LABELS: dict[Status, str] = {
    "uppfyllt": "Uppfyllt",
    "villkor": "Behöver lösas",
    "hinder": "Hinder",
    "okant": "Okänt – ta reda på",
    "ej_besvarat": "Inte prövat",
}
# Which signal decides a criterion's status when several answers touch it: the worst wins.
SIGNAL_STATUS: dict[Signal, Status] = {
    "styrka": "uppfyllt",
    "neutral": "uppfyllt",
    "villkor": "villkor",
    "okand": "okant",
    "hinder": "hinder",
}
STATUS_RANK: dict[Status, int] = {"ej_besvarat": 0, "uppfyllt": 1, "villkor": 2, "okant": 3, "hinder": 4}


@dataclass(frozen=True)
class ArticleRef:
    """A citation of a knowledge-base article, optionally a section of it."""

    article: str
    anchor: str | None = None

    @classmethod
    def parse(cls, text: str) -> ArticleRef:
        article, _, anchor = text.partition("#")
        return cls(article.strip(), anchor.strip() or None)

    @property
    def url(self) -> str:
        return f"/artiklar/{self.article}" + (f"#{self.anchor}" if self.anchor else "")

    def __str__(self) -> str:
        return self.article + (f"#{self.anchor}" if self.anchor else "")


@dataclass(frozen=True)
class Option:
    """One answer option: what it signals, the reason it gives, what to do, and where it leads."""

    value: str
    label: str
    signal: Signal
    reason: str
    next: str
    todo: str | None = None
    phase: Phase | None = None
    models: tuple[tuple[str, int], ...] = ()
    articles: tuple[ArticleRef, ...] = ()
    line: int = 1


@dataclass(frozen=True)
class Question:
    """A question node; `help` is the Markdown shown under ”Varför frågar vi?”."""

    id: str
    question: str
    short: str
    criteria: tuple[str, ...]
    articles: tuple[ArticleRef, ...]
    options: tuple[Option, ...]
    help: str
    path: str
    line: int = 1

    def option(self, value: str) -> Option | None:
        return next((o for o in self.options if o.value == value), None)


@dataclass(frozen=True)
class Step:
    """A concrete next step in one of the four work phases."""

    phase: Phase
    text: str
    articles: tuple[ArticleRef, ...] = ()


@dataclass(frozen=True)
class Outcome:
    """An end node. `verdict` None means the class is weighed from all answers (the full-path outcome)."""

    id: str
    title: str
    verdict: VerdictClass | None
    summaries: dict[VerdictClass, str]
    model: str | None
    steps: tuple[Step, ...]
    articles: tuple[ArticleRef, ...]
    body: str
    path: str
    line: int = 1


@dataclass(frozen=True)
class Criterion:
    id: str
    title: str
    description: str
    articles: tuple[ArticleRef, ...]


@dataclass(frozen=True)
class ContractModel:
    id: str
    title: str
    description: str
    articles: tuple[ArticleRef, ...]


@dataclass(frozen=True)
class Tree:
    """The whole screening: start node, nodes, criteria registry and contract models."""

    start: str
    questions: dict[str, Question]
    outcomes: dict[str, Outcome]
    criteria: dict[str, Criterion]
    models: dict[str, ContractModel]
    max_open: int
    minutes: int

    def node_ids(self) -> set[str]:
        return set(self.questions) | set(self.outcomes)


@dataclass(frozen=True)
class Reason:
    """Why the engine decided as it did at one step: the answer given and what it means."""

    question: Question
    option: Option

    @property
    def signal(self) -> Signal:
        return self.option.signal

    @property
    def text(self) -> str:
        return self.option.reason

    @property
    def articles(self) -> tuple[ArticleRef, ...]:
        return self.option.articles or self.question.articles


@dataclass(frozen=True)
class CriterionStatus:
    criterion: Criterion
    status: Status
    reasons: tuple[Reason, ...]

    @property
    def label(self) -> str:
        return STATUS_LABELS[self.status]


@dataclass(frozen=True)
class ModelChoice:
    """The recommended contract model, the answers that pointed to it, and the runners-up."""

    model: ContractModel
    reasons: tuple[Reason, ...]
    fixed_by_outcome: bool
    scores: tuple[tuple[str, int], ...]


@dataclass(frozen=True)
class Verdict:
    verdict: VerdictClass
    outcome: Outcome
    summary: str
    reasons: tuple[Reason, ...]
    model: ModelChoice
    next_steps: tuple[Step, ...]
    criteria: tuple[CriterionStatus, ...]
    answers: dict[str, str]

    @property
    def label(self) -> str:
        return VERDICT_LABELS[self.verdict]

    @property
    def strengths(self) -> tuple[Reason, ...]:
        return tuple(r for r in self.reasons if r.signal == "styrka")

    @property
    def concerns(self) -> tuple[Reason, ...]:
        """Answers that need work before (or while) going further: blockers first."""
        order = {"hinder": 0, "okand": 1, "villkor": 2}
        found = [r for r in self.reasons if r.signal in order]
        return tuple(sorted(found, key=lambda r: order[r.signal]))

    @property
    def notes(self) -> tuple[Reason, ...]:
        return tuple(r for r in self.reasons if r.signal == "neutral")
