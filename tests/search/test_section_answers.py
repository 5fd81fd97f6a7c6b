"""A section's authored short answer (front matter `svar`) through search: one vector per section, its passages in
the passage vectors' order, and a short-answer line that says it is a summary and carries its own citations."""

from __future__ import annotations

import assistant.qa as qa
from kb.chunk import Passage
from kb.citations import Citation
from kb.retrievers import Corpus, Query
from kb.retrievers.answers import AnswerVectors
from kb.retrievers.passages import PassageVectors
from kb.search import SearchIndex
from kb.sources import Chapter, Source
from tests.fakes import FakeEmbedder

LAW = Citation("bok", "juridik")
ANSWER = "Upphandlingen får enligt lagen inte göras direkt med den leverantör som kom med idén."


def _passages() -> list[Passage]:
    cite = (Citation("bok", "inledning"),)
    return [
        Passage("a.regler.1", "a", "Regler", "regler", "Regler", "Lagen styr hur kommunen köper. Det finns undantag.",
                cite, ("Lagen styr hur kommunen köper.", "Det finns undantag."), ANSWER, (LAW,)),
        Passage("a.regler.2", "a", "Regler", "regler", "Regler", "Direktupphandling kräver ett undantag i lagen.",
                cite, ("Direktupphandling kräver ett undantag i lagen.",), ANSWER, (LAW,)),
        Passage("a.annat.1", "a", "Regler", "annat", "Annat", "Målgruppen är unga vuxna i kommunen.",
                cite, ("Målgruppen är unga vuxna i kommunen.",)),
    ]


def _index() -> SearchIndex:
    embedder = FakeEmbedder()
    corpus = Corpus(_passages())
    retrievers: list[PassageVectors | AnswerVectors] = [PassageVectors(), AnswerVectors()]
    for r in retrievers:
        r.build(corpus, lambda texts, as_query: embedder.passages(list(texts)))
    return SearchIndex(corpus, retrievers, embedder=embedder)


def test_one_vector_per_section_and_none_for_a_section_without_an_answer() -> None:
    index = _index()
    answers = index.by_name["answers"]
    assert isinstance(answers, AnswerVectors) and answers.vectors is not None and answers.vectors.shape[0] == 1
    vector = FakeEmbedder().queries(["direkt leverantör idén"])[0]
    first, second, other = index.passages
    assert index.answer_similarity(first, vector) == index.answer_similarity(second, vector) is not None
    assert index.answer_similarity(other, vector) is None


def test_a_section_found_ranks_its_passages_in_the_passage_vectors_order() -> None:
    answers = _index().by_name["answers"]
    assert isinstance(answers, AnswerVectors)
    query = Query("direkt leverantör", [], FakeEmbedder().queries(["direkt leverantör"])[0],
                  rankings={"passages": [1, 2, 0]})
    assert answers.rank(query, 5).ids == [1, 0]


def test_the_authored_answer_is_a_labelled_line_with_its_own_legal_date() -> None:
    chapters = {"inledning": Chapter("inledning", "Inledning", (1, 2)),
                "juridik": Chapter("juridik", "Juridiken", (3, 4), rattslage="våren 2018")}
    sources = {"bok": Source("bok", "Boken", "A", "B", 2018, "f.txt", "Boken 2018", None, chapters)}
    a = qa.answer(_index(), "Får kommunen köpa direkt av leverantören som kom med idén?", sources=sources)
    authored = [line for line in a.proposed if line.authored]
    assert [line.sentence for line in authored] == [ANSWER] and authored[0].note == "avsnittets sammanfattning"
    assert "Rättsläget våren 2018 – kontrollera gällande regler." in a.notices
