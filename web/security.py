"""Response headers and request limits applied to every request."""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

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
# body was never read, so the page explains how to get back with the answers, which live in the address.
TOO_LARGE_HTML = (
    '<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>Texten är för lång – SIB-guiden</title>'
    '<meta name="viewport" content="width=device-width, initial-scale=1"></head><body><main>'
    "<h1>Texten är för lång</h1><p>Det du skickade var större än sidan tar emot. Gå tillbaka med webbläsarens "
    "bakåtknapp: dina svar i screeningen finns kvar i adressen. Korta texten och försök igen.</p>"
    '<p><a href="/screening">Till screeningen</a> · <a href="/">Till startsidan</a></p></main></body></html>'
).encode()
TOO_LARGE_JSON = '{"detail": "Förfrågan är för stor."}'.encode()


class SecurityMiddleware:
    """Adds security headers to every response and refuses bodies above `max_body` bytes with 413."""

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

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            received += len(message.get("body", b""))
            if received > self.max_body:
                raise _TooLarge
            return message

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {k.lower() for k, _ in message.get("headers", [])}
                message["headers"] = list(message.get("headers", [])) + [h for h in HEADERS if h[0] not in names]
            await send(message)

        try:
            await self.app(scope, limited_receive, send_with_headers)
        except _TooLarge:
            await self._reject(send, scope)

    async def _reject(self, send: Send, scope: Scope) -> None:
        accept = dict(scope["headers"]).get(b"accept", b"")
        if b"text/html" in accept:
            kind, body = b"text/html; charset=utf-8", TOO_LARGE_HTML
        elif b"application/json" in accept:
            kind, body = b"application/json", TOO_LARGE_JSON
        else:
            kind, body = b"text/plain; charset=utf-8", TOO_LARGE
        await send({"type": "http.response.start", "status": 413, "headers": [(b"content-type", kind), *HEADERS]})
        await send({"type": "http.response.body", "body": body})


class _TooLarge(Exception):
    pass
