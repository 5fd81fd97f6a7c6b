"""The source registry: chapter page ranges and page anchors are validated, and a cited page must be in its chapter."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kb.citations import Citation, citation_problem, shown_pages
from kb.loader import check_content
from kb.sources import load_sources
from tests.conftest import FIXTURE_CONTENT
from tests.kb.test_loader import messages, write

REAL = Path(__file__).resolve().parents[2] / "content" / "sv" / "kallor.yaml"


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "sv"
    shutil.copytree(FIXTURE_CONTENT, root)
    return root


def edit_registry(root: Path, old: str, new: str) -> None:
    path = root / "kallor.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_page_outside_its_chapter_is_refused(corpus: Path) -> None:
    write(corpus, "grunder/ny.md", body="Text. {{cite fryshuset2018 vad-ar-sib s. 58}}")
    assert any(
        line == 17 and "sidan 58 ligger utanför kapitlet vad-ar-sib" in msg and "s. 12–16" in msg
        for _, line, msg in messages(corpus)
    )


def test_page_range_reaching_outside_its_chapter_is_refused(corpus: Path) -> None:
    write(corpus, "grunder/ny.md", body="Text. {{cite fryshuset2018 vad-ar-sib s. 15-17}}")
    assert any("sidan 17 ligger utanför kapitlet" in msg for _, _, msg in messages(corpus))


def test_page_inside_its_chapter_is_accepted(corpus: Path) -> None:
    write(corpus, "grunder/ny.md", body="Text. {{cite fryshuset2018 vad-ar-sib s. 12}}")
    content, errors = check_content(corpus)
    assert errors == [] and content is not None


def test_front_matter_page_outside_its_chapter_is_refused(corpus: Path) -> None:
    write(corpus, "grunder/ny.md", extra="    pages: \"40\"\n")
    assert any(line == 9 and "ligger utanför kapitlet vad-ar-sib" in msg for _, line, msg in messages(corpus))


def test_chapter_pages_outside_the_document_are_refused(corpus: Path) -> None:
    edit_registry(corpus, "pages: [12, 16]", "pages: [12, 96]")
    assert any("kapitlet 'vad-ar-sib' har sidorna [12, 96], utanför [1, 84]" in msg for _, _, msg in messages(corpus))


def test_page_anchor_in_a_chapter_with_other_pages_is_refused(corpus: Path) -> None:
    edit_registry(corpus, "12: [371, 435]", "20: [371, 435]")
    assert any("page_lines 20 ligger i kapitlet 'vad-ar-sib'" in msg for _, _, msg in messages(corpus))


def test_overlapping_page_anchors_are_refused(corpus: Path) -> None:
    edit_registry(corpus, "12: [371, 435]", "12: [371, 435]\n    13: [430, 466]")
    assert any("page_lines 13 börjar före slutet av sidan 12" in msg for _, _, msg in messages(corpus))


def test_real_registry_places_the_printed_page_numbers_and_cross_references() -> None:
    """The anchors the book itself gives: running numbers 12, 19, 22, 58 and the pages it refers to."""
    sources, errors = load_sources(REAL)
    assert errors == []
    book = sources["fryshuset2018"]
    for line, page in {435: 12, 788: 19, 898: 22, 3223: 58, 578: 17, 1571: 33, 2027: 38, 2123: 40, 3264: 61,
                       4192: 77}.items():
        assert book.page_of_line(line) == page, line
    assert book.chapter_pages("klippans-perspektiv") == (38, 39)
    assert book.chapter_pages("juridik") == (77, 83)
    assert book.chapter_pages("forord") is None
    assert shown_pages(Citation("fryshuset2018", "effektmatning"), sources) == "40–46"
    assert shown_pages(Citation("stockholm2021", "definition"), sources) is None
    assert citation_problem(Citation("fryshuset2018", "intermediar", "58"), sources) is None
    assert "utanför kapitlet" in str(citation_problem(Citation("fryshuset2018", "klippan", "38"), sources))
