"""Redovisning: what the municipality books, year by year, under the rules SKL/RISE report (Fryshuset 2018, "skl").

The rules: an external investor's risk sharing is a loan, not a grant (a liability, no income); by the prudence
principle the municipality budgets for the maximum outcome payment, spread over the project's years; it adjusts
when the outcomes can be forecast with enough certainty. So a worse outcome books a lower project cost.

The sources do not say how to spread or adjust. This illustration spreads evenly and, from the forecast year on,
moves the accumulated booking onto the forecast level (a catch-up in the forecast year, even steps after). It
illustrates the principles; it is not accounting advice.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from assistant.calculator import Calculator
from assistant.numbers import Field, round_ore

D = Decimal
FIELDS: tuple[Field, ...] = (
    Field("kapital", "Investerarens kapital", "kr", D(0), D(10_000_000_000)),
    Field("maxbetalning", "Högsta möjliga utfallsbetalning", "kr", D(0), D(10_000_000_000)),
    Field("ar", "Projektets längd", "år", D(1), D(15), integer=True),
    Field("utfallsniva", "Prognostiserad utfallsnivå", "% av den högsta", D(0), D(100)),
    Field("prognosar", "År då utfallet kan prognostiseras", "(år 1 = projektets första)", D(1), D(15), integer=True),
    Field("drift", "Kommunens egna driftkostnader per år", "kr", D(0), D(10_000_000_000)),
)
DEFAULTS: dict[str, str] = {
    "kapital": "10 000 000",
    "maxbetalning": "12 000 000",
    "ar": "4",
    "utfallsniva": "50",
    "prognosar": "3",
    "drift": "0",
}


@dataclass(frozen=True)
class Inputs:
    kapital: Decimal
    maxbetalning: Decimal
    ar: int
    utfallsniva: Decimal
    prognosar: int
    drift: Decimal


@dataclass(frozen=True)
class YearRow:
    """One project year: the prudent budget, what is booked after adjustment, and the running totals."""

    year: int
    budget_outcome: Decimal
    booked_outcome: Decimal
    adjustment: Decimal
    drift: Decimal
    booked_total: Decimal
    accumulated_outcome: Decimal
    forecast_known: bool


@dataclass(frozen=True)
class Result:
    inputs: Inputs
    rows: tuple[YearRow, ...]
    forecast_payment: Decimal
    booked_total: Decimal
    booked_total_at_max: Decimal
    lower_cost_than_max: Decimal
    income_from_investor: Decimal
    liability_from_investor: Decimal
    payment_minus_capital: Decimal


def _forecast_within_project(values: Mapping[str, Decimal]) -> dict[str, str]:
    if values["prognosar"] > values["ar"]:
        return {"prognosar": "År då utfallet kan prognostiseras: måste ligga inom projektets år."}
    return {}


def cumulative_booking(maximum: Decimal, level_percent: Decimal, years: int, forecast_year: int, year: int) -> Decimal:
    """Outcome cost booked up to and including `year`: the maximum's even share before the forecast, the level's after.

    Working with running totals (each rounded to öre) makes the yearly figures add up exactly to the total.
    """
    target = maximum if year < forecast_year else maximum * level_percent / 100
    return round_ore(target * year / years)


def calculate(inputs: Inputs) -> Result:
    """Year by year bookings, the total, and the comparison with a full (maximum) outcome."""
    rows = []
    previous = D(0)
    for year in range(1, inputs.ar + 1):
        budget = round_ore(inputs.maxbetalning * year / inputs.ar) - round_ore(
            inputs.maxbetalning * (year - 1) / inputs.ar
        )
        accumulated = cumulative_booking(inputs.maxbetalning, inputs.utfallsniva, inputs.ar, inputs.prognosar, year)
        booked = accumulated - previous
        rows.append(
            YearRow(
                year=year,
                budget_outcome=budget,
                booked_outcome=booked,
                adjustment=booked - budget,
                drift=inputs.drift,
                booked_total=booked + inputs.drift,
                accumulated_outcome=accumulated,
                forecast_known=year >= inputs.prognosar,
            )
        )
        previous = accumulated
    forecast_payment = round_ore(inputs.maxbetalning * inputs.utfallsniva / 100)
    total = sum((r.booked_total for r in rows), D(0))
    at_max = inputs.maxbetalning + inputs.drift * inputs.ar
    return Result(
        inputs=inputs,
        rows=tuple(rows),
        forecast_payment=forecast_payment,
        booked_total=total,
        booked_total_at_max=at_max,
        lower_cost_than_max=at_max - total,
        income_from_investor=D(0),
        liability_from_investor=inputs.kapital,
        payment_minus_capital=forecast_payment - inputs.kapital,
    )


CALCULATOR: Calculator[Inputs, Result] = Calculator(
    key="redovisning",
    title="Redovisningsillustration",
    fields=FIELDS,
    defaults=DEFAULTS,
    inputs=Inputs,
    calculate=calculate,
    notes=("lan", "forsiktighet", "justera", "samre"),
    rule=_forecast_within_project,
)
