"""Split an article body into `##` sections with stable anchors."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

HEADING_RE = re.compile(r"^(?P<hashes>#{1,6})\s+(?P<text>.*?)\s*(?:\{#(?P<anchor>[^}]*)\})?\s*$")
ANCHOR_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
INTRO = "intro"


def slugify(text: str) -> str:
    """Anchor from a heading: lower case, å/ä/ö folded, other characters to hyphens."""
    text = text.lower().replace("å", "a").replace("ä", "a").replace("ö", "o")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "avsnitt"


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
    """Sections at `##`; returns them plus (line, problem) pairs for bad headings or anchors."""
    problems: list[tuple[int, str]] = []
    sections: list[RawSection] = []
    heading, anchor, explicit, start = "", INTRO, False, first_line
    buf: list[str] = []
    in_fence = False

    def flush() -> None:
        joined = "\n".join(buf)
        text = joined.strip("\n")
        lead = len(joined) - len(joined.lstrip("\n"))
        text_line = start + (1 if heading else 0) + lead
        if text.strip() or anchor != INTRO:
            sections.append(RawSection(anchor, heading, text, start, explicit, text_line))

    for offset, line in enumerate(body.split("\n")):
        lineno = first_line + offset
        if line.lstrip().startswith("```"):
            in_fence = not in_fence
        m = None if in_fence else HEADING_RE.match(line)
        if m and len(m["hashes"]) == 1:
            problems.append((lineno, "använd inte '#' i brödtexten: titeln kommer från front matter; avsnitt är '##'"))
        if m and len(m["hashes"]) == 2:
            flush()
            heading = m["text"]
            explicit = m["anchor"] is not None
            anchor = (m["anchor"] or "").strip() if explicit else slugify(heading)
            if explicit and not ANCHOR_RE.match(anchor):
                problems.append((lineno, f"ogiltigt ankare {{#{anchor}}}: använd a-z, 0-9 och bindestreck"))
            if not heading:
                problems.append((lineno, "tom rubrik"))
            start, buf = lineno, []
            continue
        buf.append(line)
    flush()
    seen: dict[str, int] = {}
    for s in sections:
        if s.anchor in seen:
            problems.append((s.line, f"ankaret #{s.anchor} finns redan på rad {seen[s.anchor]}"))
        seen.setdefault(s.anchor, s.line)
    return sections, problems


def offset_to_line(text: str, offset: int, first_line: int) -> int:
    return first_line + text.count("\n", 0, offset)
