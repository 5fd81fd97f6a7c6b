"""Start page, theme listings, glossary, about page and health check."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import APIRouter, FastAPI, HTTPException, Request
from fastapi.responses import FileResponse, HTMLResponse, Response

from kb.models import Content
from kb.render import render_inline
from web.settings import Settings
from web.templating import render

router = APIRouter()


def startup(app: FastAPI, settings: Settings, content: Content) -> None:
    app.state.health = {"status": "ok", "articles": len(content.articles), "glossary_terms": len(content.glossary)}


def _content(request: Request) -> Content:
    return request.app.state.content  # type: ignore[no-any-return]


@router.get("/", response_class=HTMLResponse, include_in_schema=False)
def start(request: Request) -> Response:
    content = _content(request)
    themes = [(t, content.by_theme(t.key)) for t in content.themes.values()]
    return render(request, "start.html", {"themes": themes})


@router.get("/artiklar", response_class=HTMLResponse, include_in_schema=False)
def articles_index(request: Request) -> Response:
    content = _content(request)
    themes = [(t, content.by_theme(t.key)) for t in content.themes.values()]
    return render(request, "articles_index.html", {"themes": themes})


@router.get("/teman/{key}", response_class=HTMLResponse, include_in_schema=False)
def theme(request: Request, key: str) -> Response:
    content = _content(request)
    if key not in content.themes:
        raise HTTPException(404, f"Temat ”{key[:60]}” finns inte.")
    return render(request, "theme.html", {"theme": content.themes[key], "articles": content.by_theme(key)})


@router.get("/ordlista", response_class=HTMLResponse, include_in_schema=False)
def glossary(request: Request) -> Response:
    content = _content(request)
    terms = sorted(content.glossary, key=lambda t: t.term.casefold())
    letters: dict[str, list[Any]] = {}
    for t in terms:
        letters.setdefault(t.term[:1].upper(), []).append((t, render_inline(t.definition)))
    return render(request, "glossary.html", {"letters": letters, "articles": content.articles})


@router.get("/om", response_class=HTMLResponse, include_in_schema=False)
def about(request: Request) -> Response:
    return render(request, "about.html", {"sources": _content(request).sources})


STATIC = Path(__file__).resolve().parents[1] / "static"


@router.get("/favicon.ico", include_in_schema=False)
def favicon() -> FileResponse:
    """Browsers ask for /favicon.ico whatever the page says; answer with the 16 px icon."""
    return FileResponse(STATIC / "favicon.ico", media_type="image/x-icon", headers={"Cache-Control": "max-age=86400"})


@router.get("/healthz", tags=["drift"])
def healthz(request: Request) -> dict[str, Any]:
    """Liveness and what the app runs on (search mode is added by the search area)."""
    return dict(request.app.state.health)
