"""The start page's "SIB på två minuter" is content (`content/sv/start.yaml`), cited and checked like the articles."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.start_text import check_start_text
from kb.models import Content
from tests.conftest import REAL_CONTENT


def test_the_real_start_text_is_cited_and_names_existing_articles(real_content: Content) -> None:
    start, errors = check_start_text(REAL_CONTENT, real_content)
    assert errors == [] and start is not None
    assert start.text.count("{{cite ") >= 3
    assert start.read_next and all(a in real_content.articles for a in start.read_next)


@pytest.mark.parametrize(("text", "line", "message"), [
    ("text: Utan källa.\nread_next: [vad-ar-sib]\n", 1, "saknar källhänvisning"),
    ("text: Med källa. {{cite fryshuset2018 finns-inte}}\n", 1, "finns-inte"),
    ("text: Med källa. {{cite fryshuset2018 vad-ar-sib}}\nread_next:\n  - vad-ar-sib\n  - ingen-sadan\n", 4,
     "okänd artikel 'ingen-sadan'"),
    ("text: Med källa. {{cite fryshuset2018 vad-ar-sib}}\nokand: 1\n", 2, "okand"),
])
def test_a_broken_start_text_is_reported_as_path_line(tmp_path: Path, real_content: Content, text: str, line: int,
                                                      message: str) -> None:
    (tmp_path / "start.yaml").write_text(text, encoding="utf-8")
    start, errors = check_start_text(tmp_path, real_content)
    assert start is None and errors
    assert any(e.line == line and message in e.message for e in errors), errors


def test_content_without_a_start_text_has_none(tmp_path: Path, real_content: Content) -> None:
    assert check_start_text(tmp_path, real_content) == (None, [])
