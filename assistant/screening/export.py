"""The verdict as a document an official can paste into a tjänsteskrivelse: Markdown and DOCX.

Both writers share `sections()`: paragraphs made of segments (text, link or None). Sources are cited as book chapter
(and page where known) or Stockholm section, next to the guide's own links. User text is cleaned of characters XML
cannot hold (text pasted from Word carries `\\v`, `\\f` and others) and, in Markdown, HTML-escaped.
"""

from __future__ import annotations

import html
import io
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from docx import Document
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt
from docx.text.paragraph import Paragraph

from assistant.screening.citetext import plain, with_references
from assistant.screening.model import KIND_LABELS, PHASES, ArticleRef, Verdict
from kb.links import LinkBuilder
from kb.sources import Source

MAX_DESCRIPTION = 2000
TITLE = "Screening: socialt utfallskontrakt"
DISCLAIMER = (
    "Screeningen är indikativ vägledning från SIB-guiden, inte ett beslut. Den bygger på Fryshuset (2018) och "
    "Stockholms stad (2021)."
)
# Characters XML 1.0 cannot carry; line and page breaks from Word become newlines first.
_BREAKS = re.compile(r"[\v\f\x1c\x1d\x1e\x85\u2028\u2029]")
_INVALID = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")

Segment = tuple[str, str | None]


@dataclass(frozen=True)
class Export:
    """What the exports need besides the verdict."""

    titles: Mapping[str, str]
    sources: Mapping[str, Source]
    links: LinkBuilder
    """Absolute addresses (the public base URL) for the guide's links."""
    share_url: str = ""
    description: str = ""
    now: datetime | None = None


def clean_text(text: str) -> str:
    """Anything a user can paste, made safe for XML: breaks become newlines, other invalid characters go."""
    return _INVALID.sub("", _BREAKS.sub("\n", text))


def _links(refs: tuple[ArticleRef, ...], ex: Export) -> list[Segment]:
    out: list[Segment] = [("Läs: ", None)]
    for i, r in enumerate(refs):
        if i:
            out.append((", ", None))
        out.append((ex.titles.get(r.article, r.article), ex.links.article(r.article, r.anchor)))
    return out if refs else []


def _cited(text: str, ex: Export) -> str:
    return with_references(text, ex.sources)


def sections(verdict: Verdict, ex: Export) -> list[tuple[str, list[list[Segment]]]]:
    """The document as (heading, paragraphs of segments)."""
    out: list[tuple[str, list[list[Segment]]]] = []
    description = clean_text(ex.description).strip()[:MAX_DESCRIPTION]
    if description:
        out.append(("Utmaningen", [[(description, None)]]))
    out.append((f"Bedömning: {verdict.label}", [[(verdict.statement, None)], [(plain(verdict.summary), None)]]))
    for kind in ("hinder", "villkor", "utreda"):
        found = verdict.of_kind(kind)
        if found:
            paras = []
            for f in found:
                r = f.reason
                text = f"{r.question.short}: {_cited(r.text, ex)}"
                if r.option.todo:
                    text += f" Gör så här: {_cited(r.option.todo, ex)}"
                paras.append([(text + " ", None), *_links(r.articles, ex)])
            out.append((f"{KIND_LABELS[kind]} ({len(found)})", paras))
    if verdict.strengths:
        out.append(("Styrkor", [[(_cited(r.text, ex), None)] for r in verdict.strengths]))
    m = verdict.model
    model_paras: list[list[Segment]] = [[(_cited(m.model.description, ex), None)]]
    model_paras += [[("Skäl: " + _cited(r, ex), None)] for r in m.reasons]
    if m.second:
        lead = m.second_label
        model_paras.append([(f"{lead}: {m.second.title}. " + " ".join(_cited(r, ex) for r in m.second_reasons), None)])
    model_paras.append(_links(m.model.articles, ex))
    out.append((f"Rekommenderad modell: {m.model.title}", model_paras))
    for phase, label in PHASES.items():
        steps = [s for s in verdict.next_steps if s.phase == phase]
        if steps:
            out.append(
                (f"Nästa steg – {label}", [[(_cited(s.text, ex) + " ", None), *_links(s.articles, ex)] for s in steps])
            )
    out.append(("Svaren", [[(f"{r.question.question} – {r.option.label}", None)] for r in verdict.reasons]))
    return out


def _md_escape(text: str) -> str:
    return html.escape(text, quote=False).replace("[", "\\[").replace("]", "\\]")


def _md_segments(segments: list[Segment]) -> str:
    return "".join(f"[{_md_escape(t)}]({u})" if u else _md_escape(t) for t, u in segments)


def _stamp(ex: Export) -> datetime:
    return ex.now or datetime.now().astimezone()


def to_markdown(verdict: Verdict, ex: Export) -> str:
    date = _stamp(ex).strftime("%Y-%m-%d")
    lines = [f"# {TITLE}", "", f"SIB-guiden, {date}.", ""]
    if ex.share_url:
        lines += [f"Länk till resultatet: <{ex.share_url}>", ""]
    lines += [f"*{DISCLAIMER}*", ""]
    for heading, paragraphs in sections(verdict, ex):
        lines += [f"## {_md_escape(heading)}", ""]
        bullets = len(paragraphs) > 1
        for p in paragraphs:
            text = _md_segments(p).replace("\n", "  \n" + ("  " if bullets else ""))
            lines.append(f"- {text}" if bullets else text)
        lines.append("")
    return "\n".join(lines)


def _hyperlink(paragraph: Paragraph, text: str, url: str) -> None:
    """python-docx has no public API for hyperlinks; this is the documented oxml recipe."""
    rel = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rel)
    run = OxmlElement("w:r")
    props = OxmlElement("w:rPr")
    style = OxmlElement("w:rStyle")
    style.set(qn("w:val"), "Hyperlink")
    underline = OxmlElement("w:u")
    underline.set(qn("w:val"), "single")
    colour = OxmlElement("w:color")
    colour.set(qn("w:val"), "0563C1")
    props.append(style)
    props.append(colour)
    props.append(underline)
    run.append(props)
    node = OxmlElement("w:t")
    node.text = text
    node.set(qn("xml:space"), "preserve")
    run.append(node)
    link.append(run)
    paragraph._p.append(link)


def to_docx(verdict: Verdict, ex: Export) -> bytes:
    now = _stamp(ex)
    doc = Document()
    props = doc.core_properties
    props.title, props.author, props.last_modified_by = TITLE, "SIB-guiden", "SIB-guiden"
    props.created = props.modified = now.replace(tzinfo=None)
    props.language, props.comments = "sv-SE", DISCLAIMER
    doc.styles["Normal"].font.size = Pt(11)
    doc.add_heading(TITLE, level=1)
    meta = doc.add_paragraph(f"SIB-guiden, {now.strftime('%Y-%m-%d')}. ")
    if ex.share_url:
        meta.add_run("Länk till resultatet: ")
        _hyperlink(meta, ex.share_url, ex.share_url)
    doc.add_paragraph().add_run(DISCLAIMER).italic = True
    for heading, paragraphs in sections(verdict, ex):
        doc.add_heading(heading, level=2)
        style = "List Bullet" if len(paragraphs) > 1 else None
        for segments in paragraphs:
            p = doc.add_paragraph(style=style)
            for text, url in segments:
                if url:
                    _hyperlink(p, clean_text(text), url)
                else:
                    p.add_run(clean_text(text))
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()
