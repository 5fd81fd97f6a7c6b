"""Plain dicts for JSON (API and CLI): the same data as the pages."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from assistant.screening.answers import encode_answers
from assistant.screening.engine import progress
from assistant.screening.model import PHASES, ArticleRef, Question, Reason, Tree, Verdict


def _refs(refs: tuple[ArticleRef, ...]) -> list[dict[str, str | None]]:
    return [{"article": r.article, "anchor": r.anchor, "url": r.url} for r in refs]


def question_dict(tree: Tree, question: Question, answers: Mapping[str, str]) -> dict[str, Any]:
    done, total = progress(tree, answers)
    return {
        "status": "fraga",
        "question": {
            "id": question.id,
            "text": question.question,
            "short": question.short,
            "help": question.help,
            "criteria": list(question.criteria),
            "articles": _refs(question.articles),
            "options": [{"value": o.value, "label": o.label} for o in question.options],
        },
        "progress": {"answered": done, "estimated_total": total},
        "answers": dict(answers),
        "a": encode_answers(answers),
    }


def _reason(r: Reason) -> dict[str, Any]:
    return {
        "question": r.question.id,
        "answer": r.option.value,
        "answer_label": r.option.label,
        "signal": r.signal,
        "text": r.text,
        "todo": r.option.todo,
        "phase": r.option.phase,
        "articles": _refs(r.articles),
    }


def verdict_dict(verdict: Verdict) -> dict[str, Any]:
    m = verdict.model
    return {
        "status": "klar",
        "verdict": verdict.verdict,
        "label": verdict.label,
        "outcome": verdict.outcome.id,
        "title": verdict.outcome.title,
        "summary": verdict.summary,
        "reasons": [_reason(r) for r in verdict.reasons],
        "strengths": [_reason(r) for r in verdict.strengths],
        "concerns": [_reason(r) for r in verdict.concerns],
        "model": {
            "id": m.model.id,
            "title": m.model.title,
            "description": m.model.description,
            "reasons": [r.text for r in m.reasons],
            "fixed_by_outcome": m.fixed_by_outcome,
            "scores": dict(m.scores),
            "articles": _refs(m.model.articles),
        },
        "next_steps": [
            {"phase": s.phase, "phase_label": PHASES[s.phase], "text": s.text, "articles": _refs(s.articles)}
            for s in verdict.next_steps
        ],
        "criteria": [
            {"id": c.criterion.id, "title": c.criterion.title, "status": c.status, "label": c.label}
            for c in verdict.criteria
        ],
        "answers": verdict.answers,
        "a": encode_answers(verdict.answers),
    }
