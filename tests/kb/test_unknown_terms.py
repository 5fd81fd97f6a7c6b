"""Query words the content never mentions are found from the content itself and named."""

from __future__ import annotations

import pytest

from kb.unknown_terms import Vocabulary, unknown_terms

TEXTS = [
    "Klippan kommun gjorde en pilotstudie med Fryshuset. Piloten visade att förstudien tog tid.",
    "I Norrköping finansierade Leksell Social Ventures projektet. Utfallen mättes i skolan.",
    "Ett socialt utfallskontrakt upphandlas enligt LOU, lagen om offentlig upphandling.",
]


@pytest.fixture(scope="module")
def vocab() -> Vocabulary:
    return Vocabulary.from_texts(TEXTS)


def test_a_missing_acronym_is_named(vocab: Vocabulary) -> None:
    assert unknown_terms("Vad säger GDPR om utfallskontrakt?", vocab) == ["GDPR"]


def test_an_acronym_is_matched_as_written_not_as_a_folded_word() -> None:
    """"LAS" is not the stem of "läsa" with å/ä/ö folded away; "LOU" is the acronym the content writes."""
    vocab = Vocabulary.from_texts(["Läs mer om hur man läser avtalet.", "Upphandlingen följer LOU."])
    assert unknown_terms("Gäller LAS för personalen?", vocab) == ["LAS"]
    assert unknown_terms("Gäller LOU för avtalet?", vocab) == []


@pytest.mark.parametrize("question", ["VAD ÄR ETT UTFALLSKONTRAKT?", "Hur funkar SIBs?", "Vad är en SiB?",
                                      "GÄLLER LOU FÖR AVTALET?"])
def test_capitals_and_endings_do_not_make_a_known_word_unknown(question: str) -> None:
    vocab = Vocabulary.from_texts(["Ett socialt utfallskontrakt (SIB) upphandlas enligt LOU. Avtalet gäller."])
    assert unknown_terms(question, vocab) == []


def test_a_rare_missing_word_is_named(vocab: Vocabulary) -> None:
    assert unknown_terms("Gäller dataskyddsförordningen för utfallen?", vocab) == ["dataskyddsförordningen"]


def test_a_missing_proper_noun_is_named(vocab: Vocabulary) -> None:
    assert unknown_terms("Hur gjorde man i Göteborg?", vocab) == ["Göteborg"]


@pytest.mark.parametrize("question", [
    "Hur gick det med Klippanpiloten?",          # a name the content uses + a word it uses
    "Vad hände med Norrköpingsprojektet?",       # the same with a linking s
    "Hur funkar det egentligen?",                # everyday words are never reported
    "Vad gjorde Fryshuset i Klipan?",            # a one-letter typo of a word the content uses
    "Hur lang tid tog forstudien?",              # typed without å, ä, ö
    "Upphandlas det enligt LOU?",                # an acronym the content uses
])
def test_words_the_content_uses_are_not_reported(vocab: Vocabulary, question: str) -> None:
    assert unknown_terms(question, vocab) == []


@pytest.mark.parametrize(("question", "missing"), [
    ("Vad är en development impact bond?", ["development", "impact"]),  # an English term the content never uses
    ("Är det fair mot Fryshuset?", []),        # one English word in a Swedish question is casual Swedish
    ("Gjorde Leksell en deal?", []),
])
def test_english_terms_are_named_single_anglicisms_are_not(vocab: Vocabulary, question: str,
                                                            missing: list[str]) -> None:
    assert unknown_terms(question, vocab) == missing


def test_a_word_typed_without_a_ring_or_umlaut_is_judged_by_its_swedish_spelling(vocab: Vocabulary) -> None:
    """"daligt" is rare as typed, but "dåligt" is an everyday word: not named although the content never uses it."""
    assert unknown_terms("Gick det daligt?", vocab) == []


@pytest.mark.parametrize("word", ["utfallskontrakt", "kommun", "dåligt", "daligt", "skolskjuts", "development",
                                  "team", "referensränta", "zyxbergsmodellen", "och", "fängelseprojektet",
                                  "\ufb01nans", "straße"])
def test_the_word_frequency_look_up_agrees_with_wordfreq(word: str) -> None:
    """`zipf` reads wordfreq's table directly (its tokenizer costs ten times the look-up): same figures, also for a
    ligature copied from a PDF ("ﬁnans") and a letter that case-folds to two ("ß")."""
    from wordfreq import zipf_frequency

    from kb.unknown_terms import zipf

    assert zipf(word, "sv") == zipf_frequency(word, "sv")
    assert zipf(word, "en", "small") == zipf_frequency(word, "en", wordlist="small")
