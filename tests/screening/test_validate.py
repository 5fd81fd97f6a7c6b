"""The checker finds every kind of broken tree, with path, line and a Swedish message; the real tree passes."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from assistant.screening.validate import checked_tree
from assistant.validate import Checked
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
    return checked_tree(root, content)[1]


def test_real_tree_passes_and_validation_returns_it(content: Content, real_checked: Checked) -> None:
    assert checked_tree(REAL_CONTENT, content)[1] == []
    assert real_checked.tree is not None and real_checked.tree.start in real_checked.tree.questions


def test_option_leading_nowhere(tmp_path: Path, content: Content) -> None:
    errors = _errors(
        tmp_path, content, lambda s: _edit(s / "fragor/kostnad.md", "next: annan-betalare", "next: finns-inte")
    )
    assert any("leder till 'finns-inte' som inte finns" in e.message and e.line > 1 for e in errors)
    assert any("annan-betalare" in e.message and "går inte att nå" in e.message for e in errors)


def test_cycle_is_reported(tmp_path: Path, content: Content) -> None:
    errors = _errors(
        tmp_path, content, lambda s: _edit(s / "fragor/projektkostnad.md", "next: bedomning", "next: forankring")
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
        _edit(s / "fragor/malgrupp.md", "criterion: avgransad-malgrupp", "criterion: okant")
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


def test_unknown_key_in_option(tmp_path: Path, content: Content) -> None:
    def change(s: Path) -> None:
        _edit(s / "fragor/forankring.md", "    todo: >-\n      Förankra", "    explain2: >-\n      Förankra")

    messages = [e.message for e in _errors(tmp_path, content, change)]
    assert any("explain2" in m for m in messages)


def test_missing_todo_on_condition(tmp_path: Path, content: Content) -> None:
    def change(s: Path) -> None:
        text = (s / "fragor/forankring.md").read_text(encoding="utf-8")
        start = text.index("    todo: >-\n      Förankra")
        end = text.index("  - value: vet-inte")
        (s / "fragor/forankring.md").write_text(text[:start] + text[end:], encoding="utf-8")

    messages = [e.message for e in _errors(tmp_path, content, change)]
    assert messages == ["svaret 'nej' (villkor) behöver en todo"]


@pytest.mark.parametrize(
    ("file", "old", "new", "expected"),
    [
        (
            "fragor/malgrupp.md",
            "{{cite fryshuset2018 utvecklingen}}",
            "{{cite fryshuset2018 finns-inte}}",
            "okänt kapitel",
        ),
        ("fragor/malgrupp.md", "{{cite fryshuset2018 utvecklingen}}", "{{cite boken kap}}", "okänd källa"),
        ("fragor/malgrupp.md", "{{cite fryshuset2018 utvecklingen}}", "{{citera boken}}", "felaktig citatmarkör"),
        (
            "fragor/malgrupp.md",
            "Målgruppen är inte avgränsad än. {{cite fryshuset2018 arbetsprocessen}}",
            "Målgruppen är inte avgränsad än.",
            "saknar källhänvisning",
        ),
        (
            "trad.yaml",
            "Ni vill betala utföraren efter resultat utan investerare. {{cite stockholm2021 exempel}}",
            "Ni vill betala utföraren efter resultat utan investerare.",
            "saknar källhänvisning",
        ),
        (
            "utfall/bedomning.md",
            "{{cite fryshuset2018 arbetsprocessen}}",
            "{{cite stockholm2021 exempel s. 4}}",
            "inga sidnummer",
        ),
        ("fragor/malgrupp.md", "Målgruppen är inte avgränsad än.", "Se [här](/x).", "länkar hör hemma i hjälptexten"),
    ],
)
def test_tree_texts_citations_are_checked(
    tmp_path: Path, content: Content, file: str, old: str, new: str, expected: str
) -> None:
    errors = _errors(tmp_path, content, lambda s: _edit(s / file, old, new))
    assert any(expected in e.message for e in errors), errors
    assert all(e.line >= 1 and str(e.path).endswith(file) for e in errors if expected in e.message)


@pytest.mark.parametrize(
    ("file", "old", "new", "expected"),
    [
        ("fragor/forankring.md", "signal: villkor", "signal: kanske", "fältet 'options.1.signal'"),
        ("fragor/forankring.md", "id: forankring", "id: annat", "ska vara samma som filnamnet"),
        ("utfall/bedomning.md", "  lamplig: >-", "  lamplig_x: >-", "summaries"),
        ("trad.yaml", "start: utover-ordinarie", "start: bedomning", "är ingen fråga"),
        ("trad.yaml", "svar: [utforaren]", "svar: [guld]", "har inget svar 'guld'"),
        ("trad.yaml", "alternativ: ordinarie-upphandling", "alternativ: guld", "är ingen modell"),
    ],
)
def test_format_errors(tmp_path: Path, content: Content, file: str, old: str, new: str, expected: str) -> None:
    errors = _errors(tmp_path, content, lambda s: _edit(s / file, old, new))
    assert any(expected in e.message for e in errors), errors
    assert all(isinstance(e.line, int) and e.line >= 1 for e in errors)
