"""`create_app(settings)`: the FastAPI app; content and models load in the lifespan, never at import."""

from __future__ import annotations

import gc
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from assistant.validate import Checked, validate
from kb.errors import ContentInvalid
from web import errors, openapi
from web.deps import STATE_KEY
from web.hosts import AllowedHostsMiddleware
from web.routes import articles, kalkyl, kurs, kursledare, pages, screening, search
from web.security import HeadMiddleware, SecurityMiddleware
from web.settings import Settings, get_settings
from web.site import Site
from web.urls import RootPathMiddleware

AREAS = (pages, articles, search, screening, kurs, kursledare, kalkyl)


def build_site(settings: Settings, checked: Checked) -> Site:
    """Everything the routes read, from content that passed validation; the search index builds in the background."""
    content = checked.content
    if content is None:
        raise ContentInvalid(checked.errors)
    service = search.open_service(settings, content)
    return Site(
        settings=settings,
        content=content,
        search=service,
        articles=articles.article_views(settings, content),
        passages={p.id: p for p in service.index.passages} if service.index else {},
        two_minutes=pages.two_minutes(settings, content, checked.start),
        screening=screening.screening_state(settings, content, checked.tree),
        course=kurs.module_views(settings, content, checked.modules),
        plans={p.id: p for p in checked.plans},
        calculators=kalkyl.calculators(settings, content, checked.calculator_texts),
    )


def create_app(settings: Settings | None = None, checked: Checked | None = None) -> FastAPI:
    """Build the app; it refuses to start while the content has any error.

    Args:
        checked: content already validated (`sibguide serve` checks before starting); validated in the lifespan
            otherwise.
    """
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[dict[str, Site]]:
        site = build_site(settings, checked or validate(settings.content_dir))
        document.built(site.screening.tree if site.screening else None)
        # Content, index and model are read-only from here on: keep them out of the garbage collector's full
        # sweeps, which otherwise stall every request in flight for 50–100 ms under load.
        gc.collect()
        gc.freeze()
        yield {STATE_KEY: site}

    app = FastAPI(
        title="SIB-guiden",
        description="Kunskapsbank och vägledning om sociala utfallskontrakt.",
        version="0.1.0",
        lifespan=lifespan,
        docs_url=None,  # served by web.routes.pages from the vendored Swagger UI (the CDN version breaks the CSP)
        redoc_url=None,
    )
    # Outermost last: the root path is set first, hosts are checked, then HEAD becomes GET, then headers and body
    # limits apply.
    app.add_middleware(SecurityMiddleware, max_body=settings.max_request_bytes)
    app.add_middleware(HeadMiddleware)
    app.add_middleware(AllowedHostsMiddleware, allowed=settings.trusted_hosts())
    app.add_middleware(RootPathMiddleware, root_path=settings.root_path)
    app.mount("/static", StaticFiles(directory=Path(__file__).parent / "static"), name="static")
    errors.install(app)
    document = openapi.install(app, settings)
    for area in AREAS:
        app.include_router(area.router)
    return app
