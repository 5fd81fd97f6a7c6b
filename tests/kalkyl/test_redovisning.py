"""Accounting illustration against bookings computed by hand."""

from __future__ import annotations

from decimal import Decimal as D

from assistant import redovisning


def calc(**over: str) -> redovisning.Result:
    parsed, errors = redovisning.CALCULATOR.parse_inputs({**redovisning.DEFAULTS, **over})
    assert errors == {} and parsed is not None
    return redovisning.calculate(parsed)


def test_prudence_books_even_maximum_until_forecast_then_catches_up() -> None:
    # max 12 000 000 over 4 years = 3 000 000 a year; forecast 50 % known in year 3:
    # accumulated target after year 3 = 6 000 000 × 3/4 = 4 500 000, booked so far 6 000 000 -> year 3 books −1 500 000
    r = calc()
    assert [row.budget_outcome for row in r.rows] == [D("3000000.00")] * 4
    assert [row.booked_outcome for row in r.rows] == [
        D("3000000.00"),
        D("3000000.00"),
        D("-1500000.00"),
        D("1500000.00"),
    ]
    assert [row.accumulated_outcome for row in r.rows][-1] == D("6000000.00")
    assert r.booked_total == D("6000000.00")
    assert r.lower_cost_than_max == D("6000000.00")


def test_investor_capital_is_a_liability_not_income() -> None:
    r = calc()
    assert r.income_from_investor == 0
    assert r.liability_from_investor == D("10000000.0")
    assert r.payment_minus_capital == D("-4000000.00")


def test_worse_outcome_books_lower_cost() -> None:
    totals = [calc(utfallsniva=str(level)).booked_total for level in (0, 25, 50, 100)]
    assert totals == sorted(totals)
    assert totals[-1] == D("12000000.00")
    assert totals[0] == 0


def test_rounding_keeps_years_adding_up() -> None:
    # 10 000 000 / 3 does not divide evenly: running totals make the sum exact
    r = calc(maxbetalning="10 000 000", ar="3", prognosar="2", utfallsniva="33,3", drift="100 000")
    assert sum((row.booked_outcome for row in r.rows), D(0)) == D("3330000.00")
    assert [row.budget_outcome for row in r.rows] == [D("3333333.33"), D("3333333.34"), D("3333333.33")]
    assert r.booked_total == D("3330000.00") + 3 * D("100000")


def test_forecast_year_must_be_within_project() -> None:
    parsed, errors = redovisning.CALCULATOR.parse_inputs({**redovisning.DEFAULTS, "ar": "2", "prognosar": "3"})
    assert parsed is None and set(errors) == {"prognosar"}


def test_full_outcome_needs_no_adjustment() -> None:
    r = calc(utfallsniva="100")
    assert all(row.adjustment == 0 for row in r.rows)
