"""`GET /api/search` and `sibguide search --json`: the same `Answer` the search page shows."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from assistant.qa import Answer, AnswerPassage, passage_url
from kb.links import LinkBuilder


class HitSource(BaseModel):
    """The original source of a passage (empty fields when the passage cites none)."""

    doc: str | None = Field(description="Källans nyckel i källregistret, t.ex. fryshuset2018.")
    pages: str | None = Field(description="Sidor i källan, t.ex. 56-58.")
    chapter: str | None = None
    label: str | None = Field(default=None, description="Källan som den visas i hänvisningen.")


class Hit(BaseModel):
    """One passage found, with the sentences that best match the question."""

    text: str
    score: float
    article_id: str
    title: str
    section: str = Field(description="Avsnittets rubrik (artikelns titel för inledningen).")
    anchor: str
    passage_id: str
    url: str
    highlights: list[str] = Field(description="De 1–3 meningar som bäst svarar på frågan, bäst först.")
    source: HitSource

    @classmethod
    def of(cls, ap: AnswerPassage, links: LinkBuilder) -> Hit:
        p, s = ap.passage, ap.source
        source = HitSource(doc=s.doc, pages=s.pages, chapter=s.chapter, label=s.label) if s else HitSource(
            doc=None, pages=None)
        return cls(text=p.text, score=round(ap.score, 6), article_id=p.article_id, title=p.title,
                   section=p.heading or p.title, anchor=p.anchor, passage_id=p.id, url=passage_url(ap, links),
                   highlights=[p.sentences[i] for i in ap.highlights], source=source)


class ShortLine(BaseModel):
    """A line of the short answer and the passage (1-based `ref` into `results`) it comes from."""

    sentence: str = Field(description="En mening ur passagen, eller avsnittets eget korta svar (en eller två meningar "
                                      "som författaren skrivit med avsnittets källor).")
    authored: bool = Field(description="Sant när raden är avsnittets sammanfattning och inte en mening ur texten.")
    ref: int = Field(ge=1)
    url: str
    cite: str


class RelatedArticle(BaseModel):
    article_id: str
    title: str
    url: str


class AnswerSummary(BaseModel):
    """The short answer, how sure it is, and what the page says besides."""

    declined: bool = Field(description="Sant när kunskapsbanken inte har något bra svar.")
    message: str
    confidence: float = Field(ge=0, le=1)
    level: Literal["hög", "medel", "låg"]
    mode: str = Field(description="Sökläget: hybrid, bm25.")
    kind: str = Field(description="Vad frågan frågar efter (belopp, datum, namn, skäl, regel …).")
    unknown_terms: list[str] = Field(description="Ord i frågan som kunskapsbanken aldrig nämner.")
    absent_terms: list[str] = Field(description="Ord som finns i kunskapsbanken men inte i träffarna.")
    notices: list[str]
    share_right: float | None = Field(
        default=None, ge=0, le=1,
        description="Andelen svar på den här nivån som innehöll alla fakta i de märkta testfrågorna (dev-setet).")
    short: list[ShortLine]
    related: list[RelatedArticle]


class SearchResponse(BaseModel):
    """The shape of DESIGN.md: the question, the passages found and the answer."""

    query: str
    results: list[Hit]
    answer: AnswerSummary

    @classmethod
    def of(cls, a: Answer, links: LinkBuilder) -> SearchResponse:
        short = [ShortLine(sentence=s.sentence, ref=s.ref, authored=s.authored,
                           url=passage_url(a.passages[s.ref - 1], links),
                           cite=a.passages[s.ref - 1].cite_label) for s in a.short]
        related = [RelatedArticle(article_id=aid, title=t, url=links.article(aid)) for aid, t in a.related]
        summary = AnswerSummary.model_validate({  # validated: `level` is a plain str on Answer
            "declined": a.declined, "message": a.message, "confidence": round(a.confidence, 3), "level": a.level,
            "mode": a.mode, "kind": a.kind, "unknown_terms": list(a.unknown), "absent_terms": list(a.absent),
            "notices": list(a.notices), "share_right": a.share_right, "short": short, "related": related})
        return cls(query=a.query, results=[Hit.of(ap, links) for ap in a.passages], answer=summary)
