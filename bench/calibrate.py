"""Fit the confidence levels on the dev set's labelled questions and write assistant/calibration.yaml.

Each dev question carries the facts a correct short answer must contain. For every question the answer's signals
are recorded with whether its short answer held the facts; a logistic model maps signals to that probability, and
the thresholds are read off the dev answers: "hög" from the lowest confidence at which the answers at or above it
*show* at least `--precision` right – the one-sided 95 % Wilson lower bound of their share right, not the share
itself, so 20 right out of 20 (bound 0.88) is not yet evidence of 95 % – and "låg" for at most `--withheld` of
in-scope questions, and only where at least `MIN_BELOW` of them lie below and fewer than half of those are right.
The held-out set is never used here; search_quality.py reports how the levels hold on it. (With the share itself at
0.97, dev gave "hög" to 20 answers, all right, and the held-out set to 8, of which 6 were right.)

Usage: .venv/bin/python bench/calibrate.py [--devset bench/devset.yaml] [--precision 0.95] [--check]
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import math
import sys
from pathlib import Path
from typing import Any

import numpy as np
import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _answers import facts_held
from _content import load

from assistant.calibration import CALIBRATION_FILE, FEATURES, LEVELS, Calibration, ModeCalibration
from assistant.qa import answer
from kb.embed import load_embedder
from kb.index import ensure_index
from kb.search import SearchIndex
from web.settings import get_settings


def fit_logistic(x: np.ndarray, y: np.ndarray, l2: float = 0.01, steps: int = 4000) -> tuple[np.ndarray, float]:
    """Plain gradient descent on standardised features; returns weights and bias on the raw features. Weights are
    kept at zero or above: every signal (cosine, word coverage, kind match) may only raise confidence, so correlated
    signals cannot cancel into "a closer passage makes the answer less sure"."""
    mu, sd = x.mean(axis=0), x.std(axis=0) + 1e-9
    z = (x - mu) / sd
    w = np.zeros(z.shape[1])
    b = 0.0
    for _ in range(steps):
        p = 1 / (1 + np.exp(-(z @ w + b)))
        w = np.maximum(w - 0.5 * (z.T @ (p - y) / len(y) + l2 * w), 0.0)
        b -= 0.5 * float(np.mean(p - y))
    return w / sd, b - float(np.sum(w * mu / sd))


Z_ONE_SIDED_95 = 1.645
MIN_BELOW = 5
"""A "låg" band needs at least this many dev answers below it, mostly wrong (with 1 % of 150 it was one answer)."""


def wilson_lower(right: int, n: int, z: float = Z_ONE_SIDED_95) -> float:
    """Lower confidence bound of the share `right / n` (Wilson score): what the labelled answers show at least."""
    if n == 0:
        return 0.0
    p = right / n
    centre = p + z * z / (2 * n)
    margin = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return (centre - margin) / (1 + z * z / n)


def thresholds(conf: np.ndarray, ok: np.ndarray, precision: float, withheld: float) -> tuple[float, float]:
    """(hög, medel) thresholds read off the labelled answers (see module docstring)."""
    order = np.argsort(-conf)
    hog = 1.01
    right = 0
    for n, i in enumerate(order, start=1):
        right += int(ok[i])
        if wilson_lower(right, n) >= precision:
            hog = float(conf[i])
    # Only below the confidence that keeps `withheld` of questions under it, and where most answers are wrong – shown
    # by at least `MIN_BELOW` labelled answers, not by the one or two lowest.
    medel = 0.0
    for c in np.sort(conf)[: int(withheld * len(conf))]:
        below = conf <= c
        if int(below.sum()) >= MIN_BELOW and float(np.mean(ok[below])) < 0.5:
            medel = float(c) + 1e-6
    return hog, min(medel, hog)


def collect(index: SearchIndex, questions: list[dict[str, Any]], mode: str) -> tuple[np.ndarray, np.ndarray]:
    rows, labels = [], []
    for q in questions:
        if not q.get("facts"):
            continue
        a = answer(index, q["q"])
        if a.declined:
            continue  # declined answers get no level; the no-answer rule is measured on its own
        # The proposed sentences are scored whatever the level: the level decides whether they are shown.
        rows.append([a.signals.get(f, 0.0) for f in FEATURES])
        labels.append(float(facts_held(a, q["facts"], proposed=True)[0]))
    _ = mode
    return np.array(rows, dtype=float), np.array(labels, dtype=float)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--devset", default=str(Path(__file__).parent / "devset.yaml"))
    parser.add_argument("--precision", type=float, default=0.95)
    parser.add_argument("--withheld", type=float, default=0.03)
    parser.add_argument("--check", action="store_true", help="jämför med den sparade filen i stället för att skriva")
    args = parser.parse_args()
    settings = get_settings()
    content = load(settings.content_dir)
    embedder, why = load_embedder(settings.embedding_model, settings.data_dir, backend=settings.embedding_backend)
    data = yaml.safe_load(Path(args.devset).read_text(encoding="utf-8"))
    questions = data["questions"]
    digest = hashlib.sha256(Path(args.devset).read_bytes()).hexdigest()[:12]
    modes: dict[str, ModeCalibration] = {}
    indexes: dict[str, SearchIndex] = {"bm25": SearchIndex(ensure_index(content, None, settings.index_dir).passages,
                                                           None, None)}
    if embedder is not None:
        indexes["hybrid"] = ensure_index(content, embedder, settings.index_dir)
    else:
        print(f"[BM25-läge] {why}")
    for mode, index in indexes.items():
        x, y = collect(index, questions, mode)
        w, b = fit_logistic(x, y)
        probe = Calibration("", {mode: ModeCalibration(dict(zip(FEATURES, w.tolist(), strict=True)), b, 1, 0, {})})
        conf = np.array([probe.confidence(dict(zip(FEATURES, row, strict=True)), mode) for row in x])
        hog, medel = thresholds(conf, y, args.precision, args.withheld)
        levels = np.where(conf >= hog, 2, np.where(conf >= medel, 1, 0))
        right = {LEVELS[k]: round(float(y[levels == k].mean()), 2) for k in range(3) if (levels == k).any()}
        modes[mode] = ModeCalibration({f: round(float(v), 4) for f, v in zip(FEATURES, w, strict=True)},
                                      round(b, 4), round(hog, 4), round(medel, 4), right)
        print(f"{mode}: {len(y)} frågor, {int(y.sum())} rätt; hög ≥ {hog:.3f}, medel ≥ {medel:.3f}")
    if "hybrid" not in modes:
        modes["hybrid"] = modes["bm25"]
    out = {"made_from": f"{Path(args.devset).name} sha256:{digest}, {dt.date.today().isoformat()}, "
                        f"precision {args.precision}, withheld {args.withheld}",
           "modes": {m: {"weights": c.weights, "bias": c.bias, "hog": c.hog, "medel": c.medel, "right": c.right}
                     for m, c in modes.items()}}
    header = "# Made by bench/calibrate.py from the dev set's labelled questions; do not edit by hand.\n"
    text = header + yaml.safe_dump(out, allow_unicode=True, sort_keys=True)
    if args.check:
        same = CALIBRATION_FILE.read_text(encoding="utf-8").split("modes:", 1)[1] == text.split("modes:", 1)[1]
        print("kalibreringen stämmer med dev-setet" if same else "kalibreringen är inaktuell: kör bench/calibrate.py")
        sys.exit(0 if same else 1)
    CALIBRATION_FILE.write_text(text, encoding="utf-8")
    print(f"skrev {CALIBRATION_FILE}")


if __name__ == "__main__":
    main()
