"""The loader collects every problem as `path:line: message`; each error kind is tested with its line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kb.errors import ContentInvalid
from kb.loader import check_content, load_content
from tests.conftest import FIXTURE_CONTENT

ARTICLE = """---
id: {id}
title: Titel
summary: Sammanfattning.
tags: []
audience: [politiker]
updated: 2026-11-22
sources:
  - doc: fryshuset2018
    section: vad-ar-sib
{extra}---

Inledning. {{{{cite fryshuset2018 vad-ar-sib}}}}

## Avsnitt {{#avsnitt}}

{body}
"""


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "sv"
    shutil.copytree(FIXTURE_CONTENT, root)
    return root


def write(
    root: Path,
    rel: str,
    *,
    id: str | None = None,
    extra: str = "",
    body: str = "Text. {{cite fryshuset2018 vad-ar-sib}}",
) -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(ARTICLE.format(id=id or path.stem, extra=extra, body=body), encoding="utf-8")
    return path


def messages(root: Path) -> list[tuple[str, int, str]]:
    content, errors = check_content(root)
    assert content is None
    return [(e.path.name, e.line, e.message) for e in errors]


def test_fixture_corpus_is_clean() -> None:
    content = load_content(FIXTURE_CONTENT)
    assert set(content.articles) == {"vad-ar-sib", "klippan"}
    assert [s.anchor for s in content.articles["vad-ar-sib"].sections] == ["intro", "aktorer", "definition"]
    assert content.articles["klippan"].sections[0].citations[0].pages == "38"
    assert len(content.content_hash) == 64


def test_unknown_key_is_reported_on_its_line(corpus: Path) -> None:
    write(corpus, "grunder/ny.md", extra="colour: red\n")
    assert ("ny.md", 11, "okänd nyckel 'colour' i front matter") in messages(corpus)


def test_missing_field_is_reported(corpus: Path) -> None:
    path = write(corpus, "grunder/ny.md")
    path.write_text(path.read_text().replace("summary: Sammanfattning.\n", ""), encoding="utf-8")
    assert ("ny.md", 1, "obligatoriskt fält 'summary' saknas") in messages(corpus)


def test_malformed_yaml_names_the_line(corpus: Path) -> None:
    path = write(corpus, "grunder/ny.md")
    path.write_text(path.read_text().replace("tags: []", "tags: [oavslutad"), encoding="utf-8")
    found = messages(corpus)
    assert any(name == "ny.md" and msg.startswith("felaktig YAML") and line >= 5 for name, line, msg in found)


def test_duplicate_id_names_both_files(corpus: Path) -> None:
    write(corpus, "fall/vad-ar-sib.md", extra="case:\n  stage: avslutad\n")
    found = messages(corpus)
    assert any(name == "vad-ar-sib.md" and line == 2 and "används redan av" in msg for name, line, msg in found)


def test_unknown_source_key_in_front_matter(corpus: Path) -> None:
    path = write(corpus, "grunder/ny.md")
    path.write_text(path.read_text().replace("  - doc: fryshuset2018\n", "  - doc: okand\n"), encoding="utf-8")
    assert any(line == 9 and "okänd källa 'okand'" in msg for _, line, msg in messages(corpus))


def test_unknown_source_in_citation_marker(corpus: Path) -> None:
    write(corpus, "grunder/ny.md", body="Text. {{cite okand kapitel}}")
    assert any(line == 17 and "okänd källa 'okand'" in msg for _, line, msg in messages(corpus))


def test_page_outside_source_range(corpus: Path) -> None:
    write(corpus, "grunder/ny.md", body="Text. {{cite fryshuset2018 vad-ar-sib s. 999}}")
    assert any(line == 17 and "sidan 999" in msg for _, line, msg in messages(corpus))


def test_pages_for_source_without_page_numbers(corpus: Path) -> None:
    write(
        corpus,
        "grunder/ny.md",
        extra="  - doc: stockholm2021\n    section: definition\n",
        body="Text. {{cite stockholm2021 definition s. 3}}",
    )
    assert any("har inga sidnummer" in msg for _, _, msg in messages(corpus))


def test_section_without_citation(corpus: Path) -> None:
    write(corpus, "grunder/ny.md", body="Påstående utan källa.")
    assert ("ny.md", 15, "avsnittet 'Avsnitt' saknar källhänvisning") in messages(corpus)


def test_malformed_marker(corpus: Path) -> None:
    write(corpus, "grunder/ny.md", body="Text {{cite fryshuset2018}} {{cite fryshuset2018 vad-ar-sib}}")
    assert any(line == 17 and "felaktig citatmarkör" in msg for _, line, msg in messages(corpus))


def test_cited_source_must_be_declared(corpus: Path) -> None:
    write(corpus, "grunder/ny.md", body="Text. {{cite stockholm2021 definition}}")
    assert any(line == 17 and "saknas i front matter" in msg for _, line, msg in messages(corpus))


def test_link_to_missing_article_and_anchor(corpus: Path) -> None:
    write(
        corpus,
        "grunder/ny.md",
        body="Se [x](artikel:finns-inte) och [y](artikel:klippan#nej). {{cite fryshuset2018 vad-ar-sib}}",
    )
    found = messages(corpus)
    assert ("ny.md", 17, "länken går inte att följa: artikeln 'finns-inte' finns inte") in found
    assert ("ny.md", 17, "länken går inte att följa: avsnittet #nej finns inte i artikeln 'klippan'") in found


def test_link_to_missing_glossary_term(corpus: Path) -> None:
    write(corpus, "grunder/ny.md", body="Se [x](ordlista:saknas). {{cite fryshuset2018 vad-ar-sib}}")
    assert any("termen 'saknas'" in msg for _, _, msg in messages(corpus))


def test_related_to_missing_article(corpus: Path) -> None:
    write(corpus, "grunder/ny.md", extra="related: [klippan, borta]\n")
    assert any(line == 11 and "'borta' finns inte" in msg for _, line, msg in messages(corpus))


def test_id_must_match_file_name(corpus: Path) -> None:
    write(corpus, "grunder/ny.md", id="annat")
    assert any(line == 2 and "samma som filnamnet" in msg for _, line, msg in messages(corpus))


def test_case_block_required_in_fall_and_forbidden_elsewhere(corpus: Path) -> None:
    write(corpus, "fall/nytt-fall.md")
    write(corpus, "grunder/ny.md", extra="case:\n  stage: avslutad\n")
    found = messages(corpus)
    assert ("nytt-fall.md", 1, "fallartiklar (fall/) ska ha ett case-block") in found
    assert ("ny.md", 11, "case-blocket hör bara hemma i fall/") in found


def test_glossary_term_pointing_to_missing_article(corpus: Path) -> None:
    path = corpus / "ordlista.md"
    path.write_text(
        path.read_text().replace(
            "articles: [vad-ar-sib]\n    sources: [{doc: stockholm2021",
            "articles: [borta]\n    sources: [{doc: stockholm2021",
        ),
        encoding="utf-8",
    )
    assert any(name == "ordlista.md" and "'borta'" in msg for name, _, msg in messages(corpus))


def test_glossary_term_without_articles(corpus: Path) -> None:
    path = corpus / "ordlista.md"
    path.write_text(
        path.read_text()
        .replace("articles: [borta]", "")
        .replace(
            "articles: [vad-ar-sib]\n    sources: [{doc: stockholm2021",
            "articles: []\n    sources: [{doc: stockholm2021",
        ),
        encoding="utf-8",
    )
    assert any(name == "ordlista.md" and "terms.1.articles" in msg for name, _, msg in messages(corpus))


def test_missing_front_matter_and_folder_outside_themes(corpus: Path) -> None:
    (corpus / "grunder" / "tom.md").write_text("Bara text.\n", encoding="utf-8")
    write(corpus, "okant-tema/ny.md")
    found = messages(corpus)
    assert ("tom.md", 1, "front matter saknas: filen ska börja med en rad '---'") in found
    assert any(name == "ny.md" and "temamapp" in msg for name, _, msg in found)


def test_all_errors_are_collected_and_load_refuses(corpus: Path) -> None:
    write(corpus, "grunder/a.md", extra="colour: red\n")
    write(corpus, "grunder/b.md", body="Ingen källa.")
    with pytest.raises(ContentInvalid) as info:
        load_content(corpus)
    assert {e.path.name for e in info.value.errors} == {"a.md", "b.md"}
    assert "a.md:11: okänd nyckel" in str(info.value)


def test_duplicate_anchor_in_one_article(corpus: Path) -> None:
    write(
        corpus,
        "grunder/ny.md",
        body="A. {{cite fryshuset2018 vad-ar-sib}}\n\n## Igen {#avsnitt}\n\nB. {{cite fryshuset2018 vad-ar-sib}}",
    )
    assert any("ankaret #avsnitt finns redan" in msg for _, _, msg in messages(corpus))


def test_questions_point_at_existing_sections(corpus: Path) -> None:
    write(corpus, "grunder/ny.md", extra="questions:\n  intro:\n    - Vad handlar det här om?\n"
                                        "  borta:\n    - Finns avsnittet?\n")
    assert ("ny.md", 14, "questions: avsnittet 'borta' finns inte i artikeln") in messages(corpus)


def test_questions_must_be_questions(corpus: Path) -> None:
    write(corpus, "grunder/ny.md", extra="questions:\n  intro:\n    - Vad handlar det här om?\n"
                                        "    - Inte en fråga.\n")
    assert any(line == 14 and "slutar med frågetecken" in msg for _, line, msg in messages(corpus))


def test_questions_are_kept_in_file_order(corpus: Path) -> None:
    write(corpus, "grunder/ny.md", extra="questions:\n  avsnitt:\n    - Vad står i avsnittet?\n"
                                        "  intro:\n    - Vad handlar  det här om?\n")
    content, errors = check_content(corpus)
    assert content is not None, errors
    assert content.articles["ny"].questions == (("avsnitt", "Vad står i avsnittet?"),
                                                ("intro", "Vad handlar det här om?"))


SVAR = "Inledningen säger det viktigaste om saken i en enda mening."


def test_section_answer_is_kept_with_its_section(corpus: Path) -> None:
    write(corpus, "grunder/ny.md",
          extra=f"svar:\n  avsnitt: >-\n    {SVAR}\n    {{{{cite fryshuset2018 vad-ar-sib}}}}\n")
    content, errors = check_content(corpus)
    assert content is not None, errors
    section = content.articles["ny"].section("avsnitt")
    assert section is not None and section.answer == f"{SVAR} {{{{cite fryshuset2018 vad-ar-sib}}}}"


@pytest.mark.parametrize(("answer", "expected"), [
    (SVAR, "svar.avsnitt: saknar källhänvisning"),
    (f"{SVAR} {{{{cite fryshuset2018 investerare}}}}", "svar.avsnitt: citerar fryshuset2018 investerare, som "
                                                      "avsnittet inte citerar"),
    (f"{SVAR} Se även roller. {{{{cite fryshuset2018 vad-ar-sib}}}}", "svar.avsnitt: hänvisar vidare"),
    (f"{SVAR} {{{{cite fryshuset2018}}}}", "svar.avsnitt: felaktig citatmarkör"),
])
def test_section_answer_rests_on_its_section(corpus: Path, answer: str, expected: str) -> None:
    write(corpus, "grunder/ny.md", extra=f"svar:\n  intro: >-\n    {SVAR} {{{{cite fryshuset2018 vad-ar-sib}}}}\n"
                                        f"  avsnitt: >-\n    {answer}\n")
    found = messages(corpus)
    assert any(path == "ny.md" and line == 14 and msg.startswith(expected) for path, line, msg in found), found


def test_section_answer_is_short_and_not_a_question(corpus: Path) -> None:
    write(corpus, "grunder/ny.md", extra="svar:\n  intro: Kort. {{cite fryshuset2018 vad-ar-sib}}\n"
                                        "  avsnitt: Är det här verkligen ett svar på någon fråga alls? "
                                        "{{cite fryshuset2018 vad-ar-sib}}\n  borta: >-\n    " + SVAR + "\n")
    found = messages(corpus)
    assert any(line == 12 and "40–360 tecken" in msg for _, line, msg in found), found
    assert any(line == 13 and "inte en fråga" in msg for _, line, msg in found), found


def test_a_yaml_file_not_in_utf8_is_named_with_its_line(corpus: Path) -> None:
    """Saved as Windows-1252 by an editor: a clear error with the line of the first bad byte, not a traceback, and
    no cascade of "unknown source" errors from every citation."""
    path = corpus / "kallor.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_bytes(b"\xef\xbb\xbf# Sources\n# K\xe4llor\n" + text.encode("utf-8"))  # a BOM, then Windows-1252 "ä"
    assert messages(corpus) == [("kallor.yaml", 2, "filen är inte UTF-8: spara den med teckenkodningen UTF-8")]


def test_an_article_saved_with_decomposed_letters_is_read_composed(corpus: Path) -> None:
    """macOS may save "ä" as "a" + a combining diaeresis; search would take that for two words."""
    import unicodedata

    path = write(corpus, "grunder/nfd.md", body="Vad gäller för överprövning? {{cite fryshuset2018 vad-ar-sib}}")
    path.write_text(unicodedata.normalize("NFD", path.read_text(encoding="utf-8")), encoding="utf-8")
    section = load_content(corpus).articles["nfd"].sections[-1]
    assert "Vad gäller för överprövning?" in section.markdown
