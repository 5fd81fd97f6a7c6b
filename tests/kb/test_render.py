"""Rendering: raw HTML never passes, citations become visible references, links and anchors resolve."""

from __future__ import annotations

from kb.loader import load_content
from kb.markdown import slugify
from kb.render import render_markdown
from kb.sections import split_sections
from tests.conftest import FIXTURE_CONTENT
from web.urls import Urls

SOURCES = load_content(FIXTURE_CONTENT).sources
LINKS = Urls()


def test_raw_html_is_escaped() -> None:
    html = render_markdown('Hej <script>alert("x")</script> <img src=x onerror=alert(1)>', SOURCES, links=LINKS)
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;" in html


def test_javascript_links_are_not_rendered_as_links() -> None:
    assert "href" not in render_markdown("[klicka](javascript:alert(1))", SOURCES, links=LINKS)


def test_citation_marker_becomes_visible_reference_with_page() -> None:
    html = render_markdown("Fakta. {{cite fryshuset2018 klippan s. 38}}", SOURCES, links=LINKS)
    assert 'class="cite"' in html
    assert "Fryshuset 2018" in html and "s. 38" in html
    assert 'href="/om#kalla-fryshuset2018"' in html
    assert "{{" not in html


def test_page_ranges_use_en_dash() -> None:
    assert "s. 56–58" in render_markdown("X {{cite fryshuset2018 klippan s. 56-58}}", SOURCES, links=LINKS)


def test_internal_links_are_resolved() -> None:
    html = render_markdown("[a](artikel:klippan#start) [b](ordlista:intermediar)", SOURCES, links=LINKS)
    assert 'href="/artiklar/klippan#start"' in html
    assert 'href="/ordlista#intermediar"' in html


def test_internal_links_and_citations_get_the_root_path() -> None:
    text = "[a](artikel:klippan#start) [b](ordlista:intermediar) X {{cite fryshuset2018 klippan}}"
    html = render_markdown(text, SOURCES, links=Urls("/sib-guiden"))
    assert 'href="/sib-guiden/artiklar/klippan#start"' in html and 'href="/sib-guiden/ordlista#intermediar"' in html
    assert 'href="/sib-guiden/om#kalla-fryshuset2018"' in html and 'href="/artiklar' not in html


def test_subheadings_get_anchors() -> None:
    html = render_markdown("### Ett underavsnitt\n\n### Med eget {#eget}\n", SOURCES, links=LINKS)
    assert '<h3 id="ett-underavsnitt">' in html
    assert '<h3 id="eget">Med eget</h3>' in html


def test_slugify_folds_swedish_letters() -> None:
    assert slugify("Förstudien – steg för steg") == "forstudien-steg-for-steg"
    assert slugify("Vad är ÅÄÖ?") == "vad-ar-aao"


def test_sections_keep_explicit_and_generated_anchors() -> None:
    sections, problems = split_sections("Intro.\n\n## Första {#ett}\n\nA\n\n## Andra rubriken\n\nB\n", 10)
    assert [(s.anchor, s.line) for s in sections] == [("intro", 10), ("ett", 12), ("andra-rubriken", 16)]
    assert problems == []


def test_headings_in_code_and_quotes_do_not_start_sections() -> None:
    body = "Intro.\n\n```\n## Kod\n```\n\n> ## Citerad\n\n## Riktig ##\n\nB\n"
    sections, problems = split_sections(body, 1)
    assert [(s.anchor, s.heading, s.line) for s in sections] == [("intro", "", 1), ("riktig", "Riktig", 9)]
    assert problems == []


def test_title_level_heading_and_empty_heading_are_problems() -> None:
    _, problems = split_sections("# Titel\n\ntext\n\n##\n\nmer\n", 1)
    assert [line for line, _ in problems] == [1, 5]
    assert "använd inte '#'" in problems[0][1] and problems[1][1] == "tom rubrik"


def test_bad_anchor_is_a_problem() -> None:
    _, problems = split_sections("## Rubrik {#Dåligt Ankare}\n\ntext\n", 1)
    assert problems and "ogiltigt ankare" in problems[0][1]


def test_marker_without_page_shows_the_chapters_pages() -> None:
    html = render_markdown("X {{cite fryshuset2018 vad-ar-sib}}", SOURCES, links=LINKS)
    assert "”Vad är en Social Impact Bond?”, s. 12–16]" in html


def test_chapter_without_known_pages_shows_no_page() -> None:
    html = render_markdown("X {{cite fryshuset2018 inledning}}", SOURCES, links=LINKS)
    assert "”Inledning och bakgrund”]" in html and "s. " not in html


def test_exact_page_wins_over_the_chapter_range() -> None:
    html = render_markdown("X {{cite fryshuset2018 vad-ar-sib s. 12}}", SOURCES, links=LINKS)
    assert "s. 12]" in html and "12–16" not in html
