"""Plain dicts for JSON (API and CLI): the same data as the pages, citation markers as text."""

from __future__ import annotations

from typing import Any

from assistant.screening.answers import encode_answers
from assistant.screening.citetext import citations_of, plain
from assistant.screening.engine import Walk, progress_of
from assistant.screening.model import KIND_LABELS, PHASES, ArticleRef, Reason, Tree, Verdict
from kb.links import LinkBuilder


def _refs(refs: tuple[ArticleRef, ...], links: LinkBuilder) -> list[dict[str, str | None]]:
    return [{"article": r.article, "anchor": r.anchor, "url": links.article(r.article, r.anchor)} for r in refs]


def _sources(*texts: str | None) -> list[dict[str, str | None]]:
    out: list[dict[str, str | None]] = []
    for text in texts:
        for c in citations_of(text or ""):
            item = {"doc": c.doc, "chapter": c.chapter, "pages": c.pages}
            if item not in out:
                out.append(item)
    return out


def question_dict(tree: Tree, w: Walk, links: LinkBuilder) -> dict[str, Any]:
    """The question a walk stopped at, with progress from that same walk (one walk per request)."""
    question, answers = w.question, w.answers
    assert question is not None, "question_dict needs a walk that stopped at a question"
    done, total = progress_of(tree, w)
    return {
        "status": "fraga",
        "question": {
            "id": question.id,
            "text": question.question,
            "short": question.short,
            "help": question.help,
            "criterion": question.criterion,
            "articles": _refs(question.articles, links),
            "options": [{"value": o.value, "label": o.label, "explain": plain(o.explain)} for o in question.options],
        },
        "progress": {"answered": done, "estimated_total": total},
        "answers": dict(answers),
        "a": encode_answers(answers),
    }


def _reason(r: Reason, links: LinkBuilder) -> dict[str, Any]:
    return {
        "question": r.question.id,
        "criterion": r.criterion,
        "answer": r.option.value,
        "answer_label": r.option.label,
        "signal": r.signal,
        "text": plain(r.text),
        "todo": plain(r.option.todo) if r.option.todo else None,
        "phase": r.option.phase,
        "articles": _refs(r.articles, links),
        "sources": _sources(r.text, r.option.todo),
    }


def verdict_dict(verdict: Verdict, links: LinkBuilder) -> dict[str, Any]:
    m = verdict.model
    return {
        "status": "klar",
        "verdict": verdict.verdict,
        "label": verdict.label,
        "statement": verdict.statement,
        "partial": verdict.partial,
        "summary": verdict.summary,
        "findings": [
            {"criterion": f.criterion.id, "kind": f.kind, "kind_label": KIND_LABELS[f.kind]} | _reason(f.reason, links)
            for f in verdict.findings
        ],
        "hinder": [f.criterion.id for f in verdict.of_kind("hinder")],
        "villkor": [f.criterion.id for f in verdict.of_kind("villkor")],
        "utreda": [f.criterion.id for f in verdict.of_kind("utreda")],
        "reasons": [_reason(r, links) for r in verdict.reasons],
        "strengths": [_reason(r, links) for r in verdict.strengths],
        "model": {
            "id": m.model.id,
            "title": m.model.title,
            "description": plain(m.model.description),
            "reasons": [plain(r) for r in m.reasons],
            "alternative_route": m.alternative_route,
            "second": m.second.id if m.second else None,
            "second_label": m.second_label,
            "second_reasons": [plain(r) for r in m.second_reasons],
            "scores": dict(m.scores),
            "articles": _refs(m.model.articles, links),
        },
        "next_steps": [
            {"phase": s.phase, "phase_label": PHASES[s.phase], "text": plain(s.text),
             "articles": _refs(s.articles, links)}
            for s in verdict.next_steps
        ],
        "criteria": [
            {"id": c.criterion.id, "title": c.criterion.title, "status": c.status, "label": c.label}
            for c in verdict.criteria
        ],
        "answers": verdict.answers,
        "a": encode_answers(verdict.answers),
    }
