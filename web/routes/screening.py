"""Screening pages, exports and API. Answers live in the URL (`?a=fråga:svar,…`); nothing is stored."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, FastAPI, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from pydantic import BaseModel, Field

from assistant.screening.answers import clean_answers, encode_answers, parse_answer_string
from assistant.screening.engine import Walk, evaluate, progress, walk
from assistant.screening.export import MAX_DESCRIPTION, to_docx, to_markdown
from assistant.screening.model import PHASES, SIGNALS, STATUS_LABELS, VERDICT_LABELS, Question, Tree
from assistant.screening.paths import extreme_path, map_order
from assistant.screening.serialize import question_dict, verdict_dict
from assistant.screening.validate import load_checked_tree
from kb.models import Content
from kb.render import render_markdown
from web.hosts import public_base
from web.screening_diagram import tree_svg
from web.settings import Settings
from web.templating import is_htmx, render

router = APIRouter()
MAX_PARAM = 3000


@dataclass(frozen=True)
class ScreeningState:
    """The loaded tree with its help texts rendered once, and article titles for citations."""

    tree: Tree
    help_html: dict[str, str]
    titles: dict[str, str]


def startup(app: FastAPI, settings: Settings, content: Content) -> None:
    """Load and check the tree once; content without a screening folder simply has no screening."""
    if not (settings.content_dir / "screening").is_dir():
        app.state.screening = None
        return
    tree = load_checked_tree(settings.content_dir, content)
    bodies = {q.id: q.help for q in tree.questions.values()} | {o.id: o.body for o in tree.outcomes.values()}
    help_html = {k: render_markdown(v, content.sources) for k, v in bodies.items()}
    app.state.screening = ScreeningState(tree, help_html, {a.id: a.title for a in content.articles.values()})


def _state(request: Request) -> ScreeningState:
    state: ScreeningState | None = request.app.state.screening
    if state is None:
        raise HTTPException(404, "Screeningen finns inte i det här innehållet.")
    return state


def url_for_answers(answers: dict[str, str], **extra: str) -> str:
    query = "a=" + quote(encode_answers(answers), safe=":,")
    return "/screening?" + query + "".join(f"&{k}={quote(v)}" for k, v in extra.items())


def read_answers(tree: Tree, raw: str | None) -> tuple[dict[str, str], list[str]]:
    answers, problems = parse_answer_string((raw or "")[: MAX_PARAM + 1])
    kept, more = clean_answers(tree, answers)
    return kept, problems + more


def _base(state: ScreeningState, w: Walk, notices: list[str]) -> dict[str, Any]:
    return {
        "tree": state.tree,
        "walk": w,
        "answers": w.answers,
        "a": encode_answers(w.answers),
        "notices": notices,
        "titles": state.titles,
        "help_html": state.help_html,
        "phases": PHASES,
        "restart_url": "/screening",
        "review_url": "/screening/granska?a=" + quote(encode_answers(w.answers), safe=":,"),
    }


def _question_page(
    request: Request, state: ScreeningState, w: Walk, question: Question, notices: list[str], error: str | None = None
) -> Response:
    path_ids = [r.question.id for r in w.reasons]
    position = path_ids.index(question.id) if question.id in path_ids else len(path_ids)
    previous = path_ids[position - 1] if position > 0 else None
    done, total = progress(state.tree, w.answers)
    context = _base(state, w, notices) | {
        "question": question,
        "selected": w.answers.get(question.id),
        "number": position + 1,
        "total": max(total, position + 1),
        "done": done,
        "changing": question.id in path_ids,
        "back_url": url_for_answers(w.answers, andra=previous) if previous else "/screening",
        "error": error,
    }
    status = 422 if error else 200
    return render(request, "screening/question.html", context, block="step", status_code=status)


def _result_page(request: Request, state: ScreeningState, w: Walk, notices: list[str]) -> Response:
    verdict = evaluate(state.tree, w.answers)
    share = public_base(request) + url_for_answers(w.answers)
    context = _base(state, w, notices) | {
        "verdict": verdict,
        "share_url": share,
        "status_labels": STATUS_LABELS,
        "max_description": MAX_DESCRIPTION,
    }
    return render(request, "screening/result.html", context, block="step")


def _step(request: Request, state: ScreeningState, w: Walk, notices: list[str], change: str | None) -> Response:
    if change and change in state.tree.questions:
        on_path = {r.question.id for r in w.reasons} | ({w.question.id} if w.question else set())
        if change in on_path:
            return _question_page(request, state, w, state.tree.questions[change], notices)
        notices.append("Frågan du ville ändra hör inte till dina svar just nu; här är nästa fråga i stället.")
    if w.question is not None:
        return _question_page(request, state, w, w.question, notices)
    return _result_page(request, state, w, notices)


@router.get("/screening", response_class=HTMLResponse, include_in_schema=False)
def screening(
    request: Request, a: str | None = None, q: str | None = None, v: str | None = None, andra: str | None = None
) -> Response:
    """Start page without answers; otherwise the next question, a question to change, or the result."""
    state = _state(request)
    tree = state.tree
    if a is None and q is None:
        return render(request, "screening/start.html", {"tree": tree, "count": len(tree.questions)}, block="step")
    answers, notices = read_answers(tree, a)
    if q is not None:
        question = tree.questions.get(q[:60])
        if question is None:
            notices.append(f"Frågan ”{q[:60]}” finns inte i screeningen.")
        elif v is None or question.option(v[:60]) is None:
            return _question_page(
                request, state, walk(tree, answers), question, notices, error="Välj ett av svaren för att gå vidare."
            )
        else:
            answers[question.id] = v
            w = walk(tree, answers)
            if not is_htmx(request):
                return RedirectResponse(url_for_answers(w.answers), status_code=303)
            response = _step(request, state, w, notices, None)
            response.headers["HX-Push-Url"] = url_for_answers(w.answers)
            return response
    w = walk(tree, answers)
    if w.unused:
        notices.append(
            "Några svar hör inte längre till vägen genom frågorna och har tagits bort: "
            + ", ".join(f"”{tree.questions[k].short}”" for k in w.unused)
            + "."
        )
    return _step(request, state, w, notices, andra[:60] if andra else None)


@router.get("/screening/granska", response_class=HTMLResponse, include_in_schema=False)
def review(request: Request, a: str | None = None) -> Response:
    """All answers on the path, each with a link to change it."""
    state = _state(request)
    answers, notices = read_answers(state.tree, a)
    w = walk(state.tree, answers)
    context = _base(state, w, notices) | {"continue_url": url_for_answers(w.answers), "url_for": url_for_answers}
    return render(request, "screening/review.html", context, block="step")


@router.get("/screening/karta", response_class=HTMLResponse, include_in_schema=False)
def tree_map(request: Request) -> Response:
    """The whole tree for trainers, generated from the content."""
    state = _state(request)
    tree = state.tree
    context = {
        "tree": tree,
        "order": map_order(tree),
        "longest": extreme_path(tree, longest=True),
        "shortest": extreme_path(tree, longest=False),
        "verdict_labels": VERDICT_LABELS,
        "signals": SIGNALS,
        "help_html": state.help_html,
        "titles": state.titles,
        "diagram": tree_svg(tree),
    }
    return render(request, "screening/map.html", context)


@router.post("/screening/export", include_in_schema=False)
def export(
    request: Request,
    a: str = Form(""),
    format: str = Form("docx"),
    beskrivning: str = Form(""),
) -> Response:
    """The result as DOCX or Markdown; the free-text description goes into the file and nowhere else."""
    state = _state(request)
    if len(beskrivning) > MAX_DESCRIPTION:
        raise HTTPException(422, f"Beskrivningen får vara högst {MAX_DESCRIPTION} tecken.")
    answers, problems = read_answers(state.tree, a)
    w = walk(state.tree, answers)
    if problems or w.question is not None:
        raise HTTPException(400, "Svaren räcker inte för ett resultat. Gå tillbaka till screeningen och svara klart.")
    verdict = evaluate(state.tree, w.answers)
    base = public_base(request)
    headers = {"Cache-Control": "no-store"}
    if format == "md":
        text = to_markdown(verdict, state.titles, beskrivning, base)
        headers["Content-Disposition"] = 'attachment; filename="screening.md"'
        return Response(text, media_type="text/markdown; charset=utf-8", headers=headers)
    if format != "docx":
        raise HTTPException(422, "Välj formatet docx eller md.")
    data = to_docx(verdict, state.titles, beskrivning, base)
    headers["Content-Disposition"] = 'attachment; filename="screening.docx"'
    mime = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    return Response(data, media_type=mime, headers=headers)


class ScreeningRequest(BaseModel):
    """Answers as a mapping (`{"malgrupp": "ja"}`) or as the URL form (`"malgrupp:ja,matning:delvis"`)."""

    answers: dict[str, str] | str = Field(default_factory=dict, description="Fråga → svar, eller a-strängen.")


@router.post("/api/screening", tags=["screening"])
def api_screening(request: Request, body: ScreeningRequest) -> JSONResponse:
    """Answers → the next question, or the verdict with reasons, model, next steps and criteria."""
    state = _state(request)
    if isinstance(body.answers, str):
        raw, problems = parse_answer_string(body.answers)
    else:
        raw, problems = dict(body.answers), []
    answers, more = clean_answers(state.tree, raw)
    problems += more
    if problems:
        return JSONResponse({"detail": "Svaren kunde inte tolkas: " + " ".join(problems), "problems": problems}, 422)
    w = walk(state.tree, answers)
    ignored = list(w.unused)
    if w.question is not None:
        return JSONResponse(question_dict(state.tree, w.question, w.answers) | {"ignored": ignored})
    return JSONResponse(verdict_dict(evaluate(state.tree, w.answers)) | {"ignored": ignored})
