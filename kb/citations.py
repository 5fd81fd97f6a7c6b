"""Citation markers in article bodies: `{{cite DOC CHAPTER}}` or `{{cite DOC CHAPTER s. 56-58}}`."""

from __future__ import annotations

import re
from dataclasses import dataclass

from kb.sources import Source, format_pages

CITE_RE = re.compile(
    r"\{\{\s*cite\s+(?P<doc>[a-z0-9-]+)\s+(?P<chapter>[a-z0-9-]+)"
    r"(?:\s*,?\s*s\.\s*(?P<first>\d+)(?:\s*[-–]\s*(?P<last>\d+))?)?\s*\}\}"
)
ANY_MARKER_RE = re.compile(r"\{\{.*?\}\}")
DIAGRAM_RE = re.compile(r"\{\{\s*diagram\s+(?P<id>[a-z0-9-]+)\s*\}\}")
"""An article's marker for a figure from `content/sv/diagram/<id>.yaml`, alone on its line."""


@dataclass(frozen=True)
class Citation:
    """A reference to a source document, chapter and optionally pages."""

    doc: str
    chapter: str
    pages: str | None = None

    @property
    def page_numbers(self) -> list[int]:
        if not self.pages:
            return []
        return [int(p) for p in re.split(r"\s*[-–]\s*", self.pages)]


def parse_pages(first: str | None, last: str | None) -> str | None:
    if first is None:
        return None
    return f"{first}-{last}" if last else first


def find_citations(text: str) -> list[tuple[int, Citation]]:
    """Every well-formed marker with its character offset."""
    return [
        (m.start(), Citation(m["doc"], m["chapter"], parse_pages(m["first"], m["last"])))
        for m in CITE_RE.finditer(text)
    ]


def malformed_markers(text: str, *, diagrams: bool = False) -> list[tuple[int, str]]:
    """Markers that look like `{{...}}` but are not valid citations (nor, where allowed, diagrams)."""
    return [
        (m.start(), m.group(0))
        for m in ANY_MARKER_RE.finditer(text)
        if not CITE_RE.fullmatch(m.group(0)) and not (diagrams and DIAGRAM_RE.fullmatch(m.group(0)))
    ]


def citation_problem(citation: Citation, sources: dict[str, Source]) -> str | None:
    """Why a citation does not resolve, or None when it does."""
    source = sources.get(citation.doc)
    if source is None:
        return f"okänd källa {citation.doc!r} (finns: {', '.join(sorted(sources))})"
    if citation.chapter not in source.chapters:
        return f"okänt kapitel {citation.chapter!r} i {citation.doc} (finns: {', '.join(source.chapters)})"
    chapter_pages = source.chapter_pages(citation.chapter)
    for page in citation.page_numbers:
        if not source.page_in_range(page):
            if source.pages is None:
                return f"{citation.doc} har inga sidnummer; citera kapitel i stället för s. {page}"
            return f"sidan {page} ligger utanför {citation.doc} (s. {source.pages[0]}–{source.pages[1]})"
        if chapter_pages is not None and not chapter_pages[0] <= page <= chapter_pages[1]:
            return (
                f"sidan {page} ligger utanför kapitlet {citation.chapter} i {citation.doc} "
                f"(s. {format_pages(chapter_pages)})"
            )
    return None


def shown_pages(citation: Citation, sources: dict[str, Source]) -> str | None:
    """The pages a reader sees: the cited page(s), else the chapter's page range where the text establishes it."""
    if citation.pages:
        return citation.pages.replace("-", "–")
    source = sources.get(citation.doc)
    span = source.chapter_pages(citation.chapter) if source else None
    return format_pages(span) if span else None


def format_citation(citation: Citation, sources: dict[str, Source]) -> str:
    """Human-readable reference, e.g. `Fryshuset 2018, ”Effektmätningens roll …”, s. 58`."""
    source = sources[citation.doc]
    text = f"{source.short}, ”{source.chapters[citation.chapter].title}”"
    pages = shown_pages(citation, sources)
    if pages:
        text += f", s. {pages}"
    return text


def strip_markers(text: str) -> str:
    """Text without citation or diagram markers (for search and summaries)."""
    return DIAGRAM_RE.sub("", re.sub(r"\s*" + CITE_RE.pattern, "", text))
