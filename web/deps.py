"""Dependency aliases: a route declares what it reads (`content: ContentDep`) and FastAPI hands it over from the
`Site` built in the lifespan, so no route knows where state is kept."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, HTTPException, Request

from kb.models import Content
from kb.service import SearchService
from web.settings import Settings
from web.site import ScreeningState, Site
from web.urls import Urls, request_urls

STATE_KEY = "site"
"""The one key of the lifespan state (Starlette copies it into every request's `scope["state"]`)."""


def site_or_none(request: Request) -> Site | None:
    """The site, or None before the lifespan has built it (an error page during start-up)."""
    site = request.scope.get("state", {}).get(STATE_KEY)
    return site if isinstance(site, Site) else None


def get_site(request: Request) -> Site:
    site = site_or_none(request)
    if site is None:
        raise RuntimeError("Webbplatsen är inte byggd: appen måste startas med sin lifespan (TestClient i with-block).")
    return site


SiteDep = Annotated[Site, Depends(get_site)]


def get_content(site: SiteDep) -> Content:
    return site.content


def get_search(site: SiteDep) -> SearchService:
    return site.search


def get_site_settings(site: SiteDep) -> Settings:
    return site.settings


def get_screening(site: SiteDep) -> ScreeningState:
    if site.screening is None:
        raise HTTPException(404, "Screeningen finns inte i det här innehållet.")
    return site.screening


ContentDep = Annotated[Content, Depends(get_content)]
SearchDep = Annotated[SearchService, Depends(get_search)]
SettingsDep = Annotated[Settings, Depends(get_site_settings)]
ScreeningDep = Annotated[ScreeningState, Depends(get_screening)]
UrlsDep = Annotated[Urls, Depends(request_urls)]
"""Links in a response, under the root path the request was served under."""
