"""Content problems, collected rather than raised one at a time, and pydantic's errors said in Swedish."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True, order=True)
class ContentError:
    """One problem in a content file, printed as `path:line: message`."""

    path: Path
    line: int
    message: str

    def __str__(self) -> str:
        try:
            shown = self.path.resolve().relative_to(Path.cwd())
        except ValueError:
            shown = self.path
        return f"{shown}:{self.line}: {self.message}"


class ContentInvalid(Exception):
    """Raised when content has problems; carries all of them so they can be fixed in one go."""

    def __init__(self, errors: list[ContentError]) -> None:
        self.errors = sorted(errors)
        super().__init__(f"{len(self.errors)} fel i innehållet:\n" + "\n".join(str(e) for e in self.errors))


# pydantic's error types in Swedish; `{…}` are filled from the error's ctx. Unknown types fall back to a plain phrase.
SWEDISH_ERRORS = {
    "missing": "saknas",
    "string_too_long": "får vara högst {max_length} tecken",
    "string_too_short": "måste vara minst {min_length} tecken",
    "too_long": "får ha högst {max_length} delar",
    "too_short": "måste ha minst {min_length} delar",
    "int_parsing": "måste vara ett heltal",
    "int_type": "måste vara ett heltal",
    "int_from_float": "måste vara ett heltal",
    "float_parsing": "måste vara ett tal",
    "float_type": "måste vara ett tal",
    "decimal_parsing": "måste vara ett tal",
    "finite_number": "måste vara ett ändligt tal",
    "multiple_of": "måste vara en multipel av {multiple_of}",
    "bool_parsing": "måste vara sant eller falskt",
    "bool_type": "måste vara sant eller falskt",
    "string_type": "måste vara text",
    "string_unicode": "måste vara text",
    "dict_type": "måste vara ett objekt",
    "mapping_type": "måste vara ett objekt",
    "model_type": "måste vara ett objekt",
    "model_attributes_type": "måste vara ett objekt",
    "dataclass_type": "måste vara ett objekt",
    "list_type": "måste vara en lista",
    "tuple_type": "måste vara en lista",
    "set_type": "måste vara en lista",
    "none_required": "ska vara tomt",
    "date_type": "måste vara ett datum (ÅÅÅÅ-MM-DD)",
    "date_parsing": "måste vara ett datum (ÅÅÅÅ-MM-DD)",
    "date_from_datetime_parsing": "måste vara ett datum (ÅÅÅÅ-MM-DD)",
    "date_from_datetime_inexact": "måste vara ett datum utan klockslag (ÅÅÅÅ-MM-DD)",
    "url_type": "måste vara en webbadress",
    "url_parsing": "måste vara en webbadress",
    "url_scheme": "måste vara en webbadress som börjar med {expected_schemes}",
    "json_invalid": "är inte giltig JSON",
    "json_type": "är inte giltig JSON",
    "greater_than": "måste vara större än {gt}",
    "greater_than_equal": "måste vara minst {ge}",
    "less_than": "måste vara mindre än {lt}",
    "less_than_equal": "får vara högst {le}",
    "literal_error": "måste vara något av {expected}",
    "enum": "måste vara något av {expected}",
    "union_tag_invalid": "måste vara något av {expected_tags}",
    "union_tag_not_found": "saknar fältet {discriminator}",
    "extra_forbidden": "är inte ett tillåtet fält",
    "string_pattern_mismatch": "har fel format",
}
FALLBACK = "har ett ogiltigt värde"
# Our own validators raise Swedish text; pydantic puts these English prefixes in front of it.
OWN_MESSAGE_PREFIXES = ("Value error, ", "Assertion failed, ")
# Location parts pydantic adds for union members and validators (`dict[str,str]`, `function-after[...]`, `str`).
TYPE_TAG = re.compile(r".*[\[\](),].*|str|int|float|bool|bytes|none|list|dict|tuple|set|json-or-python|lax-or-strict")


def swedish_pydantic_error(err: Mapping[str, Any]) -> str:
    """One pydantic error (an item of `ValidationError.errors()`) as a Swedish phrase, without its location.

    Args:
        err: the error dict with `type`, `msg` and optionally `ctx`.
    Returns:
        e.g. "måste vara text", "får vara högst 300 tecken", or the Swedish text our own validator raised.
    """
    kind = str(err.get("type", ""))
    if kind in ("value_error", "assertion_error"):
        msg = str(err.get("msg", ""))
        for prefix in OWN_MESSAGE_PREFIXES:
            msg = msg.removeprefix(prefix)
        return msg or FALLBACK
    template = SWEDISH_ERRORS.get(kind, FALLBACK)
    ctx = {k: str(v).replace(" or ", " eller ") for k, v in (err.get("ctx") or {}).items()}
    try:
        return template.format(**ctx)
    except (KeyError, IndexError):
        return FALLBACK


def field_path(loc: Iterable[str | int]) -> str:
    """The location as the writer or user knows it: `answers.dict[str,str].malgrupp` → `answers.malgrupp`."""
    return ".".join(str(p) for p in loc if isinstance(p, int) or not TYPE_TAG.fullmatch(p))


FOLLOW_UP = "följdfel: "


def root_causes_first(errors: Iterable[ContentError]) -> list[ContentError]:
    """Sorted, with follow-ups after the causes: an error that names a file which has errors of its own.

    One broken article makes every link, related list and screening reference to it fail too; those lines are
    marked `följdfel:` and put last, so the first line printed is the one to fix.
    """
    errors = sorted(set(errors))
    broken = {e.path.stem for e in errors}

    def follows(e: ContentError) -> bool:
        return any(stem != e.path.stem and re.search(rf"['/]{re.escape(stem)}['/#)]", e.message) for stem in broken)

    roots = [e for e in errors if not follows(e)]
    after = [ContentError(e.path, e.line, FOLLOW_UP + e.message) for e in errors if follows(e)]
    return roots + after
