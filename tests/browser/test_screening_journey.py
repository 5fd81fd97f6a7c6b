"""The whole screening in a real browser: answer, go back, change an answer on the review page, share, export DOCX.

Run with JavaScript on (htmx swaps the step in place) and off (plain GET forms and redirects), and by keyboard only.
"""

from __future__ import annotations

import re
from pathlib import Path

import docx
import pytest
import yaml
from playwright.sync_api import Page, expect

from tests.browser.conftest import Contexts

pytestmark = pytest.mark.browser
MAX_STEPS = 40


def _heading(page: Page) -> str:
    return page.locator("#screening h1").inner_text().strip()


def _answer(page: Page, index: int = 0) -> None:
    """Choose option `index` (or the last one, if there are fewer) and submit; wait for the next step's URL."""
    options = page.locator("#screening input[type=radio][name=v]")
    count = options.count()
    assert count >= 2, "en fråga ska ha minst två svar"
    chosen = options.nth(min(index, count - 1))
    page.locator(f"label[for='{chosen.get_attribute('id')}']").click()
    expect(chosen).to_be_checked()
    before = page.url
    page.locator("#screening form button[type=submit]").click()
    page.wait_for_url(lambda url: url != before)


def _is_result(page: Page) -> bool:
    return _heading(page).startswith("Resultat")


def _answer_until_result(page: Page, index: int = 0) -> int:
    steps = 0
    while not _is_result(page):
        _answer(page, index)
        steps += 1
        assert steps < MAX_STEPS, "screeningen ska ta slut"
    return steps


def _start(page: Page) -> None:
    page.goto("/")
    page.locator("nav.site-nav").get_by_role("link", name="Pröva din idé").click()
    expect(page.locator("h1")).to_contain_text("utfallskontrakt")
    page.get_by_role("link", name="Börja").click()
    expect(page.locator("#screening progress")).to_be_visible()


def _whole_screening(page: Page, contexts: Contexts, tmp_path: Path, javascript: bool) -> None:
    _start(page)
    first_question = _heading(page)
    _answer(page, 0)
    second_question = _heading(page)
    assert second_question != first_question

    # Back returns to the first question with the earlier answer still chosen.
    page.get_by_role("link", name="Tillbaka").click()
    expect(page.locator("#screening h1")).to_have_text(first_question)
    expect(page.locator("#screening input[type=radio][name=v]:checked")).to_have_count(1)
    _answer(page, 0)
    expect(page.locator("#screening h1")).to_have_text(second_question)

    steps = _answer_until_result(page, 0)
    assert steps >= 1
    first_verdict = _heading(page)
    expect(page.locator("#screening .summary .top-steps")).to_be_visible()

    # Review page: change the first answer, then finish again.
    page.get_by_role("link", name="Granska och ändra dina svar").click()
    expect(page.locator("#screening h1")).to_have_text("Granska dina svar")
    rows = page.locator("dl.review .review-row")
    assert rows.count() >= 2
    rows.first.get_by_role("link", name=re.compile("^Ändra")).click()
    expect(page.locator("#screening h1")).to_have_text(first_question)
    expect(page.locator("#screening form button[type=submit]")).to_have_text("Spara och fortsätt")
    _answer(page, 1)
    _answer_until_result(page, 1)
    verdict = _heading(page)
    assert verdict.startswith("Resultat")

    # The share link, opened in a fresh context (no history, no cookies), shows the same result.
    share = page.locator("#share-url").input_value()
    assert "a=" in share
    other = contexts.new(java_script_enabled=javascript).new_page()
    other.goto(share)
    expect(other.locator("#screening h1")).to_have_text(verdict)

    # Export as DOCX with a description, then open it with python-docx.
    description = "Vi vill minska ungdomsarbetslösheten i kommunen."
    page.locator("#beskrivning").fill(description)
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Ladda ner som Word (DOCX)").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".docx")
    target = tmp_path / download.suggested_filename
    download.save_as(target)
    text = "\n".join(p.text for p in docx.Document(str(target)).paragraphs)
    assert description in text
    label = verdict.removeprefix("Resultat:").strip()
    assert label in text, (label, text[:500])
    assert first_verdict  # the first verdict was reached and shown before the change


def test_whole_screening_with_javascript(page: Page, contexts: Contexts, tmp_path: Path) -> None:
    _whole_screening(page, contexts, tmp_path, javascript=True)


def test_whole_screening_without_javascript(nojs_page: Page, contexts: Contexts, tmp_path: Path) -> None:
    _whole_screening(nojs_page, contexts, tmp_path, javascript=False)


def test_missing_answer_gives_error_summary(page: Page) -> None:
    _start(page)
    q = page.locator("#screening input[name=q]").input_value()
    response = page.goto(f"/screening?a=&q={q}")
    assert response is not None and response.status == 422
    expect(page.locator(".error-summary")).to_contain_text("Välj ett av svaren")
    expect(page).to_have_title(re.compile("^Fel: "))


def _tab_to(page: Page, selector: str, limit: int = 60) -> None:
    """Press Tab until the focused element matches `selector`; fail if it never does."""
    for _ in range(limit):
        if page.evaluate("(s) => document.activeElement && document.activeElement.matches(s)", selector):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab nådde aldrig {selector}")


def _focus_is_visible(page: Page) -> bool:
    return bool(
        page.evaluate(
            """() => { const s = getComputedStyle(document.activeElement);
                   return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2) || s.boxShadow !== 'none'; }"""
        )
    )


def test_screening_by_keyboard_only(page: Page) -> None:
    page.goto("/screening")
    _tab_to(page, "a.button.primary")
    assert _focus_is_visible(page)
    page.keyboard.press("Enter")
    expect(page.locator("#screening progress")).to_be_visible()
    headings = []
    for _ in range(3):
        if _is_result(page):
            break
        headings.append(_heading(page))
        before = page.url
        _tab_to(page, "#screening input[type=radio]")
        assert _focus_is_visible(page), "fokus på svarsalternativet ska synas"
        page.keyboard.press("Space")
        expect(page.locator("#screening input[type=radio]:checked")).to_have_count(1)
        _tab_to(page, "#screening form button[type=submit]")
        assert _focus_is_visible(page), "fokus på knappen ska synas"
        page.keyboard.press("Enter")
        page.wait_for_url(lambda url, before=before: url != before)  # type: ignore[misc]
    assert len(headings) >= 2 and len(set(headings)) == len(headings)


def test_missing_answer_shows_the_error_with_javascript(page: Page) -> None:
    """htmx does not swap a 422 by default; the screening script makes it show the error in place."""
    _start(page)
    before = page.url
    page.locator("#screening form button[type=submit]").click()
    expect(page.locator("#screening .error-summary")).to_contain_text("Välj ett av svaren")
    assert page.url == before
    expect(page.locator("#screening input[type=radio][name=v]")).not_to_have_count(0)


def test_a_blocker_stops_early_and_the_whole_assessment_can_follow(page: Page) -> None:
    _start(page)
    _answer(page, 1)  # the second option of the first question is a blocker (more of the same)
    expect(page.locator("#screening h1")).to_contain_text("Inte ett utfallskontrakt nu")
    expect(page.locator("#screening .verdict-badge")).to_contain_text("Inte nu: 1 hinder")
    page.get_by_role("link", name="Se hela bedömningen ändå").click()
    expect(page.locator("#screening progress")).to_be_visible()
    assert "hela%3Aja" in page.url or "hela:ja" in page.url


def _case_url(name: str) -> str:
    case = yaml.safe_load((Path(__file__).parents[1] / "screening" / "cases" / f"{name}.yaml").read_text("utf-8"))
    return "/screening?a=" + ",".join(f"{k}:{v}" for k, v in case["answers"].items())


def test_character_counter_and_oversized_text_keep_the_answers(page: Page) -> None:
    page.goto(_case_url("klippan-ny-kommundirektor"))
    area = page.locator("#beskrivning")
    area.fill("x" * 2100)
    expect(page.locator("#tecken-kvar")).to_contain_text("100 tecken för lång")
    page.get_by_role("button", name="Ladda ner som Markdown").click()
    expect(page.locator(".export-form .error-summary")).to_contain_text("högst 2000 tecken")
    assert page.locator("#beskrivning").input_value() == "x" * 2100
    expect(page.locator("#screening h1")).to_contain_text("Lämplig med villkor")


def _pdf_pages(data: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![a-z])", data))


def test_result_prints_on_at_most_two_a4_pages(page: Page) -> None:
    page.set_viewport_size({"width": 1280, "height": 900})
    for name in (
        "klippan-fore-ny-kommundirektor",
        "prosper-simhall",
        "norge-kriminalvard-pilot",
        "konkurrens-leverantor-vill-direktupphandlas",
    ):
        page.goto(_case_url(name))
        summary = page.locator("#screening .summary").bounding_box()
        assert summary is not None and summary["y"] + summary["height"] <= 900, summary
        pdf = page.pdf(format="A4", print_background=False)
        pages = _pdf_pages(pdf)
        assert 1 <= pages <= 2, (name, pages)
        text = page.locator(".print-head").inner_text()
        assert "SIB-guiden" in text and "/screening?a=" in text


def test_tree_map_prints_on_at_most_two_pages(page: Page) -> None:
    page.goto("/screening/karta")
    assert 1 <= _pdf_pages(page.pdf(format="A4")) <= 2
    labels = page.locator("svg.tree-diagram text").all_text_contents()
    assert labels and not any(re.fullmatch(r"[a-z0-9-]+", t.strip()) for t in labels), labels[:5]
