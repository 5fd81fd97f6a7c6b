"""The source registry (`kallor.yaml`): the documents every fact is traced to."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError

from kb.errors import ContentError
from kb.frontmatter import parse_yaml_with_lines


class _ChapterIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    title: str
    lines: tuple[int, int]
    rattslage: str | None = None


class _SourceIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    title: str
    author: str
    publisher: str
    year: int
    file: str
    short: str
    pages: tuple[int, int] | None = None
    chapters: dict[str, _ChapterIn]


@dataclass(frozen=True)
class Chapter:
    """A chapter or section of a source, by key; `lines` locate it in the source text file."""

    key: str
    title: str
    lines: tuple[int, int]
    rattslage: str | None = None
    """When the chapter describes law or regulation: the date of that legal state in words ("våren 2018"), so
    pages and answers resting on it can say the rules may have changed since."""


@dataclass(frozen=True)
class Source:
    """One source document with full bibliographic data."""

    key: str
    title: str
    author: str
    publisher: str
    year: int
    file: str
    short: str
    pages: tuple[int, int] | None
    chapters: dict[str, Chapter]

    def page_in_range(self, page: int) -> bool:
        return self.pages is not None and self.pages[0] <= page <= self.pages[1]


def load_sources(path: Path) -> tuple[dict[str, Source], list[ContentError]]:
    """Load `kallor.yaml`; returns the registry and any problems."""
    if not path.exists():
        return {}, [ContentError(path, 1, "källregistret saknas")]
    data, key_lines, _, errors = parse_yaml_with_lines(path.read_text(encoding="utf-8"), path)
    if errors:
        return {}, errors
    if not isinstance(data, dict):
        return {}, [ContentError(path, 1, "källregistret ska vara en mappning från nyckel till källa")]
    sources: dict[str, Source] = {}
    for key, raw in data.items():
        try:
            parsed = _SourceIn.model_validate(raw)
        except ValidationError as exc:
            for err in exc.errors():
                where = ".".join(str(p) for p in err["loc"])
                errors.append(ContentError(path, key_lines.get(str(key), 1), f"källan {key!r}: {where}: {err['msg']}"))
            continue
        chapters = {k: Chapter(k, c.title, c.lines, c.rattslage) for k, c in parsed.chapters.items()}
        sources[str(key)] = Source(
            str(key),
            parsed.title,
            parsed.author,
            parsed.publisher,
            parsed.year,
            parsed.file,
            parsed.short,
            parsed.pages,
            chapters,
        )
    return sources, errors
