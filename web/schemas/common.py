"""The error shapes the app really returns, and the `responses=` table that documents them per route."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field


class Problem(BaseModel):
    """Every JSON error: one Swedish sentence that says what was wrong and what to do."""

    detail: str = Field(description="Vad som gick fel, på svenska.")


class InputProblem(Problem):
    """A calculator's bad input: the sentence and, when the values could be read, one message per field."""

    errors: dict[str, str] = Field(default_factory=dict, description="Fältets namn i adressen → vad som är fel.")


class AnswersProblem(Problem):
    """Screening answers that do not fit the tree: the sentence and one message per answer."""

    problems: list[str] = Field(default_factory=list, description="Ett meddelande per svar som inte kunde användas.")


DESCRIPTIONS = {
    400: "Förfrågan kunde inte läsas (till exempel innehåll som inte är UTF-8).",
    404: "Finns inte.",
    413: "Förfrågan är för stor.",
    422: "Ogiltiga uppgifter: meddelandet säger vilket fält och varför.",
    503: "Tjänsten är inte tillgänglig just nu (sökindexet saknas).",
}


def responses(*statuses: int, **models: type[Problem]) -> dict[int | str, dict[str, Any]]:
    """`responses=` for a route: each status with its Swedish description and error model (default `Problem`).

    Args:
        statuses: the error statuses the route can return.
        models: a status as `s422=InputProblem` when its body carries more than `detail`.
    """
    return {
        status: {"model": models.get(f"s{status}", Problem), "description": DESCRIPTIONS[status]}
        for status in statuses
    }
