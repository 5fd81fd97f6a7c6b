"""`GET /api/kalkyl` and `GET /api/redovisning`: every step of the calculation, amounts as exact decimal strings.

The fields mirror the calculators' own result types (`assistant.kalkyl.Result`, `assistant.redovisning.Result`), plus
the steps as the export shows them, the notes without citation markers and the sources the notes cite.
"""

from __future__ import annotations

from dataclasses import asdict
from decimal import Decimal

from pydantic import BaseModel, Field

from assistant import kalkyl, redovisning
from assistant.calculator_text import CalculatorText
from kb.citations import strip_markers

Amount = Decimal  # serialised as a string: "14500.00"


class Step(BaseModel):
    """A row of the step table (the same rows as the CSV and Markdown export)."""

    steg: str
    varde: str
    berakning: str


EXPLANATION = "Förklaringarna på sidan (content/sv/rakna/), utan citatmarkörer."
CITATIONS = "Källorna som förklaringarna bygger på."


def _explained(text: CalculatorText) -> dict[str, object]:
    return {"explanation": {k: strip_markers(v) for k, v in text.notes.items()}, "citations": list(text.citations)}


class KalkylInputs(BaseModel):
    forsorjningsstod: Amount
    handlaggning: Amount
    skatt: Amount
    loptid: int
    startmanad: int
    ranta: Decimal
    insatskostnad: Amount
    andel: Decimal
    deltagare: int


class KalkylYear(BaseModel):
    year: int
    months: int = Field(description="Arbetade månader det året.")
    value: Amount
    factor: Decimal = Field(description="Diskonteringsfaktorn 1/(1 + r)^år, sex decimaler.")
    present_value: Amount


class KalkylResult(BaseModel):
    """The value of one person moving from försörjningsstöd to work, and the price range it gives."""

    inputs: KalkylInputs
    monthly_value: Amount
    worked_months: int
    nominal_per_person: Amount
    years: list[KalkylYear]
    present_value_per_person: Amount
    ceiling_per_unit: Amount = Field(description="Taket: vad en arbetad månad är värd för kommunen i dag.")
    expected_units_per_participant: Decimal
    floor_per_unit: Amount | None = Field(description="Golvet: insatsens kostnad per förväntad utfallsenhet.")
    expected_persons_in_work: Decimal
    contract_present_value: Amount
    contract_cost: Amount
    range_ok: bool = Field(description="Sant när golvet ligger under taket, så att ett pris går att sätta.")
    steps: list[Step]
    explanation: dict[str, str] = Field(description=EXPLANATION)
    citations: list[str] = Field(description=CITATIONS)

    @classmethod
    def of(cls, r: kalkyl.Result, text: CalculatorText, rows: list[list[str]]) -> KalkylResult:
        steps = [{"steg": a, "varde": b, "berakning": c} for a, b, c in rows[1:]]
        return cls.model_validate(asdict(r) | {"range_ok": r.range_ok, "steps": steps} | _explained(text))


class RedovisningInputs(BaseModel):
    kapital: Amount
    maxbetalning: Amount
    ar: int
    utfallsniva: Decimal
    prognosar: int
    drift: Amount


class RedovisningYear(BaseModel):
    year: int
    budget_outcome: Amount = Field(description="Budget enligt försiktighetsprincipen.")
    booked_outcome: Amount
    adjustment: Amount
    drift: Amount
    booked_total: Amount
    accumulated_outcome: Amount
    forecast_known: bool


class RedovisningResult(BaseModel):
    """What the municipality books, year by year, under the rules the sources report."""

    inputs: RedovisningInputs
    rows: list[RedovisningYear]
    forecast_payment: Amount
    booked_total: Amount
    booked_total_at_max: Amount
    lower_cost_than_max: Amount
    income_from_investor: Amount
    liability_from_investor: Amount
    payment_minus_capital: Amount
    explanation: dict[str, str] = Field(description=EXPLANATION)
    citations: list[str] = Field(description=CITATIONS)
    disclaimer: str

    @classmethod
    def of(cls, r: redovisning.Result, text: CalculatorText, rows: list[list[str]]) -> RedovisningResult:
        return cls.model_validate(asdict(r) | {"disclaimer": text.disclaimer or ""} | _explained(text))
