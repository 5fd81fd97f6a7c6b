"""Search: `/sok` (page, htmx fragment as you type), `/sok.md` (Markdown export) and `GET /api/search`."""

from __future__ import annotations

import threading
from typing import Any

from fastapi import APIRouter, FastAPI, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, PlainTextResponse, Response

from assistant.qa import Answer, answer, prepare, to_dict, to_markdown
from kb.models import Content
from kb.service import SearchService, open_search
from web.hosts import public_base
from web.settings import Settings
from web.templating import render

router = APIRouter()
K_MAX = 50


def startup(app: FastAPI, settings: Settings, content: Content) -> None:
    """Answer with BM25 at once; the model and the index load (or on first run build) in the background, with
    progress on the console, on the search page and in /healthz."""
    service = open_search(content, settings.embedding_model, settings.data_dir, settings.index_dir,
                          build=settings.build_index_on_start, backend=settings.embedding_backend, background=True)
    app.state.search = service
    health = getattr(app.state, "health", None)
    if isinstance(health, dict):
        health["search"] = service.status  # a live dict: it changes when the background build progresses or ends
    app.state.search_passages = {p.id: p for p in service.index.passages} if service.index else {}
    if service.index is not None:  # in the background: the first page need not wait for it (2–5 s)
        threading.Thread(target=prepare, args=(service.index,), name="sibguide-prepare", daemon=True).start()


def _clean(request: Request, q: str | None, k: int) -> str:
    settings: Settings = request.app.state.settings
    q = (q or "").strip()
    if len(q) > settings.max_query_chars:
        raise HTTPException(
            422, f"Frågan är för lång ({len(q)} tecken). Skriv högst {settings.max_query_chars} tecken."
        )
    if not 1 <= k <= K_MAX:
        raise HTTPException(422, f"Antalet träffar k ska vara mellan 1 och {K_MAX}, inte {k}.")
    return q


def _answer(request: Request, q: str, k: int) -> Answer:
    service: SearchService = request.app.state.search
    if service.index is None:
        raise HTTPException(503, f"Sökningen är inte tillgänglig just nu. {service.problem}")
    content: Content = request.app.state.content
    return answer(service.index, q, k, content.sources)


@router.get("/sok", response_class=HTMLResponse, include_in_schema=False)
def search_page(request: Request, q: str | None = Query(None, max_length=5000), k: int = 5) -> Response:
    q = _clean(request, q, k)
    service: SearchService = request.app.state.search
    result = _answer(request, q, k) if q and service.index is not None else None
    context: dict[str, Any] = {"q": q, "k": k, "answer": result, "service": service,
                               "max_chars": request.app.state.settings.max_query_chars}
    return render(request, "search/page.html", context, block="results")


@router.get("/sok.md", response_class=PlainTextResponse, include_in_schema=False)
def search_markdown(request: Request, q: str | None = Query(None, max_length=5000), k: int = 5) -> Response:
    q = _clean(request, q, k)
    if not q:
        raise HTTPException(400, "Skriv en fråga att exportera, t.ex. /sok.md?q=Vad+är+en+intermediär")
    base = public_base(request)
    return PlainTextResponse(to_markdown(_answer(request, q, k), base), media_type="text/markdown; charset=utf-8",
                             headers={"Content-Disposition": 'attachment; filename="svar.md"'})


@router.get("/api/search", tags=["sök"])
def api_search(request: Request, q: str | None = Query(None, max_length=5000, description="Frågan på svenska"),
               k: int = Query(10, description=f"Antal träffar, 1–{K_MAX}")) -> dict[str, object]:
    """Hybrid search with the answer: passages, highlighted sentences, short cited answer, confidence."""
    q = _clean(request, q, k)
    if not q:
        raise HTTPException(400, "Frågan är tom. Skriv en fråga i parametern q, t.ex. ?q=Vad+är+en+intermediär")
    return to_dict(_answer(request, q, k))
