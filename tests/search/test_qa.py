"""The answer: highlights, short answer with citations, confidence and the calibrated no-answer rule."""

from __future__ import annotations

import pytest

from assistant import qa
from kb.chunk import Passage
from kb.citations import Citation
from kb.search import SearchIndex, SearchResult
from kb.sentence_kinds import Kind, question_kind
from kb.shortanswer import highlights
from kb.sources import Chapter, Source
from web.schemas.search import SearchResponse
from web.urls import Urls


def test_highlight_picks_the_sentence_with_the_query_words(fake_index: SearchIndex) -> None:
    passage = next(p for p in fake_index.passages if p.id == "redovisning.forsiktighet.1")
    query = "När ska vi justera?"
    weights = fake_index.signals.term_weights(fake_index.analyzer.terms(query))
    picked = highlights(fake_index.signals, passage, question_kind(query), weights, None)
    assert [passage.sentences[i] for i in picked] == ["Justera när utfallet går att förutse."]


def test_highlight_falls_back_to_the_first_sentence(fake_index: SearchIndex) -> None:
    passage = fake_index.passages[0]
    assert highlights(fake_index.signals, passage, Kind.ANNAT, {"xyz": 1.0}, None) == (0,)


def test_answer_cites_each_short_answer_line(fake_index: SearchIndex) -> None:
    answer = qa.answer(fake_index, "Är investerarens pengar ett lån eller bidrag?")
    data = SearchResponse.of(answer, Urls()).model_dump()
    assert set(data) == {"query", "results", "answer"}
    first = data["results"][0]
    assert {"text", "score", "article_id", "title", "section", "url", "source"} <= set(first)
    assert first["source"]["doc"] == "fryshuset2018" and first["source"]["pages"] == "58"
    if not answer.declined:
        assert all(line.ref >= 1 for line in answer.short)


def _result(mode: str, top_dense: float) -> SearchResult:
    return SearchResult("q", [], [], mode, top_dense, 1.0)  # type: ignore[arg-type]


def test_no_hits_is_declined(fake_index: SearchIndex) -> None:
    conf, declined, _ = qa.confidence(fake_index, _result("hybrid", 0.95), {})
    assert declined and conf == 0.0


def test_low_cosine_without_word_overlap_is_declined(fake_index: SearchIndex) -> None:
    result = fake_index.search("lån bidrag", 3)
    low = SearchResult(result.query, result.hits, result.terms, "hybrid", qa.DENSE_THRESHOLD - 0.05, 1.0)
    high = SearchResult(result.query, result.hits, result.terms, "hybrid", qa.DENSE_THRESHOLD + 0.05, 1.0)
    unknown = {"bygglov": 10.0, "altan": 10.0}
    assert qa.confidence(fake_index, low, unknown)[1] is True
    assert qa.confidence(fake_index, high, unknown)[1] is False


def test_strong_word_overlap_answers_even_at_low_cosine(fake_index: SearchIndex) -> None:
    result = fake_index.search("lån bidrag", 3)
    low = SearchResult(result.query, result.hits, result.terms, "hybrid", qa.DENSE_THRESHOLD - 0.05, 1.0)
    weights = fake_index.signals.term_weights(result.terms)
    assert qa.confidence(fake_index, low, weights)[1] is False


def test_bm25_mode_declines_words_the_knowledge_base_never_uses(fake_index: SearchIndex) -> None:
    index = SearchIndex(fake_index.passages, None, None)
    assert qa.answer(index, "Hur söker jag bygglov för en altan?").declined
    assert not qa.answer(index, "Vad gör intermediären?").declined


def test_markdown_export_lists_sources(fake_index: SearchIndex) -> None:
    md = qa.to_markdown(qa.answer(fake_index, "lån eller bidrag"), Urls("http://x"))
    assert md.startswith("# lån eller bidrag")
    assert "## Källor" in md and "http://x/artiklar/redovisning?markera=" in md


def _sources(rattslage: str | None) -> dict[str, Source]:
    chapter = Chapter("juridik", "Juridiken", (1, 2), rattslage=rattslage)
    return {"bok": Source("bok", "Boken", "A", "B", 2018, "f.txt", "Boken 2018", None, {"juridik": chapter})}


def _cited(doc: str, chapter: str) -> Passage:
    return Passage("a.b.1", "a", "A", "b", "", "Text.", (Citation(doc, chapter),), ("Text.",))


def test_answers_resting_on_a_dated_legal_chapter_say_so() -> None:
    assert qa.legal_notices(list(_cited("bok", "juridik").citations), _sources("våren 2018")) == [
        "Rättsläget våren 2018 – kontrollera gällande regler."
    ]
    assert qa.legal_notices(list(_cited("bok", "juridik").citations), _sources(None)) == []


def test_questions_about_todays_figures_say_which_years_the_sources_describe() -> None:
    sources = _sources(None)
    [notice] = qa.period_notices("Vad är tröskelvärdet idag?", sources)
    assert "2018" in notice and "Dagens belopp" in notice
    assert qa.period_notices("Vad är ett tröskelvärde?", sources) == []


@pytest.mark.parametrize("question", ["Hur gick det för den norska piloten?", "Blev projektet i Klippan lyckat?",
                                      "Hur blev utfallet i Klippan?", "Vilka resultat fick Norrköping?",
                                      "Fick investerarna tillbaka pengarna i Finland?",
                                      "Minskade sjukfrånvaron i Botkyrka?", "Har återfallen minskat i Peterborough?"])
def test_questions_about_how_a_contract_turned_out_say_which_years_the_sources_describe(question: str) -> None:
    [notice] = qa.period_notices(question, _sources(None))
    assert "2018" in notice and "Resultat som redovisats senare" in notice


def test_a_question_about_today_and_about_results_gets_one_notice() -> None:
    [notice] = qa.period_notices("Hur gick det för Norrköping, och vad gäller i dag?", _sources(None))
    assert notice.count("Kunskapsbanken beskriver") == 1 and "Dagens belopp" in notice and "Resultat" in notice


@pytest.mark.parametrize("question", ["Vad är resultattrappan?", "Hur mäter man resultat?",
                                      "Varför ökade intresset för effektmätning?",
                                      "Hur gick det till när Norrköping upphandlade?",
                                      "Lyckades man hitta en investerare?", "Minskade risken för kommunen med en SIB?",
                                      "Vad blev resultatet av förstudien?",
                                      "Steg för steg: hur började Norrköping?", "Har risken minskat med en SIB?"])
def test_questions_about_results_in_general_get_no_period_notice(question: str) -> None:
    assert qa.period_notices(question, _sources(None)) == []


def test_a_question_about_something_the_content_never_mentions_names_it(fake_index: SearchIndex) -> None:
    a = qa.answer(fake_index, "Vad säger GDPR om lånet?")
    assert a.unknown == ("GDPR",) and a.withheld and a.short == []
    assert "GDPR" in a.message and "nämner inte" in a.message
    data = SearchResponse.of(a, Urls()).model_dump()
    assert data["answer"]["unknown_terms"] == ["GDPR"]


def test_words_of_a_sections_authored_questions_count_as_mentioned(fake_index: SearchIndex) -> None:
    """An author's question says what the section answers, in the asker's words ("pilotprojektet" where the text
    says "piloten"): a word it uses is not named as missing."""
    from kb.chunk import SectionQuestion
    from kb.retrievers import Corpus

    question = "Vad säger Zyxbergsmodellen om lånet?"
    assert qa.answer(fake_index, question).unknown == ("Zyxbergsmodellen",)
    p = fake_index.passages[0]
    asked = SearchIndex(Corpus(list(fake_index.passages), [SectionQuestion(p.article_id, p.anchor,
                                                                           "Hur ser Zyxbergsmodellen ut?")]))
    assert qa.answer(asked, question).unknown == ()


def test_a_missing_name_withholds_the_short_answer_a_missing_everyday_word_only_caps_it() -> None:
    assert qa.caveated_level("hög", "Vad säger GDPR?", ("GDPR",), (), False) == "låg"
    assert qa.caveated_level("hög", "Har Malmö ett kontrakt?", (), ("Malmö",), False) == "låg"
    assert qa.caveated_level("hög", "Vem har påskrivet avtalet?", ("påskrivet",), (), False) == "medel"
    assert qa.caveated_level("medel", "Vad gäller i dag?", (), (), True) == "medel"
    assert qa.caveated_level("hög", "Vad är en intermediär?", (), (), False) == "hög"


def test_letters_sent_decomposed_are_read_as_the_same_words(fake_index: SearchIndex) -> None:
    """Some keyboards and PDFs send "ä" as "a" + a combining diaeresis, or "fi" as one ligature: the same question,
    the same answer."""
    import unicodedata

    question = "Är investerarens pengar ett lån eller bidrag?"
    decomposed = unicodedata.normalize("NFD", question)
    assert decomposed != question
    a, b = qa.answer(fake_index, question), qa.answer(fake_index, decomposed)
    assert [p.passage.id for p in b.passages] == [p.passage.id for p in a.passages]
    assert b.short == a.short and b.unknown == a.unknown == ()
    assert fake_index.search(decomposed).terms == fake_index.search(question).terms
    ligature = "Hur ﬁnansieras lånet?"  # "ﬁ" as one character, as PDFs copy it
    assert fake_index.search(ligature).terms == fake_index.search("Hur finansieras lånet?").terms
    assert qa.answer(fake_index, ligature).unknown == ()
