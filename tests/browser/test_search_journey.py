"""Search in a real browser: ask from the header, get cited passages, open one at its anchor; with and without JS.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.axe import BLOCKING, run_axe, summarize

pytestmark = pytest.mark.browser
QUESTION = "Hur bokför kommunen ett utfallskontrakt?"


def _require_search(page: Page) -> None:
    response = page.request.get("/sok")
    assert response.status == 200, f"/sok ska finnas (fick {response.status})"


def _search_and_open_passage(page: Page) -> None:
    _require_search(page)
    page.goto("/")
    page.locator("#header-q").fill(QUESTION)
    page.locator("#header-q").press("Enter")
    expect(page).to_have_url(re.compile(r"/sok\?q="))
    expect(page.locator("h1")).to_have_count(1)
    hits = page.locator("main a[href^='/artiklar/'][href*='#']")
    expect(hits.first).to_be_visible()
    href = hits.first.get_attribute("href") or ""
    anchor = href.split("#", 1)[1]
    hits.first.click()
    expect(page).to_have_url(re.compile(re.escape(href.split("?")[0].split("#")[0]) + r".*#" + re.escape(anchor)))
    target = page.locator(f"[id='{anchor}']")
    expect(target).to_be_in_viewport()


def test_search_from_header_and_open_cited_passage(page: Page) -> None:
    _search_and_open_passage(page)


def test_search_from_header_and_open_cited_passage_without_javascript(nojs_page: Page) -> None:
    _search_and_open_passage(nojs_page)


def test_search_without_good_answer_says_so(page: Page) -> None:
    _require_search(page)
    page.goto("/sok?q=xyzzy+qwerty+blorp")
    expect(page.locator("main")).to_contain_text(re.compile(r"inga|inget|hittade inte|inte", re.I))
    blocking = [v for v in run_axe(page) if v["impact"] in BLOCKING]
    assert blocking == [], summarize(blocking)


def test_search_results_show_source_and_page(page: Page) -> None:
    _require_search(page)
    page.goto("/sok?q=" + QUESTION)
    main = page.locator("main").inner_text()
    assert "Fryshuset 2018" in main or "Stockholms stad 2021" in main, main[:500]
