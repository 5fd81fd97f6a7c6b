"""Typed content: front matter schemas (parsed at the boundary) and the frozen models used inside."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

from kb.citations import Citation, strip_markers
from kb.diagrams.model import Diagram
from kb.sources import Source

Audience = Literal["politiker", "tjansteperson", "utforare", "finansiar", "kursdeltagare"]
Stage = Literal["forstudie", "forhandling", "genomforande", "avslutad", "avbruten", "pagaende"]
SLUG = r"^[a-z0-9]+(-[a-z0-9]+)*$"


class SourceRef(BaseModel):
    """A front-matter source entry: which document, which chapter, optionally pages."""

    model_config = ConfigDict(extra="forbid")
    doc: str
    section: str | None = None
    pages: str | None = Field(default=None, pattern=r"^\d+(\s*[-–]\s*\d+)?$")
    note: str | None = None

    @model_validator(mode="after")
    def _section_or_pages(self) -> SourceRef:
        if self.section is None and self.pages is None:
            raise ValueError("ange section (kapitelnyckel) eller pages")
        return self


class CaseParties(BaseModel):
    model_config = ConfigDict(extra="forbid")
    utfallsansvarig: str | None = None
    finansiar: str | None = None
    utforare: str | None = None
    intermediar: str | None = None
    utvarderare: str | None = None


class Milestone(BaseModel):
    """A dated step in a case, drawn on the case's timeline; `cite` holds its `{{cite …}}` markers."""

    model_config = ConfigDict(extra="forbid")
    year: int = Field(ge=1990, le=2100)
    month: int | None = Field(default=None, ge=1, le=12)
    label: str = Field(min_length=1, max_length=140)
    cite: str = Field(min_length=1)


class CaseBlock(BaseModel):
    """Case facts in the spirit of the INDIGO data standard."""

    model_config = ConfigDict(extra="forbid")
    stage: Stage
    start: str | None = None
    end: str | None = None
    jurisdiction: str | None = None
    sector: str | None = None
    target_population: str | None = None
    outcome_metrics: list[str] = []
    prices: str | None = None
    investment: str | None = None
    parties: CaseParties = CaseParties()
    result: str | None = None
    milestones: list[Milestone] = []
    """Dated steps in time order (at least two make a timeline on the case page)."""

    @model_validator(mode="after")
    def _milestones_in_order(self) -> CaseBlock:
        pairs = zip(self.milestones, self.milestones[1:], strict=False)
        if any(b.year < a.year or (b.year == a.year and a.month and b.month and b.month < a.month) for a, b in pairs):
            raise ValueError("milestones ska stå i tidsordning")
        return self


def _question(text: str) -> str:
    text = " ".join(text.split())
    if not 8 <= len(text) <= 200 or not text.endswith("?"):
        raise ValueError(f"{text!r} ska vara en fråga på 8–200 tecken som slutar med frågetecken")
    return text


Question = Annotated[str, AfterValidator(_question)]

ANSWER_CHARS = (40, 360)
"""A section's short answer, citation markers left out: a sentence or two that can be pasted into a reply."""


def _section_answer(text: str) -> str:
    text = " ".join(text.split())
    plain = " ".join(strip_markers(text).split())
    low, high = ANSWER_CHARS
    if not low <= len(plain) <= high:
        raise ValueError(f"ska vara ett kort svar på {low}–{high} tecken utan källmarkörer (är {len(plain)})")
    if plain.endswith("?"):
        raise ValueError("ska vara ett svar, inte en fråga")
    return text


SectionAnswer = Annotated[str, AfterValidator(_section_answer)]


class ArticleMeta(BaseModel):
    """Article front matter; unknown keys are errors."""

    model_config = ConfigDict(extra="forbid")
    id: str = Field(pattern=SLUG)
    title: str = Field(min_length=1)
    summary: str = Field(min_length=1)
    tags: list[str] = []
    audience: list[Audience] = Field(min_length=1)
    updated: dt.date
    sources: list[SourceRef] = Field(min_length=1)
    related: list[str] = []
    order: int = 100
    case: CaseBlock | None = None
    questions: dict[str, list[Question]] = {}
    """Section anchor -> questions in a reader's own words that the section answers (shown and searched)."""
    svar: dict[str, SectionAnswer] = {}
    """Section anchor -> the section's point in a sentence or two, cited: offered as the short answer when a question
    is about that section (see `kb.shortanswer`)."""


class GlossaryTermIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str = Field(pattern=SLUG)
    term: str = Field(min_length=1)
    en: str = Field(min_length=1)
    definition: str = Field(min_length=1)
    articles: list[str] = Field(min_length=1)
    sources: list[SourceRef] = Field(min_length=1)


class GlossaryMeta(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: Literal["ordlista"]
    title: str
    summary: str
    updated: dt.date
    terms: list[GlossaryTermIn] = Field(min_length=1)


@dataclass(frozen=True)
class Section:
    """A `##` section of an article (or the text before the first heading, anchor `intro`)."""

    anchor: str
    heading: str
    markdown: str
    line: int
    citations: tuple[Citation, ...]
    answer: str | None = None
    """The section's authored short answer (front matter `svar`), Markdown with citation markers."""


@dataclass(frozen=True)
class Article:
    """A validated article."""

    id: str
    theme: str
    title: str
    summary: str
    tags: tuple[str, ...]
    audience: tuple[str, ...]
    updated: dt.date
    sources: tuple[SourceRef, ...]
    related: tuple[str, ...]
    order: int
    case: CaseBlock | None
    sections: tuple[Section, ...]
    path: str
    questions: tuple[tuple[str, str], ...] = ()
    """(section anchor, question) pairs, in file order."""

    @property
    def words(self) -> int:
        return sum(len(strip_markers(s.markdown).split()) for s in self.sections)

    @property
    def reading_minutes(self) -> int:
        """Reading time at 200 words a minute (a common figure for Swedish prose), at least one minute."""
        return max(1, round(self.words / 200))

    def section(self, anchor: str) -> Section | None:
        return next((s for s in self.sections if s.anchor == anchor), None)


@dataclass(frozen=True)
class GlossaryTerm:
    id: str
    term: str
    en: str
    definition: str
    articles: tuple[str, ...]
    sources: tuple[SourceRef, ...]


@dataclass(frozen=True)
class Theme:
    key: str
    title: str
    description: str


@dataclass(frozen=True)
class Content:
    """Everything loaded from `content/sv/`, validated."""

    articles: dict[str, Article]
    themes: dict[str, Theme]
    sources: dict[str, Source]
    glossary: tuple[GlossaryTerm, ...]
    glossary_intro: str = ""
    content_hash: str = ""
    diagrams: dict[str, Diagram] = field(default_factory=dict)
    """Figures from `diagram/*.yaml`, by id; articles embed them with `{{diagram id}}`."""

    def by_theme(self, theme: str) -> list[Article]:
        return sorted((a for a in self.articles.values() if a.theme == theme), key=lambda a: (a.order, a.title))
