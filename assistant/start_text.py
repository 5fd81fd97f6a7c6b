"""The start page's "SIB på två minuter": cited Markdown and what to read next, content in `content/sv/start.yaml`.

Checked like the course texts and the calculators' notes (citations resolve, links and article ids exist), so the
first text a reader meets is held to the same rule as the articles. Content without the file has no such section.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from kb.errors import ContentError
from kb.loader import cited_text_problems, load_yaml_model
from kb.models import Content

FILE = "start.yaml"


class StartTextIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    text: str = Field(min_length=1)
    read_next: list[str] = Field(default_factory=list, max_length=6)


@dataclass(frozen=True)
class StartText:
    text: str
    """Cited Markdown."""
    read_next: tuple[str, ...]
    """Article ids for a reader with a quarter of an hour, in order."""


def check_start_text(root: Path, content: Content) -> tuple[StartText | None, list[ContentError]]:
    """The start text from `root/start.yaml` and every problem in it (none, and no text, when the file is absent)."""
    path = root / FILE
    if not path.is_file():
        return None, []
    meta, doc, errors = load_yaml_model(path, StartTextIn)
    if meta is None:
        return None, errors
    problems = cited_text_problems(meta.text, content, required="texten")
    errors = [ContentError(path, doc.line_of("text"), message) for message in problems]
    errors += [ContentError(path, doc.line_of("read_next", i), f"okänd artikel {article_id!r}")
               for i, article_id in enumerate(meta.read_next) if article_id not in content.articles]
    if errors:
        return None, errors
    return StartText(meta.text, tuple(meta.read_next)), []
