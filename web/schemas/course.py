"""`GET /api/kurs`: the course modules as the course pages show them, without the self-test answers."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import BaseModel, Field

from web.urls import Urls

if TYPE_CHECKING:  # the view lives with the course routes, which import this module
    from web.routes.kurs import ModuleView


class Reading(BaseModel):
    url: str
    label: str


class ModuleSummary(BaseModel):
    """A module: goals, reading, discussion questions and how many self-test questions it has."""

    id: str
    title: str
    summary: str
    url: str
    goals: list[str]
    reading: list[Reading]
    discussion: list[str]
    questions: int = Field(ge=0, description="Antal frågor i självtestet (svaren visas inte här).")

    @classmethod
    def of(cls, v: ModuleView, urls: Urls) -> ModuleSummary:
        m = v.module
        return cls(id=m.id, title=m.title, summary=m.summary, url=urls.course(m.id), goals=list(m.goals),
                   reading=[Reading(url=urls.article(r.article, r.anchor), label=r.label) for r in v.reading],
                   discussion=list(m.discussion),
                   questions=len(m.quiz))
