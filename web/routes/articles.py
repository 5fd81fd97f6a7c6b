"""Article pages and the articles API."""

from __future__ import annotations

import difflib

from fastapi import APIRouter, HTTPException, Path, Request
from fastapi.responses import HTMLResponse, Response

from kb.models import Article, Content
from web.deps import ContentDep, SiteDep, UrlsDep
from web.schemas.articles import ArticleDetail, ArticleList, ArticleSummary
from web.schemas.common import responses
from web.settings import Settings
from web.templating import render
from web.urls import Urls, request_urls
from web.views import ArticleView, article_view

router = APIRouter()
ArticleId = Path(max_length=100, description="Artikelns id, t.ex. vad-ar-sib")


def article_views(settings: Settings, content: Content) -> dict[str, ArticleView]:
    """Render every article once; pages are then served from memory."""
    urls = Urls(settings.root_path)
    return {aid: article_view(a, content, urls) for aid, a in content.articles.items()}


def _view(site: SiteDep, article_id: str) -> ArticleView:
    views = site.articles
    if article_id not in views:
        raise HTTPException(404, f"Det finns ingen artikel med id ”{article_id[:100]}”.")
    return views[article_id]


def suggestions(content: Content, wrong: str, n: int = 5) -> list[Article]:
    """Articles whose id or title is close to a mistyped id ("Menade du …?"), best first."""
    wanted = wrong.lower().replace("-", " ")
    keys: dict[str, str] = {}
    for a in content.articles.values():
        keys[a.id.replace("-", " ")] = a.id
        keys.setdefault(a.title.lower(), a.id)
    close = difflib.get_close_matches(wanted, list(keys), n=n * 2, cutoff=0.6)
    return [content.articles[i] for i in dict.fromkeys(keys[k] for k in close)][:n]


@router.get("/artiklar/{article_id}", response_class=HTMLResponse, include_in_schema=False)
def article_page(request: Request, site: SiteDep, article_id: str = ArticleId, markera: str | None = None) -> Response:
    content = site.content
    if article_id not in site.articles:
        close = [(a.title, request_urls(request).article(a.id)) for a in suggestions(content, article_id)]
        detail = f"Det finns ingen artikel med id ”{article_id[:100]}”."
        context = {"status": 404, "title": "Sidan finns inte", "detail": detail, "suggestions": close}
        return render(request, "error.html", context, status_code=404)
    view = _view(site, article_id)
    # `?markera=<passage id>` comes from a search citation: highlight that passage's section.
    passage = site.passages.get(markera or "")
    highlight = passage.anchor if passage is not None and passage.article_id == article_id else None
    return render(request, "article.html",
                  {"view": view, "theme": content.themes[view.article.theme], "highlight": highlight})


@router.get("/api/articles", tags=["artiklar"], response_model=ArticleList)
def api_articles(content: ContentDep, urls: UrlsDep) -> ArticleList:
    """All articles, grouped order by theme."""
    items = [ArticleSummary.of(a, urls) for key in content.themes for a in content.by_theme(key)]
    return ArticleList(count=len(items), articles=items)


@router.get("/api/articles/{article_id}", tags=["artiklar"], response_model=ArticleDetail,
            responses=responses(404, 422))
def api_article(site: SiteDep, urls: UrlsDep, article_id: str = ArticleId) -> ArticleDetail:
    """One article with its sections (Markdown and HTML), sources, related ids and case data."""
    return ArticleDetail.of_view(_view(site, article_id), urls)
