"""Markdown never passes raw HTML or script URLs through, whoever wrote the content."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from kb.render import render_inline, render_markdown
from web.urls import Urls

HOSTILE = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "<iframe src='https://example.org'></iframe>",
    '<a href="javascript:alert(1)">x</a>',
    "[klicka](javascript:alert(1))",
    "[klicka](JaVaScRiPt:alert(1))",
    "[klicka](data:text/html;base64,PHNjcmlwdD4=)",
    "![bild](javascript:alert(1))",
    "<style>body{display:none}</style>",
    '<div style="position:fixed">x</div>',
]


@pytest.mark.parametrize("text", HOSTILE)
def test_block_markdown_escapes_raw_html_and_script_urls(text: str) -> None:
    out = render_markdown(text, {}, links=Urls()).lower()
    assert "<script" not in out and "<iframe" not in out and "<style" not in out and "<img src=x" not in out
    assert 'href="javascript:' not in out and 'src="javascript:' not in out and 'href="data:' not in out
    assert " onerror=" not in out.replace("&quot;", '"').split("&lt;")[0]
    assert "style=" not in out.split("&lt;")[0]


@pytest.mark.parametrize("text", HOSTILE)
def test_inline_markdown_escapes_raw_html_and_script_urls(text: str) -> None:
    out = render_inline(text, links=Urls()).lower()
    assert "<script" not in out and "<iframe" not in out and "<style" not in out and "<img src=x" not in out
    assert 'href="javascript:' not in out and 'src="javascript:' not in out and 'href="data:' not in out


def test_no_rendered_article_contains_live_html_from_content(real_client: TestClient) -> None:
    """The real articles, rendered, contain only the tags the renderer itself makes."""
    listing = real_client.get("/api/articles").json()
    for item in listing["articles"]:
        data = real_client.get(f"/api/articles/{item['id']}").json()
        for section in data["sections"]:
            html = section["html"].lower()
            for bad in ("<script", "<iframe", "<style", "<object", "<embed", " on", "javascript:", "style="):
                if bad == " on":
                    assert " onerror=" not in html and " onclick=" not in html and " onload=" not in html
                else:
                    assert bad not in html, (item["id"], section["anchor"], bad)
