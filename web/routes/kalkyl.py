"""Räkna: utfallskalkyl (/kalkyl) and the accounting illustration (/redovisning), as pages, JSON and exports.

One route factory serves every calculator (`assistant.calculator.Calculator`): the page, `GET /api/<key>` and
`/<key>/export`. Inputs live in the query string, so every result is a shareable URL and nothing is stored; the
explanatory notes are content (`content/sv/rakna/<key>.yaml`), checked by `sibguide check`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Generic, TypeVar
from urllib.parse import urlencode

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
from pydantic import BaseModel

from assistant import kalkyl, redovisning
from assistant.calculator import Calculator
from assistant.calculator_text import CalculatorText
from assistant.numbers import MAX_INPUT_CHARS, NUMBER_PATTERN, format_number
from kb.models import Content
from kb.render import render_markdown
from web import exports
from web.charts import Chart, grouped_bars
from web.deps import SiteDep
from web.schemas.calculators import KalkylResult, RedovisningResult
from web.schemas.common import InputProblem, responses
from web.settings import Settings
from web.templating import is_htmx, render
from web.urls import Urls

router = APIRouter()
InputsT = TypeVar("InputsT")
ResultT = TypeVar("ResultT")


@dataclass(frozen=True)
class CalculatorRoutes(Generic[InputsT, ResultT]):
    """What differs between the calculators' pages: template, chart, export rows and JSON model."""

    calculator: Calculator[InputsT, ResultT]
    template: str
    export_name: str
    summary: str
    chart: Callable[[ResultT], Chart | None]
    rows: Callable[[ResultT, CalculatorText], list[list[str]]]
    model: type[BaseModel]
    payload: Callable[[ResultT, CalculatorText, list[list[str]]], BaseModel]


@dataclass(frozen=True)
class Loaded:
    """A calculator's notes as loaded from content and as rendered once for its page."""

    text: CalculatorText
    notes_html: dict[str, str]


def calculators(settings: Settings, content: Content, texts: Mapping[str, CalculatorText]) -> dict[str, Loaded]:
    """Render the checked notes once; they do not depend on the input."""
    urls = Urls(settings.root_path)
    return {
        key: Loaded(t, {k: render_markdown(v, content.sources, links=urls) for k, v in t.notes.items()})
        for key, t in texts.items()
    }


def _loaded(site: SiteDep, key: str) -> Loaded:
    loaded = site.calculators.get(key)
    if loaded is None:
        raise HTTPException(404, "Räknaren finns inte i det här innehållet.")
    return loaded


def _raw(request: Request, defaults: dict[str, str]) -> tuple[dict[str, str | None], bool]:
    """Query values, the example value for each field left out, and whether anything was submitted."""
    params = request.query_params
    return {name: params.get(name, default) for name, default in defaults.items()}, any(n in params for n in defaults)


def _share_query(raw: dict[str, str | None]) -> str:
    return urlencode({k: v or "" for k, v in raw.items()})


def _parameters(calculator: Calculator[Any, Any]) -> list[dict[str, Any]]:
    """The OpenAPI query parameters: one per field, with its range and example value."""
    return [
        {
            "name": f.name,
            "in": "query",
            "required": False,
            "description": (
                f"{f.label}: {format_number(f.minimum)}–{format_number(f.maximum)} {f.unit}"
                f"{', heltal' if f.integer else ''}. Skrivs som på sidan, t.ex. ”{calculator.defaults[f.name]}”; "
                "utelämnat fält får exempelvärdet."
            ),
            "schema": {"type": "string", "maxLength": MAX_INPUT_CHARS, "pattern": NUMBER_PATTERN,
                       "default": calculator.defaults[f.name]},
        }
        for f in calculator.fields
    ]


def add_calculator(spec: CalculatorRoutes[InputsT, ResultT]) -> None:
    """The page, the JSON and the export of one calculator, on `router`."""
    calc = spec.calculator
    key = calc.key

    @router.get(f"/{key}", response_class=HTMLResponse, include_in_schema=False, name=f"{key}_page")
    def page(request: Request, site: SiteDep) -> Response:
        loaded = _loaded(site, key)
        raw, submitted = _raw(request, calc.defaults)
        inputs, errors = calc.parse_inputs(raw)
        result = calc.calculate(inputs) if inputs is not None else None
        context: dict[str, Any] = {
            "fields": calc.fields,
            "raw": raw,
            "errors": errors,
            "result": result,
            "chart": spec.chart(result) if result is not None else None,
            "submitted": submitted,
            "query": _share_query(raw),
            "notes": loaded.notes_html,
            "disclaimer": loaded.text.disclaimer,
        }
        # 422 for bad input; htmx gets 200 so it swaps the fragment with the error summary in (it skips 4xx).
        status = 422 if errors and not is_htmx(request) else 200
        return render(request, spec.template, context, block="result", status_code=status)

    @router.get(f"/api/{key}", summary=spec.summary, tags=["räkna"], response_model=spec.model,
                responses=responses(404, 422, s422=InputProblem), openapi_extra={"parameters": _parameters(calc)},
                name=f"{key}_api")
    def api(request: Request, site: SiteDep) -> Any:
        loaded = _loaded(site, key)
        inputs, errors = calc.parse_inputs(_raw(request, calc.defaults)[0])
        if inputs is None:
            problem = InputProblem(detail="Ogiltiga uppgifter – " + " ".join(errors.values()), errors=errors)
            return JSONResponse(problem.model_dump(), status_code=422)
        result = calc.calculate(inputs)
        return spec.payload(result, loaded.text, spec.rows(result, loaded.text))

    @router.get(f"/{key}/export", include_in_schema=False, name=f"{key}_export")
    def export(request: Request, site: SiteDep, format: str = "csv") -> Response:
        loaded = _loaded(site, key)
        inputs, errors = calc.parse_inputs(_raw(request, calc.defaults)[0])
        if inputs is None:
            raise HTTPException(422, "Ogiltiga uppgifter – " + " ".join(errors.values()))
        return _export(spec.rows(calc.calculate(inputs), loaded.text), format, spec.export_name)


def _export(rows: list[list[str]], format: str, name: str) -> Response:
    if format == "csv":
        body, media, ext = exports.to_csv(rows), "text/csv; charset=utf-8", "csv"
    elif format == "md":
        body, media, ext = exports.to_markdown(rows), "text/markdown; charset=utf-8", "md"
    else:
        raise HTTPException(400, f"Formatet ”{format[:20]}” finns inte. Välj csv eller md.")
    headers = {"Content-Disposition": f'attachment; filename="{name}.{ext}"'}
    return PlainTextResponse(body, media_type=media, headers=headers)


def _kalkyl_chart(result: kalkyl.Result) -> Chart | None:
    if not result.years:
        return None
    return grouped_bars(
        [("budget", [y.value for y in result.years]), ("bokfort", [y.present_value for y in result.years])],
        [f"År {y.year}" for y in result.years],
        scale=1000,
        unit="tkr",
    )


def _redovisning_chart(result: redovisning.Result) -> Chart | None:
    return grouped_bars(
        [
            ("budget", [r.budget_outcome + r.drift for r in result.rows]),
            ("bokfort", [r.booked_total for r in result.rows]),
        ],
        [f"År {r.year}" for r in result.rows],
    )


add_calculator(CalculatorRoutes(
    calculator=kalkyl.CALCULATOR,
    template="kalkyl/kalkyl.html",
    export_name="utfallskalkyl",
    summary="Utfallskalkyl: värdet av att en person går från försörjningsstöd till arbete",
    chart=_kalkyl_chart,
    rows=lambda result, text: exports.kalkyl_rows(result),
    model=KalkylResult,
    payload=KalkylResult.of,
))
add_calculator(CalculatorRoutes(
    calculator=redovisning.CALCULATOR,
    template="kalkyl/redovisning.html",
    export_name="redovisning",
    summary="Redovisningsillustration: vad kommunen bokför år för år",
    chart=_redovisning_chart,
    rows=lambda result, text: exports.redovisning_rows(result, text.disclaimer or ""),
    model=RedovisningResult,
    payload=RedovisningResult.of,
))
