"""Who stands behind this installation: the publisher and contact settings as the pages show them."""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import Request

from web.deps import site_or_none
from web.settings import Settings


@dataclass(frozen=True)
class Publisher:
    """The named publisher and its contact routes; all None when the installation names none."""

    name: str | None = None
    email: str | None = None
    contact_url: str | None = None
    feedback_url: str | None = None

    @property
    def named(self) -> bool:
        return self.name is not None

    @property
    def feedback_href(self) -> str | None:
        """Where feedback on the content goes: the feedback address, else the e-mail, else the contact page."""
        if self.feedback_url:
            return self.feedback_url
        if self.email:
            return f"mailto:{self.email}"
        return self.contact_url


def publisher_from(settings: Settings) -> Publisher:
    return Publisher(settings.publisher_name, settings.contact_email, settings.contact_url, settings.feedback_url)


def request_publisher(request: Request) -> Publisher:
    """The publisher for a request (an error before the site is built names none)."""
    site = site_or_none(request)
    return publisher_from(site.settings) if site is not None else Publisher()
