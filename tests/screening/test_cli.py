"""`sibguide screen`: answers files in every format, JSON, Swedish errors and exit codes, interactive prompts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.screening.model import Tree
from tests.conftest import FIXTURE_CONTENT, REAL_CONTENT
from tests.screening.conftest import complete
from web.screening_cli import read_answers_text, run, screen


def test_reads_yaml_json_lines_and_url_form() -> None:
    expected = {"utover-ordinarie": "ja", "kostnad": "ingen"}
    assert read_answers_text("utover-ordinarie: ja\nkostnad: ingen\n")[0] == expected
    assert read_answers_text(json.dumps({"answers": expected}))[0] == expected
    assert read_answers_text("utover-ordinarie:ja,kostnad:ingen")[0] == expected
    assert read_answers_text("# kommentar\nutover-ordinarie:ja\nkostnad:ingen")[0] == expected


def test_answers_file_gives_verdict_as_json(tmp_path: Path, tree: Tree, capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "svar.yaml"
    f.write_text("\n".join(f"{k}: {v}" for k, v in complete(tree, {}).items()), encoding="utf-8")
    assert screen(tree, str(f), as_json=True) == 0
    body = json.loads(capsys.readouterr().out)
    assert body["verdict"] == "lamplig" and body["model"]["id"] == "extern-investerare"


def test_text_output_and_incomplete_answers(tmp_path: Path, tree: Tree, capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "svar.txt"
    f.write_text("utover-ordinarie:mer-av-samma", encoding="utf-8")
    assert screen(tree, str(f), as_json=False) == 0
    out = capsys.readouterr().out
    assert "Resultat: Inte ett utfallskontrakt nu" in out and "Inte nu: 1 hinder" in out and "stannade" in out
    f.write_text("utover-ordinarie:mer-av-samma,hela:ja", encoding="utf-8")
    assert screen(tree, str(f), as_json=False) == 2
    capsys.readouterr()
    f.write_text("utover-ordinarie: ja", encoding="utf-8")
    assert screen(tree, str(f), as_json=False) == 2
    assert "Nästa fråga" in capsys.readouterr().out


def test_bad_answers_and_missing_file_exit_1(tmp_path: Path, tree: Tree, capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "svar.yaml"
    f.write_text("malgrupp: kanske", encoding="utf-8")
    assert screen(tree, str(f), as_json=False) == 1
    assert "inget svar på frågan" in capsys.readouterr().err
    assert screen(tree, str(tmp_path / "saknas.yaml"), as_json=False) == 1
    assert "Kunde inte läsa svarsfilen" in capsys.readouterr().err


def test_interactive_prompts_with_help_and_back(tree: Tree, capsys: pytest.CaptureFixture[str]) -> None:
    replies = iter(["?", "1", "t", "1", "x", "1"] + ["1"] * 40)
    assert screen(tree, None, as_json=False, ask=lambda _: next(replies)) == 0
    out = capsys.readouterr().out
    assert "Fråga 1 av cirka" in out and "Skriv numret" in out and "Resultat: Lämplig" in out
    assert "{{cite" not in out


@pytest.mark.parametrize("error", [EOFError, KeyboardInterrupt])
def test_interactive_ends_cleanly_on_ctrl_d_and_ctrl_c(
    error: type[BaseException], tree: Tree, capsys: pytest.CaptureFixture[str]
) -> None:
    replies = iter(["1", "1"])

    def ask(_: str) -> str:
        try:
            return next(replies)
        except StopIteration:
            raise error from None

    assert screen(tree, None, as_json=False, ask=ask) == 130
    out = capsys.readouterr().out
    assert "avbröts" in out and "Traceback" not in out


def test_content_without_a_screening_exits_1_with_a_swedish_line(capsys: pytest.CaptureFixture[str]) -> None:
    """`run` validates the folder first (the real command end to end is the subprocess test below)."""
    assert run(FIXTURE_CONTENT, None, as_json=False) == 1
    assert "har ingen screening" in capsys.readouterr().err


@pytest.mark.external
def test_sibguide_screen_ends_cleanly_when_input_ends() -> None:
    """The real command with stdin at end of file after one answer: a Swedish line, no traceback."""
    import os
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[2]
    env = os.environ | {"PYTHONPATH": str(root), "SIBGUIDE_CONTENT_DIR": str(REAL_CONTENT)}
    done = subprocess.run(
        [sys.executable, "-m", "web.cli", "screen"],
        input="1\n",
        capture_output=True,
        text=True,
        cwd=root,
        env=env,
        timeout=120,
        check=False,
    )
    assert done.returncode == 130 and "avbröts" in done.stdout, done.stderr[-500:]
    assert "Traceback" not in done.stderr and "EOFError" not in done.stderr
