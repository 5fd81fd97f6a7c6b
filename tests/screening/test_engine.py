"""A test per node: every option leads where the content says, every outcome gives its verdict."""

from __future__ import annotations

import pytest

from assistant.screening.answers import clean_answers, encode_answers, parse_answer_string
from assistant.screening.engine import IncompleteAnswers, evaluate, next_step, progress, walk
from assistant.screening.model import Question, Tree, Verdict
from assistant.screening.paths import extreme_path
from tests.screening.conftest import complete, path_to, real_tree_ids

QUESTIONS, OUTCOMES, OPTIONS = real_tree_ids()


@pytest.mark.parametrize("question_id", QUESTIONS)
def test_question_is_next_step_on_its_path(tree: Tree, question_id: str) -> None:
    step = next_step(tree, path_to(tree, question_id))
    assert isinstance(step, Question) and step.id == question_id


@pytest.mark.parametrize(("question_id", "value"), OPTIONS)
def test_option_leads_to_declared_node_and_adds_its_reason(tree: Tree, question_id: str, value: str) -> None:
    answers = path_to(tree, question_id) | {question_id: value}
    option = tree.questions[question_id].option(value)
    assert option is not None
    step = next_step(tree, answers)
    if option.next in tree.questions:
        assert isinstance(step, Question) and step.id == option.next
    else:
        assert isinstance(step, Verdict) and step.outcome.id == option.next
    w = walk(tree, answers)
    assert w.reasons[-1].option == option
    assert len(w.reasons) == len(answers)


@pytest.mark.parametrize("outcome_id", OUTCOMES)
def test_outcome_gives_verdict_with_reasons_model_and_steps(tree: Tree, outcome_id: str) -> None:
    verdict = evaluate(tree, complete(tree, path_to(tree, outcome_id)))
    outcome = tree.outcomes[outcome_id]
    assert verdict.outcome.id == outcome_id
    if outcome.verdict:
        assert verdict.verdict == outcome.verdict
    if outcome.model:
        assert verdict.model.model.id == outcome.model and verdict.model.fixed_by_outcome
    assert verdict.reasons and verdict.summary and verdict.next_steps
    assert len(verdict.criteria) == len(tree.criteria)


@pytest.mark.parametrize(("question_id", "value"), OPTIONS)
def test_unknown_answer_value_is_refused_with_swedish_message(tree: Tree, question_id: str, value: str) -> None:
    kept, problems = clean_answers(tree, {question_id: value + "-x"})
    assert kept == {} and "inget svar på frågan" in problems[0]


def test_verdict_lists_one_reason_per_answer_in_path_order(tree: Tree) -> None:
    answers = complete(tree, {})
    verdict = evaluate(tree, answers)
    assert [r.question.id for r in verdict.reasons] == list(answers)
    assert verdict.verdict == "lamplig" and not verdict.concerns


def test_evaluate_refuses_incomplete_answers(tree: Tree) -> None:
    with pytest.raises(IncompleteAnswers) as info:
        evaluate(tree, {})
    assert info.value.question.id == tree.start


def test_hinder_gives_inte_sib_nu_and_too_many_open_items_too(tree: Tree) -> None:
    base = complete(tree, {})
    assert evaluate(tree, base | {"mandat": "nej"}).verdict == "inte_sib_nu"
    villkor = {"malgrupp": "delvis", "forandring": "delvis"}
    assert evaluate(tree, base | villkor).verdict == "lamplig_med_villkor"
    many = {
        q.id: next(o.value for o in q.options if o.signal in ("villkor", "okand"))
        for q in tree.questions.values()
        if any(o.signal in ("villkor", "okand") for o in q.options)
        and all(o.next == q.options[0].next for o in q.options if o.signal in ("villkor", "okand"))
    }
    verdict = evaluate(tree, complete(tree, many))
    assert len(verdict.concerns) > tree.max_open and verdict.verdict == "inte_sib_nu"


def test_external_investor_is_never_recommended_when_not_suitable(tree: Tree) -> None:
    answers = complete(tree, {"egna-medel": "nej", "evidens": "lovande", "tillit": "nej"})
    verdict = evaluate(tree, answers)
    assert verdict.verdict == "inte_sib_nu" and verdict.model.model.id != "extern-investerare"


def test_changing_an_early_answer_keeps_later_answers_on_the_path(tree: Tree) -> None:
    answers = complete(tree, {})
    changed = answers | {"malgrupp": "delvis"}
    w = walk(tree, changed)
    assert w.question is None and w.answers["projektorganisation"] == answers["projektorganisation"]


def test_answers_off_the_path_are_reported_as_unused(tree: Tree) -> None:
    answers = complete(tree, {}) | {"utfallsfond": "ja"}
    w = walk(tree, answers)
    assert w.unused == ("utfallsfond",) and "utfallsfond" not in w.answers


def test_progress_counts_answered_and_estimates_the_rest(tree: Tree) -> None:
    assert progress(tree, {}) == (0, len(complete(tree, {})))
    done, total = progress(tree, path_to(tree, "malgrupp"))
    assert done == 2 and total > done


def test_answer_string_round_trip_and_problems() -> None:
    answers, problems = parse_answer_string("malgrupp:ja,matning:delvis,,trasig,malgrupp:nej")
    assert answers == {"malgrupp": "ja", "matning": "delvis"}
    assert len(problems) == 2 and encode_answers(answers) == "malgrupp:ja,matning:delvis"
    assert parse_answer_string("x" * 5000)[1][0].startswith("Svaren i adressen är för långa")


def test_shortest_and_longest_paths(tree: Tree) -> None:
    shortest, longest = extreme_path(tree, longest=False), extreme_path(tree, longest=True)
    assert shortest[-1] in tree.outcomes and longest[-1] in tree.outcomes
    assert len(shortest) < len(longest) <= len(tree.questions) + 1
