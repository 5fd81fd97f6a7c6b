"""Confidence levels learnt from labelled questions, not set by hand.

`bench/calibrate.py` runs the dev set (questions with the facts a correct short answer must contain), fits a
logistic model from the answer's signals to "the short answer holds the facts", and picks the level thresholds:
"hög" only where the dev answers at or above it show at least 95 % right (the lower confidence bound of their share,
so a handful of lucky answers is not enough), "låg" (no short answer, passages with a warning) where several dev
answers lie below and fewer than half of them were right. Every signal may only raise the confidence. The result
is `calibration.yaml` beside this module; loading validates it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from kb.errors import field_path, swedish_pydantic_error

CALIBRATION_FILE = Path(__file__).with_name("calibration.yaml")
FEATURES = ("dense", "unit", "lexical", "kind_match")
"""Signals the model reads: best passage cosine, best sentence unit score, distinct word coverage, kind match."""
LEVELS = ("låg", "medel", "hög")


class _ModeIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    weights: dict[str, float]
    bias: float
    hog: float = Field(ge=0, le=1.01)
    medel: float = Field(ge=0, le=1.01)
    right: dict[str, float] = Field(default_factory=dict)


class _CalibrationIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    made_from: str
    modes: dict[str, _ModeIn]


@dataclass(frozen=True)
class ModeCalibration:
    weights: dict[str, float]
    bias: float
    hog: float
    """Lowest confidence labelled "hög"."""
    medel: float
    """Lowest confidence labelled "medel"; below it "låg"."""
    right: dict[str, float]
    """Level -> share of the dev set's answers at that level whose short answer held all the facts: what the page
    tells the reader the level means."""


@dataclass(frozen=True)
class Calibration:
    """Per search mode (`hybrid`, `bm25`): a logistic model over the signals and the level thresholds."""

    made_from: str
    modes: dict[str, ModeCalibration]

    def _mode(self, mode: str) -> ModeCalibration:
        return self.modes.get(mode) or self.modes["hybrid"]

    def confidence(self, signals: dict[str, float], mode: str) -> float:
        """Estimated probability that the short answer holds the facts asked for."""
        m = self._mode(mode)
        z = m.bias + sum(w * signals.get(name, 0.0) for name, w in m.weights.items())
        return 1 / (1 + math.exp(-max(-30.0, min(30.0, z))))

    def share_right(self, level: str, mode: str) -> float | None:
        """How often an answer at `level` held all the facts on the dev set (None: no dev answer got that level)."""
        return self._mode(mode).right.get(level)

    def level(self, confidence: float, mode: str) -> str:
        m = self._mode(mode)
        return "hög" if confidence >= m.hog else "medel" if confidence >= m.medel else "låg"


class CalibrationError(ValueError):
    """The calibration file is missing or malformed (a message in Swedish naming the file)."""


def parse_calibration(text: str, where: str = str(CALIBRATION_FILE)) -> Calibration:
    try:
        raw = _CalibrationIn.model_validate(yaml.safe_load(text))
    except yaml.YAMLError as exc:
        raise CalibrationError(f"{where}: kalibreringen kan inte läsas: {exc}") from exc
    except ValidationError as exc:
        problems = "; ".join(f"{field_path(e['loc'])}: {swedish_pydantic_error(e)}" for e in exc.errors())
        raise CalibrationError(f"{where}: kalibreringen kan inte läsas: {problems}") from exc
    if "hybrid" not in raw.modes:
        raise CalibrationError(f"{where}: kalibreringen saknar läget 'hybrid'")
    modes = {}
    for name, m in raw.modes.items():
        unknown = set(m.weights) - set(FEATURES)
        if unknown:
            raise CalibrationError(f"{where}: okända signaler i läget {name!r}: {sorted(unknown)}")
        if m.medel > m.hog:
            raise CalibrationError(f"{where}: gränsen för 'medel' ligger över gränsen för 'hög' i läget {name!r}")
        if set(m.right) - set(LEVELS) or any(not 0 <= v <= 1 for v in m.right.values()):
            raise CalibrationError(f"{where}: 'right' i läget {name!r} ska ge en andel 0–1 för nivåerna {LEVELS}")
        modes[name] = ModeCalibration(dict(m.weights), m.bias, m.hog, m.medel, dict(m.right))
    return Calibration(raw.made_from, modes)


@lru_cache(maxsize=1)
def load_calibration() -> Calibration:
    """The committed calibration (read once)."""
    return parse_calibration(CALIBRATION_FILE.read_text(encoding="utf-8"))
