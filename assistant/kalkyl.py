"""Utfallskalkyl: what a person moving from försörjningsstöd to work is worth to the municipality.

The method is the intermediary Prosper Impact's (Fryshuset 2018, chapter "intermediar"; article vardera-utfall):
monthly value = reduced försörjningsstöd + reduced handläggning + added tax revenue, paid per worked month. The
present value and the price range are this tool's own, plainly stated additions: the sources give no discount rate.

Every intermediate is rounded to whole öre and the next step is computed from the rounded figure, so the steps shown
on the page add up exactly to the result.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from assistant.calculator import Calculator
from assistant.numbers import Field, round_ore

D = Decimal
FIELDS: tuple[Field, ...] = (
    Field("forsorjningsstod", "Försörjningsstöd per person och månad", "kr", D(0), D(1_000_000)),
    Field("handlaggning", "Handläggningskostnad per person och månad", "kr", D(0), D(1_000_000)),
    Field("skatt", "Ökad skatteintäkt för kommunen per person och arbetad månad", "kr", D(0), D(1_000_000)),
    Field("loptid", "Kontraktets löptid", "månader", D(1), D(120), integer=True),
    Field(
        "startmanad", "Månad då personen börjar arbeta", "(månad 1 = kontraktets första)", D(1), D(120), integer=True
    ),
    Field("ranta", "Diskonteringsränta per år", "%", D(0), D(20)),
    Field("insatskostnad", "Insatsens kostnad per deltagare", "kr", D(0), D(100_000_000)),
    Field("andel", "Andel av deltagarna som förväntas komma i arbete", "%", D("0.1"), D(100)),
    Field("deltagare", "Antal deltagare", "personer", D(1), D(100_000), integer=True),
)
DEFAULTS: dict[str, str] = {
    "forsorjningsstod": "9 000",
    "handlaggning": "1 500",
    "skatt": "4 000",
    "loptid": "36",
    "startmanad": "7",
    "ranta": "3",
    "insatskostnad": "60 000",
    "andel": "40",
    "deltagare": "50",
}


@dataclass(frozen=True)
class Inputs:
    """Validated inputs: amounts in kronor, rates in percent, months as whole numbers."""

    forsorjningsstod: Decimal
    handlaggning: Decimal
    skatt: Decimal
    loptid: int
    startmanad: int
    ranta: Decimal
    insatskostnad: Decimal
    andel: Decimal
    deltagare: int


@dataclass(frozen=True)
class YearRow:
    """One contract year: worked months in it, their value, the discount factor and the present value."""

    year: int
    months: int
    value: Decimal
    factor: Decimal
    present_value: Decimal


@dataclass(frozen=True)
class Result:
    """Every intermediate step, in the order the page shows them."""

    inputs: Inputs
    monthly_value: Decimal
    worked_months: int
    nominal_per_person: Decimal
    years: tuple[YearRow, ...]
    present_value_per_person: Decimal
    ceiling_per_unit: Decimal
    expected_units_per_participant: Decimal
    floor_per_unit: Decimal | None
    expected_persons_in_work: Decimal
    contract_present_value: Decimal
    contract_cost: Decimal

    @property
    def range_ok(self) -> bool:
        """True when the intervention costs less per outcome unit than the unit is worth (a price can be set)."""
        return self.floor_per_unit is not None and self.floor_per_unit <= self.ceiling_per_unit


def _start_within_contract(values: Mapping[str, Decimal]) -> dict[str, str]:
    if values["startmanad"] > values["loptid"]:
        return {"startmanad": "Månad då personen börjar arbeta: måste ligga inom kontraktets löptid."}
    return {}


def monthly_value(forsorjningsstod: Decimal, handlaggning: Decimal, skatt: Decimal) -> Decimal:
    """The source's sum: reduced försörjningsstöd + reduced handläggning + added tax revenue."""
    return round_ore(forsorjningsstod + handlaggning + skatt)


def months_per_year(loptid: int, startmanad: int) -> list[int]:
    """Worked months in each contract year when work starts in `startmanad` and lasts to the end of the contract."""
    years = (loptid + 11) // 12
    out = []
    for year in range(1, years + 1):
        first, last = 12 * (year - 1) + 1, min(12 * year, loptid)
        out.append(max(0, last - max(first, startmanad) + 1))
    return out


def discount_factor(rate_percent: Decimal, year: int) -> Decimal:
    """1 / (1 + r)^year, with payments counted at the end of each contract year; six decimals."""
    return (D(1) / (1 + rate_percent / 100) ** year).quantize(D("0.000001"))


def calculate(inputs: Inputs) -> Result:
    """All steps from inputs to price range; pure, no rounding surprises (see module docstring)."""
    value = monthly_value(inputs.forsorjningsstod, inputs.handlaggning, inputs.skatt)
    rows = []
    for year, months in enumerate(months_per_year(inputs.loptid, inputs.startmanad), start=1):
        year_value = round_ore(value * months)
        factor = discount_factor(inputs.ranta, year)
        rows.append(YearRow(year, months, year_value, factor, round_ore(year_value * factor)))
    worked = sum(r.months for r in rows)
    nominal = round_ore(value * worked)
    present = sum((r.present_value for r in rows), D(0))
    ceiling = round_ore(present / worked)
    units = (inputs.andel / 100 * worked).quantize(D("0.01"))
    floor = round_ore(inputs.insatskostnad / units) if units > 0 else None
    persons = (inputs.andel / 100 * inputs.deltagare).quantize(D("0.01"))
    return Result(
        inputs=inputs,
        monthly_value=value,
        worked_months=worked,
        nominal_per_person=nominal,
        years=tuple(rows),
        present_value_per_person=present,
        ceiling_per_unit=ceiling,
        expected_units_per_participant=units,
        floor_per_unit=floor,
        expected_persons_in_work=persons,
        contract_present_value=round_ore(present * persons),
        contract_cost=round_ore(inputs.insatskostnad * inputs.deltagare),
    )


CALCULATOR: Calculator[Inputs, Result] = Calculator(
    key="kalkyl",
    title="Utfallskalkyl",
    fields=FIELDS,
    defaults=DEFAULTS,
    inputs=Inputs,
    calculate=calculate,
    notes=("underlag", "metod", "nuvarde", "pris"),
    rule=_start_within_contract,
)
