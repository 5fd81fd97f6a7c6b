"""The calculators' explanatory notes, content under `content/sv/rakna/<key>.yaml`, checked like other content.

Each note is cited Markdown (`{{cite …}}`, `artikel:` links); the file must have exactly the notes its calculator's
page shows. Content without a `rakna/` folder has no calculators (like a screening folder that is absent).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from assistant import kalkyl, redovisning
from assistant.calculator import Calculator
from kb.citations import find_citations, format_citation
from kb.errors import ContentError
from kb.loader import cited_text_problems, load_yaml_model
from kb.models import Content

FOLDER = "rakna"
CALCULATORS: tuple[Calculator[Any, Any], ...] = (kalkyl.CALCULATOR, redovisning.CALCULATOR)


class CalculatorTextIn(BaseModel):
    """A notes file: unknown keys are errors."""

    model_config = ConfigDict(extra="forbid")
    notes: dict[str, str] = Field(min_length=1)
    disclaimer: str | None = Field(default=None, min_length=1)


@dataclass(frozen=True)
class CalculatorText:
    """A calculator's notes (cited Markdown by key), its disclaimer, and the sources the notes cite."""

    key: str
    notes: dict[str, str]
    disclaimer: str | None
    citations: tuple[str, ...]
    """Every source the notes cite, as readers see it (`Fryshuset 2018, ”…”, s. 50–59`), in order of first use."""


def _read(path: Path, calculator: Calculator[Any, Any], content: Content) -> tuple[CalculatorText | None,
                                                                                  list[ContentError]]:
    if not path.is_file():
        return None, [ContentError(path, 1, f"filen saknas: {calculator.title} behöver sina förklaringar här")]
    meta, doc, errors = load_yaml_model(path, CalculatorTextIn)
    if meta is None:
        return None, errors
    for key in calculator.notes:
        if key not in meta.notes:
            errors.append(ContentError(path, doc.line_of("notes"), f"förklaringen {key!r} saknas under notes"))
    for key, text in meta.notes.items():
        line = doc.line_of(f"notes.{key}")
        if key not in calculator.notes:
            shown = ", ".join(calculator.notes)
            errors.append(ContentError(path, line, f"okänd förklaring {key!r} (sidan visar {shown})"))
        problems = cited_text_problems(text, content, required="förklaringen")
        errors += [ContentError(path, line, message) for message in problems]
    if errors:
        return None, errors
    cited = (format_citation(c, content.sources) for text in meta.notes.values() for _, c in find_citations(text))
    return CalculatorText(calculator.key, meta.notes, meta.disclaimer, tuple(dict.fromkeys(cited))), []


def check_calculator_texts(root: Path, content: Content) -> tuple[dict[str, CalculatorText], list[ContentError]]:
    """Every calculator's notes from `root/rakna/`, and every problem found (none when the folder is absent)."""
    folder = root / FOLDER
    if not folder.is_dir():
        return {}, []
    texts: dict[str, CalculatorText] = {}
    errors: list[ContentError] = []
    for calculator in CALCULATORS:
        text, problems = _read(folder / f"{calculator.key}.yaml", calculator, content)
        errors += problems
        if text is not None:
            texts[calculator.key] = text
    known = {f"{c.key}.yaml" for c in CALCULATORS}
    errors += [ContentError(p, 1, f"okänd räknare {p.stem!r} (finns: {', '.join(c.key for c in CALCULATORS)})")
               for p in sorted(folder.glob("*.yaml")) if p.name not in known]
    return texts, errors

