"""Search: `/sok` (page, htmx fragment as you type), `/sok.md` (Markdown export) and `GET /api/search`."""

from __future__ import annotations

import threading
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, PlainTextResponse, Response
from pydantic import AfterValidator

from assistant.qa import Answer, answer, prepare, to_markdown
from kb.models import Content
from kb.service import SearchService, open_search
from web.deps import ContentDep, SearchDep, SettingsDep, UrlsDep
from web.hosts import public_urls
from web.schemas.common import responses
from web.schemas.search import SearchResponse
from web.settings import Settings
from web.templating import render
from web.urls import request_urls

router = APIRouter()
K_MAX = 50


def open_service(settings: Settings, content: Content) -> SearchService:
    """Answer with BM25 at once; the model and the index load (or on first run build) in the background, with
    progress on the console, on the search page and in /healthz."""
    service = open_search(content, settings.embedding_model, settings.data_dir, settings.index_dir,
                          build=settings.build_index_on_start, backend=settings.embedding_backend, background=True)
    if service.index is not None:  # in the background: the first page need not wait for it (2–5 s)
        threading.Thread(target=prepare, args=(service.index,), name="sibguide-prepare", daemon=True).start()
    return service


def _clean(settings: Settings, q: str | None, k: int) -> str:
    """The question without surrounding space; the length is counted as sent, as the API schema states it."""
    q = q or ""
    if len(q) > settings.max_query_chars:
        raise HTTPException(
            422, f"Frågan är för lång ({len(q)} tecken). Skriv högst {settings.max_query_chars} tecken."
        )
    if not 1 <= k <= K_MAX:
        raise HTTPException(422, f"Antalet träffar k ska vara mellan 1 och {K_MAX}, inte {k}.")
    return q.strip()


def _answer(service: SearchService, content: Content, q: str, k: int) -> Answer:
    if service.index is None:
        raise HTTPException(503, f"Sökningen är inte tillgänglig just nu. {service.problem}")
    return answer(service.index, q, k, content.sources)


@router.get("/sok", response_class=HTMLResponse, include_in_schema=False)
def search_page(request: Request, service: SearchDep, content: ContentDep, settings: SettingsDep,
                q: str | None = None, k: int = 5) -> Response:
    q = _clean(settings, q, k)
    result = _answer(service, content, q, k) if q and service.index is not None else None
    context: dict[str, Any] = {"q": q, "k": k, "answer": result, "service": service,
                               "max_chars": settings.max_query_chars}
    return render(request, "search/page.html", context, block="results")


@router.get("/sok.md", response_class=PlainTextResponse, include_in_schema=False)
def search_markdown(request: Request, service: SearchDep, content: ContentDep, settings: SettingsDep,
                    q: str | None = None, k: int = 5) -> Response:
    q = _clean(settings, q, k)
    if not q:
        example = request_urls(request).search_export("x").split("?")[0] + "?q=Vad+är+en+intermediär"
        raise HTTPException(400, f"Skriv en fråga att exportera, t.ex. {example}")
    links, result = public_urls(request), _answer(service, content, q, k)
    return PlainTextResponse(to_markdown(result, links), media_type="text/markdown; charset=utf-8",
                             headers={"Content-Disposition": 'attachment; filename="svar.md"'})


EMPTY = "Frågan är tom. Skriv en fråga i parametern q, t.ex. ?q=Vad+är+en+intermediär"


def _not_blank(q: str) -> str:
    if not q.strip():
        raise ValueError(EMPTY)
    return q


# The schema says what the validator does: at least one character besides space (`\S`, unanchored).
Question = Annotated[str, Query(description="Frågan på svenska (se maxLength).",
                                json_schema_extra={"minLength": 1, "pattern": r"\S"}), AfterValidator(_not_blank)]
Hits = Annotated[int, Query(ge=1, le=K_MAX, description=f"Antal träffar, 1–{K_MAX}")]


@router.get("/api/search", tags=["sök"], response_model=SearchResponse, responses=responses(422, 503))
def api_search(service: SearchDep, content: ContentDep, settings: SettingsDep, urls: UrlsDep,
               q: Question, k: Hits = 10) -> SearchResponse:
    """Hybrid search with the answer: passages, highlighted sentences, short cited answer, confidence."""
    return SearchResponse.of(_answer(service, content, _clean(settings, q, k), k), urls)
