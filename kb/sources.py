"""The source registry (`kallor.yaml`): the documents every fact is traced to, and where their printed pages are."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError

from kb.errors import ContentError, swedish_pydantic_error
from kb.frontmatter import read_yaml


class _ChapterIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    title: str
    lines: tuple[int, int]
    pages: tuple[int, int] | None = None
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
    page_lines: dict[int, tuple[int, int]] = {}
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
    pages: tuple[int, int] | None = None
    """The printed pages the chapter is known to span (established from the text), or None when unknown."""


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
    page_lines: dict[int, tuple[int, int]] = field(default_factory=dict)
    """Printed page -> the lines of the source text known to lie on that page (not necessarily all of them)."""

    def page_in_range(self, page: int) -> bool:
        return self.pages is not None and self.pages[0] <= page <= self.pages[1]

    def chapter_pages(self, chapter: str) -> tuple[int, int] | None:
        found = self.chapters.get(chapter)
        return found.pages if found else None

    def page_of_line(self, line: int) -> int | None:
        """The printed page a line of the source text is on, where the text establishes it."""
        return next((p for p, (a, b) in self.page_lines.items() if a <= line <= b), None)


def format_pages(pages: tuple[int, int]) -> str:
    """`(56, 61)` -> `56–61`; a single page -> `58`."""
    return str(pages[0]) if pages[0] == pages[1] else f"{pages[0]}–{pages[1]}"


def _page_problems(parsed: _SourceIn, key: str) -> list[str]:
    """Chapter ranges and page anchors must agree with each other and with the document's range."""
    problems = []
    doc = parsed.pages

    def outside(span: tuple[int, int]) -> bool:
        return span[0] > span[1] or (doc is not None and not (doc[0] <= span[0] and span[1] <= doc[1]))

    for ck, chapter in parsed.chapters.items():
        if chapter.pages is None:
            continue
        if doc is None:
            problems.append(f"källan {key!r}: kapitlet {ck!r} har sidor men källan har inga sidnummer")
        elif outside(chapter.pages):
            problems.append(f"källan {key!r}: kapitlet {ck!r} har sidorna {list(chapter.pages)}, utanför {list(doc)}")
    previous: tuple[int, int, int] | None = None
    for page, (first, last) in sorted(parsed.page_lines.items()):
        if doc is None or not doc[0] <= page <= doc[1] or first > last:
            problems.append(f"källan {key!r}: page_lines {page}: {[first, last]} är inte en giltig sida och rad")
            continue
        if previous is not None and first <= previous[2]:
            problems.append(f"källan {key!r}: page_lines {page} börjar före slutet av sidan {previous[0]}")
        previous = (page, first, last)
        for ck, chapter in parsed.chapters.items():
            overlaps = first <= chapter.lines[1] and last >= chapter.lines[0]
            if overlaps and chapter.pages is not None and not chapter.pages[0] <= page <= chapter.pages[1]:
                problems.append(
                    f"källan {key!r}: page_lines {page} ligger i kapitlet {ck!r} som har sidorna {list(chapter.pages)}"
                )
    return problems


def load_sources(path: Path) -> tuple[dict[str, Source], list[ContentError]]:
    """Load `kallor.yaml`; returns the registry and any problems."""
    if not path.exists():
        return {}, [ContentError(path, 1, "källregistret saknas")]
    data, key_lines, _, errors = read_yaml(path)
    if errors:
        return {}, errors
    if not isinstance(data, dict):
        return {}, [ContentError(path, 1, "källregistret ska vara en mappning från nyckel till källa")]
    sources: dict[str, Source] = {}
    for key, raw in data.items():
        line = key_lines.get(str(key), 1)
        try:
            parsed = _SourceIn.model_validate(raw)
        except ValidationError as exc:
            for err in exc.errors():
                where = ".".join(str(p) for p in err["loc"])
                errors.append(ContentError(path, line, f"källan {key!r}: {where}: {swedish_pydantic_error(err)}"))
            continue
        problems = _page_problems(parsed, str(key))
        errors += [ContentError(path, key_lines.get(f"{key}.page_lines", line), p) for p in problems]
        chapters = {k: Chapter(k, c.title, c.lines, c.rattslage, c.pages) for k, c in parsed.chapters.items()}
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
            dict(sorted(parsed.page_lines.items())),
        )
    return sources, errors
