"""Screening pages, exports and API. Answers live in the URL (`?a=fråga:svar,…`); nothing is stored."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal
from urllib.parse import quote

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from jinja2 import pass_context
from jinja2.runtime import Context
from markupsafe import Markup
from pydantic import BaseModel, ConfigDict, Field

from assistant.screening.answers import clean_answers, encode_answers, parse_answer_string, wants_whole
from assistant.screening.engine import Walk, kept_answers, progress_of, verdict_for, walk
from assistant.screening.export import MAX_DESCRIPTION, Export, to_docx, to_markdown
from assistant.screening.model import (
    KIND_LABELS,
    PHASES,
    SIGNALS,
    STATUS_LABELS,
    VERDICT_LABELS,
    Question,
    Tree,
)
from assistant.screening.paths import extreme_path, map_order
from kb.models import Content
from kb.render import render_markdown
from web.deps import ScreeningDep, UrlsDep, get_site
from web.hosts import public_urls
from web.schemas.common import AnswersProblem, responses
from web.schemas.screening import QuestionStep, VerdictStep
from web.screening_diagram import tree_svg
from web.screening_view import cited_html, link_map, top_steps
from web.settings import Settings
from web.site import ScreeningState
from web.templating import TEMPLATES, is_htmx, render
from web.urls import Urls, request_urls

router = APIRouter()
MAX_PARAM = 3000


def screening_state(settings: Settings, content: Content, tree: Tree | None) -> ScreeningState | None:
    """The checked tree with its texts rendered once; content without a screening folder simply has no screening."""
    if tree is None:
        return None
    bodies = {q.id: q.help for q in tree.questions.values()} | {o.id: o.body for o in tree.outcomes.values()}
    help_html = {k: render_markdown(v, content.sources, links=Urls(settings.root_path)) for k, v in bodies.items()}
    titles = {a.id: a.title for a in content.articles.values()}
    return ScreeningState(tree, help_html, titles, dict(content.sources))


@pass_context
def _cited(context: Context, text: object) -> Markup:
    """The `cited` filter: a tree text with its markers as visible references to this site's sources."""
    return cited_html(str(text), get_site(context["request"]).content.sources, context["urls"])


TEMPLATES.env.filters["cited"] = _cited


def url_for_answers(
    urls: Urls, answers: dict[str, str], whole: bool = False, page: Literal["", "granska"] = "", **extra: str
) -> str:
    """The screening (or its review page) with these answers in the address, under `urls`' base."""
    query = "a=" + quote(encode_answers(answers, whole), safe=":,")
    return urls.screening(page, query + "".join(f"&{k}={quote(v)}" for k, v in extra.items()))


def read_answers(tree: Tree, raw: str | None) -> tuple[dict[str, str], list[str], bool]:
    """Answers from the URL form; problems in Swedish; whether the user asked to see the whole assessment."""
    answers, problems = parse_answer_string((raw or "")[: MAX_PARAM + 1])
    kept, more = clean_answers(tree, answers)
    return kept, problems + more, wants_whole(answers)


def _base(
    urls: Urls, state: ScreeningState, w: Walk, notices: list[str], whole: bool, answers: dict[str, str]
) -> dict[str, Any]:
    kept = kept_answers(w, answers)
    return {
        "tree": state.tree,
        "walk": w,
        "answers": kept,
        "whole": whole,
        "a": encode_answers(kept, whole),
        "notices": notices,
        "titles": state.titles,
        "help_html": state.help_html,
        "phases": PHASES,
        "kind_labels": KIND_LABELS,
        "restart_url": urls.screening(),
        "review_url": url_for_answers(urls, kept, whole, page="granska"),
    }


@dataclass
class Ctx:
    """One request's answers: everything kept from the URL, the walk over them, and the user's choices."""

    urls: Urls
    state: ScreeningState
    answers: dict[str, str]
    w: Walk
    whole: bool
    notices: list[str]

    def base(self) -> dict[str, Any]:
        return _base(self.urls, self.state, self.w, self.notices, self.whole, self.answers)


def _question_page(request: Request, ctx: Ctx, question: Question, error: str | None = None) -> Response:
    w = ctx.w
    path_ids = [r.question.id for r in w.reasons]
    position = path_ids.index(question.id) if question.id in path_ids else len(path_ids)
    previous = path_ids[position - 1] if position > 0 else None
    done, total = progress_of(ctx.state.tree, w)
    kept = kept_answers(w, ctx.answers)
    context = ctx.base() | {
        "question": question,
        "selected": ctx.answers.get(question.id),
        "number": position + 1,
        "total": max(total, position + 1),
        "done": done,
        "changing": question.id in path_ids,
        "back_url": url_for_answers(ctx.urls, kept, ctx.whole, andra=previous) if previous else ctx.urls.screening(),
        "error": error,
    }
    status = 422 if error else 200
    response = render(request, "screening/question.html", context, block="step", status_code=status)
    if error:
        response.headers["HX-Push-Url"] = "false"  # the error is shown in place; the address stays as it was
    return response


def _result_page(
    request: Request, ctx: Ctx, description: str = "", error: str | None = None, status: int = 200
) -> Response:
    verdict = verdict_for(ctx.state.tree, ctx.w)
    kept = kept_answers(ctx.w, ctx.answers)
    share = url_for_answers(public_urls(request), verdict.answers, ctx.whole)
    context = ctx.base() | {
        "verdict": verdict,
        "share_url": share,
        "whole_url": url_for_answers(ctx.urls, kept, True),
        "status_labels": STATUS_LABELS,
        "max_description": MAX_DESCRIPTION,
        "description": description,
        "export_error": error,
        "today": datetime.now().astimezone().strftime("%Y-%m-%d"),
        "top_steps": top_steps(verdict),
        "link_map": link_map(verdict),
    }
    return render(request, "screening/result.html", context, block="step", status_code=status)


def _step(request: Request, ctx: Ctx, change: str | None) -> Response:
    w = ctx.w
    if change and change in ctx.state.tree.questions:
        on_path = {r.question.id for r in w.reasons} | ({w.question.id} if w.question else set())
        if change in on_path:
            return _question_page(request, ctx, ctx.state.tree.questions[change])
        ctx.notices.append("Frågan du ville ändra hör inte till dina svar just nu; här är nästa fråga i stället.")
    if w.question is not None and (ctx.whole or not w.hinders):
        return _question_page(request, ctx, w.question)
    return _result_page(request, ctx)


def _dropped(tree: Tree, w: Walk) -> list[str]:
    if not w.unused:
        return []
    names = ", ".join(f"”{tree.questions[k].short}”" for k in w.unused if k in tree.questions)
    return [f"Några svar hör inte längre till vägen genom frågorna och har tagits bort: {names}."]


@router.get("/screening", response_class=HTMLResponse, include_in_schema=False)
def screening(
    request: Request,
    state: ScreeningDep,
    a: str | None = None,
    q: str | None = None,
    v: str | None = None,
    andra: str | None = None,
) -> Response:
    """Start page without answers; otherwise the next question, a question to change, or the result."""
    tree = state.tree
    if a is None and q is None:
        count = len(extreme_path(tree, longest=True)) - 1
        return render(request, "screening/start.html", {"tree": tree, "count": count}, block="step")
    answers, notices, whole = read_answers(tree, a)
    urls = request_urls(request)
    if q is not None:
        question = tree.questions.get(q[:60])
        if question is None:
            notices.append(f"Frågan ”{q[:60]}” finns inte i screeningen.")
        elif v is None or question.option(v[:60]) is None:
            ctx = Ctx(urls, state, answers, walk(tree, answers), whole, notices)
            return _question_page(request, ctx, question, error="Välj ett av svaren för att gå vidare.")
        else:
            answers[question.id] = v
            w = walk(tree, answers)
            url = url_for_answers(urls, kept_answers(w, answers), whole)
            if not is_htmx(request):
                return RedirectResponse(url, status_code=303)
            ctx = Ctx(urls, state, answers, w, whole, notices + _dropped(tree, w))
            response = _step(request, ctx, None)
            response.headers["HX-Push-Url"] = url
            return response
    w = walk(tree, answers)
    ctx = Ctx(urls, state, answers, w, whole, notices + _dropped(tree, w))
    return _step(request, ctx, andra[:60] if andra else None)


@router.get("/screening/granska", response_class=HTMLResponse, include_in_schema=False)
def review(request: Request, state: ScreeningDep, a: str | None = None) -> Response:
    """All answers on the path, each with a link to change it."""
    answers, notices, whole = read_answers(state.tree, a)
    w = walk(state.tree, answers)
    kept = kept_answers(w, answers)
    urls = request_urls(request)
    context = _base(urls, state, w, notices + _dropped(state.tree, w), whole, answers) | {
        "continue_url": url_for_answers(urls, kept, whole),
        "url_for": lambda ans, **extra: url_for_answers(urls, ans, whole, **extra),
        "stopped": w.question is not None and not whole and bool(w.hinders),
    }
    return render(request, "screening/review.html", context, block="step")


@router.get("/screening/karta", response_class=HTMLResponse, include_in_schema=False)
def tree_map(request: Request, state: ScreeningDep) -> Response:
    """The whole tree for trainers, generated from the content."""
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


def _wants_json(request: Request) -> bool:
    accept = request.headers.get("accept", "")
    return "application/json" in accept and "text/html" not in accept


@router.post("/screening/export", include_in_schema=False)
def export(
    request: Request,
    state: ScreeningDep,
    a: str = Form(""),
    format: str = Form("docx"),
    beskrivning: str = Form(""),
) -> Response:
    """The result as DOCX or Markdown; the free-text description goes into the file and nowhere else."""
    answers, problems, whole = read_answers(state.tree, a)
    w = walk(state.tree, answers)
    if problems or (w.question is not None and (whole or not w.hinders)):
        message = "Svaren räcker inte för ett resultat. Gå tillbaka till screeningen och svara klart."
        if _wants_json(request):
            return JSONResponse({"detail": message, "problems": problems}, status_code=400)
        raise HTTPException(400, message)
    if len(beskrivning) > MAX_DESCRIPTION or format not in ("docx", "md"):
        message = (
            f"Beskrivningen är {len(beskrivning)} tecken; den får vara högst {MAX_DESCRIPTION} tecken. "
            "Korta texten och ladda ner igen – dina svar finns kvar."
            if len(beskrivning) > MAX_DESCRIPTION
            else "Välj formatet Word (docx) eller Markdown (md)."
        )
        if _wants_json(request):
            return JSONResponse({"detail": message, "a": encode_answers(w.answers, whole)}, status_code=422)
        ctx = Ctx(request_urls(request), state, answers, w, whole, [])
        return _result_page(request, ctx, beskrivning, message, 422)
    verdict = verdict_for(state.tree, w)
    public = public_urls(request)
    ex = Export(state.titles, state.sources, public, url_for_answers(public, verdict.answers, whole), beskrivning)
    headers = {"Cache-Control": "no-store"}
    if format == "md":
        headers["Content-Disposition"] = 'attachment; filename="screening.md"'
        return Response(to_markdown(verdict, ex), media_type="text/markdown; charset=utf-8", headers=headers)
    headers["Content-Disposition"] = 'attachment; filename="screening.docx"'
    mime = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    return Response(to_docx(verdict, ex), media_type=mime, headers=headers)


class ScreeningRequest(BaseModel):
    """Answers as a mapping (`{"malgrupp": "ja"}`) or as the URL form (`"malgrupp:ja,matning:delvis"`).

    Strict: `"whole": 0` or `"ja"` is refused rather than read as false, as the schema's types say.
    """

    model_config = ConfigDict(strict=True)

    answers: dict[str, str] | str = Field(default_factory=dict, description="Fråga → svar, eller a-strängen.")
    whole: bool = Field(default=False, description="Fortsätt fråga efter ett hinder (hela bedömningen).")


@router.post("/api/screening", tags=["screening"], response_model=QuestionStep | VerdictStep,
             responses=responses(400, 404, 413, 422, s422=AnswersProblem))
def api_screening(
    state: ScreeningDep, urls: UrlsDep, body: ScreeningRequest
) -> QuestionStep | VerdictStep | JSONResponse:
    """Answers → the next question, or the verdict with reasons, model, next steps and criteria."""
    if isinstance(body.answers, str):
        raw, problems = parse_answer_string(body.answers)
    else:
        raw, problems = dict(body.answers), []
    answers, more = clean_answers(state.tree, raw)
    problems += more
    if problems:
        problem = AnswersProblem(detail="Svaren kunde inte tolkas: " + " ".join(problems), problems=problems)
        return JSONResponse(problem.model_dump(), status_code=422)
    w = walk(state.tree, answers)
    ignored = list(w.unused)
    whole = body.whole or wants_whole(raw)
    if w.question is not None and (whole or not w.hinders):
        return QuestionStep.of(state.tree, w, urls)
    return VerdictStep.of(verdict_for(state.tree, w), ignored, urls)
