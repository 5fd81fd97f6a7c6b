"""Jinja templates with htmx fragments: one template per page, `{% block %}`s swapped by htmx."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import Response
from jinja2_fragments.fastapi import Jinja2Blocks

from assistant.numbers import format_kr, format_number
from web.publisher import request_publisher
from web.urls import request_urls, route_path

TEMPLATES = Jinja2Blocks(directory=str(Path(__file__).parent / "templates"))
TEMPLATES.env.filters["kr"] = format_kr  # Swedish money: "12 500,50 kr"
TEMPLATES.env.filters["num"] = format_number


def is_htmx(request: Request) -> bool:
    """True for an htmx request that wants a fragment (not a boosted full-page navigation)."""
    return request.headers.get("HX-Request") == "true" and request.headers.get("HX-Boosted") != "true"


def render(
    request: Request, name: str, context: dict[str, Any], *, block: str | None = None, status_code: int = 200
) -> Response:
    """Render `name`; with htmx and a `block`, only that block. The same URL serves both (Vary: HX-Request).

    Every template gets `urls` (the one URL builder, under the request's root path) and `here` (the route path,
    without the root path, for marking the current section in the menu).
    """
    ctx = {"request": request, "publisher": request_publisher(request), "urls": request_urls(request),
           "here": route_path(request.scope), **context}
    if block and is_htmx(request):
        response = TEMPLATES.TemplateResponse(request, name, ctx, block_name=block, status_code=status_code)
    else:
        response = TEMPLATES.TemplateResponse(request, name, ctx, status_code=status_code)
    response.headers["Vary"] = "HX-Request"
    return response
