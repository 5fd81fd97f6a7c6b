"""The one typed `Site`: everything the routes read, built once in the lifespan (`web.app`) from the content that
passed validation, and handed to the routes through the dependency aliases in `web.deps`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from assistant.kurs.plans import Plan
from assistant.screening.model import Tree
from kb.chunk import Passage
from kb.models import Article, Content
from kb.service import SearchService
from kb.sources import Source
from web.settings import Settings
from web.views import ArticleView

if TYPE_CHECKING:  # the course views and calculators are built by their own areas; the types only name them here
    from web.routes.kalkyl import Loaded
    from web.routes.kurs import ModuleView


@dataclass(frozen=True)
class TwoMinutes:
    """The start page's "SIB på två minuter": cited text, the money-flow figure and what to read next."""

    text: str
    figure: str
    next: tuple[Article, ...]


@dataclass(frozen=True)
class ScreeningState:
    """The checked tree with its help texts rendered once, and article titles for citations."""

    tree: Tree
    help_html: dict[str, str]
    titles: dict[str, str]
    sources: dict[str, Source]


@dataclass(frozen=True)
class Site:
    """What the app serves. Everything but the search service is read-only once built."""

    settings: Settings
    content: Content
    search: SearchService
    """Answers with BM25 at once; its index is swapped to hybrid when the background build ends."""
    articles: dict[str, ArticleView]
    """Every article rendered once, by id."""
    passages: dict[str, Passage]
    """The search passages by id, so a search citation (`?markera=`) can highlight its section."""
    two_minutes: TwoMinutes | None
    """None when the content has no start text (`start.yaml`)."""
    screening: ScreeningState | None
    """None when the content has no screening folder (the screening pages then answer 404)."""
    course: dict[str, ModuleView]
    """The course modules rendered once, by id, in course order."""
    plans: dict[str, Plan]
    """The trainer's course plans by id."""
    calculators: dict[str, Loaded]
    """Each calculator's notes as checked and as rendered once, by calculator key."""

    def health(self) -> dict[str, Any]:
        """`/healthz`: liveness, what the app runs on, and the search mode as it is now."""
        return {
            "status": "ok",
            "articles": len(self.content.articles),
            "glossary_terms": len(self.content.glossary),
            "search": self.search.health(),
        }
