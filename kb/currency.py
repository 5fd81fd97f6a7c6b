"""How current an article's sources are: the legal state a cited chapter describes and the sources' years.

Computed from the citations and `kallor.yaml` (a chapter's `rattslage`), so no editor has to place a warning by hand;
article pages and search answers show the same notice.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from kb.citations import Citation
from kb.models import Article
from kb.sources import Source


@dataclass(frozen=True)
class LegalState:
    """A cited chapter that describes law or regulation as it stood at a date."""

    rattslage: str
    doc: str
    chapter: str
    chapter_title: str
    source_short: str

    @property
    def notice(self) -> str:
        """The visible warning, e.g. `Rättsläget våren 2018 – kontrollera gällande regler`."""
        return f"Rättsläget {self.rattslage} – kontrollera gällande regler"


def legal_states(citations: Iterable[Citation], sources: dict[str, Source]) -> tuple[LegalState, ...]:
    """The legal states the cited chapters describe, once each, in citation order."""
    found: dict[tuple[str, str], LegalState] = {}
    for c in citations:
        source = sources.get(c.doc)
        chapter = source.chapters.get(c.chapter) if source else None
        if source and chapter and chapter.rattslage and (c.doc, c.chapter) not in found:
            found[(c.doc, c.chapter)] = LegalState(chapter.rattslage, c.doc, c.chapter, chapter.title, source.short)
    return tuple(found.values())


def article_citations(article: Article) -> list[Citation]:
    """Every chapter an article rests on: its inline markers and its front-matter sources."""
    inline = [c for s in article.sections for c in s.citations]
    declared = [Citation(r.doc, r.section, r.pages) for r in article.sources if r.section]
    return inline + declared


def article_legal_states(article: Article, sources: dict[str, Source]) -> tuple[LegalState, ...]:
    return legal_states(article_citations(article), sources)


def source_years(article: Article, sources: dict[str, Source]) -> tuple[int, ...]:
    """The publication years of the sources an article rests on, oldest first."""
    return tuple(sorted({sources[r.doc].year for r in article.sources if r.doc in sources}))
