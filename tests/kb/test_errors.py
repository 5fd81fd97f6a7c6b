"""Pydantic's errors in Swedish, one translator for content and web; BOMs accepted; start-up prints only the list."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Literal

import pytest
from pydantic import BaseModel, Field, ValidationError

from assistant.screening.load import load_tree
from assistant.validate import check_all
from kb.errors import ContentError, field_path, root_causes_first, swedish_pydantic_error
from tests.conftest import FIXTURE_CONTENT, REAL_CONTENT
from web.cli import main
from web.settings import get_settings


class _Model(BaseModel):
    title: str
    count: int = Field(ge=1)
    kind: Literal["a", "b"]
    tags: list[str] = Field(max_length=2)


def _messages(data: dict[str, object]) -> dict[str, str]:
    with pytest.raises(ValidationError) as info:
        _Model.model_validate(data)
    return {field_path(e["loc"]): swedish_pydantic_error(e) for e in info.value.errors()}


def test_pydantic_errors_are_said_in_swedish() -> None:
    got = _messages({"title": ["x"], "count": 0, "kind": "c", "tags": ["1", "2", "3"]})
    assert got == {
        "title": "måste vara text",
        "count": "måste vara minst 1",
        "kind": "måste vara något av 'a' eller 'b'",
        "tags": "får ha högst 2 delar",
    }
    assert _messages({"count": "x", "kind": "a", "tags": []}) == {"title": "saknas", "count": "måste vara ett heltal"}


def test_own_validator_messages_lose_pydantics_prefix_and_unknown_types_get_a_plain_phrase() -> None:
    assert swedish_pydantic_error({"type": "value_error", "msg": "Value error, id ska vara kort"}) == "id ska vara kort"
    assert swedish_pydantic_error({"type": "something_new", "msg": "English"}) == "har ett ogiltigt värde"


def test_field_path_drops_pydantics_type_tags() -> None:
    assert field_path(("answers", "dict[str,str]", "malgrupp")) == "answers.malgrupp"
    assert field_path(("plans", 0, "function-after[_check(), PlanIn]", "title")) == "plans.0.title"


def _copy(src: Path, tmp_path: Path) -> Path:
    root = tmp_path / "sv"
    shutil.copytree(src, root)
    return root


def test_a_wrong_type_in_front_matter_is_reported_in_swedish(tmp_path: Path) -> None:
    root = _copy(FIXTURE_CONTENT, tmp_path)
    path = root / "grunder" / "vad-ar-sib.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("title:", "title: [1, 2]\nold_title:", 1), encoding="utf-8")
    _, errors = check_all(root)
    messages = [e.message for e in errors if e.path.name == "vad-ar-sib.md"]
    assert any("fältet 'title': måste vara text" in m for m in messages), messages
    assert not any("Input should" in str(e) for e in errors)


def test_a_wrong_type_in_the_screening_tree_is_reported_in_swedish(tmp_path: Path) -> None:
    folder = _copy(REAL_CONTENT / "screening", tmp_path)
    trad = folder / "trad.yaml"
    trad.write_text(trad.read_text(encoding="utf-8").replace("start: ", "start: [", 1).replace(
        "[utover-ordinarie", "[1]"), encoding="utf-8")
    _, errors, _ = load_tree(folder)
    assert any(e.message == "fältet 'start': måste vara text" and e.line == 3 for e in errors), errors


def test_a_utf8_bom_is_accepted_in_markdown_and_yaml(tmp_path: Path) -> None:
    root = _copy(FIXTURE_CONTENT, tmp_path)
    for name in ("grunder/vad-ar-sib.md", "kallor.yaml", "ordlista.md"):
        path = root / name
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    content, errors = check_all(root)
    assert errors == [] and content is not None
    assert content.articles["vad-ar-sib"].title and not content.articles["vad-ar-sib"].title.startswith("\ufeff")


def test_follow_ups_come_after_the_cause_and_are_marked() -> None:
    broken, other = Path("grunder/roller.md"), Path("ekonomi/a.md")
    errors = [
        ContentError(other, 3, "related: artikeln 'roller' finns inte"),
        ContentError(other, 9, "avsnittet 'x' saknar källhänvisning"),
        ContentError(broken, 4, "felaktig YAML: något"),
    ]
    assert [str(e.path) + ":" + e.message for e in root_causes_first(errors)] == [
        "ekonomi/a.md:avsnittet 'x' saknar källhänvisning",
        "grunder/roller.md:felaktig YAML: något",
        "ekonomi/a.md:följdfel: related: artikeln 'roller' finns inte",
    ]


def test_serve_with_content_errors_prints_only_the_list(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _copy(REAL_CONTENT, tmp_path)
    path = root / "grunder" / "roller.md"
    path.write_text(path.read_text(encoding="utf-8").replace("---\n", "---\ntitle: [\n", 1), encoding="utf-8")
    monkeypatch.setenv("SIBGUIDE_CONTENT_DIR", str(root))
    get_settings.cache_clear()
    try:
        assert main(["serve", "--port", "8150"]) == 1
    finally:
        get_settings.cache_clear()
    out = capsys.readouterr()
    lines = out.err.strip().splitlines()
    assert "Traceback" not in out.err + out.out
    assert "felaktig YAML" in lines[0] and "roller.md:" in lines[0]
    assert len(lines) > 3 and all("följdfel: " in line for line in lines[1:-1])
    assert lines[-1] == f"{len(lines) - 1} fel i innehållet."


def test_bad_settings_are_named_by_variable_in_swedish_without_a_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("SIBGUIDE_MAX_QUERY_CHARS", "många")
    monkeypatch.setenv("SIBGUIDE_PORT", "0")
    get_settings.cache_clear()
    try:
        assert main(["check"]) == 2
    finally:
        get_settings.cache_clear()
    err = capsys.readouterr().err
    assert "Traceback" not in err and "Input should" not in err
    assert err.splitlines() == ["Felaktiga inställningar:", "SIBGUIDE_PORT: måste vara minst 1",
                                "SIBGUIDE_MAX_QUERY_CHARS: måste vara ett heltal"]
