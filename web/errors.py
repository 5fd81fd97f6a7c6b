"""One place for errors: Swedish error pages for people, JSON for the API."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException

from web.templating import render

log = logging.getLogger("sibguide")

TITLES = {
    400: "Felaktig förfrågan",
    404: "Sidan finns inte",
    405: "Metoden stöds inte",
    413: "Förfrågan är för stor",
    422: "Uppgifterna kunde inte tolkas",
    500: "Något gick fel",
}
DEFAULT_DETAIL = {
    404: "Vi hittar inte sidan du söker. Kontrollera adressen eller börja om från startsidan.",
    405: "Den här adressen tar inte emot den sortens förfrågan.",
    500: "Ett oväntat fel uppstod hos oss. Försök igen om en stund.",
}


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/healthz"


def error_response(request: Request, status: int, detail: str) -> Response:
    if _wants_json(request):
        return JSONResponse({"detail": detail}, status_code=status)
    title = TITLES.get(status, "Fel")
    return render(request, "error.html", {"status": status, "title": title, "detail": detail}, status_code=status)


def _validation_message(exc: RequestValidationError) -> str:
    parts = []
    for err in exc.errors():
        field = ".".join(str(p) for p in err.get("loc", ())[1:]) or "förfrågan"
        parts.append(f"{field}: {err.get('msg', 'ogiltigt värde')}")
    return "Ogiltiga uppgifter – " + "; ".join(parts)


def install(app: FastAPI) -> None:
    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        detail = exc.detail if isinstance(exc.detail, str) and exc.status_code not in DEFAULT_DETAIL else None
        if exc.status_code == 404 and isinstance(exc.detail, str) and exc.detail != "Not Found":
            detail = exc.detail
        return error_response(request, exc.status_code, detail or DEFAULT_DETAIL.get(exc.status_code, str(exc.detail)))

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Response:
        return error_response(request, 422, _validation_message(exc))

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> Response:
        log.exception("oväntat fel på %s", request.url.path)
        return error_response(request, 500, DEFAULT_DETAIL[500])
