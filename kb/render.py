"""Render article Markdown to safe HTML: raw HTML off, citations visible, internal links resolved."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict

from kb.citations import CITE_RE, DIAGRAM_RE, Citation, format_citation, parse_pages
from kb.links import LinkBuilder
from kb.markdown import base_markdown
from kb.sources import Source

# Private-use characters mark where a citation goes; they survive markdown-it untouched and cannot form HTML.
_OPEN, _CLOSE = "\ue000", "\ue001"
_FIGURE_OPEN, _FIGURE_CLOSE = "\ue002", "\ue003"


def _link_open(self: RendererHTML, tokens: list[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
    token = tokens[idx]
    href = str(token.attrGet("href") or "")
    links: LinkBuilder = env["links"]
    if href.startswith("artikel:"):
        target, _, anchor = href.removeprefix("artikel:").partition("#")
        token.attrSet("href", links.article(target, anchor or None))
    elif href.startswith("ordlista:"):
        token.attrSet("href", links.glossary(href.removeprefix("ordlista:")))
    elif href.startswith(("http://", "https://")):
        token.attrSet("rel", "noopener noreferrer")
    return self.renderToken(tokens, idx, options, env)


def _table_open(self: RendererHTML, tokens: list[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
    """Tables scroll inside their own focusable box on narrow screens instead of widening the page."""
    return '<div class="table-scroll" tabindex="0" role="region" aria-label="Tabell">' + self.renderToken(
        tokens, idx, options, env
    )


def _table_close(self: RendererHTML, tokens: list[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
    return self.renderToken(tokens, idx, options, env) + "</div>"


def make_markdown() -> MarkdownIt:
    """The shared parser (`kb.markdown`) with our render rules: internal links, scrolling tables."""
    md = base_markdown()
    md.add_render_rule("link_open", _link_open)
    md.add_render_rule("table_open", _table_open)
    md.add_render_rule("table_close", _table_close)
    return md


_MD = make_markdown()


def cite_html(citation: Citation, sources: dict[str, Source], links: LinkBuilder) -> str:
    """A visible, linked reference: source, chapter and page."""
    label = html.escape(format_citation(citation, sources))
    return f'<a class="cite" href="{html.escape(links.source(citation.doc))}" title="Källa">[{label}]</a>'


def render_markdown(
    text: str, sources: dict[str, Source], figures: Callable[[str], str] | None = None, *, links: LinkBuilder
) -> str:
    """Markdown with `{{cite …}}` markers to HTML; markers become visible references.

    `figures` turns a `{{diagram id}}` marker (alone in its paragraph) into the figure's HTML; without it the
    marker is dropped. `links` gives the addresses of article and glossary links and of the cited sources.
    """
    cites: list[Citation] = []

    def stash(m: Any) -> str:
        cites.append(Citation(m["doc"], m["chapter"], parse_pages(m["first"], m["last"])))
        return f"{_OPEN}{len(cites) - 1}{_CLOSE}"

    marked = DIAGRAM_RE.sub(lambda m: f"{_FIGURE_OPEN}{m['id']}{_FIGURE_CLOSE}", CITE_RE.sub(stash, text))
    rendered = str(_MD.render(marked, {"links": links}))
    for i, cite in enumerate(cites):
        shown = cite_html(cite, sources, links) if cite.doc in sources else ""
        rendered = rendered.replace(f"{_OPEN}{i}{_CLOSE}", shown)
    return re.sub(
        f"(?:<p>)?{_FIGURE_OPEN}([a-z0-9-]+){_FIGURE_CLOSE}(?:</p>\\n?)?",
        lambda m: figures(m[1]) if figures else "",
        rendered,
    )


def render_cited(text: str, sources: dict[str, Source], *, links: LinkBuilder) -> str:
    """One line of Markdown with citation markers, without a wrapping paragraph (figure texts, notes)."""
    html_text = render_markdown(text, sources, links=links).strip()
    if html_text.startswith("<p>") and html_text.endswith("</p>") and html_text.count("<p>") == 1:
        html_text = html_text[3:-4]
    return html_text


def render_inline(text: str, *, links: LinkBuilder) -> str:
    """One line of Markdown (for summaries and glossary definitions) without a wrapping paragraph."""
    return str(_MD.renderInline(text, {"links": links}))
