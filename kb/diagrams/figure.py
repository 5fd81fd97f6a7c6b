"""A diagram as a page figure: the SVG, its caption, a text equivalent with the same facts, and the sources."""

from __future__ import annotations

from kb.diagrams.flow import render_flow
from kb.diagrams.model import Diagram, FlowDiagram
from kb.diagrams.sequence import render_ladder, render_phases
from kb.diagrams.svg import esc
from kb.diagrams.timeline import Event, render_timeline
from kb.links import LinkBuilder
from kb.render import render_cited
from kb.sources import Source

EDGE_WORDS = {"pengar": "pengar", "avtal": "avtal", "insats": "insats", "rapport": "uppföljning"}


def svg_for(d: Diagram, dom_id: str) -> str:
    if isinstance(d, FlowDiagram):
        return render_flow(d, dom_id)
    return render_phases(d, dom_id) if d.kind == "phases" else render_ladder(d, dom_id)


def _item(label: str, text: str | None, sources: dict[str, Source], links: LinkBuilder) -> str:
    body = f"<strong>{esc(label)}</strong>"
    return f"<li>{body}{': ' + render_cited(text, sources, links=links) if text else ''}</li>"


def text_equivalent(d: Diagram, sources: dict[str, Source], links: LinkBuilder) -> str:
    """The figure's facts as lists, for screen readers, small screens and anyone who prefers words."""
    if isinstance(d, FlowDiagram):
        names = {n.id: n.label for n in d.nodes}
        parts = ["<p>Rollerna:</p><ul>", *(_item(n.label, n.text, sources, links) for n in d.nodes), "</ul>"]
        # A list, not <ol>: the step numbers are the picture's own (several arrows may share one, some have none).
        parts.append("<p>Pilarna:</p><ul>")
        for e in sorted(d.edges, key=lambda e: e.step or 99):
            step = f"{e.step}. " if e.step else ""
            head = f"{step}Från {names[e.from_]} till {names[e.to]} ({EDGE_WORDS[e.type]}): {e.label}"
            parts.append(_item(head, e.text, sources, links))
        return "".join([*parts, "</ul>"])
    intro = "Stegen nerifrån och upp:" if d.kind == "ladder" else "Faserna i ordning:"
    parts = [f"<p>{intro}</p><ol>", *(_item(s.label, s.text, sources, links) for s in d.steps), "</ol>"]
    if d.spans:
        steps = {s.id: s.label for s in d.steps}
        parts.append("<p>Hakparenteserna:</p><ul>")
        for span in d.spans:
            where = steps[span.from_] if span.from_ == span.to else f"{steps[span.from_]} till {steps[span.to]}"
            parts.append(_item(f"{span.label} ({where})", span.text, sources, links))
        parts.append("</ul>")
    return "".join(parts)


def figure_html(
    d: Diagram, sources: dict[str, Source], suffix: str = "", *, collapsed: bool = False, links: LinkBuilder
) -> str:
    """The whole `<figure>`; `suffix` keeps ids unique when one page shows the same diagram twice.

    `collapsed` folds the text equivalent into a `<details>` (the start page, where the article is one click away).
    """
    dom_id = f"figur-{d.id}{suffix}"
    text, cites = text_equivalent(d, sources, links), render_cited(d.cite, sources, links=links)
    return _wrap(dom_id, d.title, svg_for(d, dom_id), text, cites, collapsed)


def timeline_html(dom_id: str, title: str, description: str, events: list[tuple[Event, str]],
                  sources: dict[str, Source], *, links: LinkBuilder) -> str:
    """A case timeline; `events` pairs each event with its citation markers."""
    svg = render_timeline(title, description, [e for e, _ in events], dom_id)
    items = "".join(
        f"<li><strong>{esc(e.when)}</strong>: {render_cited(e.label + ' ' + cite, sources, links=links)}</li>"
        for e, cite in events
    )
    return _wrap(dom_id, title, svg, f"<ol>{items}</ol>", "", False)


def _wrap(dom_id: str, title: str, svg: str, text: str, cites: str, collapsed: bool) -> str:
    source = f'<p class="diagram-source">Källa: {cites}</p>' if cites else ""
    if collapsed:
        words = f'<details class="diagram-text"><summary>Figuren i text</summary>{text}{source}</details>'
    else:
        words = f'<div class="diagram-text"><p class="diagram-text-title">Figuren i text</p>{text}{source}</div>'
    return (
        f'<figure class="diagram" id="{dom_id}" aria-labelledby="{dom_id}-rubrik">'
        f'<figcaption id="{dom_id}-rubrik" class="diagram-caption">Figur: {esc(title)}</figcaption>'
        f'<div class="diagram-picture" tabindex="0" role="group" aria-labelledby="{dom_id}-rubrik">{svg}</div>{words}'
        "</figure>"
    )
