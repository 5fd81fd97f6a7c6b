"""Pictures and layout in a real browser: each diagram page at 1 280 and 390 px (screenshots in tests/artifacts/),
no sideways scrolling on any page type, axe on the new pages, and a print-to-PDF page count for an article.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.axe import BLOCKING, run_axe, summarize
from tests.browser.conftest import ARTIFACTS, Contexts
from tests.browser.test_accessibility import STATIC_PAGES

pytestmark = pytest.mark.browser

DIAGRAM_PAGES = {
    "start": "/",
    "vad-ar-sib": "/artiklar/vad-ar-sib",
    "roller": "/artiklar/roller",
    "arbetsprocessen": "/artiklar/arbetsprocessen",
    "resultattrappan": "/artiklar/resultattrappan",
    "avtalsstruktur": "/artiklar/avtalsstruktur",
    "danmark": "/artiklar/danmark",
    "norrkoping": "/artiklar/norrkoping",
    "klippan": "/artiklar/klippan",
    "kalkyl": "/kalkyl",
}
WIDTHS = (1280, 390)
PAGE_TYPES = {**STATIC_PAGES, **DIAGRAM_PAGES, "docs": "/docs", "menade-du": "/artiklar/vad-ar-sbi"}
NO_OVERFLOW = "() => document.documentElement.scrollWidth <= window.innerWidth"


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", list(DIAGRAM_PAGES))
def test_diagram_page_fits_the_screen_and_is_screenshotted(contexts: Contexts, name: str, width: int) -> None:
    page = contexts.new(viewport={"width": width, "height": 900}).new_page()
    page.goto(DIAGRAM_PAGES[name])
    figures = page.locator("figure.diagram, figure.chart")
    assert figures.count() >= 1
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"diagram-{name}-{width}.png"), full_page=True)
    for i in range(figures.count()):
        figure = figures.nth(i)
        box = figure.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width + 0.5, (name, i, box)
        # The picture itself never shrinks below a legible 480 px; on a phone it scrolls inside its own box.
        svg_box = figure.locator("svg").first.bounding_box()
        assert svg_box is not None and svg_box["width"] >= min(480, box["width"] - 40), (name, i, svg_box)
        figure.screenshot(path=str(ARTIFACTS / f"diagram-{name}-{width}-figur{i + 1}.png"))
    assert page.evaluate(NO_OVERFLOW), page.evaluate("document.documentElement.scrollWidth")


@pytest.mark.parametrize("width", WIDTHS)
def test_no_page_type_scrolls_sideways(contexts: Contexts, width: int) -> None:
    page = contexts.new(viewport={"width": width, "height": 900}).new_page()
    wide = {}
    for name, path in PAGE_TYPES.items():
        page.goto(path)
        if not page.evaluate(NO_OVERFLOW):
            wide[name] = page.evaluate("document.documentElement.scrollWidth")
    assert wide == {}, f"sidor bredare än {width} px: {wide}"


AXE_PAGES = {**DIAGRAM_PAGES, "redovisning": "/redovisning", "menade-du": "/artiklar/vad-ar-sbi"}


@pytest.mark.parametrize("name", list(AXE_PAGES))
def test_new_pages_have_no_serious_axe_violations(page: Page, name: str) -> None:
    page.goto(AXE_PAGES[name])
    blocking = [v for v in run_axe(page) if v["impact"] in BLOCKING]
    assert blocking == [], summarize(blocking)


def test_redovisning_table_scrolls_in_its_own_box_at_1280(contexts: Contexts) -> None:
    page = contexts.new(viewport={"width": 1280, "height": 900}).new_page()
    page.goto("/redovisning")
    box = page.locator(".table-scroll").first.bounding_box()
    assert box is not None and box["x"] + box["width"] <= 1280
    assert page.evaluate(NO_OVERFLOW)


def test_amounts_are_never_split_on_a_phone(contexts: Contexts) -> None:
    page = contexts.new(viewport={"width": 390, "height": 800}).new_page()
    page.goto("/redovisning")
    # A cell's text laid out on more than one line shows up as line boxes with different tops.
    split = page.evaluate(
        """() => [...document.querySelectorAll('.calc-table td')].filter(td => {
               const r = document.createRange(); r.selectNodeContents(td);
               return new Set([...r.getClientRects()].map(b => Math.round(b.top))).size > 1;
             }).map(td => td.innerText)"""
    )
    assert split == []


def test_copy_button_is_hidden_without_javascript(nojs_page: Page) -> None:
    nojs_page.goto("/sok?q=risk")
    buttons = nojs_page.locator("button.copy-answer")
    for i in range(buttons.count()):
        expect(buttons.nth(i)).to_be_hidden()


def test_htmx_search_updates_the_page_title(page: Page) -> None:
    page.goto("/sok")
    page.locator("#sok-q").fill("risk")
    page.locator("#sok-q").press("Enter")
    expect(page).to_have_title(re.compile(r"^Sök: risk – SIB-guiden$"))


def test_docs_renders_swagger_ui_offline_under_the_csp(page: Page) -> None:
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto("/docs")
    expect(page.locator(".opblock").first).to_be_visible(timeout=15_000)
    assert page.locator(".opblock").count() >= 5
    assert errors == []


def test_article_prints_to_a_bounded_number_of_pages(page: Page) -> None:
    """vad-ar-sib with its money-flow figure measured 7 A4 pages; more than 9 means print layout has regressed."""
    page.goto("/artiklar/vad-ar-sib")
    pdf = page.pdf(format="A4", print_background=False)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "print-vad-ar-sib.pdf").write_bytes(pdf)
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert 3 <= pages <= 9, pages
