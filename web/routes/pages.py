"""Start page, theme listings, glossary, about page and health check."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import FileResponse, HTMLResponse, Response

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

TWO_MINUTES = """\
Ett socialt utfallskontrakt, på engelska Social Impact Bond (SIB), är ett avtal där det offentliga betalar för ett
uppnått resultat för en bestämd målgrupp, inte för de aktiviteter som genomförs. {{cite fryshuset2018 vad-ar-sib}}

1. Kommunen pekar ut vilken förändring den vill uppnå och vad den är värd.
2. En utförare får i uppdrag att nå just det resultatet.
3. En finansiär betalar insatsen medan den pågår och bär den största risken.
4. När resultatet är nått betalar kommunen finansiären enligt en modell som bestämts i förväg.

{{cite fryshuset2018 inledning}}

Det tar tid: i den anglosaxiska modellen ungefär ett och ett halvt år att komma fram till ett partnerskap.
{{cite fryshuset2018 arbetsprocessen}} Sveriges första kontrakt skrevs i Norrköping 2016; slutrapporten 2021 visade
bättre sociala utfall och skolresultat men inga direkta besparingar under den tvååriga uppföljningen.
{{cite stockholm2021 exempel}}
"""
FIRST_READS = ("vad-ar-sib", "nar-ar-det-vart-det", "arbetsprocessen", "norrkoping")
"""What a reader with fifteen minutes should open next, in order (ids that do not exist are skipped)."""


def two_minutes(settings: Settings, content: Content) -> TwoMinutes:
    """The start page's cited summary and figure, rendered once."""
    urls = Urls(settings.root_path)
    flow = content.diagrams.get("pengaflode")
    figure = figure_html(flow, content.sources, "-start", collapsed=True, links=urls) if flow else ""
    return TwoMinutes(
        text=render_markdown(TWO_MINUTES, content.sources, links=urls),
        figure=figure,
        next=tuple(content.articles[i] for i in FIRST_READS if i in content.articles),
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
