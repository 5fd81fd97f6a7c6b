"""Calculator results as rows, for the CSV and Markdown exports and the step table of the JSON (web.schemas)."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

from assistant import kalkyl, redovisning
from assistant.numbers import format_kr, format_number


def _pct(value: Decimal) -> str:
    return f"{format_number(value)} %"


def kalkyl_rows(r: kalkyl.Result) -> list[list[str]]:
    """Every step of the outcome value calculation, inputs first."""
    i = r.inputs
    rows = [["Steg", "Värde", "Så räknas det"]]
    rows += [
        ["Försörjningsstöd per månad", format_kr(i.forsorjningsstod), "indata"],
        ["Handläggning per månad", format_kr(i.handlaggning), "indata"],
        ["Skatteintäkt per arbetad månad", format_kr(i.skatt), "indata"],
        ["Värde per arbetad månad", format_kr(r.monthly_value), "försörjningsstöd + handläggning + skatteintäkt"],
        ["Arbetade månader per person", str(r.worked_months), f"från månad {i.startmanad} till månad {i.loptid}"],
        ["Värde per person, nominellt", format_kr(r.nominal_per_person), "värde per månad × arbetade månader"],
    ]
    for y in r.years:
        rows.append(
            [
                f"År {y.year}: nuvärde",
                format_kr(y.present_value),
                f"{y.months} mån × {format_kr(r.monthly_value)} = {format_kr(y.value)}; "
                f"× 1/(1 + {_pct(i.ranta)})^{y.year} = × {format_number(y.factor)}",
            ]
        )
    rows += [
        ["Nuvärde per person", format_kr(r.present_value_per_person), "summan av årens nuvärden"],
        ["Tak: pris per utfallsenhet", format_kr(r.ceiling_per_unit), "nuvärde per person / arbetade månader"],
        [
            "Förväntade utfallsenheter per deltagare",
            format_number(r.expected_units_per_participant),
            f"{_pct(i.andel)} × {r.worked_months} månader",
        ],
        [
            "Golv: insatsens kostnad per utfallsenhet",
            format_kr(r.floor_per_unit) if r.floor_per_unit is not None else "–",
            f"{format_kr(i.insatskostnad)} / förväntade utfallsenheter",
        ],
        [
            "Deltagare i arbete (förväntat)",
            format_number(r.expected_persons_in_work),
            f"{_pct(i.andel)} × {i.deltagare}",
        ],
        ["Nuvärde för hela kontraktet", format_kr(r.contract_present_value), "nuvärde per person × deltagare i arbete"],
        ["Insatsens kostnad för alla deltagare", format_kr(r.contract_cost), "kostnad per deltagare × deltagare"],
    ]
    return rows


def redovisning_rows(r: redovisning.Result, disclaimer: str) -> list[list[str]]:
    """Year-by-year table plus the totals, with the disclaimer as the last row."""
    rows = [
        [
            "År",
            "Budget enligt försiktighetsprincipen",
            "Justering",
            "Bokförd utfallskostnad",
            "Driftkostnad",
            "Bokförd kostnad totalt",
            "Ackumulerad skuld för utfallsbetalningar",
        ]
    ]
    for y in r.rows:
        rows.append(
            [
                str(y.year),
                format_kr(y.budget_outcome),
                format_kr(y.adjustment),
                format_kr(y.booked_outcome),
                format_kr(y.drift),
                format_kr(y.booked_total),
                format_kr(y.accumulated_outcome),
            ]
        )
    rows.append(
        [
            "Summa",
            format_kr(r.inputs.maxbetalning),
            "",
            format_kr(r.forecast_payment),
            format_kr(r.inputs.drift * r.inputs.ar),
            format_kr(r.booked_total),
            "",
        ]
    )
    rows.append(
        [
            "Investerarens kapital",
            format_kr(r.liability_from_investor),
            "",
            "bokförs som skuld (lån)",
            "intäkt: " + format_kr(r.income_from_investor),
            "",
            "",
        ]
    )
    rows.append(["Obs", disclaimer, "", "", "", "", ""])
    return rows


def to_csv(rows: list[list[str]]) -> str:
    """Semicolon-separated with a BOM, as Swedish Excel expects (comma is the decimal sign)."""
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";", lineterminator="\r\n").writerows(rows)
    return "\ufeff" + buffer.getvalue()


def to_markdown(rows: list[list[str]]) -> str:
    def line(cells: list[str]) -> str:
        return "| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |"

    head, *body = rows
    return "\n".join([line(head), line(["---"] * len(head)), *(line(r) for r in body)]) + "\n"
