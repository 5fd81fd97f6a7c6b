"""Response headers, request limits and HEAD handling applied to every request."""

from __future__ import annotations

import html

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from web.urls import route_path

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
    "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'"
)
HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=(), interest-cohort=()"),
    (b"cross-origin-opener-policy", b"same-origin"),
]
TOO_LARGE = "Förfrågan är för stor.".encode()
# A form post (for example a long description pasted into the screening export) gets a page, not bare text: the
# body was never read, so the page explains how to get back with the answers, which live in the address. `{root}` is
# the root path the site is served under.
TOO_LARGE_HTML = (
    '<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>Texten är för lång – SIB-guiden</title>'
    '<meta name="viewport" content="width=device-width, initial-scale=1"></head><body><main>'
    "<h1>Texten är för lång</h1><p>Det du skickade var större än sidan tar emot. Gå tillbaka med webbläsarens "
    "bakåtknapp: dina svar i screeningen finns kvar i adressen. Korta texten och försök igen.</p>"
    '<p><a href="{root}/screening">Till screeningen</a> · <a href="{root}/">Till startsidan</a></p>'
    "</main></body></html>"
)
TOO_LARGE_JSON = '{"detail": "Förfrågan är för stor."}'.encode()


def with_security_headers(headers: list[tuple[bytes, bytes]]) -> list[tuple[bytes, bytes]]:
    """`headers` plus every security header it does not set itself."""
    names = {k.lower() for k, _ in headers}
    return list(headers) + [h for h in HEADERS if h[0] not in names]


class SecurityMiddleware:
    """Adds security headers to every response and refuses bodies above `max_body` bytes with 413.

    A chunked body has no Content-Length, so the limit is counted while reading. The body parsers turn any error
    while reading into their own 400, so the overrun is remembered and the response that follows is replaced by 413.
    """

    def __init__(self, app: ASGIApp, max_body: int) -> None:
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.max_body):
            await self._reject(send, scope)
            return
        received = 0
        too_large = False
        rejected = False

        async def limited_receive() -> Message:
            nonlocal received, too_large
            message = await receive()
            received += len(message.get("body", b""))
            if received > self.max_body:
                too_large = True
                raise _TooLarge
            return message

        async def send_with_headers(message: Message) -> None:
            nonlocal rejected
            if too_large:  # whatever the app answers to a cut-off body, the answer is 413
                if not rejected:
                    rejected = True
                    await self._reject(send, scope)
                return
            if message["type"] == "http.response.start":
                message["headers"] = with_security_headers(list(message.get("headers", [])))
            await send(message)

        try:
            await self.app(scope, limited_receive, send_with_headers)
        except _TooLarge:
            if not rejected:
                await self._reject(send, scope)

    async def _reject(self, send: Send, scope: Scope) -> None:
        accept = dict(scope["headers"]).get(b"accept", b"")
        root = str(scope.get("root_path", "")).rstrip("/")
        if route_path(scope).startswith("/api/"):  # the API answers JSON whatever it is asked for
            kind, body = b"application/json", TOO_LARGE_JSON
        elif b"text/html" in accept:
            kind, body = b"text/html; charset=utf-8", TOO_LARGE_HTML.format(root=html.escape(root)).encode()
        elif b"application/json" in accept:
            kind, body = b"application/json", TOO_LARGE_JSON
        else:
            kind, body = b"text/plain; charset=utf-8", TOO_LARGE
        await send({"type": "http.response.start", "status": 413, "headers": [(b"content-type", kind), *HEADERS]})
        await send({"type": "http.response.body", "body": body})


class HeadMiddleware:
    """Answers HEAD like GET without the body, so every GET route (and `/healthz` for monitors) takes HEAD.

    FastAPI routes list only the methods they are declared with; doing it here covers every route at once.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def send_without_body(message: Message) -> None:
            if message["type"] == "http.response.body":
                if message.get("more_body", False):
                    return
                message = {"type": "http.response.body", "body": b""}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, send_without_body)


class _TooLarge(Exception):
    pass
