"""Kursledare: the trainer's kit – course plans, projector views, the answer key and a printable decision map."""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, Response
from markupsafe import escape

from assistant.screening.model import Question, Tree
from web.deps import SiteDep
from web.routes.kurs import CourseDep, ModuleView
from web.templating import render
from web.urls import request_urls

router = APIRouter()


@dataclass(frozen=True)
class Slide:
    """One screen of the projector view: a kicker ("Diskussion 2 av 4"), the point itself, optional list items."""

    kicker: str
    html: str
    items: tuple[str, ...] = ()


def slides(v: ModuleView) -> tuple[Slide, ...]:
    """One point per screen: goals, discussion questions, exercise steps and test questions, in module order."""
    m = v.module
    out = [Slide(f"Modul {v.number} · {m.duration}", str(escape(m.title)), (v.summary_html,))]
    out += [Slide(f"Mål {i} av {len(v.goals)}: efter modulen ska du kunna …", g) for i, g in enumerate(v.goals, 1)]
    out += [Slide(f"Diskussion {i} av {len(v.discussion)}", d) for i, d in enumerate(v.discussion, 1)]
    out.append(Slide("Övning", str(escape(m.exercise.title)), (v.exercise_intro,)))
    steps = v.exercise_steps
    out += [Slide(f"Övning, steg {i} av {len(steps)}", s) for i, s in enumerate(steps, 1)]
    out += [Slide(f"Testa dig själv {i} av {len(m.quiz)}", str(escape(q.question)),
                  tuple(str(escape(o)) for o in q.options)) for i, q in enumerate(m.quiz, 1)]
    out.append(Slide("Läs vidare", "Läsanvisningar", tuple(str(escape(r.label)) for r in v.reading)))
    return tuple(out)


@dataclass(frozen=True)
class MapQuestion:
    """A screening question for the printable decision map: what is asked and what each answer signals."""

    number: int
    question: str
    options: tuple[tuple[str, str], ...]


SIGNAL_WORDS = {"styrka": "talar för", "villkor": "villkor att lösa", "hinder": "hinder nu",
                "okand": "att utreda", "neutral": "neutralt"}


def decision_map(tree: Tree) -> tuple[MapQuestion, ...]:
    """The screening's questions in the order a user meets them (breadth first from the start)."""
    order: list[Question] = []
    queue, seen = [tree.start], set()
    while queue:
        qid = queue.pop(0)
        if qid in seen or qid not in tree.questions:
            continue
        seen.add(qid)
        q = tree.questions[qid]
        order.append(q)
        queue += [o.next for o in q.options]
    return tuple(
        MapQuestion(i, q.question, tuple((o.label, SIGNAL_WORDS.get(o.signal, o.signal)) for o in q.options))
        for i, q in enumerate(order, 1)
    )


@router.get("/kursledare", response_class=HTMLResponse, include_in_schema=False)
def trainer_index(request: Request, site: SiteDep) -> Response:
    return render(request, "kurs/kursledare.html",
                  {"plans": list(site.plans.values()), "views": list(site.course.values())})


@router.get("/kursledare/planer/{plan_id}", response_class=HTMLResponse, include_in_schema=False)
def plan_page(request: Request, site: SiteDep, plan_id: str) -> Response:
    plan = site.plans.get(plan_id)
    if plan is None:
        index = request_urls(request).trainer()
        raise HTTPException(404, f"Kursplanen ”{plan_id[:60]}” finns inte. Se planerna på {index}.")
    views = {v.module.id: v for v in site.course.values()}
    return render(request, "kurs/plan.html", {"plan": plan, "views": views})


@router.get("/kursledare/facit", response_class=HTMLResponse, include_in_schema=False)
def answer_key(request: Request, views: CourseDep) -> Response:
    return render(request, "kurs/facit.html", {"views": list(views.values())})


@router.get("/kursledare/beslutskarta", response_class=HTMLResponse, include_in_schema=False)
def decision_map_page(request: Request, site: SiteDep) -> Response:
    state = site.screening
    questions = decision_map(state.tree) if state is not None else ()
    return render(request, "kurs/beslutskarta.html", {"questions": questions})


@router.get("/kurs/{module_id}/projektor", response_class=HTMLResponse, include_in_schema=False)
def projector(request: Request, views: CourseDep, module_id: str) -> Response:
    view = views.get(module_id)
    if view is None:
        index = request_urls(request).course()
        raise HTTPException(404, f"Kursmodulen ”{module_id[:60]}” finns inte. Se alla moduler på {index}.")
    return render(request, "kurs/projektor.html", {"v": view, "m": view.module, "slides": slides(view)})
