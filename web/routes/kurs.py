"""Kurs: course modules, self-tests graded on the server (nothing stored) and printable handouts."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import HTMLResponse, Response

from assistant.kurs.model import Module
from assistant.kurs.quiz import grade, has_answers
from kb.models import Content
from kb.render import render_cited, render_inline, render_markdown
from web.deps import SiteDep, UrlsDep
from web.schemas.course import ModuleSummary
from web.settings import Settings
from web.templating import render
from web.urls import Urls

router = APIRouter()
TOOLS = {
    "screening": "Pröva din idé (screeningen)",
    "kalkyl": "Utfallskalkylen",
    "redovisning": "Redovisningsillustrationen",
}
"""The site's tools a module's exercise can point to, by name (the template asks `urls` for the address)."""


@dataclass(frozen=True)
class ReadingView:
    article: str
    anchor: str | None
    label: str
    note_html: str


@dataclass(frozen=True)
class ModuleView:
    """A module with every text rendered once at start: Markdown to safe HTML, citations visible."""

    module: Module
    number: int
    summary_html: str
    goals: tuple[str, ...]
    reading: tuple[ReadingView, ...]
    discussion: tuple[str, ...]
    exercise_intro: str
    exercise_steps: tuple[str, ...]
    exercise_case: tuple[str, str] | None
    """(article id, title) of the case the exercise works on."""
    tools: tuple[tuple[str, str], ...]
    """(tool name, label) pairs; see TOOLS."""
    explanations: dict[str, str]
    notes_html: str


def module_view(module: Module, number: int, content: Content, urls: Urls) -> ModuleView:
    s = content.sources
    readings = []
    for r in module.reading:
        article = content.articles[r.article]
        section = article.section(r.anchor) if r.anchor else None
        label = article.title + (f" › {section.heading}" if section else "")
        readings.append(ReadingView(article.id, r.anchor or None, label, render_cited(r.note, s, links=urls)))
    case = content.articles.get(module.exercise.case or "")
    return ModuleView(
        module=module,
        number=number,
        summary_html=render_inline(module.summary, links=urls),
        goals=tuple(render_cited(g, s, links=urls) for g in module.goals),
        reading=tuple(readings),
        discussion=tuple(render_cited(d, s, links=urls) for d in module.discussion),
        exercise_intro=render_markdown(module.exercise.intro, s, links=urls),
        exercise_steps=tuple(render_cited(step, s, links=urls) for step in module.exercise.steps),
        exercise_case=(case.id, case.title) if case else None,
        tools=tuple((t, TOOLS[t]) for t in module.exercise.tools),
        explanations={q.id: render_cited(q.explanation, s, links=urls) for q in module.quiz},
        notes_html=render_markdown(module.notes, s, links=urls) if module.notes.strip() else "",
    )


def module_views(settings: Settings, content: Content, modules: Sequence[Module]) -> dict[str, ModuleView]:
    """Render the checked modules once, numbered in course order."""
    urls = Urls(settings.root_path)
    return {m.id: module_view(m, i, content, urls) for i, m in enumerate(modules, start=1)}


def _views(site: SiteDep) -> dict[str, ModuleView]:
    return site.course


def _view(site: SiteDep, urls: UrlsDep, module_id: str) -> ModuleView:
    """The module named in the path, or 404."""
    view = _views(site).get(module_id)
    if view is None:
        index = urls.course()
        raise HTTPException(404, f"Kursmodulen ”{module_id[:60]}” finns inte. Se alla moduler på {index}.")
    return view


CourseDep = Annotated[dict[str, ModuleView], Depends(_views)]
ModuleDep = Annotated[ModuleView, Depends(_view)]


@router.get("/kurs", response_class=HTMLResponse, include_in_schema=False)
def course_index(request: Request, views: CourseDep) -> Response:
    return render(request, "kurs/index.html", {"views": list(views.values())})


@router.get("/kurs/{module_id}", response_class=HTMLResponse, include_in_schema=False)
def module_page(request: Request, view: ModuleDep, views: CourseDep) -> Response:
    return render(request, "kurs/module.html", {"v": view, "m": view.module, "views": list(views.values())})


def _quiz(request: Request, view: ModuleView, answers: dict[str, str]) -> Response:
    result = grade(view.module, answers) if has_answers(view.module, answers) else None
    context: dict[str, Any] = {"v": view, "m": view.module, "result": result}
    return render(request, "kurs/quiz.html", context, block="quiz")


@router.get("/kurs/{module_id}/test", response_class=HTMLResponse, include_in_schema=False)
def quiz_get(request: Request, view: ModuleDep) -> Response:
    return _quiz(request, view, dict(request.query_params))


@router.post("/kurs/{module_id}/test", response_class=HTMLResponse, include_in_schema=False)
async def quiz_post(request: Request, view: ModuleDep) -> Response:
    form = await request.form()
    return _quiz(request, view, {k: v for k, v in form.items() if isinstance(v, str)})


@router.get("/kurs/{module_id}/utskrift", response_class=HTMLResponse, include_in_schema=False)
def handout(request: Request, view: ModuleDep) -> Response:
    return render(request, "kurs/handout.html", {"v": view, "m": view.module})


@router.get("/api/kurs", summary="Kursmodulerna: mål, läsanvisningar, diskussionsfrågor och övning", tags=["kurs"],
            response_model=list[ModuleSummary])
def course_api(views: CourseDep, urls: UrlsDep) -> list[ModuleSummary]:
    return [ModuleSummary.of(v, urls) for v in views.values()]
