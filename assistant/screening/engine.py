"""The pure engine: (tree, answers) → the next question, or a verdict with its findings. No I/O, no web types.

The verdict rule (SCREENING-SPEC): any hinder → `inte_sib_nu`; no hinder but a villkor → `lamplig_med_villkor`;
otherwise `lamplig`. "Vet inte" answers are things to find out in the förstudie and never lower the verdict.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from assistant.screening.model import (
    KINDS,
    PHASES,
    SIGNAL_STATUS,
    STATUS_RANK,
    CriterionStatus,
    Finding,
    Kind,
    Question,
    Reason,
    Status,
    Step,
    Tree,
    Verdict,
    VerdictClass,
)
from assistant.screening.recommend import choose_model


class IncompleteAnswers(ValueError):
    """Raised by `evaluate` when the answers stop at an unanswered question (and no early verdict applies)."""

    def __init__(self, question: Question) -> None:
        self.question = question
        super().__init__(f"Frågan ”{question.short}” är inte besvarad än.")


@dataclass(frozen=True)
class Walk:
    """Where the answers lead: the answers on the path, the question reached (or None at the end), and the
    answers that can no longer apply (their question is neither on the path nor reachable from where it stops)."""

    reasons: tuple[Reason, ...]
    question: Question | None
    outcome_id: str | None
    unused: tuple[str, ...]
    pending: tuple[str, ...] = ()

    @property
    def answers(self) -> dict[str, str]:
        """The answers on the path, in path order."""
        return {r.question.id: r.option.value for r in self.reasons}

    @property
    def hinders(self) -> tuple[Reason, ...]:
        return tuple(r for r in self.reasons if r.signal == "hinder")


def reachable_from(tree: Tree, node: str) -> set[str]:
    seen: set[str] = set()
    stack = [node]
    while stack:
        current = stack.pop()
        if current in seen or current not in tree.questions:
            continue
        seen.add(current)
        stack += [o.next for o in tree.questions[current].options]
    return seen


def walk(tree: Tree, answers: Mapping[str, str]) -> Walk:
    """Follow the answers from the start. Answers to questions still ahead are kept as `pending`."""
    reasons: list[Reason] = []
    node = tree.start
    for _ in range(len(tree.questions) + 1):  # the tree has no cycles; the bound guards an unchecked one
        question = tree.questions.get(node)
        if question is None:
            break
        option = question.option(answers.get(node, ""))
        if option is None:
            used = {r.question.id for r in reasons}
            ahead = reachable_from(tree, node)
            pending = tuple(k for k in answers if k not in used and k in ahead)
            unused = tuple(k for k in answers if k not in used and k not in ahead)
            return Walk(tuple(reasons), question, None, unused, pending)
        reasons.append(Reason(question, option))
        node = option.next
    used = {r.question.id for r in reasons}
    return Walk(tuple(reasons), None, node, tuple(k for k in answers if k not in used))


def kept_answers(w: Walk, answers: Mapping[str, str]) -> dict[str, str]:
    """The answers worth keeping in the URL: the path, then answers to questions still ahead."""
    return w.answers | {k: answers[k] for k in w.pending}


def next_step(tree: Tree, answers: Mapping[str, str], whole: bool = False) -> Question | Verdict:
    """The next question, or the verdict. A hinder stops the walk early (all blockers so far named) unless
    `whole` asks to see the whole assessment."""
    w = walk(tree, answers)
    if w.question is not None and (whole or not w.hinders):
        return w.question
    return verdict_for(tree, w)


def progress_of(tree: Tree, w: Walk) -> tuple[int, int]:
    """`progress` for a walk already made (one walk per request)."""
    done = len(w.reasons)
    node, extra = (w.question.id if w.question else ""), 0
    while node in tree.questions and extra <= len(tree.questions):
        extra += 1
        node = tree.questions[node].options[0].next
    return done, done + extra


def findings(tree: Tree, reasons: tuple[Reason, ...]) -> tuple[Finding, ...]:
    """One finding per flagged criterion (the worst answer wins), blockers first, then villkor, then utreda."""
    worst: dict[str, Reason] = {}
    for r in reasons:
        if r.signal not in KINDS:
            continue
        prev = worst.get(r.criterion)
        if prev is None or STATUS_RANK[SIGNAL_STATUS[r.signal]] > STATUS_RANK[SIGNAL_STATUS[prev.signal]]:
            worst[r.criterion] = r
    found = [Finding(tree.criteria[c], _kind(r), r) for c, r in worst.items()]
    return tuple(sorted(found, key=lambda f: KINDS.index(f.kind)))


def _kind(r: Reason) -> Kind:
    assert r.signal in KINDS
    return r.signal


def verdict_class(found: tuple[Finding, ...]) -> VerdictClass:
    kinds = {f.kind for f in found}
    if "hinder" in kinds:
        return "inte_sib_nu"
    return "lamplig_med_villkor" if "villkor" in kinds else "lamplig"


def _names(found: tuple[Finding, ...]) -> str:
    return "; ".join(f.criterion.title[:1].lower() + f.criterion.title[1:] for f in found)


def statement(found: tuple[Finding, ...]) -> str:
    """The verdict rule applied to this case, in one sentence."""
    hinder, villkor, utreda = (tuple(f for f in found if f.kind == k) for k in KINDS)
    to_find = f"{len(utreda)} {'sak' if len(utreda) == 1 else 'saker'} att utreda i förstudien"
    if hinder:
        return f"Inte nu: {len(hinder)} hinder – {_names(hinder)}."
    if villkor:
        return (
            f"Lämplig med villkor: inga hinder, {len(villkor)} villkor att uppfylla före strukturfasen – "
            f"{_names(villkor)}" + (f" – och {to_find}." if utreda else ".")
        )
    return f"Lämplig: inga hinder, inga villkor, {to_find}." if utreda else "Lämplig: inga hinder och inga villkor."


def _next_steps(tree: Tree, found: tuple[Finding, ...], verdict: VerdictClass, model: str) -> tuple[Step, ...]:
    steps = [Step(f.reason.option.phase or "forstudie", f.reason.option.todo or "", f.reason.articles) for f in found]
    outcome = next(iter(tree.outcomes.values()))
    steps += [s for s in outcome.steps if s.applies(verdict, model)]
    order = list(PHASES)
    seen: set[str] = set()
    unique = []
    for s in sorted(steps, key=lambda s: order.index(s.phase)):
        if s.text and s.text not in seen:
            seen.add(s.text)
            unique.append(s)
    return tuple(unique)


def _criteria(tree: Tree, reasons: tuple[Reason, ...]) -> tuple[CriterionStatus, ...]:
    out = []
    for crit in tree.criteria.values():
        touching = tuple(r for r in reasons if r.criterion == crit.id)
        status: Status = "ej_besvarat"
        for r in touching:
            candidate = SIGNAL_STATUS[r.signal]
            if STATUS_RANK[candidate] > STATUS_RANK[status]:
                status = candidate
        out.append(CriterionStatus(crit, status, touching))
    return tuple(out)


def verdict_for(tree: Tree, w: Walk) -> Verdict:
    """The verdict for the answers of one walk: complete, or stopped early at a question after a hinder."""
    found = findings(tree, w.reasons)
    verdict = verdict_class(found)
    outcome = tree.outcomes[w.outcome_id] if w.outcome_id in tree.outcomes else next(iter(tree.outcomes.values()))
    answers = w.answers
    model = choose_model(tree, answers, verdict, found)
    return Verdict(
        verdict=verdict,
        statement=statement(found),
        outcome=outcome,
        summary=outcome.summaries.get(verdict, ""),
        reasons=w.reasons,
        findings=found,
        model=model,
        next_steps=_next_steps(tree, found, verdict, model.model.id),
        criteria=_criteria(tree, w.reasons),
        answers=answers,
        partial=w.question is not None,
    )


def evaluate(tree: Tree, answers: Mapping[str, str], whole: bool = True) -> Verdict:
    """The verdict for an answer set.

    Args:
        tree: a validated tree.
        answers: question id → option value; answers off the path are ignored.
        whole: when False, answers that stop after a hinder give the early verdict instead of an error.
    Raises:
        IncompleteAnswers: when the answers stop at an unanswered question (and no early verdict applies).
    """
    w = walk(tree, answers)
    if w.question is not None and (whole or not w.hinders):
        raise IncompleteAnswers(w.question)
    return verdict_for(tree, w)
