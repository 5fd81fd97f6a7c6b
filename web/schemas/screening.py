"""`POST /api/screening` and `sibguide screen --json`: the next question or the verdict, as the pages show them.

Citation markers become plain text (`plain`); the sources each reason rests on are listed apart (`sources`).
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from assistant.screening.answers import encode_answers
from assistant.screening.citetext import citations_of, plain
from assistant.screening.engine import Walk, progress_of
from assistant.screening.model import (
    KIND_LABELS,
    PHASES,
    ArticleRef,
    Kind,
    Phase,
    Reason,
    Signal,
    Status,
    Tree,
    Verdict,
    VerdictClass,
)
from kb.links import LinkBuilder


class ArticleLink(BaseModel):
    article: str
    anchor: str | None
    url: str


def _links(refs: tuple[ArticleRef, ...], links: LinkBuilder) -> list[ArticleLink]:
    return [ArticleLink(article=r.article, anchor=r.anchor, url=links.article(r.article, r.anchor)) for r in refs]


class SourceCite(BaseModel):
    doc: str
    chapter: str
    pages: str | None


def _sources(*texts: str | None) -> list[SourceCite]:
    out: list[SourceCite] = []
    for text in texts:
        for c in citations_of(text or ""):
            item = SourceCite(doc=c.doc, chapter=c.chapter, pages=c.pages)
            if item not in out:
                out.append(item)
    return out


class OptionOut(BaseModel):
    value: str
    label: str
    explain: str


class QuestionOut(BaseModel):
    id: str
    text: str
    short: str
    help: str = Field(description="Hjälptexten under frågan, Markdown med citatmarkörer.")
    criterion: str
    articles: list[ArticleLink]
    options: list[OptionOut]


class Progress(BaseModel):
    answered: int = Field(ge=0)
    estimated_total: int = Field(ge=0)


class QuestionStep(BaseModel):
    """Not done yet: the next question to answer."""

    status: Literal["fraga"]
    question: QuestionOut
    progress: Progress
    answers: dict[str, str] = Field(description="De svar som används: fråga → svar.")
    a: str = Field(description="Svaren i adressens form, för /screening?a=…")
    ignored: list[str] = Field(default_factory=list, description="Svar som inte hör till vägen genom frågorna.")

    @classmethod
    def of(cls, tree: Tree, w: Walk, links: LinkBuilder) -> QuestionStep:
        """The question a walk stopped at, with progress from that same walk (one walk per request)."""
        question, answers, ignored = w.question, w.answers, list(w.unused)
        assert question is not None, "QuestionStep needs a walk that stopped at a question"
        done, total = progress_of(tree, w)
        q = QuestionOut(id=question.id, text=question.question, short=question.short, help=question.help,
                        criterion=question.criterion, articles=_links(question.articles, links),
                        options=[OptionOut(value=o.value, label=o.label, explain=plain(o.explain))
                                 for o in question.options])
        return cls(status="fraga", question=q, progress=Progress(answered=done, estimated_total=total),
                   answers=dict(answers), a=encode_answers(answers), ignored=ignored)


class ReasonOut(BaseModel):
    """One answer on the path and what it means for the assessment."""

    question: str
    criterion: str
    answer: str
    answer_label: str
    signal: Signal
    text: str
    todo: str | None
    phase: Phase | None
    articles: list[ArticleLink]
    sources: list[SourceCite]

    @classmethod
    def of(cls, r: Reason, links: LinkBuilder) -> ReasonOut:
        return cls(question=r.question.id, criterion=r.criterion, answer=r.option.value, answer_label=r.option.label,
                   signal=r.signal, text=plain(r.text), todo=plain(r.option.todo) if r.option.todo else None,
                   phase=r.option.phase, articles=_links(r.articles, links), sources=_sources(r.text, r.option.todo))


class FindingOut(ReasonOut):
    """A criterion flagged as hinder, villkor or att utreda, with the answer that flagged it."""

    kind: Kind
    kind_label: str


class ModelOut(BaseModel):
    """The recommended contract model and a close second choice."""

    id: str
    title: str
    description: str
    reasons: list[str]
    alternative_route: bool
    second: str | None
    second_label: str
    second_reasons: list[str]
    scores: dict[str, int]
    articles: list[ArticleLink]


class NextStep(BaseModel):
    phase: Phase
    phase_label: str
    text: str
    articles: list[ArticleLink]


class CriterionOut(BaseModel):
    id: str
    title: str
    status: Status
    label: str


class VerdictStep(BaseModel):
    """Done: the verdict with its findings, reasons, recommended model, next steps and every criterion's status."""

    status: Literal["klar"]
    verdict: VerdictClass
    label: str
    statement: str
    partial: bool = Field(description="Sant när screeningen stannade vid ett hinder innan alla frågor besvarats.")
    summary: str
    findings: list[FindingOut]
    hinder: list[str]
    villkor: list[str]
    utreda: list[str]
    reasons: list[ReasonOut]
    strengths: list[ReasonOut]
    model: ModelOut
    next_steps: list[NextStep]
    criteria: list[CriterionOut]
    answers: dict[str, str]
    a: str
    ignored: list[str] = Field(default_factory=list, description="Svar som inte hör till vägen genom frågorna.")

    @classmethod
    def of(cls, verdict: Verdict, ignored: list[str], links: LinkBuilder) -> VerdictStep:
        m = verdict.model
        model = ModelOut(
            id=m.model.id, title=m.model.title, description=plain(m.model.description),
            reasons=[plain(r) for r in m.reasons], alternative_route=m.alternative_route,
            second=m.second.id if m.second else None, second_label=m.second_label,
            second_reasons=[plain(r) for r in m.second_reasons], scores=dict(m.scores),
            articles=_links(m.model.articles, links))
        return cls(
            status="klar", verdict=verdict.verdict, label=verdict.label, statement=verdict.statement,
            partial=verdict.partial, summary=verdict.summary,
            findings=[FindingOut(**ReasonOut.of(f.reason, links).model_dump(), kind=f.kind,
                                 kind_label=KIND_LABELS[f.kind]) for f in verdict.findings],
            hinder=[f.criterion.id for f in verdict.of_kind("hinder")],
            villkor=[f.criterion.id for f in verdict.of_kind("villkor")],
            utreda=[f.criterion.id for f in verdict.of_kind("utreda")],
            reasons=[ReasonOut.of(r, links) for r in verdict.reasons],
            strengths=[ReasonOut.of(r, links) for r in verdict.strengths],
            model=model,
            next_steps=[NextStep(phase=s.phase, phase_label=PHASES[s.phase], text=plain(s.text),
                                 articles=_links(s.articles, links)) for s in verdict.next_steps],
            criteria=[CriterionOut(id=c.criterion.id, title=c.criterion.title, status=c.status, label=c.label)
                      for c in verdict.criteria],
            answers=dict(verdict.answers), a=encode_answers(verdict.answers), ignored=ignored)
