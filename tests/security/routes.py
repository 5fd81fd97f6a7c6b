"""Every GET route the app has right now, so the security suites grow with the site without being edited."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from fastapi import FastAPI
from fastapi.routing import APIRoute
from starlette.routing import BaseRoute

SAMPLE_PARAMS = {
    "article_id": "vad-ar-sib",
    "key": "grunder",
    "term": "intermediar",
    "slug": "grunder",
    "module_id": "vad-och-varfor",
}


def get_paths(app: FastAPI) -> list[str]:
    """Concrete URLs for every GET route, path parameters filled with a known value."""
    paths = []
    for route in _api_routes(app.routes):
        if "GET" not in (route.methods or set()):
            continue
        path = route.path
        for name in route.param_convertors:
            path = path.replace("{" + name + "}", SAMPLE_PARAMS.get(name, "x"))
            path = path.replace("{" + name + ":path}", SAMPLE_PARAMS.get(name, "x"))
        paths.append(path)
    return sorted(set(paths))


def _api_routes(routes: Sequence[BaseRoute]) -> Iterator[APIRoute]:
    """APIRoutes, also inside included routers (FastAPI 0.16x wraps them in `_IncludedRouter`)."""
    for route in routes:
        if isinstance(route, APIRoute):
            yield route
        inner = getattr(route, "original_router", None)
        if inner is not None:
            yield from _api_routes(inner.routes)


def has_route(app: FastAPI, path: str, method: str = "GET") -> bool:
    return any(r.path == path and method in (r.methods or set()) for r in _api_routes(app.routes))
