"""Per-page context objects: what each template gets, documented in one place."""

from __future__ import annotations

from dataclasses import dataclass

from kb.currency import LegalState, article_legal_states, source_years
from kb.models import Article, Content, GlossaryTerm
from kb.render import render_inline, render_markdown
from kb.sources import Source, format_pages


@dataclass(frozen=True)
class RenderedSection:
    """A section ready for the page: anchor for deep links, heading, and safe HTML."""

    anchor: str
    heading: str
    html: str


@dataclass(frozen=True)
class ArticleView:
    """Everything the article page shows besides the article itself."""

    article: Article
    summary_html: str
    sections: tuple[RenderedSection, ...]
    source_labels: tuple[str, ...]
    related: tuple[Article, ...]
    terms: tuple[GlossaryTerm, ...]
    legal_states: tuple[LegalState, ...] = ()
    """Legal states described by cited chapters: each shows "Rättsläget … – kontrollera gällande regler"."""
    source_years: tuple[int, ...] = ()
    """Years of the sources the text rests on, shown apart from the date the text was reviewed (`updated`)."""


def source_label(doc: str, section: str | None, pages: str | None, sources: dict[str, Source]) -> str:
    source = sources[doc]
    label = f"{source.short}: {source.title}"
    if section:
        label += f", ”{source.chapters[section].title}”"
    shown = pages.replace("-", "–") if pages else None
    if shown is None and section:
        span = source.chapter_pages(section)
        shown = format_pages(span) if span else None
    if shown:
        label += f", s. {shown}"
    return label


def article_view(article: Article, content: Content) -> ArticleView:
    sections = tuple(
        RenderedSection(s.anchor, s.heading, render_markdown(s.markdown, content.sources)) for s in article.sections
    )
    labels = tuple(dict.fromkeys(source_label(r.doc, r.section, r.pages, content.sources) for r in article.sources))
    related = tuple(content.articles[r] for r in article.related if r in content.articles)
    terms = tuple(t for t in content.glossary if article.id in t.articles)
    return ArticleView(article, render_inline(article.summary), sections, labels, related, terms,
                       article_legal_states(article, content.sources), source_years(article, content.sources))

