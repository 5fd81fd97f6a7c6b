"""Trainer kit, trust notices and printing in a real browser: axe on the new pages, PDF page counts, arrow keys."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.axe import BLOCKING, run_axe, summarize

pytestmark = pytest.mark.browser

NEW_PAGES = {
    "kursledare": "/kursledare",
    "kursplan": "/kursledare/planer/heldag",
    "facit": "/kursledare/facit",
    "beslutskarta": "/kursledare/beslutskarta",
    "projektor": "/kurs/roller/projektor",
    "artikel-rattslage": "/artiklar/lou-och-utfallskontrakt",
    "om-utgivare": "/om",
}


def pdf_pages(page: Page) -> int:
    """Pages in the print-to-PDF of the current page (print CSS, the page's own @page size)."""
    pdf = page.pdf(prefer_css_page_size=True)
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf))


@pytest.mark.parametrize("name", list(NEW_PAGES))
def test_new_page_has_no_serious_axe_violations(page: Page, name: str) -> None:
    response = page.goto(NEW_PAGES[name])
    assert response is not None and response.status == 200
    expect(page.locator("h1")).to_have_count(1)
    blocking = [v for v in run_axe(page) if v["impact"] in BLOCKING]
    assert blocking == [], summarize(blocking)


def test_projector_prints_one_slide_per_page(page: Page) -> None:
    page.goto("/kurs/roller/projektor")
    slides = page.locator(".slide").count()
    assert slides >= 12
    assert pdf_pages(page) == slides


def test_module_handout_prints_on_two_pages_at_most(page: Page) -> None:
    page.goto("/kurs/vad-och-varfor/utskrift")
    assert 1 <= pdf_pages(page) <= 2


def test_decision_map_prints_on_one_page(page: Page) -> None:
    page.goto("/kursledare/beslutskarta")
    assert pdf_pages(page) == 1


def test_arrow_keys_move_one_slide_and_the_address_follows(page: Page) -> None:
    page.goto("/kurs/roller/projektor")
    page.keyboard.press("ArrowRight")
    expect(page).to_have_url(re.compile(r"#bild-2$"))
    page.keyboard.press("ArrowRight")
    expect(page).to_have_url(re.compile(r"#bild-3$"))
    page.keyboard.press("ArrowLeft")
    expect(page).to_have_url(re.compile(r"#bild-2$"))
    page.keyboard.press("End")
    last = page.locator(".slide").count()
    expect(page).to_have_url(re.compile(rf"#bild-{last}$"))


def test_projector_without_javascript_is_a_list_of_all_slides(nojs_page: Page) -> None:
    nojs_page.goto("/kurs/roller/projektor")
    slides = nojs_page.locator(".slide")
    assert slides.count() >= 12
    expect(slides.last).to_be_attached()
    slides.last.scroll_into_view_if_needed()
    expect(slides.last.locator("h2")).to_be_visible()
