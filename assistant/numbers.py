"""Swedish number input: "12 500,50" as people write it, parsed to Decimal with a Swedish message when it fails.

Officials copy figures from budgets and spreadsheets, so spaces between thousands, a trailing "kr" or "%" and the
typographic minus sign are accepted. A period is only accepted as a decimal point when it cannot be a thousands
separator: "12.500" is refused rather than guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

SPACES = re.compile(r"[\s\u00a0\u202f\u2009]+")
INTEGER_PART = re.compile(r"^([0-9]{1,3}( [0-9]{3})+|[0-9]+)$")  # ASCII digits only: `\d` also takes "٣"
MAX_INTEGER_DIGITS = 15
SUFFIX = re.compile(r"(kronor|kr|procent|%)$", re.IGNORECASE | re.ASCII)  # ASCII: "K" (Kelvin) is not "k"
MAX_INPUT_CHARS = 40
NUMBER_PATTERN = (
    r"^\s*[-−–+]?\s*([0-9][0-9\s]*([,.][0-9]+)?|[,.][0-9]+)\s*"
    r"([kK][rR]|[kK][rR][oO][nN][oO][rR]|%|[pP][rR][oO][cC][eE][nN][tT])?\s*$"
)
"""Every spelling `parse_number` may accept (it refuses some of these: "12.500", a range, digits out of place)."""
ORE = Decimal("0.01")


class NumberError(ValueError):
    """Input that is not a number we can read; the message is Swedish and shown to the user."""


@dataclass(frozen=True)
class Field:
    """One numeric input: its label, unit and the range that makes sense."""

    name: str
    label: str
    unit: str
    minimum: Decimal
    maximum: Decimal
    integer: bool = False


def parse_number(raw: str) -> Decimal:
    """Parse "12 500,50", "12500,5", "0.03", "−4" or "25 %" to Decimal.

    Raises:
        NumberError: empty, not a number, ambiguous separators or absurdly many digits.
    """
    text = raw.strip()
    text = SUFFIX.sub("", text).strip()
    if not text:
        raise NumberError("Fältet är tomt. Skriv ett tal, till exempel 12 500,50.")
    sign = ""
    if text[0] in "-−–":
        sign, text = "-", text[1:].strip()
    elif text[0] == "+":
        text = text[1:].strip()
    text = SPACES.sub(" ", text)
    if "," in text and "." in text:
        raise NumberError("Använd komma som decimaltecken och mellanslag mellan tusental, till exempel 12 500,50.")
    if text.count(",") > 1 or text.count(".") > 1:
        raise NumberError("Talet har flera decimaltecken. Skriv till exempel 12 500,50.")
    if "." in text:
        after = text.split(".", 1)[1]
        if len(after) == 3 and after.isdigit():
            raise NumberError(
                f"”{raw.strip()}” kan läsas på två sätt. Skriv tusental med mellanslag (12 500) och decimaler med "
                "komma (12,5)."
            )
        text = text.replace(".", ",")
    whole, _, fraction = text.partition(",")
    if not whole:
        whole = "0"
    if not INTEGER_PART.match(whole) or (fraction and not re.fullmatch("[0-9]+", fraction)) or (_ and not fraction):
        raise NumberError(f"”{raw.strip()[:40]}” är inte ett tal. Skriv till exempel 12 500,50.")
    digits = whole.replace(" ", "")
    if len(digits.lstrip("0")) > MAX_INTEGER_DIGITS:
        raise NumberError("Talet är orimligt stort.")
    try:
        return Decimal(f"{sign}{digits}.{fraction or '0'}")
    except InvalidOperation as exc:  # pragma: no cover - the patterns above already rule this out
        raise NumberError(f"”{raw.strip()[:40]}” är inte ett tal.") from exc


def read_field(field: Field, raw: str | None) -> Decimal:
    """Parse and range-check one field; the message names the field and its allowed range."""
    if raw is None or not raw.strip():
        raise NumberError(f"{field.label}: fältet är tomt.")
    if len(raw) > MAX_INPUT_CHARS:
        raise NumberError(f"{field.label}: skriv högst {MAX_INPUT_CHARS} tecken.")
    try:
        value = parse_number(raw)
    except NumberError as exc:
        raise NumberError(f"{field.label}: {exc}") from exc
    if field.integer and value != value.to_integral_value():
        raise NumberError(f"{field.label}: skriv ett heltal.")
    if value < field.minimum or value > field.maximum:
        raise NumberError(
            f"{field.label}: värdet måste ligga mellan {format_number(field.minimum)} och "
            f"{format_number(field.maximum)} {field.unit}.".rstrip(" .")
            + "."
        )
    return value


def read_fields(fields: tuple[Field, ...], raw: dict[str, str | None]) -> tuple[dict[str, Decimal], dict[str, str]]:
    """Every field parsed, or every problem at once (field name -> Swedish message)."""
    values: dict[str, Decimal] = {}
    errors: dict[str, str] = {}
    for field in fields:
        try:
            values[field.name] = read_field(field, raw.get(field.name))
        except NumberError as exc:
            errors[field.name] = str(exc)
    return values, errors


def round_ore(value: Decimal) -> Decimal:
    """Round to whole öre, half away from zero, as on an invoice."""
    return value.quantize(ORE, rounding=ROUND_HALF_UP)


def format_number(value: Decimal, decimals: int | None = None) -> str:
    """Swedish display: non-breaking space between thousands, comma before decimals, true minus sign."""
    if decimals is not None:
        value = value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    text = f"{abs(value):,f}".replace(",", "\u00a0").replace(".", ",")
    if "," in text and decimals is None:
        text = text.rstrip("0").rstrip(",")
    return ("−" if value < 0 else "") + text


def format_kr(value: Decimal) -> str:
    """An amount in kronor with öre only when there are any."""
    rounded = round_ore(value)
    decimals = 0 if rounded == rounded.to_integral_value() else 2
    return f"{format_number(rounded, decimals)} kr"


def plain(value: Decimal) -> str:
    """Value for a form field or query string, in the Swedish format that parse_number reads back."""
    return format_number(value).replace("\u00a0", " ")
