"""Start page, theme listings, glossary, about page and health check."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import FileResponse, HTMLResponse, Response

from assistant.start_text import StartText
from kb.diagrams.figure import figure_html
from kb.models import Content
from kb.render import render_inline, render_markdown
from web.deps import ContentDep, SiteDep
from web.schemas.health import Health
from web.settings import Settings
from web.site import TwoMinutes
from web.templating import render
from web.urls import Urls, request_urls

router = APIRouter()

def two_minutes(settings: Settings, content: Content, start: StartText | None) -> TwoMinutes | None:
    """The start page's cited summary (content: `start.yaml`) and figure, rendered once; None without the text."""
    if start is None:
        return None
    urls = Urls(settings.root_path)
    flow = content.diagrams.get("pengaflode")
    figure = figure_html(flow, content.sources, "-start", collapsed=True, links=urls) if flow else ""
    return TwoMinutes(
        text=render_markdown(start.text, content.sources, links=urls),
        figure=figure,
        next=tuple(content.articles[i] for i in start.read_next),
    )


@router.get("/", response_class=HTMLResponse, include_in_schema=False)
def start(request: Request, site: SiteDep) -> Response:
    content = site.content
    themes = [(t, content.by_theme(t.key)) for t in content.themes.values()]
    return render(request, "start.html", {"themes": themes, "two_minutes": site.two_minutes})


@router.get("/artiklar", response_class=HTMLResponse, include_in_schema=False)
def articles_index(request: Request, content: ContentDep) -> Response:
    themes = [(t, content.by_theme(t.key)) for t in content.themes.values()]
    return render(request, "articles_index.html", {"themes": themes})


@router.get("/teman/{key}", response_class=HTMLResponse, include_in_schema=False)
def theme(request: Request, key: str, content: ContentDep) -> Response:
    if key not in content.themes:
        raise HTTPException(404, f"Temat ”{key[:60]}” finns inte.")
    return render(request, "theme.html", {"theme": content.themes[key], "articles": content.by_theme(key)})


@router.get("/ordlista", response_class=HTMLResponse, include_in_schema=False)
def glossary(request: Request, content: ContentDep) -> Response:
    terms = sorted(content.glossary, key=lambda t: t.term.casefold())
    letters: dict[str, list[Any]] = {}
    urls = request_urls(request)
    for t in terms:
        letters.setdefault(t.term[:1].upper(), []).append((t, render_inline(t.definition, links=urls)))
    return render(request, "glossary.html", {"letters": letters, "articles": content.articles})


@router.get("/om", response_class=HTMLResponse, include_in_schema=False)
def about(request: Request, content: ContentDep) -> Response:
    return render(request, "about.html", {"sources": content.sources})


STATIC = Path(__file__).resolve().parents[1] / "static"


@router.get("/favicon.ico", include_in_schema=False)
def favicon() -> FileResponse:
    """Browsers ask for /favicon.ico whatever the page says; answer with the 16 px icon."""
    return FileResponse(STATIC / "favicon.ico", media_type="image/x-icon", headers={"Cache-Control": "max-age=86400"})


SWAGGER = STATIC / "vendor" / "swagger-ui" / "swagger-ui.VENDOR.json"


@router.get("/docs", response_class=HTMLResponse, include_in_schema=False)
def api_docs(request: Request) -> Response:
    """Swagger UI served from our own static files and started by a same-origin script, so the CSP stays strict."""
    version = json.loads(SWAGGER.read_text(encoding="utf-8"))["version"]
    return render(request, "docs.html", {"openapi_url": request_urls(request).openapi(), "swagger_version": version})


@router.get("/healthz", tags=["drift"], response_model=Health)
def healthz(site: SiteDep) -> Health:
    """Liveness and what the app runs on, search mode included."""
    return Health.model_validate(site.health())
