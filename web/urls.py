"""One URL builder: every internal address the site links, posts or redirects to comes from `Urls`.

Like datasette's `ds.urls`: `kb` and `assistant` hold ids and anchors, and only this module knows the paths. A
`Urls` carries the base the site is served under – the root path (`/sib-guiden`, or "" at the top of a host) for
links in pages, or the public base URL (`https://exempel.se/sib-guiden`) for share links and exports.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Literal
from urllib.parse import quote, urlencode

from fastapi import Request
from starlette.types import ASGIApp, Receive, Scope, Send

Calculator = Literal["kalkyl", "redovisning"]
log = logging.getLogger("sibguide")


def _query(params: dict[str, str | int | None]) -> str:
    kept = {k: v for k, v in params.items() if v is not None}
    return "?" + urlencode(kept) if kept else ""


@dataclass(frozen=True)
class Urls:
    """Paths of the site under `base` ("" , "/sib-guiden" or "https://exempel.se/sib-guiden"; no trailing slash).

    Implements `kb.links.LinkBuilder`, so rendered Markdown links and citations get the same base as the pages.
    """

    base: str = ""

    def path(self, path: str) -> str:
        """Any site path (`/…`) under the base; the named methods below are preferred."""
        return self.base + path

    def home(self) -> str:
        return self.path("/")

    def static(self, path: str) -> str:
        return self.path(f"/static/{path}")

    def favicon(self) -> str:
        return self.path("/favicon.ico")

    def articles(self) -> str:
        return self.path("/artiklar")

    def article(self, article_id: str, anchor: str | None = None, *, highlight: str | None = None) -> str:
        """An article, optionally a section (`anchor`) with a search passage highlighted (`highlight`)."""
        return (self.path(f"/artiklar/{quote(article_id)}") + _query({"markera": highlight})
                + (f"#{anchor}" if anchor else ""))

    def theme(self, key: str) -> str:
        return self.path(f"/teman/{quote(key)}")

    def glossary(self, term_id: str | None = None) -> str:
        return self.path("/ordlista") + (f"#{term_id}" if term_id else "")

    def about(self, anchor: str | None = None) -> str:
        return self.path("/om") + (f"#{anchor}" if anchor else "")

    def source(self, doc: str) -> str:
        """Where a cited source is described (its entry on the about page)."""
        return self.about(f"kalla-{doc}")

    def search(self, q: str | None = None, k: int | None = None) -> str:
        return self.path("/sok") + _query({"q": q, "k": k})

    def search_export(self, q: str, k: int | None = None) -> str:
        """The answer as a Markdown file."""
        return self.path("/sok.md") + _query({"q": q, "k": k})

    def screening(self, page: Literal["", "granska", "karta", "export"] = "", query: str = "") -> str:
        """The screening (`page` "" is the questions and the result); `query` is already encoded (`a=…`)."""
        return self.path("/screening" + (f"/{page}" if page else "")) + (f"?{query}" if query else "")

    def course(self, module_id: str | None = None, page: Literal["", "test", "utskrift", "projektor"] = "") -> str:
        """The course index, a module, or one of a module's pages."""
        if module_id is None:
            return self.path("/kurs")
        return self.path(f"/kurs/{quote(module_id)}" + (f"/{page}" if page else ""))

    def trainer(self, page: Literal["", "facit", "beslutskarta"] = "") -> str:
        """The trainer's kit and its pages."""
        return self.path("/kursledare" + (f"/{page}" if page else ""))

    def trainer_plan(self, plan_id: str) -> str:
        return self.path(f"/kursledare/planer/{quote(plan_id)}")

    def calculator(self, name: Calculator, query: str = "", *, export: str | None = None) -> str:
        """A calculator page (`query` already encoded), or its CSV/Markdown export."""
        path = f"/{name}/export?format={export}" if export else f"/{name}"
        sep = "&" if export else "?"
        return self.path(path) + (sep + query if query else "")

    def api(self, name: str, query: str = "") -> str:
        """A JSON endpoint under `/api/` (`query` already encoded)."""
        return self.path(f"/api/{name}") + (f"?{query}" if query else "")

    def docs(self) -> str:
        return self.path("/docs")

    def openapi(self) -> str:
        return self.path("/openapi.json")


def request_urls(request: Request) -> Urls:
    """The builder for links in a response: the root path the request was served under (as Starlette's
    `url_for` does), which is the `root_path` setting whenever that is set."""
    return Urls(str(request.scope.get("root_path", "")).rstrip("/"))


def route_path(scope: Scope) -> str:
    """The request path without the root path (`/sib-guiden/om` → `/om`), for deciding things by route."""
    path = str(scope.get("path", "/"))
    root = str(scope.get("root_path", "")).rstrip("/")
    if root and (path == root or path.startswith(root + "/")):
        return path[len(root):] or "/"
    return path


class RootPathMiddleware:
    """Serves the app under `root_path` whether or not the proxy in front strips it.

    Sets the ASGI `root_path` and, when the path arrived without the prefix (a stripping proxy, a test client),
    puts it back as uvicorn's `--root-path` does, so routing, redirects and `request.url` all see one form.
    A root path from the server alone (no setting) is used by the pages but not by the article texts, which are
    rendered at start: that is logged once.
    """

    def __init__(self, app: ASGIApp, root_path: str) -> None:
        self.app = app
        self.root = root_path.rstrip("/")
        self.warned = False

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if not self.root and scope.get("root_path") and not self.warned:
            self.warned = True
            log.warning("Servern anger sökvägen %s men SIBGUIDE_ROOT_PATH är inte satt; länkarna i artiklarna "
                        "saknar då sökvägen. Sätt SIBGUIDE_ROOT_PATH=%s.", scope["root_path"], scope["root_path"])
        if self.root and scope["type"] in ("http", "websocket"):
            scope = dict(scope)
            scope["root_path"] = self.root
            path = str(scope["path"])
            raw = scope.get("raw_path") or path.encode("utf-8")
            if path == self.root:
                scope["path"], scope["raw_path"] = path + "/", raw + b"/"
            elif not path.startswith(self.root + "/"):
                scope["path"], scope["raw_path"] = self.root + path, self.root.encode() + raw
        await self.app(scope, receive, send)
