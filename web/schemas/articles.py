"""`GET /api/articles` and `GET /api/articles/{id}`: built from the article views the pages render."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, Field

from kb.links import LinkBuilder
from kb.models import Article, CaseBlock, SourceRef
from web.views import ArticleView


class ArticleSummary(BaseModel):
    """An article as listed: what the theme pages and the start page show of it."""

    id: str
    title: str
    summary: str
    theme: str
    url: str
    tags: list[str]
    audience: list[str]
    updated: dt.date

    @classmethod
    def of(cls, a: Article, links: LinkBuilder) -> ArticleSummary:
        return cls(id=a.id, title=a.title, summary=a.summary, theme=a.theme, url=links.article(a.id), tags=list(a.tags),
                   audience=list(a.audience), updated=a.updated)


class ArticleList(BaseModel):
    count: int
    articles: list[ArticleSummary] = Field(description="Alla artiklar, tema för tema i temanas ordning.")


class SectionCitation(BaseModel):
    doc: str
    section: str = Field(description="Kapitelnyckeln i källregistret.")
    pages: str | None


class ArticleSection(BaseModel):
    """A `##` section: Markdown as written (with citation markers) and the HTML the page shows."""

    anchor: str
    heading: str
    markdown: str
    html: str
    citations: list[SectionCitation]


class ArticleDetail(ArticleSummary):
    """One article with its sources, related ids, case data and sections."""

    sources: list[SourceRef]
    related: list[str]
    case: CaseBlock | None = Field(description="Fallets uppgifter (bara artiklar under fall/).")
    sections: list[ArticleSection]

    @classmethod
    def of_view(cls, view: ArticleView, links: LinkBuilder) -> ArticleDetail:
        a = view.article
        sections = [
            ArticleSection(anchor=s.anchor, heading=s.heading, markdown=s.markdown, html=r.html, citations=[
                SectionCitation(doc=c.doc, section=c.chapter, pages=c.pages) for c in s.citations])
            for s, r in zip(a.sections, view.sections, strict=True)
        ]
        return cls(**ArticleSummary.of(a, links).model_dump(), sources=list(a.sources), related=list(a.related),
                   case=a.case, sections=sections)
