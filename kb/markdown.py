"""The one Markdown parser: markdown-it with our preset and heading anchors, and plain text from its tokens.

Sections, chunks and the rendered HTML all come from this token stream, so what search indexes is what the page
shows, and a heading's anchor is computed in one place.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

EXPLICIT_ANCHOR_RE = re.compile(r"\s*\{#(?P<anchor>[^}]*)\}$")
"""`{#anchor}` at the end of a heading's text (the only attribute the content format has)."""


def slugify(text: str) -> str:
    """Anchor from a heading: lower case, å/ä/ö folded, other characters to hyphens."""
    text = text.lower().replace("å", "a").replace("ä", "a").replace("ö", "o")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "avsnitt"


def _heading_anchors(state: StateCore) -> None:
    """Core rule before `inline`: a trailing `{#anchor}` leaves the heading text; every heading gets an `id`.

    The explicit anchor is stored raw in `meta["anchor"]` (the loader validates it); `id` is it, or the slug.
    """
    for i, token in enumerate(state.tokens):
        if token.type != "heading_open":
            continue
        inline = state.tokens[i + 1]
        m = EXPLICIT_ANCHOR_RE.search(inline.content)
        if m:
            inline.content = inline.content[: m.start()].rstrip()
            token.meta["anchor"] = m["anchor"].strip()
        token.attrSet("id", token.meta.get("anchor") or slugify(inline.content))


def base_markdown() -> MarkdownIt:
    """markdown-it with the js-default preset (no raw HTML), tables enabled and heading anchors."""
    md = MarkdownIt("js-default", {"typographer": False}).enable("table")
    md.core.ruler.before("inline", "heading_anchors", _heading_anchors)
    return md


PARSER = base_markdown()
"""For reading structure (sections, chunks); rendering adds its own rules in `kb.render`."""


def parse(text: str) -> list[Token]:
    return PARSER.parse(text)


def inline_text(inline: Token) -> str:
    """An inline token's readable text: emphasis, code marks and link targets dropped, breaks as spaces."""
    parts: list[str] = []
    for child in inline.children or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif child.type == "image":
            parts.append(inline_text(child))
    return "".join(parts)


def table_rows(tokens: Sequence[Token], start: int) -> tuple[list[list[Token]], int]:
    """The cells' inline tokens of the table opening at `start`, row by row (header first), and the index after it."""
    rows: list[list[Token]] = []
    i = start + 1
    while tokens[i].type != "table_close":
        if tokens[i].type == "tr_open":
            rows.append([])
        elif tokens[i].type == "inline":
            rows[-1].append(tokens[i])
        i += 1
    return rows, i + 1
