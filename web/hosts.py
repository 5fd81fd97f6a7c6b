"""The Host header is not trusted: unknown hosts are refused, and absolute links use the configured base URL."""

from __future__ import annotations

import json
from collections.abc import Sequence
from urllib.parse import urlsplit

from fastapi import Request
from starlette.types import ASGIApp, Receive, Scope, Send

from web.deps import get_site
from web.security import HEADERS
from web.urls import Urls, request_urls, route_path

UNKNOWN_HOST_TEXT = "Okänd värdadress: servern svarar inte på det namnet (Host-huvudet i förfrågan)."
UNKNOWN_HOST = UNKNOWN_HOST_TEXT.encode()
UNKNOWN_HOST_JSON = json.dumps({"detail": UNKNOWN_HOST_TEXT}, ensure_ascii=False).encode()


def host_name(host: str) -> str:
    """`Example.org:8000` → `example.org`, `[::1]:8000` → `[::1]`."""
    host = host.strip().lower()
    if host.startswith("["):
        return host[: host.find("]") + 1] if "]" in host else host
    return host.split(":", 1)[0]


def host_allowed(host: str, allowed: Sequence[str]) -> bool:
    """Exact names, `*.example.org` for any subdomain, `*` for all."""
    name = host_name(host)
    for pattern in allowed:
        pattern = pattern.lower()
        if pattern == "*" or pattern == name:
            return True
        if pattern.startswith("*.") and name.endswith(pattern[1:]):
            return True
    return False


class AllowedHostsMiddleware:
    """Refuses requests whose Host is not in `allowed` with a Swedish 400, before any route builds a URL from it."""

    def __init__(self, app: ASGIApp, allowed: Sequence[str]) -> None:
        self.app = app
        self.allowed = tuple(allowed)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        host = dict(scope["headers"]).get(b"host", b"").decode("latin-1")
        if host_allowed(host, self.allowed):
            await self.app(scope, receive, send)
            return
        if route_path(scope).startswith("/api/"):  # the API answers {"detail": …} like every other API error
            kind, body = b"application/json", UNKNOWN_HOST_JSON
        else:
            kind, body = b"text/plain; charset=utf-8", UNKNOWN_HOST
        await send({"type": "http.response.start", "status": 400, "headers": [(b"content-type", kind), *HEADERS]})
        await send({"type": "http.response.body", "body": body})


def public_base(request: Request) -> str:
    """Base for absolute links in share links and exports, without trailing slash, with the root path.

    `SIBGUIDE_PUBLIC_BASE_URL` when set (the root path added when the address has no path of its own);
    otherwise the request's own (already allowed) host.
    """
    configured = get_site(request).settings.public_base_url
    if configured:
        return configured if urlsplit(configured).path else configured + request_urls(request).base
    return str(request.base_url).rstrip("/")


def public_urls(request: Request) -> Urls:
    """The URL builder for share links and exports: absolute addresses under the public base."""
    return Urls(public_base(request))
