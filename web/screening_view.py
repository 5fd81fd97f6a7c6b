"""What the screening pages show besides the engine's verdict: cited tree texts as HTML, the summary's most
important steps, and which guide links go where so that each article is linked once on a result page."""

from __future__ import annotations

import re

from markupsafe import Markup, escape

from assistant.screening.model import ArticleRef, Verdict
from kb.citations import CITE_RE, Citation, parse_pages
from kb.links import LinkBuilder
from kb.render import cite_html
from kb.sources import Source


def cited_html(text: str, sources: dict[str, Source], links: LinkBuilder) -> Markup:
    """A tree text (reason, to-do, model text) as HTML: escaped, its markers as visible source references."""

    def ref(m: re.Match[str]) -> str:
        c = Citation(m["doc"], m["chapter"], parse_pages(m["first"], m["last"]))
        return " " + cite_html(c, sources, links) if c.doc in sources else ""

    return Markup(CITE_RE.sub(ref, str(escape(text))))


def top_steps(verdict: Verdict, count: int = 3) -> list[str]:
    """The most important things to do. "Inte nu": the blockers' to-dos, then the way forward. Otherwise: the
    conditions, then the förstudie step, then what to find out."""
    todo = {k: [f.reason.option.todo or "" for f in verdict.of_kind(k)] for k in ("hinder", "villkor", "utreda")}
    found = {t for texts in todo.values() for t in texts}
    general = [s.text for s in verdict.next_steps if s.text not in found]
    if verdict.verdict == "inte_sib_nu":
        order = [*todo["hinder"], *general, *todo["villkor"], *todo["utreda"]]
    else:
        order = [*todo["villkor"], *general[:1], *todo["utreda"], *general[1:]]
    return [t for t in order if t][:count]


def link_map(verdict: Verdict) -> dict[str, list[ArticleRef]]:
    """Guide links per block of the result page, each article linked once (where it is first relevant)."""
    seen: set[str] = set()
    out: dict[str, list[ArticleRef]] = {}

    def claim(key: str, refs: tuple[ArticleRef, ...] | list[ArticleRef]) -> None:
        for r in refs:
            if r.article not in seen:
                seen.add(r.article)
                out.setdefault(key, []).append(r)

    for f in verdict.findings:
        claim("f:" + f.criterion.id, f.reason.articles)
    claim("model", verdict.model.model.articles)
    claim("steps", [r for s in verdict.next_steps for r in s.articles])
    for r in verdict.notes:
        claim("n:" + r.question.id, r.articles)
    claim("outcome", verdict.outcome.articles)
    return out
