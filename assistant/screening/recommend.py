"""Which contract model fits: each model's conditions (`when`) and exclusions (`unless`) are written in trad.yaml.

A model is ruled out when one of its exclusions holds; among the rest the one with most conditions met wins (ties
keep the order in trad.yaml). The reasons shown are only the met conditions *of the chosen model*, so a stated
reason can never argue for another model. When the verdict is `inte_sib_nu` the recommendation is the tree's
alternative route (ordinary operations or procurement), and the best outcome model is named as what the case could
become once the blockers are solved.
"""

from __future__ import annotations

from collections.abc import Mapping

from assistant.screening.model import BEST, Condition, ContractModel, Finding, ModelChoice, Route, Tree, VerdictClass


def _holds(c: Condition, answers: Mapping[str, str]) -> bool:
    return answers.get(c.question) in c.values


def _met(m: ContractModel, answers: Mapping[str, str]) -> tuple[str, ...]:
    return tuple(c.reason for c in m.when if _holds(c, answers))


def ranking(tree: Tree, answers: Mapping[str, str]) -> list[tuple[ContractModel, tuple[str, ...]]]:
    """Models not ruled out, best first, each with the reasons (met conditions) that speak for it."""
    eligible = [m for m in tree.models.values() if not any(_holds(c, answers) for c in m.unless)]
    scored = [(m, _met(m, answers)) for m in eligible]
    return sorted(scored, key=lambda pair: -len(pair[1]))  # stable: ties keep the order in trad.yaml


def route_for(tree: Tree, found: tuple[Finding, ...]) -> Route:
    """The way forward for "inte nu": when every blocker is of one kind with its own route (direct award →
    procure with competition; a horizon too long → finance it yourself), that route; otherwise the standard one."""
    kinds = {f.criterion.id for f in found if f.kind == "hinder"}
    if len(kinds) == 1 and (only := next(iter(kinds))) in tree.routes:
        return tree.routes[only]
    return tree.routes["standard"]


def choose_model(
    tree: Tree, answers: Mapping[str, str], verdict: VerdictClass, found: tuple[Finding, ...] = ()
) -> ModelChoice:
    ranked = ranking(tree, answers)
    scores = tuple((m.id, len(r)) for m, r in ranked)
    outcome_models = [(m, r) for m, r in ranked if m.id != tree.alternative]
    if verdict == "inte_sib_nu":
        route = route_for(tree, found)
        later = next(((m, r) for m, r in outcome_models if m.id != "iop"), None)
        if route.model == BEST and later is not None:
            chosen, second = later[0], None
        else:
            chosen = tree.models[tree.alternative if route.model == BEST else route.model]
            second = later[0] if later and later[0].id != chosen.id and later[1] else None
        fallback = next((m for m, _ in ranked if m.id == tree.alternative), tree.models[tree.alternative])
        if chosen.id != fallback.id and second is None:
            second = fallback
        label = "När hindren är lösta" if chosen.id == tree.alternative else "Annars"
        return ModelChoice(chosen, (route.reason,), second, (), True, scores, label)
    if not ranked:
        return ModelChoice(tree.models[tree.alternative], (), None, (), True, scores)
    best, reasons = ranked[0]
    second_pair = next(((m, r) for m, r in ranked[1:] if r and len(r) >= len(reasons) - 1), None)
    return ModelChoice(
        best,
        reasons,
        second_pair[0] if second_pair else None,
        second_pair[1] if second_pair else (),
        best.id == tree.alternative,
        scores,
    )
