"""What every calculator (utfallskalkyl, redovisning) is: numeric fields, example inputs, a rule across fields, a pure
calculation and the explanatory notes its page shows. The web layer builds the page, JSON and exports from this.

Inputs are read as people write numbers (`assistant.numbers`), so a calculator's URL is also its share link.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Generic, TypeVar

from assistant.numbers import Field, read_fields

InputsT = TypeVar("InputsT")
ResultT = TypeVar("ResultT")
Rule = Callable[[Mapping[str, Decimal]], dict[str, str]]


def no_rule(values: Mapping[str, Decimal]) -> dict[str, str]:
    return {}


@dataclass(frozen=True)
class Calculator(Generic[InputsT, ResultT]):
    """The protocol both calculators share; `key` names the page (`/kalkyl`) and its notes (`rakna/kalkyl.yaml`)."""

    key: str
    title: str
    fields: tuple[Field, ...]
    defaults: dict[str, str]
    """Example inputs: shown when the page opens, and used for every field a request leaves out."""
    inputs: Callable[..., InputsT]
    """The validated-inputs type, built from the fields by name (integer fields as int)."""
    calculate: Callable[[InputsT], ResultT]
    notes: tuple[str, ...]
    """The keys of the cited explanations the page shows; the notes file must have exactly these."""
    rule: Rule = no_rule
    """Checks across fields (a start month within the contract): field name → Swedish message."""

    def parse_inputs(self, raw: Mapping[str, str | None]) -> tuple[InputsT | None, dict[str, str]]:
        """Read the form or query string; every problem at once, keyed by field name."""
        values, errors = read_fields(self.fields, dict(raw))
        if not errors:
            errors = self.rule(values)
        if errors:
            return None, errors
        return self.inputs(**{f.name: int(values[f.name]) if f.integer else values[f.name] for f in self.fields}), {}
