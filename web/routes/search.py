"""Routes for the search area (filled in by its own issue)."""

from __future__ import annotations

from fastapi import APIRouter, FastAPI

from kb.models import Content
from web.settings import Settings

router = APIRouter()


def startup(app: FastAPI, settings: Settings, content: Content) -> None:
    """Load what this area needs once, at start."""
