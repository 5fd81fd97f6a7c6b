"""Screening figures: the case table (expected and actual verdict and model), questions per path, engine speed.

Run: PYTHONPATH=. .venv/bin/python bench/screening_report.py [--cases DIR]

`--cases bench/screening_holdout` runs the held-out cases: proposals written from the sources by someone who never saw
the tree, with answers filled in from each proposal's text by someone who never ran the engine; never tuned on.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.screening.answers import clean_answers  # noqa: E402
from assistant.screening.engine import IncompleteAnswers, evaluate, walk  # noqa: E402
from assistant.screening.model import Tree  # noqa: E402
from assistant.screening.paths import extreme_path  # noqa: E402
from assistant.validate import validate  # noqa: E402

CONTENT = ROOT / "content" / "sv"
CASES_DIR = ROOT / "tests" / "screening" / "cases"
PATH_LIMIT = 200_000


def path_lengths(tree: Tree) -> list[int]:
    """The number of questions on every complete path through the tree (depth first; the tree is acyclic)."""
    out: list[int] = []
    stack = [(tree.start, 0)]
    while stack and len(out) < PATH_LIMIT:
        node, depth = stack.pop()
        question = tree.questions.get(node)
        if question is None:
            out.append(depth)
            continue
        stack += [(target, depth + 1) for target in {o.next for o in question.options}]
    return out


UNKNOWN_OPTIONS = ("vet-inte", "inte-an", "oklart")


def completed(tree: Tree, raw: dict[str, str]) -> dict[str, str]:
    """The case's answers, and for a question the case leaves out the answer of someone who does not know yet (a
    user of the flow must answer every question on the path)."""
    answers, _ = clean_answers(tree, raw)
    while (question := walk(tree, answers).question) is not None:
        unknown = next((o.value for o in question.options if o.value in UNKNOWN_OPTIONS), None)
        if unknown is None:
            raise IncompleteAnswers(question)
        answers = {**answers, question.id: unknown}
    return answers


def passes(tree: Tree, case: dict[str, object]) -> tuple[bool, str, str]:
    answers = completed(tree, case["answers"])  # type: ignore[arg-type]
    verdict = evaluate(tree, answers)
    want: dict[str, Any] = case["expect"]  # type: ignore[assignment]
    found = {kind: {f.criterion.id for f in verdict.of_kind(kind)} for kind in ("hinder", "villkor", "utreda")}
    ok = verdict.verdict == want["verdict"] and verdict.model.model.id in want["model"]
    ok = ok and all(set(want.get(kind) or []) <= found[kind] for kind in found)
    ok = ok and not set(want.get("not_flagged") or []) & found["hinder"]
    return ok, verdict.verdict, verdict.model.model.id


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=Path, default=CASES_DIR, help="mapp med fallfiler (standard: testernas fall)")
    cases = sorted(parser.parse_args().cases.glob("*.yaml"))
    checked = validate(CONTENT)
    if checked.tree is None:
        print("\n".join(str(e) for e in checked.errors) or "Innehållet har ingen screening.")
        return 1
    tree = checked.tree
    print(f"| {'fall':<44} | {'väntat':<19} | {'fick':<19} | {'väntad modell':<44} | {'fick modell':<25} | ok |")
    print(f"|{'-' * 46}|{'-' * 21}|{'-' * 21}|{'-' * 46}|{'-' * 27}|----|")
    failures, timings = 0, []
    for path in cases:
        case = yaml.safe_load(path.read_text(encoding="utf-8"))
        ok, got, model = passes(tree, case)
        answers = completed(tree, case["answers"])
        t0 = time.perf_counter()
        for _ in range(20):
            evaluate(tree, answers)
        timings.append((time.perf_counter() - t0) / 20)
        failures += not ok
        want = case["expect"]
        print(
            f"| {path.stem:<44} | {want['verdict']:<19} | {got:<19} | {', '.join(want['model']):<44} "
            f"| {model:<25} | {'ja' if ok else 'NEJ':<2} |"
        )
    print(f"\n{len(cases) - failures} av {len(cases)} fall stämmer.")
    lengths = sorted(path_lengths(tree))
    longest, shortest = extreme_path(tree, longest=True), extreme_path(tree, longest=False)
    print(
        f"Frågor per väg (alla {len(lengths)} vägar genom {len(tree.questions)} frågor): minst {lengths[0]}, "
        f"median {statistics.median(lengths):g}, högst {lengths[-1]}."
    )
    print(f"Kortaste väg: {' → '.join(shortest[:-1])}")
    print(
        f"Längsta väg: {len(longest) - 1} frågor. En väg stannar tidigare vid ett hinder om användaren inte "
        "väljer att se hela bedömningen."
    )
    print(f"evaluate(): median {statistics.median(timings) * 1e6:.0f} µs per fall")
    return 0 if failures == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
