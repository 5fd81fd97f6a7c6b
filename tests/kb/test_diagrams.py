"""Diagrams: every content diagram draws as accessible SVG with all its labels; broken files fail the check."""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from kb.diagrams.figure import figure_html, svg_for, timeline_html
from kb.diagrams.load import load_diagrams
from kb.diagrams.model import FlowDiagram
from kb.diagrams.svg import plain
from kb.diagrams.timeline import Event
from kb.loader import check_content
from kb.sources import load_sources
from tests.conftest import FIXTURE_CONTENT
from web.urls import Urls

REAL = Path(__file__).resolve().parents[2] / "content" / "sv"
SVG = "{http://www.w3.org/2000/svg}"
FLOW = """id: {id}
kind: flow
title: Två roller
description: Kommunen betalar utföraren.
cite: "{{{{cite fryshuset2018 vad-ar-sib}}}}"
nodes:
  - id: kommun
    label: Kommunen
    col: 0
    row: 0
  - id: utforare
    label: Utföraren
    col: 2
    row: 0
edges:
  - from: kommun
    to: {to}
    type: pengar
    label: Betalar för utfallet
"""


def _texts(svg: str) -> list[str]:
    root = ET.fromstring(svg)
    return [" ".join("".join(t.itertext()).split()) for t in root.iter(f"{SVG}text")] + [
        " ".join(span.text or "" for span in t.iter(f"{SVG}tspan")) for t in root.iter(f"{SVG}text")
    ]


def _labels(d: FlowDiagram | object) -> list[str]:
    if isinstance(d, FlowDiagram):
        return [n.label for n in d.nodes] + [e.label for e in d.edges]
    return [s.label for s in d.steps] + [s.label for s in d.spans]  # type: ignore[attr-defined]


def test_every_content_diagram_is_accessible_svg_with_all_its_labels() -> None:
    sources, _ = load_sources(REAL / "kallor.yaml")
    diagrams, errors = load_diagrams(REAL, sources)
    assert not errors
    assert {"pengaflode", "roller-stockholm", "utan-intermediar", "arbetsprocessen", "resultattrappan",
            "avtal-kommun-finansiar", "avtal-utforare-finansiar", "avtal-spv"} <= set(diagrams)
    for d in diagrams.values():
        svg = svg_for(d, f"t-{d.id}")
        root = ET.fromstring(svg)
        assert root.get("role") == "img"
        assert root.get("aria-labelledby") == f"t-{d.id}-titel t-{d.id}-besk"
        assert root.find(f"{SVG}title").text == plain(d.title)  # type: ignore[union-attr]
        assert root.find(f"{SVG}desc").text  # type: ignore[union-attr]
        assert "style=" not in svg and "<script" not in svg
        shown = " | ".join(_texts(svg))
        for label in _labels(d):
            assert plain(label) in shown, (d.id, label)


def test_figure_has_a_text_equivalent_with_linked_sources() -> None:
    sources, _ = load_sources(REAL / "kallor.yaml")
    diagrams, _ = load_diagrams(REAL, sources)
    html = figure_html(diagrams["pengaflode"], sources, links=Urls())
    assert 'aria-labelledby="figur-pengaflode-rubrik"' in html
    assert "Figuren i text" in html and "Betalar tillbaka om resultatet nås" in html
    assert 'class="cite"' in html and "{{cite" not in html


def test_timeline_lists_every_event_in_picture_and_text() -> None:
    sources, _ = load_sources(REAL / "kallor.yaml")
    events = [(Event(2014, 4, "Första kontakten"), "{{cite fryshuset2018 investerare}}"),
              (Event(2021, None, "Slutrapporten"), "{{cite stockholm2021 exempel}}")]
    html = timeline_html("tl", "Tidslinje", "Från 2014 till 2021.", events, sources, links=Urls())
    svg = html[html.index("<svg"):html.index("</svg>") + 6]
    shown = " | ".join(_texts(svg))
    assert "april 2014" in shown and "Första kontakten" in shown and "2021" in shown
    assert html.index("april 2014") < html.index("Slutrapporten")


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "sv"
    shutil.copytree(FIXTURE_CONTENT, root)
    (root / "diagram").mkdir()
    return root


def _errors(root: Path) -> list[str]:
    content, errors = check_content(root)
    assert content is None
    return [str(e) for e in errors]


def test_broken_diagram_file_fails_check_with_its_line(corpus: Path) -> None:
    (corpus / "diagram" / "trasig.yaml").write_text(FLOW.format(id="trasig", to="finns-inte"), encoding="utf-8")
    errors = _errors(corpus)
    assert any("trasig.yaml:15:" in e and "'finns-inte', som inte finns" in e for e in errors), errors


def test_diagram_field_error_points_at_its_list_item(corpus: Path) -> None:
    text = FLOW.format(id="fel", to="utforare").replace("    col: 2\n", "    col: 7\n")
    (corpus / "diagram" / "fel.yaml").write_text(text, encoding="utf-8")
    errors = _errors(corpus)
    assert any(e.split("fel.yaml:")[1].startswith("11: nodes.1.col") for e in errors if "fel.yaml" in e), errors


def test_bad_cite_and_wrong_id_in_diagram_are_reported(corpus: Path) -> None:
    text = FLOW.format(id="annat", to="utforare").replace("vad-ar-sib", "inget-kapitel")
    (corpus / "diagram" / "tva.yaml").write_text(text, encoding="utf-8")
    errors = _errors(corpus)
    assert any("tva.yaml:1:" in e and "filnamnet" in e for e in errors), errors
    assert any("tva.yaml:5:" in e and "inget-kapitel" in e for e in errors), errors


def test_unknown_diagram_marker_in_article_is_a_content_error(corpus: Path) -> None:
    (corpus / "diagram" / "tva.yaml").write_text(FLOW.format(id="tva", to="utforare"), encoding="utf-8")
    article = corpus / "grunder" / "vad-ar-sib.md"
    article.write_text(article.read_text(encoding="utf-8") + "\n{{diagram finns-ej}}\n\n{{diagram tva}}\n",
                       encoding="utf-8")
    errors = _errors(corpus)
    assert any("vad-ar-sib.md" in e and "'finns-ej' finns inte" in e for e in errors), errors
    assert not any("'tva'" in e for e in errors)


def test_diagram_marker_renders_the_figure_in_the_article(corpus: Path) -> None:
    from web.views import article_view

    (corpus / "diagram" / "tva.yaml").write_text(FLOW.format(id="tva", to="utforare"), encoding="utf-8")
    article = corpus / "grunder" / "vad-ar-sib.md"
    article.write_text(article.read_text(encoding="utf-8") + "\n{{diagram tva}}\n", encoding="utf-8")
    content, errors = check_content(corpus)
    assert content is not None, errors
    view = article_view(content.articles["vad-ar-sib"], content, Urls())
    html = "".join(s.html for s in view.sections)
    assert '<figure class="diagram" id="figur-tva"' in html and "<p><figure" not in html


def test_sibguide_check_fails_on_a_broken_diagram_file(corpus: Path) -> None:
    from assistant.validate import check_all

    (corpus / "diagram" / "trasig.yaml").write_text("id: trasig\nkind: flow\n", encoding="utf-8")
    content, errors = check_all(corpus)
    assert content is None
    assert any("trasig.yaml:1: title:" in str(e) for e in errors), errors


def _with_milestones(corpus: Path, lines: str) -> Path:
    path = corpus / "fall" / "klippan.md"
    text = path.read_text(encoding="utf-8").replace("  stage: avbruten\n", "  stage: avbruten\n  milestones:\n" + lines)
    path.write_text(text, encoding="utf-8")
    return path


def test_case_milestones_must_be_in_time_order_and_cited(corpus: Path) -> None:
    _with_milestones(corpus, '    - {year: 2016, label: "Slut", cite: "{{cite fryshuset2018 klippan}}"}\n'
                             '    - {year: 2015, label: "Start", cite: "ingen källa"}\n')
    errors = _errors(corpus)
    assert any("klippan.md" in e and "tidsordning" in e for e in errors), errors


def test_case_timeline_is_generated_from_milestones(corpus: Path) -> None:
    from web.views import article_view

    _with_milestones(corpus, '    - {year: 2015, month: 5, label: "Start", cite: "{{cite fryshuset2018 klippan}}"}\n'
                             '    - {year: 2016, label: "Slut", cite: "{{cite fryshuset2018 klippan}}"}\n')
    content, errors = check_content(corpus)
    assert content is not None, errors
    html = article_view(content.articles["klippan"], content, Urls()).timeline_html
    assert 'id="tidslinje-klippan"' in html and "maj 2015" in html and "2015–2016" in html


def test_uncited_milestone_is_a_content_error(corpus: Path) -> None:
    _with_milestones(corpus, '    - {year: 2015, label: "Start", cite: "ingen källa"}\n'
                             '    - {year: 2016, label: "Slut", cite: "{{cite fryshuset2018 finns-inte}}"}\n')
    errors = _errors(corpus)
    assert any("milestones (2015): cite ska vara" in e for e in errors), errors
    assert any("milestones (2016)" in e and "finns-inte" in e for e in errors), errors
