"""Frozen models of the screening tree and of the verdict the engine returns."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

VerdictClass = Literal["lamplig", "lamplig_med_villkor", "inte_sib_nu"]
Signal = Literal["styrka", "villkor", "hinder", "utreda", "neutral"]
Kind = Literal["hinder", "villkor", "utreda"]
Phase = Literal["forstudie", "strukturera", "genomforande", "utvardering"]
Status = Literal["uppfyllt", "villkor", "hinder", "utreda", "ej_besvarat"]

VERDICT_CLASSES: tuple[VerdictClass, ...] = ("lamplig", "lamplig_med_villkor", "inte_sib_nu")
SIGNALS: tuple[Signal, ...] = ("styrka", "villkor", "hinder", "utreda", "neutral")
KINDS: tuple[Kind, ...] = ("hinder", "villkor", "utreda")
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
KIND_LABELS: dict[Kind, str] = {"hinder": "Hinder", "villkor": "Villkor", "utreda": "Att utreda i förstudien"}
STATUS_LABELS: dict[Status, str] = {
    "uppfyllt": "Uppfyllt",
    "villkor": "Villkor före strukturfasen",
    "hinder": "Hinder",
    "utreda": "Att utreda i förstudien",
    "ej_besvarat": "Inte prövat",
}
SIGNAL_STATUS: dict[Signal, Status] = {
    "styrka": "uppfyllt",
    "neutral": "uppfyllt",
    "villkor": "villkor",
    "utreda": "utreda",
    "hinder": "hinder",
}
STATUS_RANK: dict[Status, int] = {"ej_besvarat": 0, "uppfyllt": 1, "utreda": 2, "villkor": 3, "hinder": 4}


@dataclass(frozen=True)
class ArticleRef:
    """A citation of a knowledge-base article, optionally a section of it."""

    article: str
    anchor: str | None = None

    @classmethod
    def parse(cls, text: str) -> ArticleRef:
        article, _, anchor = text.partition("#")
        return cls(article.strip(), anchor.strip() or None)

    def __str__(self) -> str:
        return self.article + (f"#{self.anchor}" if self.anchor else "")


@dataclass(frozen=True)
class Option:
    """One answer option: what it signals for which criterion, the reason, what to do, and where it leads."""

    value: str
    label: str
    explain: str
    signal: Signal
    reason: str
    next: str
    criterion: str = ""
    todo: str | None = None
    phase: Phase | None = None
    articles: tuple[ArticleRef, ...] = ()
    line: int = 1


@dataclass(frozen=True)
class Question:
    """A question node testing one criterion; `help` is the Markdown shown under ”Varför frågar vi?”."""

    id: str
    question: str
    short: str
    criterion: str
    articles: tuple[ArticleRef, ...]
    options: tuple[Option, ...]
    help: str
    path: str
    line: int = 1

    def option(self, value: str) -> Option | None:
        return next((o for o in self.options if o.value == value), None)


@dataclass(frozen=True)
class Condition:
    """`question` answered with one of `values`; `reason` is what that answer says for a model."""

    question: str
    values: tuple[str, ...]
    reason: str = ""


@dataclass(frozen=True)
class Step:
    """A next step in one of the four phases, shown only for the listed verdicts and models (empty = always)."""

    phase: Phase
    text: str
    articles: tuple[ArticleRef, ...] = ()
    verdicts: tuple[VerdictClass, ...] = ()
    models: tuple[str, ...] = ()

    def applies(self, verdict: VerdictClass, model: str) -> bool:
        return (not self.verdicts or verdict in self.verdicts) and (not self.models or model in self.models)


@dataclass(frozen=True)
class Outcome:
    """The end node: a summary per verdict class, the steps, and the body shown under the result."""

    id: str
    title: str
    summaries: dict[VerdictClass, str]
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
    """A contract model and the conditions, written from the sources, under which it fits or is ruled out."""

    id: str
    title: str
    description: str
    articles: tuple[ArticleRef, ...]
    when: tuple[Condition, ...] = ()
    unless: tuple[Condition, ...] = ()


@dataclass(frozen=True)
class Route:
    """The way forward when the verdict is "inte nu" because of one kind of blocker: a model id, or BEST (the best
    outcome model other than IOP, reached by solving the blocker), with the cited reason shown."""

    model: str
    reason: str


BEST = "basta-modell"


@dataclass(frozen=True)
class Tree:
    """The whole screening: start node, nodes, criteria registry, contract models and the alternative route."""

    start: str
    questions: dict[str, Question]
    outcomes: dict[str, Outcome]
    criteria: dict[str, Criterion]
    models: dict[str, ContractModel]
    minutes: int
    alternative: str
    routes: dict[str, Route]

    def node_ids(self) -> set[str]:
        return set(self.questions) | set(self.outcomes)


@dataclass(frozen=True)
class Reason:
    """One answer on the path and what it means."""

    question: Question
    option: Option

    @property
    def signal(self) -> Signal:
        return self.option.signal

    @property
    def criterion(self) -> str:
        return self.option.criterion or self.question.criterion

    @property
    def text(self) -> str:
        return self.option.reason

    @property
    def articles(self) -> tuple[ArticleRef, ...]:
        return self.option.articles or self.question.articles


@dataclass(frozen=True)
class Finding:
    """A criterion flagged as hinder, villkor or att utreda, with the answer that flagged it."""

    criterion: Criterion
    kind: Kind
    reason: Reason


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
    """The recommended model, the stated reasons (its own conditions that hold), and a close second choice."""

    model: ContractModel
    reasons: tuple[str, ...]
    second: ContractModel | None
    second_reasons: tuple[str, ...]
    alternative_route: bool
    scores: tuple[tuple[str, int], ...]
    second_label: str = "Nästan lika bra"


@dataclass(frozen=True)
class Verdict:
    verdict: VerdictClass
    statement: str
    outcome: Outcome
    summary: str
    reasons: tuple[Reason, ...]
    findings: tuple[Finding, ...]
    model: ModelChoice
    next_steps: tuple[Step, ...]
    criteria: tuple[CriterionStatus, ...]
    answers: dict[str, str]
    partial: bool = False

    @property
    def label(self) -> str:
        return VERDICT_LABELS[self.verdict]

    def of_kind(self, kind: Kind) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.kind == kind)

    @property
    def strengths(self) -> tuple[Reason, ...]:
        return tuple(r for r in self.reasons if r.signal == "styrka")

    @property
    def concerns(self) -> tuple[Reason, ...]:
        """Answers that need work: blockers first, then conditions, then what to find out."""
        return tuple(f.reason for f in self.findings)

    @property
    def notes(self) -> tuple[Reason, ...]:
        return tuple(r for r in self.reasons if r.signal == "neutral")
