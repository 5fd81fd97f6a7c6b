"""Utfallskalkyl formulas against figures computed by hand."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from assistant import kalkyl


def inputs(**over: str) -> kalkyl.Inputs:
    raw: dict[str, str | None] = {**kalkyl.DEFAULTS, **over}
    parsed, errors = kalkyl.CALCULATOR.parse_inputs(raw)
    assert errors == {}
    assert parsed is not None
    return parsed


def test_monthly_value_is_the_sum_of_three_savings() -> None:
    # 9 000 + 1 500 + 4 000 = 14 500
    assert kalkyl.monthly_value(D(9000), D(1500), D(4000)) == D("14500.00")
    assert kalkyl.monthly_value(D("12500.50"), D("0.25"), D("0.25")) == D("12501.00")


def test_months_per_year_counts_from_start_month_to_contract_end() -> None:
    assert kalkyl.months_per_year(36, 7) == [6, 12, 12]
    assert kalkyl.months_per_year(30, 1) == [12, 12, 6]
    assert kalkyl.months_per_year(24, 20) == [0, 5]


def test_discount_factor_by_hand() -> None:
    # 1/1.03 = 0.9708737..., 1/1.03^2 = 0.9425959..., 1/1.03^3 = 0.9151416...
    assert kalkyl.discount_factor(D(3), 1) == D("0.970874")
    assert kalkyl.discount_factor(D(3), 2) == D("0.942596")
    assert kalkyl.discount_factor(D(3), 3) == D("0.915142")
    assert kalkyl.discount_factor(D(0), 5) == D(1)


def test_worked_example_every_step() -> None:
    r = kalkyl.calculate(inputs())
    assert r.monthly_value == D("14500.00")
    assert r.worked_months == 30
    assert r.nominal_per_person == D("435000.00")
    # 87 000 × 0,970874 = 84 466,038 -> 84 466,04; 174 000 × 0,942596 = 164 011,704 -> 164 011,70;
    # 174 000 × 0,915142 = 159 234,708 -> 159 234,71
    assert [y.present_value for y in r.years] == [D("84466.04"), D("164011.70"), D("159234.71")]
    assert r.present_value_per_person == D("407712.45")
    assert r.ceiling_per_unit == D("13590.42")  # 407 712,45 / 30 = 13 590,415 -> 13 590,42
    assert r.expected_units_per_participant == D("12.00")  # 40 % × 30
    assert r.floor_per_unit == D("5000.00")  # 60 000 / 12
    assert r.range_ok
    assert r.expected_persons_in_work == D("20.00")
    assert r.contract_present_value == D("8154249.00")  # 407 712,45 × 20
    assert r.contract_cost == D("3000000.00")


def test_zero_rate_present_value_equals_nominal() -> None:
    r = kalkyl.calculate(inputs(ranta="0"))
    assert r.present_value_per_person == r.nominal_per_person
    assert r.ceiling_per_unit == r.monthly_value


def test_expensive_intervention_has_no_price_range() -> None:
    r = kalkyl.calculate(inputs(insatskostnad="1 000 000"))
    assert r.floor_per_unit == D("83333.33")
    assert not r.range_ok


@pytest.mark.parametrize(
    ("field", "raw"),
    [
        ("forsorjningsstod", ""),
        ("handlaggning", "-100"),
        ("skatt", "1e12"),
        ("loptid", "0"),
        ("loptid", "121"),
        ("ranta", "3.000"),
        ("andel", "0"),
        ("deltagare", "2,5"),
        ("insatskostnad", "999 999 999 999"),
    ],
)
def test_bad_inputs_are_reported_per_field(field: str, raw: str) -> None:
    parsed, errors = kalkyl.CALCULATOR.parse_inputs({**kalkyl.DEFAULTS, field: raw})
    assert parsed is None
    assert set(errors) == {field}


def test_start_month_must_be_within_contract() -> None:
    parsed, errors = kalkyl.CALCULATOR.parse_inputs({**kalkyl.DEFAULTS, "loptid": "12", "startmanad": "13"})
    assert parsed is None and "startmanad" in errors
