"""The calculators' notes are content (`content/sv/rakna/*.yaml`): loaded, cited and checked like other content."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from assistant import kalkyl, redovisning
from assistant.calculator_text import check_calculator_texts
from kb.loader import load_content
from kb.models import Content
from tests.conftest import REAL_CONTENT


@pytest.fixture(scope="module")
def content() -> Content:
    return load_content(REAL_CONTENT)


def test_real_notes_have_every_key_the_pages_show_with_sources(content: Content) -> None:
    texts, errors = check_calculator_texts(REAL_CONTENT, content)
    assert errors == []
    for calc in (kalkyl.CALCULATOR, redovisning.CALCULATOR):
        text = texts[calc.key]
        assert set(text.notes) == set(calc.notes)
        assert all("{{cite " in note for note in text.notes.values())
        assert text.citations and all(c.startswith("Fryshuset 2018, ”") for c in text.citations)
    assert texts["redovisning"].disclaimer and texts["kalkyl"].disclaimer is None


def _copy(tmp_path: Path) -> Path:
    root = tmp_path / "sv"
    shutil.copytree(REAL_CONTENT / "rakna", root / "rakna")
    return root


def test_broken_notes_are_reported_as_path_line(tmp_path: Path, content: Content) -> None:
    root = _copy(tmp_path)
    path = root / "rakna" / "kalkyl.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("{{cite fryshuset2018 intermediar}}", "{{cite fryshuset2018 finns-inte}}", 1)
    text = text.replace("(artikel:vardera-utfall#steg-for-steg)", "(artikel:finns-inte)")
    text = text.replace("  nuvarde: >-", "  okand: >-")
    path.write_text(text + "  pris2: Utan källa.\n", encoding="utf-8")
    texts, errors = check_calculator_texts(root, content)
    assert "kalkyl" not in texts and "redovisning" in texts
    lines = text.split("\n")
    messages = {(e.line, e.message.split(" (")[0]) for e in errors}
    underlag = next(i for i, line in enumerate(lines, 1) if line.startswith("  underlag:"))
    metod = next(i for i, line in enumerate(lines, 1) if line.startswith("  metod:"))
    okand = next(i for i, line in enumerate(lines, 1) if line.startswith("  okand:"))
    notes = next(i for i, line in enumerate(lines, 1) if line.startswith("notes:"))
    assert (underlag, "okänt kapitel 'finns-inte' i fryshuset2018") in messages
    assert (metod, "länken går inte att följa: artikeln 'finns-inte' finns inte") in messages
    assert (okand, "okänd förklaring 'okand'") in messages
    assert (notes, "förklaringen 'nuvarde' saknas under notes") in messages
    assert any(e.message.startswith("förklaringen saknar källhänvisning") for e in errors)
    assert all(e.path == path for e in errors)


def test_a_missing_file_an_unknown_key_and_an_unknown_calculator_are_errors(tmp_path: Path, content: Content) -> None:
    root = _copy(tmp_path)
    (root / "rakna" / "redovisning.yaml").unlink()
    (root / "rakna" / "bolan.yaml").write_text("notes: {}\n", encoding="utf-8")
    kalkyl_file = root / "rakna" / "kalkyl.yaml"
    kalkyl_file.write_text(kalkyl_file.read_text(encoding="utf-8") + "titel: fel\n", encoding="utf-8")
    _, errors = check_calculator_texts(root, content)
    found = {(e.path.name, e.message.split(" (")[0]) for e in errors}
    assert ("redovisning.yaml", "filen saknas: Redovisningsillustration behöver sina förklaringar här") in found
    assert ("bolan.yaml", "okänd räknare 'bolan'") in found
    assert ("kalkyl.yaml", "okänd nyckel 'titel' i front matter") in found


def test_content_without_a_rakna_folder_has_no_calculators(tmp_path: Path, content: Content) -> None:
    assert check_calculator_texts(tmp_path, content) == ({}, [])
