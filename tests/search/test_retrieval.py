"""BM25 with Swedish analysis, reciprocal-rank fusion and the faiss / numpy ANN backends."""

from __future__ import annotations

import numpy as np

from kb.analysis import Analyzer, stem, vocabulary
from kb.ann import FaissANN, NumpyANN
from kb.bm25 import BM25
from kb.retrievers import Corpus
from kb.retrievers.passages import PassageVectors
from kb.retrievers.questions import QuestionVectors
from kb.search import SearchIndex, rrf


def test_inflections_share_a_stem() -> None:
    assert stem("kommunen") == stem("kommunens") == stem("kommuner")


def test_stopwords_are_dropped() -> None:
    assert Analyzer().terms("Hur ska vi göra det?") == []


def test_compounds_are_split_into_known_parts() -> None:
    analyzer = Analyzer(vocabulary(["utfall och kontrakt"]))
    terms = analyzer.terms("utfallskontrakt")
    assert stem("utfallskontrakt") in terms
    assert stem("utfall") in terms and stem("kontrakt") in terms


def test_compounds_of_a_place_or_organisation_name_split_like_other_compounds() -> None:
    analyzer = Analyzer(vocabulary(["Piloten i Klippan och projektet på Fryshuset i Norrköping"]))
    assert {stem("klippan"), stem("piloten")} <= set(analyzer.terms("Klippanpiloten"))
    assert stem("fryshuset") in analyzer.terms("Fryshusprojektet")
    assert stem("norrköping") in analyzer.terms("Norrköpingsprojektet")


def test_words_typed_without_swedish_letters_match_the_corpus_word() -> None:
    analyzer = Analyzer(vocabulary(["förstudien om konsultjäv"]))
    assert analyzer.terms("forstudien konsultjav") == analyzer.terms("förstudien konsultjäv")
    assert analyzer.terms("fran") == ["fran"]  # not in the corpus: left as typed


def test_compound_splitting_can_be_turned_off() -> None:
    analyzer = Analyzer(vocabulary(["utfall och kontrakt"]), split_compounds=False)
    assert analyzer.terms("utfallskontrakt") == [stem("utfallskontrakt")]


def test_bm25_ranks_the_document_with_the_rare_term_first() -> None:
    docs = [["kommun", "lån"], ["kommun", "bidrag"], ["kommun"]]
    scores = BM25(docs).scores(["lån", "kommun"])
    assert int(np.argmax(scores)) == 0
    assert scores[2] < scores[0]


def test_rrf_rewards_agreement_between_lists() -> None:
    fused = rrf([[1, 2, 3], [3, 1, 2]], k=10)
    assert max(fused, key=lambda d: fused[d]) == 1
    assert fused[1] == 1 / 11 + 1 / 12


def test_rrf_weights_scale_each_list() -> None:
    fused = rrf([[1], [2]], k=10, weights=(1.0, 2.0))
    assert fused[2] == 2 * fused[1]


def test_faiss_and_numpy_backends_agree() -> None:
    rng = np.random.default_rng(0)
    vectors = rng.normal(size=(20, 8)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    q = vectors[3]
    s1, i1 = FaissANN(vectors).search(q, 5)
    s2, i2 = NumpyANN(vectors).search(q, 5)
    assert list(i1) == list(i2) and i1[0] == 3
    assert np.allclose(s1, s2, atol=1e-5)


def test_hybrid_search_finds_the_passage_by_words(fake_index: SearchIndex) -> None:
    result = fake_index.search("Är pengarna ett lån eller ett bidrag?", k=3)
    assert result.mode == "hybrid"
    assert result.hits[0].passage.id == "redovisning.intro.1"


def test_bm25_only_index_works_without_vectors(fake_index: SearchIndex) -> None:
    index = SearchIndex(fake_index.passages)
    result = index.search("samordnar parterna", k=2)
    assert result.mode == "bm25" and not index.dense_available
    assert result.hits[0].passage.article_id == "intermediar"


def test_authored_questions_lead_to_their_section(fake_index: SearchIndex) -> None:
    """A user's question close to one an author wrote for a section ranks that section first, even when the
    words point elsewhere (here "pengar" occurs only in the introduction)."""
    from kb.chunk import SectionQuestion

    query = "Hur mycket pengar ska vi avsätta i förväg?"
    assert fake_index.search(query, k=3).hits[0].passage.anchor != "forsiktighet"
    assert fake_index.embedder is not None
    questions = [SectionQuestion("redovisning", "forsiktighet", query),
                 SectionQuestion("intermediar", "intro", "Vem samordnar parterna?")]
    corpus = Corpus(fake_index.passages, questions)
    embedder = fake_index.embedder
    retrievers = [PassageVectors(), QuestionVectors()]
    for r in retrievers:
        r.build(corpus, lambda texts, as_query: (embedder.queries if as_query else embedder.passages)(texts))
    index = SearchIndex(corpus, retrievers, embedder=embedder)
    assert index.search(query, k=3).hits[0].passage.id == "redovisning.forsiktighet.1"


def test_the_old_constructor_shape_still_builds_the_same_index(fake_index: SearchIndex) -> None:
    assert fake_index.embedder is not None
    vectors = fake_index.embedder.passages([p.index_text for p in fake_index.passages])
    old = SearchIndex.from_vectors(fake_index.passages, vectors, fake_index.embedder)
    query = "Är pengarna ett lån eller ett bidrag?"
    assert old.dense_available and [h.passage.id for h in old.search(query).hits] == [
        h.passage.id for h in fake_index.search(query).hits]
    assert not SearchIndex.from_vectors(fake_index.passages, None, None).dense_available


def test_a_sections_passages_follow_the_passage_vectors_and_the_list_stops_at_n() -> None:
    from kb.retrievers import Query
    from kb.retrievers.vectors import section_order

    query = Query("q", [])
    query.rankings["passages"] = [4, 2, 3, 0, 1]
    groups = [[1], [3, 2], [0, 4], [2]]
    assert section_order(groups, query, 10).ids == [1, 2, 3, 4, 0]
    assert section_order(groups, query, 3).ids == [1, 2, 3]
