"""Short-answer selection rules: what the question asks for, which sentences may answer, and which unit wins."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import pytest

from kb.analysis import Analyzer
from kb.chunk import Passage
from kb.sentence_kinds import Kind, classify, question_kind
from kb.shortanswer import best_windows, choose, distinctive, score_units


@pytest.mark.parametrize(("question", "kind"), [
    ("Hur mycket kostar en förstudie?", Kind.MANGD),
    ("Hur många deltagare var med i Norrköping?", Kind.MANGD),
    ("När började Norrköpings kontrakt?", Kind.TID),
    ("Hur lång tid tar det att få ett avtal på plats?", Kind.TID),
    ("Vem bär risken om utfallen uteblir?", Kind.VEM),
    ("Vilken investerare var med i Norrköping?", Kind.VEM),
    ("Varför säger man inte obligation?", Kind.VARFOR),
    ("Får kommunen direktupphandla en SIB?", Kind.REGEL),
    ("Måste man upphandla enligt LOU?", Kind.REGEL),
    ("Vad är en utfallsfond?", Kind.DEFINITION),
    ("Vilka faser finns i arbetsprocessen?", Kind.LISTA),
    ("Hur går en förstudie till?", Kind.HUR),
    ("Berätta om Klippan", Kind.ANNAT),
])
def test_question_kind(question: str, kind: Kind) -> None:
    assert question_kind(question) == kind


@pytest.mark.parametrize("sentence", [
    "Se även Resultattrappan.",
    "Hur det går till beskrivs i Förstudien steg för steg.",
    "Mätningen är central, se Resultattrappan.",
    "Den här guiden använder båda.",
    "Vem betalar för förstudien?",
    "Fördelning över åren.",
])
def test_cross_references_meta_questions_and_headings_are_never_answers(sentence: str) -> None:
    assert classify(sentence).excluded


@pytest.mark.parametrize("sentence", [
    "Fryshuset har delat upp arbetsprocessen i fyra faser.",
    "Prosper anger två skäl till det.",
    "Budgeten ska ta höjd för följande:",
])
def test_announcements_are_lead_ins(sentence: str) -> None:
    kind = classify(sentence)
    assert kind.lead_in and not kind.excluded


def test_plain_facts_are_not_lead_ins() -> None:
    kind = classify("Norrköping betalade 40 procent av kapitalet oavsett utfall.")
    assert not kind.lead_in and not kind.excluded and Kind.MANGD in kind.offers


class FakeSentences:
    """Sentence cosines given per sentence text; terms from a real Swedish analyzer."""

    def __init__(self, sims: dict[str, float]) -> None:
        self.sims = sims
        self.analyzer = Analyzer()

    def sentence_terms(self, passage: Passage) -> tuple[frozenset[str], ...]:
        return tuple(frozenset(self.analyzer.terms(s)) for s in passage.sentences)

    def sentence_similarities(self, passage: Passage,
                              query_vector: npt.NDArray[np.float32]) -> npt.NDArray[np.float32] | None:
        return np.array([self.sims.get(s, 0.7) for s in passage.sentences], dtype=np.float32)

    def answer_similarity(self, passage: Passage, query_vector: npt.NDArray[np.float32]) -> float | None:
        return self.sims.get(passage.answer, 0.7) if passage.answer else None

    def answer_terms(self, passage: Passage) -> frozenset[str]:
        return frozenset(self.analyzer.terms(passage.answer))


def _passage(*sentences: str, pid: str = "a.b.1") -> Passage:
    return Passage(pid, "a", "A", "b", "", " ".join(sentences), (), tuple(sentences))


QVEC = np.zeros(3, dtype=np.float32)


def _best(index: FakeSentences, passages: list[Passage], question: str) -> list[str]:
    weights = distinctive(dict.fromkeys(index.analyzer.terms(question), 5.0))
    units = choose(score_units(index, passages, question_kind(question), weights, QVEC), [0.9] * len(passages))
    return [passages[u.ref].answer if u.authored else passages[u.ref].sentences[i]
            for u in units for i in (u.sentences or (0,))]


def test_a_lead_in_never_wins_over_the_figure_that_follows_it() -> None:
    lead = "Räkna med att det tar lång tid."
    figure = "I Storbritannien tog det omkring 1,5 år att komma fram till ett avtal."
    index = FakeSentences({lead: 0.92, figure: 0.85})
    picked = _best(index, [_passage("Inledning om processen i stort.", lead, figure)], "Hur lång tid tar det?")
    assert figure in picked


def test_a_lead_in_with_nothing_after_it_is_never_the_answer() -> None:
    lead = "Fryshuset har delat upp arbetsprocessen i fyra faser."
    other = "Faserna är förstudie, strukturering, genomförande och utvärdering."
    index = FakeSentences({lead: 0.93, other: 0.86})
    passages = [_passage("Processen är lång och kräver tålamod.", lead, pid="a.b.1"),
                _passage(other, "Varje fas har sina egna frågor.", pid="a.c.1")]
    picked = _best(index, passages, "Vilka faser finns?")
    assert lead not in picked and other in picked


def test_a_cross_reference_never_appears_even_when_it_matches_best() -> None:
    see = "Se även artikeln om utfallsfonder."
    fact = "En utfallsfond är en gemensam pott där flera betalare lägger pengar för utfall."
    index = FakeSentences({see: 0.95, fact: 0.86})
    picked = _best(index, [_passage(see, fact)], "Vad är en utfallsfond?")
    assert see not in picked and fact in picked


def test_an_amount_question_prefers_the_sentence_with_the_amount() -> None:
    vague = "Kostnaden för förstudien var en viktig fråga för kommunen i arbetet."
    amount = "Förstudien kostade kommunen omkring 300 000 kronor."
    index = FakeSentences({vague: 0.88, amount: 0.87})
    passages = [_passage(vague, pid="a.b.1"), _passage(amount, pid="a.c.1")]
    assert _best(index, passages, "Hur mycket kostade förstudien?")[0] == amount


def test_generic_words_do_not_decide() -> None:
    """Sharing "SIB" and "utfallskontrakt" with the question is no reason to pick a sentence."""
    weights = distinctive({"sib": 0.4, "utfallskontrakt": 0.9, "kostnad": 3.0})
    assert set(weights) == {"kostnad"}


def _answered(*sentences: str, answer: str, pid: str = "a.b.1") -> Passage:
    return Passage(pid, "a", "A", pid.split(".")[1], "", " ".join(sentences), (), tuple(sentences), answer)


def test_a_section_answer_wins_over_its_own_sentences_when_as_close() -> None:
    """The author's answer holds the point with its figure; the text around it may only lead up to it."""
    answer = "Räkna med omkring ett och ett halvt år från förstudie till färdigt avtal."
    close = "Arbetet med förstudie och avtal tar tid och kräver tålamod av alla parter."
    index = FakeSentences({close: 0.86, answer: 0.86})
    picked = _best(index, [_answered(close, "Det beror på många saker.", answer=answer)], "Hur lång tid tar det?")
    assert picked[0] == answer


def test_a_section_answer_needs_to_match_like_any_sentence() -> None:
    """The bonus is small: a sentence that matches clearly better still wins over the section's answer."""
    answer = "Kommunen budgeterar för den högsta möjliga utfallsbetalningen tills utfallet går att förutse."
    fact = "Pengarna från investeraren är ett lån och ger en skuld, inte en intäkt."
    index = FakeSentences({fact: 0.90, answer: 0.82})
    assert _best(index, [_answered(fact, answer=answer)], "Är pengarna ett lån?")[0] == fact


def test_one_section_answer_per_section_and_never_a_highlight() -> None:
    """A section split into two passages offers its answer once; highlights stay sentences of the passage."""
    answer = "En utfallsfond är en statlig pott som betalar för utfall jämte kommunen."
    first = _answered("Utfallsfonden är statens del.", answer=answer, pid="a.b.1")
    second = _answered("Fonden kan betala hälften.", answer=answer, pid="a.b.2")
    index = FakeSentences({answer: 0.95})
    weights = distinctive(dict.fromkeys(index.analyzer.terms("Vad är en utfallsfond?"), 5.0))
    units = score_units(index, [first, second], question_kind("Vad är en utfallsfond?"), weights, QVEC)
    assert [u.ref for u in units if u.authored] == [0]
    assert best_windows(units, [first, second]) == [(0,), (0,)]
