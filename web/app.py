"""`create_app(settings)`: the FastAPI app; content and models load in the lifespan, never at import."""

from __future__ import annotations

import gc
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from assistant.validate import check_all
from kb.errors import ContentInvalid
from web import errors, openapi
from web.hosts import AllowedHostsMiddleware
from web.routes import articles, kalkyl, kurs, kursledare, pages, screening, search
from web.security import HeadMiddleware, SecurityMiddleware
from web.settings import Settings, get_settings
from web.urls import RootPathMiddleware

AREAS = (pages, articles, search, screening, kurs, kursledare, kalkyl)


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the app; it refuses to start while the content has any error."""
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        content, problems = check_all(settings.content_dir)
        if content is None:
            raise ContentInvalid(problems)
        app.state.settings = settings
        app.state.content = content
        for area in AREAS:
            area.startup(app, settings, content)
        # Content, index and model are read-only from here on: keep them out of the garbage collector's full
        # sweeps, which otherwise stall every request in flight for 50–100 ms under load.
        gc.collect()
        gc.freeze()
        yield

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
    openapi.install(app, settings)
    for area in AREAS:
        app.include_router(area.router)
    return app
