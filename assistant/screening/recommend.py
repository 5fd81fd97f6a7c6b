"""Which contract model fits: each model's conditions (`when`) and exclusions (`unless`) are written in trad.yaml.

A model is ruled out when one of its exclusions holds; among the rest the one with most conditions met wins (ties
keep the order in trad.yaml). The reasons shown are only the met conditions *of the chosen model*, so a stated
reason can never argue for another model. When the verdict is `inte_sib_nu` the recommendation is the tree's
alternative route (ordinary operations or procurement), and the best outcome model is named as what the case could
become once the blockers are solved.
"""

from __future__ import annotations

from collections.abc import Mapping

from assistant.screening.model import Condition, ContractModel, ModelChoice, Tree, VerdictClass


def _holds(c: Condition, answers: Mapping[str, str]) -> bool:
    return answers.get(c.question) in c.values


def _met(m: ContractModel, answers: Mapping[str, str]) -> tuple[str, ...]:
    return tuple(c.reason for c in m.when if _holds(c, answers))


def ranking(tree: Tree, answers: Mapping[str, str]) -> list[tuple[ContractModel, tuple[str, ...]]]:
    """Models not ruled out, best first, each with the reasons (met conditions) that speak for it."""
    eligible = [m for m in tree.models.values() if not any(_holds(c, answers) for c in m.unless)]
    scored = [(m, _met(m, answers)) for m in eligible]
    return sorted(scored, key=lambda pair: -len(pair[1]))  # stable: ties keep the order in trad.yaml


def choose_model(tree: Tree, answers: Mapping[str, str], verdict: VerdictClass) -> ModelChoice:
    ranked = ranking(tree, answers)
    scores = tuple((m.id, len(r)) for m, r in ranked)
    alternative = tree.models[tree.alternative]
    outcome_models = [(m, r) for m, r in ranked if m.id != tree.alternative]
    if verdict == "inte_sib_nu":
        later = next(((m, r) for m, r in outcome_models if r), None)
        return ModelChoice(
            alternative,
            _met(alternative, answers),
            later[0] if later else None,
            later[1] if later else (),
            True,
            scores,
        )
    if not ranked:
        return ModelChoice(alternative, (), None, (), True, scores)
    best, reasons = ranked[0]
    second = next(((m, r) for m, r in ranked[1:] if r and len(r) >= len(reasons) - 1), None)
    return ModelChoice(
        best,
        reasons,
        second[0] if second else None,
        second[1] if second else (),
        best.id == tree.alternative,
        scores,
    )
