"""uvicorn's answer to bytes that are not HTTP, in Swedish and with the security headers.

uvicorn writes "Invalid HTTP request received." itself, before any ASGI middleware sees the request, so the app's
Swedish messages and `SecurityMiddleware` never reach it; this protocol class (uvicorn's `http=` option) does.
"""

from __future__ import annotations

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from web.security import HEADERS

BAD_REQUEST = "Ogiltig förfrågan: servern kunde inte läsa den som HTTP.".encode()


class SwedishHTTPProtocol(HttpToolsProtocol):
    """httptools, uvicorn's default parser, with a Swedish 400 for requests it cannot parse."""

    def send_400_response(self, msg: str) -> None:
        headers = [*self.server_state.default_headers, (b"content-type", b"text/plain; charset=utf-8"),
                   (b"content-length", str(len(BAD_REQUEST)).encode()), (b"connection", b"close"), *HEADERS]
        head = b"".join(name + b": " + value + b"\r\n" for name, value in headers)
        self.transport.write(b"HTTP/1.1 400 Bad Request\r\n" + head + b"\r\n" + BAD_REQUEST)
        self.transport.close()
