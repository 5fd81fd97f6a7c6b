"""Real-browser journeys through the foundation pages: start → theme → article → glossary term, with and without JS."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser


def _browse_to_article_and_term(page: Page) -> None:
    page.goto("/")
    expect(page.locator("h1")).to_have_count(1)
    page.get_by_role("link", name="Grunder", exact=False).first.click()
    expect(page).to_have_url(re.compile(r"/teman/grunder$"))
    page.locator("main a[href='/artiklar/vad-ar-sib']").first.click()
    expect(page).to_have_url(re.compile(r"/artiklar/vad-ar-sib$"))
    expect(page.locator("h1")).to_have_count(1)
    expect(page.locator("main")).to_contain_text("Källor")
    term = page.locator("section[aria-labelledby='begrepp'] a").first
    href = term.get_attribute("href")
    assert href and href.startswith("/ordlista#")
    term_text = term.inner_text()
    term.click()
    expect(page).to_have_url(re.compile(r"/ordlista#"))
    anchor = href.split("#", 1)[1]
    target = page.locator(f"dt[id='{anchor}']")
    expect(target).to_contain_text(term_text)
    expect(target).to_be_in_viewport()


def test_start_to_article_to_glossary_term(page: Page) -> None:
    _browse_to_article_and_term(page)


def test_start_to_article_to_glossary_term_without_javascript(nojs_page: Page) -> None:
    _browse_to_article_and_term(nojs_page)


def test_article_section_anchor_scrolls_into_view(page: Page) -> None:
    page.goto("/artiklar/vad-ar-sib")
    first = page.locator("nav.toc a").nth(1)
    anchor = (first.get_attribute("href") or "#")[1:]
    first.click()
    expect(page).to_have_url(re.compile(f"#{re.escape(anchor)}$"))
    expect(page.locator(f"[id='{anchor}']")).to_be_in_viewport()


def test_unknown_article_gives_swedish_404(page: Page) -> None:
    response = page.goto("/artiklar/finns-inte")
    assert response is not None and response.status == 404
    expect(page.locator("h1")).to_have_text("Sidan finns inte")
    expect(page.locator("main")).to_contain_text("finns-inte")


def test_skip_link_moves_focus_to_main(page: Page) -> None:
    page.goto("/")
    page.keyboard.press("Tab")
    skip = page.locator(".skip-link")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"#main$"))
    page.keyboard.press("Tab")
    focused_in_main = page.evaluate("() => document.querySelector('main').contains(document.activeElement)")
    assert focused_in_main, "efter hopplänken ska nästa Tab hamna i huvudinnehållet"


def test_no_console_errors_or_csp_violations_on_foundation_pages(page: Page) -> None:
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    for path in ["/", "/artiklar", "/teman/grunder", "/artiklar/vad-ar-sib", "/ordlista", "/om"]:
        page.goto(path)
        page.wait_for_load_state("load")
    assert problems == []
