"""Confidence levels come from labelled data: the committed calibration is validated and made from the dev set."""

from __future__ import annotations

import hashlib
import types

import pytest
import yaml

from assistant.calibration import CALIBRATION_FILE, CalibrationError, load_calibration, parse_calibration
from web.settings import ROOT

DEVSET = ROOT / "bench" / "devset.yaml"


def test_the_committed_calibration_was_made_from_the_current_dev_set() -> None:
    """Editing the labelled questions without recalibrating (bench/calibrate.py) fails here."""
    digest = hashlib.sha256(DEVSET.read_bytes()).hexdigest()[:12]
    assert f"sha256:{digest}" in load_calibration().made_from


def test_levels_follow_the_thresholds() -> None:
    cal = load_calibration()
    m = cal.modes["hybrid"]
    assert m.medel <= m.hog
    assert cal.level(min(1.0, m.hog), "hybrid") == "hög" or m.hog > 1
    assert cal.level(max(0.0, m.medel - 1e-6), "hybrid") == "låg" or m.medel == 0


@pytest.mark.parametrize(("text", "message"), [
    ("made_from: x\nmodes: {}\n", "saknar läget 'hybrid'"),
    ("made_from: x\nmodes: {hybrid: {weights: {magi: 1}, bias: 0, hog: 0.9, medel: 0.1}}\n", "okända signaler"),
    ("made_from: x\nmodes: {hybrid: {weights: {}, bias: 0, hog: 0.2, medel: 0.5}}\n", "över gränsen"),
    ("made_from: [\n", "kan inte läsas"),
    ("made_from: x\nmodes: {hybrid: {weights: {}, bias: x, hog: 0.9, medel: 0.1}}\n", "bias: måste vara ett tal"),
    ("made_from: x\nmodes: {hybrid: {weights: {}, bias: 0, hog: 0.9, medel: 0.1, right: {medel: 1.5}}}\n",
     "andel 0–1"),
])
def test_a_malformed_calibration_is_refused_in_swedish(text: str, message: str) -> None:
    with pytest.raises(CalibrationError, match=message):
        parse_calibration(text, "calibration.yaml")


def test_the_dev_set_labels_facts_for_every_in_scope_question() -> None:
    data = yaml.safe_load(DEVSET.read_text(encoding="utf-8"))
    assert all(q.get("facts") for q in data["questions"])
    assert all(isinstance(alt, str) and alt.strip() for q in data["questions"] for f in q["facts"] for alt in f)
    assert CALIBRATION_FILE.exists()


def _calibrate_module() -> types.ModuleType:
    """bench/calibrate.py is a script, not a package module: loaded from its file."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("calibrate", ROOT / "bench" / "calibrate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_hog_needs_evidence_not_a_lucky_streak() -> None:
    """20 right out of 20 does not show 95 % (its lower bound is 0.88); 60 out of 60 does."""
    import numpy as np

    calibrate = _calibrate_module()
    assert calibrate.wilson_lower(20, 20) < 0.95 < calibrate.wilson_lower(60, 60)
    conf = np.linspace(1.0, 0.0, 100)
    few = np.array([1] * 20 + [0, 1] * 40)
    many = np.array([1] * 60 + [0] * 40)
    assert calibrate.thresholds(conf, few, 0.95, 0.01)[0] == 1.01  # never "hög"
    hog, _ = calibrate.thresholds(conf, many, 0.95, 0.01)
    assert hog == conf[59]  # the 60th best: all 60 above are right


def test_low_needs_several_wrong_answers_below_it() -> None:
    """One wrong answer at the bottom is no evidence for a "låg" band; five mostly wrong ones are."""
    import numpy as np

    calibrate = _calibrate_module()
    conf = np.linspace(1.0, 0.0, 100)
    one_wrong = np.array([1] * 99 + [0])
    assert calibrate.thresholds(conf, one_wrong, 0.99, 0.1)[1] == 0.0
    five_wrong = np.array([1] * 95 + [0] * 5)
    assert calibrate.thresholds(conf, five_wrong, 0.99, 0.1)[1] > conf[95]
