"""One place for errors: Swedish error pages for people, JSON for the API."""

from __future__ import annotations

import logging
from typing import Any

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


# pydantic's error types in Swedish; `{…}` are filled from the error's ctx. Unknown types fall back to a plain phrase.
SWEDISH_ERRORS = {
    "missing": "saknas",
    "string_too_long": "får vara högst {max_length} tecken",
    "string_too_short": "måste vara minst {min_length} tecken",
    "too_long": "får ha högst {max_length} delar",
    "too_short": "måste ha minst {min_length} delar",
    "int_parsing": "måste vara ett heltal",
    "int_type": "måste vara ett heltal",
    "int_from_float": "måste vara ett heltal",
    "float_parsing": "måste vara ett tal",
    "float_type": "måste vara ett tal",
    "finite_number": "måste vara ett ändligt tal",
    "bool_parsing": "måste vara sant eller falskt",
    "bool_type": "måste vara sant eller falskt",
    "string_type": "måste vara text",
    "dict_type": "måste vara ett objekt",
    "list_type": "måste vara en lista",
    "model_attributes_type": "måste vara ett objekt",
    "json_invalid": "är inte giltig JSON",
    "json_type": "är inte giltig JSON",
    "greater_than": "måste vara större än {gt}",
    "greater_than_equal": "måste vara minst {ge}",
    "less_than": "måste vara mindre än {lt}",
    "less_than_equal": "får vara högst {le}",
    "literal_error": "måste vara något av {expected}",
    "enum": "måste vara något av {expected}",
    "extra_forbidden": "är inte ett tillåtet fält",
    "string_pattern_mismatch": "har fel format",
}


def _swedish(err: dict[str, Any]) -> str:
    if err.get("type") == "value_error":
        return str(err.get("msg", "ogiltigt värde")).removeprefix("Value error, ")
    template = SWEDISH_ERRORS.get(str(err.get("type")), "har ett ogiltigt värde")
    try:
        return template.format(**(err.get("ctx") or {}))
    except (KeyError, IndexError):
        return "har ett ogiltigt värde"


def _validation_message(exc: RequestValidationError) -> str:
    parts = []
    for err in exc.errors():
        field = ".".join(str(p) for p in err.get("loc", ())[1:]) or "förfrågan"
        parts.append(f"{field}: {_swedish(err)}")
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
