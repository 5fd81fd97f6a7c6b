"""`GET /healthz`: liveness and what the app runs on."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field


class BuildProgress(BaseModel):
    stage: str
    done: int = Field(ge=0)
    total: int = Field(ge=0)
    percent: int = Field(ge=0, le=100)


class SearchHealth(BaseModel):
    """The search service's state (`kb.service.SearchService.health`)."""

    mode: Literal["hybrid", "bm25", "otillgänglig"]
    passages: int = Field(ge=0)
    note: str = Field(description="Varför sökningen går utan modell eller index (tom när allt fungerar).")
    building: bool = Field(description="Sant medan modellen och vektorerna byggs i bakgrunden.")
    progress: BuildProgress | None = None


class Health(BaseModel):
    status: Literal["ok"]
    articles: int = Field(ge=0)
    glossary_terms: int = Field(ge=0)
    search: SearchHealth | None = None
