"""One place for errors: Swedish error pages for people, JSON for the API."""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException

from kb.errors import field_path, swedish_pydantic_error
from web.security import HEADERS
from web.templating import render
from web.urls import route_path

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
    path = route_path(request.scope)
    return path.startswith("/api/") or path == "/healthz"


def error_response(request: Request, status: int, detail: str) -> Response:
    if _wants_json(request):
        return JSONResponse({"detail": detail}, status_code=status)
    title = TITLES.get(status, "Fel")
    return render(request, "error.html", {"status": status, "title": title, "detail": detail}, status_code=status)


# Framework messages (FastAPI, Starlette's form parser, python-multipart) that reach people, by their start.
FRAMEWORK_MESSAGES = (
    ("There was an error parsing the body", "Innehållet i förfrågan kunde inte tolkas. Skicka giltig JSON eller ett "
     "vanligt formulär."),
    ("Missing boundary in multipart", "Formuläret kunde inte tolkas: gränsmarkeringen (boundary) saknas."),
    ("Invalid multipart data", "Formuläret kunde inte tolkas."),
    ("The Content-Disposition header field", "Formuläret kunde inte tolkas: ett fält saknar namn."),
    ("Too many fields", "Formuläret har för många fält."),
    ("Too many files", "Formuläret har för många filer."),
    ("Part exceeded maximum size", "En del av formuläret är för stor."),
    ("Field exceeded maximum size", "Ett fält i formuläret är för stort."),
)
UNREADABLE = "Förfrågan kunde inte tolkas."


def swedish_detail(detail: str) -> str:
    """A framework's English message in Swedish; our own (Swedish) messages pass unchanged."""
    for english, swedish in FRAMEWORK_MESSAGES:
        if detail.startswith(english):
            return swedish
    if detail.isascii() and re.search(r"\b(the|is|was|an|of|not|must|invalid|error|missing)\b", detail, re.I):
        return UNREADABLE  # an English message we have not met yet: say something true in Swedish
    return detail


# The API's fields as a person reads them; the name as sent follows in brackets (`frågan (q)`).
FIELD_NAMES = {
    "q": "frågan",
    "k": "antalet träffar",
    "answers": "svaren",
    "whole": "hela bedömningen",
    "article_id": "artikelns id",
}


def _field(err: Mapping[str, Any]) -> str:
    """Where the error is, in words: `frågan (q)`, `svaren (answers.malgrupp)`, `innehållet`."""
    if err.get("type") == "json_invalid":
        return "innehållet"  # its location is a character position, not a field
    path = field_path(err.get("loc", ())[1:])  # loc[0] is body/query/path
    if not path:
        return "förfrågan"
    name = FIELD_NAMES.get(path.partition(".")[0])
    return f"{name} ({path})" if name else path


def _validation_message(exc: RequestValidationError) -> str:
    """One part per field. A union (`answers`: object or text) reports each member: the messages for one field are
    joined with "eller", and a field whose inner field failed (`answers.malgrupp`) is not repeated on its own."""
    by_field: dict[str, list[str]] = {}
    for err in exc.errors():
        messages = by_field.setdefault(_field(err), [])
        message = swedish_pydantic_error(err)
        if message not in messages:
            messages.append(message)
    inner = [f for f in by_field if "." in f]
    parts = [
        f"{field}: {' eller '.join(messages)}"
        for field, messages in by_field.items()
        if not any(other.startswith(field.removesuffix(")") + ".") for other in inner)
    ]
    return "Ogiltiga uppgifter – " + "; ".join(parts)


def install(app: FastAPI) -> None:
    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        detail = exc.detail if isinstance(exc.detail, str) and exc.status_code not in DEFAULT_DETAIL else None
        if exc.status_code == 404 and isinstance(exc.detail, str) and exc.detail != "Not Found":
            detail = exc.detail
        detail = detail or DEFAULT_DETAIL.get(exc.status_code, str(exc.detail))
        response = error_response(request, exc.status_code, swedish_detail(detail))
        response.headers.update(exc.headers or {})  # `Allow` on a 405
        return response

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Response:
        return error_response(request, 422, _validation_message(exc))

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> Response:
        log.exception("oväntat fel på %s", request.url.path)
        response = error_response(request, 500, DEFAULT_DETAIL[500])
        # This handler runs in Starlette's outermost error middleware, outside SecurityMiddleware: add them here.
        for name, value in HEADERS:
            response.headers.setdefault(name.decode(), value.decode())
        return response
