"""Per-page context objects: what each template gets, documented in one place."""

from __future__ import annotations

from dataclasses import dataclass

from kb.currency import LegalState, article_legal_states, source_years
from kb.diagrams.figure import figure_html, timeline_html
from kb.diagrams.timeline import Event
from kb.links import LinkBuilder
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
    timeline_html: str = ""
    """A case's timeline figure, generated from its milestones (empty when it has fewer than two)."""
    lead_section: RenderedSection | None = None
    """The summary for decision makers (anchor `sammanfattning`): the page shows it first, not in its place."""

    @property
    def body_sections(self) -> tuple[RenderedSection, ...]:
        return tuple(s for s in self.sections if s is not self.lead_section)


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


LEAD_ANCHORS = ("sammanfattning", "for-beslutsfattare")


def case_timeline(article: Article, content: Content, links: LinkBuilder) -> str:
    """The case's milestones as a timeline figure, or "" when there are fewer than two."""
    if article.case is None or len(article.case.milestones) < 2:
        return ""
    events = [(Event(m.year, m.month, m.label), m.cite) for m in article.case.milestones]
    years = sorted({e.year for e, _ in events})
    title = f"Tidslinje: {article.title} {years[0]}–{years[-1]}"
    description = "; ".join(f"{e.when}: {e.label}" for e, _ in events)
    return timeline_html(f"tidslinje-{article.id}", title, description, events, content.sources, links=links)


def article_view(article: Article, content: Content, links: LinkBuilder) -> ArticleView:
    """The article rendered once; `links` (the site's URL builder) gives its links and citations their addresses."""

    def figure(diagram_id: str) -> str:
        return figure_html(content.diagrams[diagram_id], content.sources, links=links)

    rendered = [
        RenderedSection(s.anchor, s.heading, render_markdown(s.markdown, content.sources, figure, links=links))
        for s in article.sections
    ]
    lead = next((r for r in rendered if r.anchor in LEAD_ANCHORS), None)
    sections = tuple(rendered)
    labels = tuple(dict.fromkeys(source_label(r.doc, r.section, r.pages, content.sources) for r in article.sources))
    related = tuple(content.articles[r] for r in article.related if r in content.articles)
    terms = tuple(t for t in content.glossary if article.id in t.articles)
    return ArticleView(
        article, render_inline(article.summary, links=links), sections, labels, related, terms,
        article_legal_states(article, content.sources), source_years(article, content.sources),
        case_timeline(article, content, links), lead,
    )

