"""Chunking: section-aware passages with stable ids, anchors, plain text and their own citations."""

from __future__ import annotations

from kb.chunk import chunk_article, chunk_content, sentences
from kb.models import Content
from tests.search.conftest import make_article
from web.urls import Urls


def test_passages_keep_article_section_anchor_and_heading(content: Content) -> None:
    passages = chunk_content(content)
    by_id = {p.id: p for p in passages}
    p = by_id["redovisning.forsiktighet.1"]
    assert (p.article_id, p.anchor, p.heading, p.title) == ("redovisning", "forsiktighet", "Försiktighetsprincipen",
                                                           "Så redovisar kommunen")
    url = Urls().article(p.article_id, p.anchor, highlight=p.id)
    assert url == "/artiklar/redovisning?markera=redovisning.forsiktighet.1#forsiktighet"


def test_ids_are_unique_and_stable_across_runs(content: Content) -> None:
    first = [p.id for p in chunk_content(content)]
    assert first == [p.id for p in chunk_content(content)]
    assert len(first) == len(set(first))


def test_citation_markers_are_removed_but_citations_kept(content: Content) -> None:
    p = next(p for p in chunk_content(content) if p.id == "redovisning.intro.1")
    assert "{{" not in p.text
    assert p.citations[0].pages == "58"


def test_long_sections_split_under_the_word_limit() -> None:
    sentence = "Kommunen betalar bara för det utfall som faktiskt har uppnåtts i målgruppen. "
    body = "## Lång {#lang}\n\n" + "\n\n".join(sentence * 8 for _ in range(8)) + " {{cite fryshuset2018 skl}}\n"
    passages = chunk_article(make_article("lang", "Lång", body))
    assert len(passages) > 1
    assert all(len(p.text.split()) <= 250 for p in passages)
    assert [p.id for p in passages] == [f"lang.lang.{n}" for n in range(1, len(passages) + 1)]


def test_table_rows_become_sentences_with_their_headers(content: Content) -> None:
    p = next(p for p in chunk_content(content) if p.anchor == "tabell")
    assert "Roll: Utförare; Uppgift: Arbetar med målgruppen." in p.text


def _texts(body: str) -> list[str]:
    return [p.text for p in chunk_article(make_article("a", "A", body))]


def test_plain_text_drops_links_emphasis_and_code_marks() -> None:
    body = "Se **[fallet](artikel:klippan#start)** och *mer* om `kod` &amp; a\\*b. {{cite fryshuset2018 skl}}\n"
    assert _texts(body) == ["Se fallet och mer om kod & a*b."]


def test_a_year_opening_a_line_continues_the_paragraph_with_its_citation() -> None:
    passages = chunk_article(make_article("a", "A", "Boken kom ut\n2013. {{cite fryshuset2018 skl}}\n"))
    assert [(p.text, len(p.citations)) for p in passages] == [("Boken kom ut 2013.", 1)]


def test_list_items_and_quotes_lose_their_marks() -> None:
    body = "Tre steg:\n\n- Ett\n- Två\n  fortsätter\n\n> Ett citat. {{cite fryshuset2018 skl}}\n"
    assert _texts(body) == ["Tre steg: Ett Två fortsätter Ett citat."]


def test_sentences_split_on_full_stops_only_before_a_new_sentence() -> None:
    assert sentences("Det kostar 1.5 miljoner. Sedan betalar kommunen.") == ["Det kostar 1.5 miljoner.",
                                                                            "Sedan betalar kommunen."]
