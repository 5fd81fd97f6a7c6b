"""Swedish number parsing: what officials type is read, what is ambiguous or absurd is refused with a reason."""

from __future__ import annotations

from decimal import Decimal

import pytest

from assistant.numbers import Field, NumberError, format_kr, format_number, parse_number, read_field, round_ore


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("12 500,50", "12500.50"),
        ("12\u00a0500,50", "12500.50"),
        ("12500,5", "12500.5"),
        ("1 234 567", "1234567"),
        ("0,03", "0.03"),
        ("0.03", "0.03"),
        ("12.5", "12.5"),
        (",5", "0.5"),
        ("−4", "-4"),
        ("-4,25", "-4.25"),
        ("25 %", "25"),
        ("9 000 kr", "9000"),
        ("  7  ", "7"),
    ],
)
def test_parse_number_reads_swedish_formats(raw: str, expected: str) -> None:
    assert parse_number(raw) == Decimal(expected)


@pytest.mark.parametrize(
    ("raw", "fragment"),
    [
        ("", "tomt"),
        ("   ", "tomt"),
        ("12.500", "två sätt"),
        ("12.500,50", "komma som decimaltecken"),
        ("12,500.50", "komma som decimaltecken"),
        ("1,2,3", "flera decimaltecken"),
        ("12 50", "inte ett tal"),
        ("abc", "inte ett tal"),
        ("5,", "inte ett tal"),
        ("1e9", "inte ett tal"),
        ("9" * 16, "orimligt stort"),
    ],
)
def test_parse_number_refuses_with_swedish_reason(raw: str, fragment: str) -> None:
    with pytest.raises(NumberError, match=fragment):
        parse_number(raw)


AMOUNT = Field("belopp", "Belopp", "kr", Decimal(0), Decimal(1_000_000))
MONTHS = Field("manader", "Löptid", "månader", Decimal(1), Decimal(120), integer=True)


def test_read_field_refuses_negative_and_absurd_values() -> None:
    with pytest.raises(NumberError, match="Belopp: värdet måste ligga mellan 0 och 1\u00a0000\u00a0000 kr"):
        read_field(AMOUNT, "-1")
    with pytest.raises(NumberError, match="mellan"):
        read_field(AMOUNT, "1 000 000 000")
    with pytest.raises(NumberError, match="tomt"):
        read_field(AMOUNT, None)


def test_read_field_wants_whole_months() -> None:
    assert read_field(MONTHS, "36") == 36
    with pytest.raises(NumberError, match="heltal"):
        read_field(MONTHS, "3,5")


def test_rounding_is_half_up_to_ore() -> None:
    assert round_ore(Decimal("0.005")) == Decimal("0.01")
    assert round_ore(Decimal("84466.038")) == Decimal("84466.04")
    assert round_ore(Decimal("-0.005")) == Decimal("-0.01")


def test_formatting_is_swedish() -> None:
    assert format_number(Decimal("1234567.5")) == "1\u00a0234\u00a0567,5"
    assert format_kr(Decimal("12500.5")) == "12\u00a0500,50 kr"
    assert format_kr(Decimal("-3000")) == "−3\u00a0000 kr"
