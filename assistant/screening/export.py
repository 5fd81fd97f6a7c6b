"""The verdict as a document an official can paste into a tjänsteskrivelse: Markdown and DOCX."""

from __future__ import annotations

import io
from collections.abc import Mapping

from docx import Document
from docx.shared import Pt

from assistant.screening.model import PHASES, ArticleRef, Verdict

MAX_DESCRIPTION = 2000
SIGNAL_WORD = {"hinder": "Hinder", "okand": "Ta reda på", "villkor": "Att lösa"}
DISCLAIMER = (
    "Screeningen är indikativ vägledning från SIB-guiden, inte ett beslut. Den bygger på Fryshuset (2018) och "
    "Stockholms stad (2021)."
)


def cite(refs: tuple[ArticleRef, ...], titles: Mapping[str, str], base_url: str = "") -> str:
    """Citations as readable text: ”Artikelns titel” (adress)."""
    return "; ".join(f"”{titles.get(r.article, r.article)}” ({base_url}{r.url})" for r in refs)


def sections(
    verdict: Verdict, titles: Mapping[str, str], description: str = "", base_url: str = ""
) -> list[tuple[str, list[str]]]:
    """The document as (heading, paragraphs): shared by the Markdown and DOCX writers."""
    out: list[tuple[str, list[str]]] = []
    if description.strip():
        out.append(("Utmaningen", [description.strip()[:MAX_DESCRIPTION]]))
    out.append(("Bedömning", [f"{verdict.label}. {verdict.summary}"]))
    if verdict.strengths:
        out.append(("Styrkor", [f"{r.text} (Källa: {cite(r.articles, titles, base_url)})" for r in verdict.strengths]))
    if verdict.concerns:
        out.append(
            (
                "Att lösa",
                [
                    f"{SIGNAL_WORD[r.signal]}: {r.text} Gör så här: {r.option.todo} "
                    f"(Källa: {cite(r.articles, titles, base_url)})"
                    for r in verdict.concerns
                ],
            )
        )
    m = verdict.model
    why = [r.text for r in m.reasons]
    out.append(
        (
            f"Rekommenderad modell: {m.model.title}",
            [m.model.description, *why, f"Läs mer: {cite(m.model.articles, titles, base_url)}"],
        )
    )
    for phase, label in PHASES.items():
        steps = [s for s in verdict.next_steps if s.phase == phase]
        if steps:
            out.append(
                (
                    f"Nästa steg – {label}",
                    [s.text + (f" (Läs: {cite(s.articles, titles, base_url)})" if s.articles else "") for s in steps],
                )
            )
    out.append(("Kriterierna i korthet", [f"{c.criterion.title}: {c.label}" for c in verdict.criteria]))
    out.append(("Svaren", [f"{r.question.question} – {r.option.label}" for r in verdict.reasons]))
    return out


def to_markdown(verdict: Verdict, titles: Mapping[str, str], description: str = "", base_url: str = "") -> str:
    lines = ["# Screening: socialt utfallskontrakt", "", f"*{DISCLAIMER}*", ""]
    for heading, paragraphs in sections(verdict, titles, description, base_url):
        lines += [f"## {heading}", ""]
        bullets = len(paragraphs) > 1
        lines += [f"- {p}" if bullets else p for p in paragraphs]
        lines.append("")
    return "\n".join(lines)


def to_docx(verdict: Verdict, titles: Mapping[str, str], description: str = "", base_url: str = "") -> bytes:
    doc = Document()
    doc.styles["Normal"].font.size = Pt(11)
    doc.add_heading("Screening: socialt utfallskontrakt", level=1)
    doc.add_paragraph().add_run(DISCLAIMER).italic = True
    for heading, paragraphs in sections(verdict, titles, description, base_url):
        doc.add_heading(heading, level=2)
        if heading == "Kriterierna i korthet":
            table = doc.add_table(rows=1, cols=2)
            table.style = "Table Grid"
            table.rows[0].cells[0].text, table.rows[0].cells[1].text = "Kriterium", "Läge"
            for c in verdict.criteria:
                row = table.add_row().cells
                row[0].text, row[1].text = c.criterion.title, c.label
            continue
        style = "List Bullet" if len(paragraphs) > 1 else None
        for p in paragraphs:
            doc.add_paragraph(p, style=style)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()
