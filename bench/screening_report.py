"""Screening figures: questions, outcomes, shortest and longest path, the case table, and engine speed.

Run: .venv/bin/python bench/screening_report.py
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.screening.answers import clean_answers  # noqa: E402
from assistant.screening.engine import evaluate  # noqa: E402
from assistant.screening.paths import extreme_path  # noqa: E402
from assistant.screening.validate import load_checked_tree  # noqa: E402
from assistant.validate import check_all  # noqa: E402

CONTENT = ROOT / "content" / "sv"
CASES = sorted((ROOT / "tests" / "screening" / "cases").glob("*.yaml"))


def main() -> int:
    content, errors = check_all(CONTENT)
    if content is None:
        print("\n".join(str(e) for e in errors))
        return 1
    tree = load_checked_tree(CONTENT, content)
    longest, shortest = extreme_path(tree, longest=True), extreme_path(tree, longest=False)
    print(f"Frågor: {len(tree.questions)}  Utfall: {len(tree.outcomes)}  Kriterier: {len(tree.criteria)}")
    print(f"Längsta väg: {len(longest) - 1} frågor → {longest[-1]}")
    print(f"Kortaste väg: {len(shortest) - 1} frågor → {shortest[-1]} ({' → '.join(shortest)})")
    print()
    print(f"| {'fall':<36} | {'väntat':<19} | {'fick':<19} | {'modell':<25} | att lösa | ok |")
    print(f"|{'-' * 38}|{'-' * 21}|{'-' * 21}|{'-' * 27}|----------|----|")
    ok_all = True
    timings = []
    for path in CASES:
        case = yaml.safe_load(path.read_text(encoding="utf-8"))
        answers, _ = clean_answers(tree, case["answers"])
        runs = []
        for _ in range(50):
            t0 = time.perf_counter()
            verdict = evaluate(tree, answers)
            runs.append(time.perf_counter() - t0)
        timings.append(statistics.median(runs))
        want = case["expect"]
        ok = verdict.verdict == want["verdict"] and verdict.model.model.id == want["model"]
        ok_all &= ok
        print(
            f"| {path.stem:<36} | {want['verdict']:<19} | {verdict.verdict:<19} | {verdict.model.model.id:<25} "
            f"| {len(verdict.concerns):>8} | {'ja' if ok else 'NEJ':<2} |"
        )
    print()
    print(f"evaluate(): median {statistics.median(timings) * 1e6:.0f} µs per svarsuppsättning ({len(CASES)} fall × 50)")
    return 0 if ok_all else 1


if __name__ == "__main__":
    sys.exit(main())
