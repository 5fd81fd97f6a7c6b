"""Split an article body into `##` sections with stable anchors, from the markdown-it token stream."""

from __future__ import annotations

import re
from dataclasses import dataclass

from kb.markdown import parse, slugify

ANCHOR_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
INTRO = "intro"


@dataclass(frozen=True)
class RawSection:
    anchor: str
    heading: str
    markdown: str
    line: int
    explicit_anchor: bool
    text_line: int
    """Line in the file where `markdown` starts (for error messages inside the section)."""


def split_sections(body: str, first_line: int) -> tuple[list[RawSection], list[tuple[int, str]]]:
    """Sections at top-level `##` headings; returns them plus (line, problem) pairs for bad headings or anchors."""
    problems: list[tuple[int, str]] = []
    lines = body.split("\n")
    tokens = parse(body)
    # (line index of the heading, line index where its text starts, heading token, heading text)
    cuts: list[tuple[int, int, str, str | None]] = [(0, 0, "", None)]
    for i, token in enumerate(tokens):
        if token.type != "heading_open" or token.level != 0 or token.map is None:
            continue
        lineno = first_line + token.map[0]
        if token.tag == "h1":
            problems.append((lineno, "använd inte '#' i brödtexten: titeln kommer från front matter; avsnitt är '##'"))
        if token.tag != "h2":
            continue
        heading = tokens[i + 1].content
        explicit = token.meta.get("anchor")
        if explicit is not None and not ANCHOR_RE.match(explicit):
            problems.append((lineno, f"ogiltigt ankare {{#{explicit}}}: använd a-z, 0-9 och bindestreck"))
        if not heading:
            problems.append((lineno, "tom rubrik"))
        cuts.append((token.map[0], token.map[1], heading, explicit))
    sections: list[RawSection] = []
    for n, (start, text_start, heading, explicit) in enumerate(cuts):
        end = cuts[n + 1][0] if n + 1 < len(cuts) else len(lines)
        chunk = lines[text_start:end]
        lead = next((k for k, line in enumerate(chunk) if line), len(chunk))
        text = "\n".join(chunk).strip("\n")
        anchor = explicit if explicit is not None else slugify(heading) if n else INTRO
        if text.strip() or anchor != INTRO:
            sections.append(RawSection(anchor, heading, text, first_line + start, explicit is not None,
                                       first_line + text_start + lead))
    seen: dict[str, int] = {}
    for s in sections:
        if s.anchor in seen:
            problems.append((s.line, f"ankaret #{s.anchor} finns redan på rad {seen[s.anchor]}"))
        seen.setdefault(s.anchor, s.line)
    return sections, problems


def offset_to_line(text: str, offset: int, first_line: int) -> int:
    return first_line + text.count("\n", 0, offset)
