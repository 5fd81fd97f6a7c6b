"""The pure engine: (tree, answers) → the next question, or a verdict with its reasons. No I/O, no web types."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from assistant.screening.model import (
    PHASES,
    SIGNAL_STATUS,
    STATUS_RANK,
    CriterionStatus,
    ModelChoice,
    Outcome,
    Question,
    Reason,
    Status,
    Step,
    Tree,
    Verdict,
    VerdictClass,
)

# The model that presupposes a suitable case; never recommended when the verdict is `inte_sib_nu`.
NEEDS_SUITABLE = "extern-investerare"
# When nothing points to any model and the case is not suitable, the honest advice is the ordinary route.
FALLBACK = "ordinarie-upphandling"


class IncompleteAnswers(ValueError):
    """Raised by `evaluate` when the answers do not reach an outcome yet."""

    def __init__(self, question: Question) -> None:
        self.question = question
        super().__init__(f"Frågan ”{question.short}” är inte besvarad än.")


@dataclass(frozen=True)
class Walk:
    """Where the answers lead: the reasons collected on the way and the node reached."""

    reasons: tuple[Reason, ...]
    question: Question | None
    outcome: Outcome | None
    unused: tuple[str, ...]

    @property
    def answers(self) -> dict[str, str]:
        """The answers on the path, in path order: the canonical answer set for the URL."""
        return {r.question.id: r.option.value for r in self.reasons}


def walk(tree: Tree, answers: Mapping[str, str]) -> Walk:
    """Follow the answers from the start; each answered question adds its reason as the engine decides."""
    reasons: list[Reason] = []
    node = tree.start
    for _ in range(len(tree.questions) + 1):  # the tree has no cycles; the bound guards an unchecked one
        question = tree.questions.get(node)
        if question is None:
            break
        option = question.option(answers.get(node, ""))
        if option is None:
            unused = tuple(k for k in answers if k not in {r.question.id for r in reasons})
            return Walk(tuple(reasons), question, None, unused)
        reasons.append(Reason(question, option))
        node = option.next
    used = {r.question.id for r in reasons}
    return Walk(tuple(reasons), None, tree.outcomes.get(node), tuple(k for k in answers if k not in used))


def next_step(tree: Tree, answers: Mapping[str, str]) -> Question | Verdict:
    """The next unanswered question on the path, or the verdict when the path has reached an outcome."""
    w = walk(tree, answers)
    if w.question is not None:
        return w.question
    return evaluate(tree, answers)


def progress(tree: Tree, answers: Mapping[str, str]) -> tuple[int, int]:
    """(answered on the path, estimated total): the rest is estimated along each question's first option."""
    w = walk(tree, answers)
    done = len(w.reasons)
    node, extra = (w.question.id if w.question else ""), 0
    while node in tree.questions and extra <= len(tree.questions):
        extra += 1
        node = tree.questions[node].options[0].next
    return done, done + extra


def _verdict_class(tree: Tree, outcome: Outcome, reasons: tuple[Reason, ...]) -> VerdictClass:
    if outcome.verdict is not None:
        return outcome.verdict
    if any(r.signal == "hinder" for r in reasons):
        return "inte_sib_nu"
    open_items = sum(r.signal in ("villkor", "okand") for r in reasons)
    if open_items > tree.max_open:
        return "inte_sib_nu"
    return "lamplig_med_villkor" if open_items else "lamplig"


def _model(tree: Tree, outcome: Outcome, reasons: tuple[Reason, ...], verdict: VerdictClass) -> ModelChoice:
    scores = {m: 0 for m in tree.models}
    for r in reasons:
        for model, points in r.option.models:
            scores[model] += points
    ranked = sorted(scores.items(), key=lambda kv: -kv[1])  # stable: ties keep the order in trad.yaml
    if outcome.model:
        chosen, fixed = outcome.model, True
    else:
        candidates = [(m, p) for m, p in ranked if not (verdict == "inte_sib_nu" and m == NEEDS_SUITABLE)]
        chosen, fixed = candidates[0][0], False
        if verdict == "inte_sib_nu" and candidates[0][1] <= 0 and FALLBACK in tree.models:
            chosen = FALLBACK
    why = tuple(r for r in reasons if dict(r.option.models).get(chosen, 0) > 0)
    return ModelChoice(tree.models[chosen], why, fixed, tuple(ranked))


def _next_steps(outcome: Outcome, reasons: tuple[Reason, ...]) -> tuple[Step, ...]:
    severity = {"hinder": 0, "okand": 1, "villkor": 2}
    todo = [r for r in reasons if r.option.todo and r.signal in severity]
    todo.sort(key=lambda r: severity[r.signal])
    steps = [Step(r.option.phase or "forstudie", r.option.todo or "", r.articles) for r in todo]
    steps += list(outcome.steps)
    order = list(PHASES)
    seen: set[str] = set()
    unique = []
    for s in sorted(steps, key=lambda s: order.index(s.phase)):
        if s.text not in seen:
            seen.add(s.text)
            unique.append(s)
    return tuple(unique)


def _criteria(tree: Tree, reasons: tuple[Reason, ...]) -> tuple[CriterionStatus, ...]:
    out = []
    for crit in tree.criteria.values():
        touching = tuple(r for r in reasons if crit.id in r.question.criteria)
        status: Status = "ej_besvarat"
        for r in touching:
            candidate = SIGNAL_STATUS[r.signal]
            if STATUS_RANK[candidate] > STATUS_RANK[status]:
                status = candidate
        out.append(CriterionStatus(crit, status, touching))
    return tuple(out)


def evaluate(tree: Tree, answers: Mapping[str, str]) -> Verdict:
    """The verdict for a complete answer set.

    Args:
        tree: a validated tree.
        answers: question id → option value; answers off the path are ignored.
    Returns:
        The verdict class, reasons in the order they were decided, model, next steps and criteria overview.
    Raises:
        IncompleteAnswers: when the answers stop at an unanswered question.
    """
    w = walk(tree, answers)
    if w.question is not None:
        raise IncompleteAnswers(w.question)
    assert w.outcome is not None, "a validated tree always ends in an outcome"
    verdict = _verdict_class(tree, w.outcome, w.reasons)
    summary = w.outcome.summaries.get(verdict) or next(iter(w.outcome.summaries.values()), "")
    return Verdict(
        verdict=verdict,
        outcome=w.outcome,
        summary=summary,
        reasons=w.reasons,
        model=_model(tree, w.outcome, w.reasons, verdict),
        next_steps=_next_steps(w.outcome, w.reasons),
        criteria=_criteria(tree, w.reasons),
        answers=w.answers,
    )
