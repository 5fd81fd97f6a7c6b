"""Tree texts carry `{{cite …}}` markers like articles; here they become readable references or disappear."""

from __future__ import annotations

import re
from collections.abc import Mapping

from kb.citations import CITE_RE, Citation, find_citations, format_citation, parse_pages, strip_markers
from kb.sources import Source

__all__ = ["citations_of", "plain", "strip_markers", "with_references"]

_SPACES = re.compile(r"[ \t]+")


def plain(text: str) -> str:
    """The text without markers (for JSON reasons, the CLI's short lines and the diagram)."""
    return _SPACES.sub(" ", strip_markers(text)).strip()


def citations_of(text: str) -> list[Citation]:
    """The distinct citations in a text, in order."""
    out: list[Citation] = []
    for _, c in find_citations(text):
        if c not in out:
            out.append(c)
    return out


def with_references(text: str, sources: Mapping[str, Source]) -> str:
    """Markers replaced by `(Fryshuset 2018, ”Kapitel”)`, for exports and the terminal."""

    def ref(m: re.Match[str]) -> str:
        c = Citation(m["doc"], m["chapter"], parse_pages(m["first"], m["last"]))
        if c.doc not in sources or c.chapter not in sources[c.doc].chapters:
            return ""
        return f"({format_citation(c, dict(sources))})"

    return _SPACES.sub(" ", CITE_RE.sub(ref, text)).strip()
