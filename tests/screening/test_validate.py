"""The checker finds every kind of broken tree, with path, line and a Swedish message; the real tree passes."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from assistant.screening.validate import check_screening
from assistant.validate import checkers
from kb.errors import ContentError
from kb.models import Content
from tests.conftest import REAL_CONTENT

SCREENING = REAL_CONTENT / "screening"


def _copy(tmp_path: Path) -> Path:
    root = tmp_path / "sv"
    shutil.copytree(SCREENING, root / "screening")
    return root


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _errors(tmp_path: Path, content: Content, change: Callable[[Path], None]) -> list[ContentError]:
    root = _copy(tmp_path)
    change(root / "screening")
    return check_screening(root, content)


def test_real_tree_passes_and_checker_is_registered(content: Content) -> None:
    assert check_screening(REAL_CONTENT, content) == []
    assert check_screening in checkers()


def test_option_leading_nowhere(tmp_path: Path, content: Content) -> None:
    errors = _errors(
        tmp_path, content, lambda s: _edit(s / "fragor/matning.md", "next: stopp-matning", "next: finns-inte")
    )
    assert any("leder till 'finns-inte' som inte finns" in e.message and e.line > 1 for e in errors)
    assert any("stopp-matning" in e.message and "går inte att nå" in e.message for e in errors)


def test_cycle_is_reported(tmp_path: Path, content: Content) -> None:
    errors = _errors(
        tmp_path, content, lambda s: _edit(s / "fragor/projektorganisation.md", "next: bedomning", "next: mandat")
    )
    assert any("slinga" in e.message for e in errors)


def test_uncovered_criterion(tmp_path: Path, content: Content) -> None:
    def change(s: Path) -> None:
        with (s / "kriterier.yaml").open("a", encoding="utf-8") as f:
            f.write("nytt-kriterium:\n  title: Nytt\n  description: Något nytt.\n  articles: [atta-faktorer]\n")

    errors = _errors(tmp_path, content, change)
    assert [e.message for e in errors] == ["kriteriet 'nytt-kriterium' täcks inte av någon fråga"]


def test_unknown_criterion_article_and_anchor(tmp_path: Path, content: Content) -> None:
    def change(s: Path) -> None:
        _edit(s / "fragor/malgrupp.md", "criteria: [malgrupp-avgransad]", "criteria: [malgrupp-avgransad, okant]")
        _edit(s / "fragor/malgrupp.md", "articles: [atta-faktorer#malgruppen]", "articles: [atta-faktorer#nej, saknas]")

    messages = [e.message for e in _errors(tmp_path, content, change)]
    assert "kriteriet 'okant' finns inte i kriterier.yaml" in messages
    assert "avsnittet #nej finns inte i artikeln 'atta-faktorer'" in messages
    assert "artikeln 'saknas' finns inte" in messages


def test_broken_link_in_help_text(tmp_path: Path, content: Content) -> None:
    errors = _errors(
        tmp_path,
        content,
        lambda s: _edit(s / "fragor/malgrupp.md", "(artikel:atta-faktorer#malgruppen)", "(artikel:atta-faktorer#x)"),
    )
    assert [e.message for e in errors] == [
        "länken går inte att följa: avsnittet #x finns inte i artikeln 'atta-faktorer'"
    ]


def test_condition_without_todo(tmp_path: Path, content: Content) -> None:
    def change(s: Path) -> None:
        _edit(s / "fragor/fokus.md", "    todo: Flytta fokus", "    # todo: Flytta fokus")

    messages = [e.message for e in _errors(tmp_path, content, change)]
    assert messages == ["svaret 'aktivitet' (villkor) behöver en todo"]


@pytest.mark.parametrize(
    ("file", "old", "new", "expected"),
    [
        ("fragor/fokus.md", "signal: villkor", "signal: kanske", "fältet 'options.1.signal'"),
        ("fragor/fokus.md", "id: fokus", "id: annat", "ska vara samma som filnamnet"),
        ("utfall/stopp-kostnad.md", "verdict: inte_sib_nu", "verdict: samlad", "summaries saknar"),
        ("trad.yaml", "start: utover-ordinarie", "start: stopp-kostnad", "är ingen fråga"),
        ("fragor/egna-medel.md", "models: {intern-social-investering: 2}", "models: {guld: 2}", "'guld' finns inte"),
    ],
)
def test_format_errors(tmp_path: Path, content: Content, file: str, old: str, new: str, expected: str) -> None:
    errors = _errors(tmp_path, content, lambda s: _edit(s / file, old, new))
    assert any(expected in e.message for e in errors), errors
    assert all(isinstance(e.line, int) and e.line >= 1 for e in errors)
