"""Räkna: utfallskalkyl (/kalkyl) and the accounting illustration (/redovisning), as pages, JSON and exports.

Inputs live in the query string, so every result is a shareable URL and nothing is stored.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response

from assistant import kalkyl, redovisning
from kb.models import Content
from kb.render import render_markdown
from web import exports
from web.charts import grouped_bars
from web.deps import SiteDep
from web.settings import Settings
from web.templating import is_htmx, render
from web.urls import Urls

router = APIRouter()

KALKYL_NOTES = {
    "metod": (
        "Metoden kommer från intermediären Prosper Impact: när en person går från försörjningsstöd till "
        "arbete är effekten för kommunen minskat försörjningsstöd + minskad handläggning + ökad skatteintäkt,"
        " och priset kan sättas per arbetad månad under kontraktets löptid. Läs [Vad är ett utfall "
        "värt?](artikel:vardera-utfall#steg-for-steg). {{cite fryshuset2018 intermediar}}"
    ),
    "nuvarde": (
        "Att nuvärdesberäkna betyder att räkna om framtida belopp till vad de är värda i dag. Källan nämner "
        "nuvärdesberäkning men anger ingen ränta, så räntan är ditt val. Här räknas varje års värde som om "
        "det kom i slutet av året. {{cite fryshuset2018 intermediar}}"
    ),
    "pris": (
        "Taket är vad en utfallsenhet (en arbetad månad) är värd för kommunen i dagens penningvärde – betalar"
        " kommunen mer, betalar den mer än den sparar. Golvet är vad insatsen kostar per förväntad "
        "utfallsenhet – under det går utföraren eller investeraren med förlust. Det slutliga priset "
        "förhandlas alltid, med beräkningarna som grund. Se [Priset förhandlas alltid](artikel:vardera-"
        "utfall#forhandling). {{cite fryshuset2018 intermediar}}"
    ),
    "underlag": (
        "Källorna anger inga färdiga belopp. Förifyllda siffror är bara exempel: hämta beloppen ur den egna "
        "kommunens data. {{cite fryshuset2018 intermediar}}"
    ),
}
REDOVISNING_NOTES = {
    "lan": (
        "Riskdelning med en extern investerare är enligt SKL:s experter och Rådet för kommunal redovisning "
        "(RKR) ett lån och inte ett bidrag: den ger en skuld, ingen intäkt. Se [Lån, inte "
        "bidrag](artikel:redovisningsregler#lan-inte-bidrag). {{cite fryshuset2018 skl}}"
    ),
    "forsiktighet": (
        "Försiktighetsprincipen: kommunen tar från början höjd för den högsta möjliga utfallsbetalningen och "
        "fördelar den över projektets år. Källan säger inte hur fördelningen ska göras; här fördelas den "
        "lika. Se [Försiktighetsprincipen](artikel:redovisningsregler#forsiktighetsprincipen). {{cite "
        "fryshuset2018 skl}}"
    ),
    "justera": (
        "När utfallet kan prognostiseras med tillräcklig säkerhet justeras bokningen. Här flyttas den "
        "ackumulerade kostnaden till prognosens nivå det året (en återföring om prognosen är lägre), och "
        "resten fördelas lika. Se [Justera](artikel:redovisningsregler#justera). {{cite fryshuset2018 skl}}"
    ),
    "samre": (
        "Därför ger ett sämre utfall en lägre bokförd projektkostnad än ett bättre. Det som ska väga upp ett "
        "bättre utfall är besparingarna i den ordinarie verksamheten – om de går att förverkliga och se. Se "
        "[Varför ett sämre utfall ger en lägre kostnad](artikel:redovisningsregler#samre-utfall). {{cite "
        "fryshuset2018 skl}}"
    ),
}
DISCLAIMER = (
    "Det här är en illustration av principerna i källorna, inte redovisningsrådgivning. Fråga kommunens ekonomer och "
    "revisorer hur just ert kontrakt ska redovisas."
)


def render_notes(settings: Settings, content: Content) -> dict[str, dict[str, str]]:
    """Render the cited explanations once; they do not depend on the input."""
    urls = Urls(settings.root_path)
    return {
        "kalkyl": {k: render_markdown(v, content.sources, links=urls) for k, v in KALKYL_NOTES.items()},
        "redovisning": {k: render_markdown(v, content.sources, links=urls) for k, v in REDOVISNING_NOTES.items()},
    }


def _raw(request: Request, defaults: dict[str, str]) -> tuple[dict[str, str | None], bool]:
    """Query values, or the example defaults when the page is opened without any input."""
    params = request.query_params
    submitted = any(name in params for name in defaults)
    return ({name: params.get(name) for name in defaults} if submitted else dict(defaults)), submitted


def _status(request: Request, errors: dict[str, str]) -> int:
    """422 for bad input; htmx gets 200 so it swaps the fragment with the error summary in (it skips 4xx)."""
    return 422 if errors and not is_htmx(request) else 200


def _share_query(raw: dict[str, str | None]) -> str:
    return urlencode({k: v or "" for k, v in raw.items()})


@router.get("/kalkyl", response_class=HTMLResponse, include_in_schema=False)
def kalkyl_page(request: Request, site: SiteDep) -> Response:
    raw, submitted = _raw(request, kalkyl.DEFAULTS)
    inputs, errors = kalkyl.parse_inputs(raw)
    result = kalkyl.calculate(inputs) if inputs else None
    chart = None
    if result and result.years:
        chart = grouped_bars(
            [("budget", [y.value for y in result.years]), ("bokfort", [y.present_value for y in result.years])],
            [f"År {y.year}" for y in result.years],
            scale=1000,
            unit="tkr",
        )
    context: dict[str, Any] = {
        "fields": kalkyl.FIELDS,
        "chart": chart,
        "raw": raw,
        "errors": errors,
        "result": result,
        "submitted": submitted,
        "query": _share_query(raw),
        "notes": site.calculator_notes["kalkyl"],
    }
    return render(request, "kalkyl/kalkyl.html", context, block="result", status_code=_status(request, errors))


@router.get("/api/kalkyl", summary="Utfallskalkyl: värdet av att en person går från försörjningsstöd till arbete")
def kalkyl_api(request: Request) -> JSONResponse:
    raw, _ = _raw(request, kalkyl.DEFAULTS)
    inputs, errors = kalkyl.parse_inputs(raw)
    if inputs is None:
        return JSONResponse({"detail": "Ogiltiga uppgifter.", "errors": errors}, status_code=422)
    return JSONResponse(exports.kalkyl_json(kalkyl.calculate(inputs), KALKYL_NOTES))


@router.get("/kalkyl/export", include_in_schema=False)
def kalkyl_export(request: Request, format: str = "csv") -> Response:
    raw, _ = _raw(request, kalkyl.DEFAULTS)
    inputs, errors = kalkyl.parse_inputs(raw)
    if inputs is None:
        raise HTTPException(422, "Ogiltiga uppgifter – " + " ".join(errors.values()))
    rows = exports.kalkyl_rows(kalkyl.calculate(inputs))
    return _export(rows, format, "utfallskalkyl")


@router.get("/redovisning", response_class=HTMLResponse, include_in_schema=False)
def redovisning_page(request: Request, site: SiteDep) -> Response:
    raw, submitted = _raw(request, redovisning.DEFAULTS)
    inputs, errors = redovisning.parse_inputs(raw)
    result = redovisning.calculate(inputs) if inputs else None
    chart = None
    if result:
        chart = grouped_bars(
            [
                ("budget", [r.budget_outcome + r.drift for r in result.rows]),
                ("bokfort", [r.booked_total for r in result.rows]),
            ],
            [f"År {r.year}" for r in result.rows],
        )
    context: dict[str, Any] = {
        "fields": redovisning.FIELDS,
        "raw": raw,
        "errors": errors,
        "result": result,
        "chart": chart,
        "submitted": submitted,
        "query": _share_query(raw),
        "notes": site.calculator_notes["redovisning"],
        "disclaimer": DISCLAIMER,
    }
    return render(request, "kalkyl/redovisning.html", context, block="result", status_code=_status(request, errors))


@router.get("/api/redovisning", summary="Redovisningsillustration: vad kommunen bokför år för år")
def redovisning_api(request: Request) -> JSONResponse:
    raw, _ = _raw(request, redovisning.DEFAULTS)
    inputs, errors = redovisning.parse_inputs(raw)
    if inputs is None:
        return JSONResponse({"detail": "Ogiltiga uppgifter.", "errors": errors}, status_code=422)
    return JSONResponse(exports.redovisning_json(redovisning.calculate(inputs), REDOVISNING_NOTES, DISCLAIMER))


@router.get("/redovisning/export", include_in_schema=False)
def redovisning_export(request: Request, format: str = "csv") -> Response:
    raw, _ = _raw(request, redovisning.DEFAULTS)
    inputs, errors = redovisning.parse_inputs(raw)
    if inputs is None:
        raise HTTPException(422, "Ogiltiga uppgifter – " + " ".join(errors.values()))
    rows = exports.redovisning_rows(redovisning.calculate(inputs), DISCLAIMER)
    return _export(rows, format, "redovisning")


def _export(rows: list[list[str]], format: str, name: str) -> Response:
    if format == "csv":
        body, media, ext = exports.to_csv(rows), "text/csv; charset=utf-8", "csv"
    elif format == "md":
        body, media, ext = exports.to_markdown(rows), "text/markdown; charset=utf-8", "md"
    else:
        raise HTTPException(400, f"Formatet ”{format[:20]}” finns inte. Välj csv eller md.")
    headers = {"Content-Disposition": f'attachment; filename="{name}.{ext}"'}
    return PlainTextResponse(body, media_type=media, headers=headers)
