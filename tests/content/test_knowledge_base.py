"""The real knowledge base: valid, cited, in our own words, and with a glossary that the articles use."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from kb.markdown import slugify
from kb.models import Content
from tests.conftest import REAL_CONTENT
from web.settings import ROOT

VERBATIM = ROOT.parent / "shared" / "tools" / "verbatim_check.py"
PLANNED = re.compile(r"^- `(?P<id>[a-z0-9-]+)`", re.M)


@pytest.fixture
def content(real_content: Content) -> Content:
    return real_content


def test_every_planned_article_exists(content: Content) -> None:
    planned = PLANNED.findall((ROOT / "content" / "PLAN.md").read_text(encoding="utf-8"))
    assert len(planned) >= 45
    assert sorted(set(planned) - set(content.articles)) == []


def test_every_theme_has_articles(content: Content) -> None:
    assert all(content.by_theme(t) for t in content.themes)


def test_every_article_has_sources_and_every_section_a_citation(content: Content) -> None:
    for article in content.articles.values():
        assert article.sources, article.id
        for section in article.sections:
            assert section.citations, f"{article.id}#{section.anchor}"


def test_every_section_has_its_own_short_answer(content: Content) -> None:
    """A question about any section can be answered with the section's point, not only with a sentence of it."""
    missing = [f"{a.id}#{s.anchor}" for a in content.articles.values() for s in a.sections if not s.answer]
    assert not missing, missing


def test_every_source_chapter_is_covered_by_some_article(content: Content) -> None:
    cited = {(c.doc, c.chapter) for a in content.articles.values() for s in a.sections for c in s.citations}
    chapters = {(key, ch) for key, source in content.sources.items() for ch in source.chapters}
    assert sorted(chapters - cited) == []


def test_glossary_has_at_least_fifty_terms_each_used_by_a_listed_article(content: Content) -> None:
    assert len(content.glossary) >= 50
    unused = []
    for term in content.glossary:
        stem = slugify(term.term.split("(")[0].split("/")[0].strip())[:6].replace("-", " ")
        texts = " ".join(
            slugify(s.heading + " " + s.markdown).replace("-", " ")
            for aid in term.articles
            for s in content.articles[aid].sections
        )
        if stem not in texts:
            unused.append(term.id)
    assert unused == [], "termer som ingen av de angivna artiklarna tar upp"


def test_case_articles_have_case_blocks(content: Content) -> None:
    cases = content.by_theme("fall")
    assert len(cases) >= 9 and all(a.case is not None for a in cases)


@pytest.mark.external
@pytest.mark.skipif(not VERBATIM.exists(), reason="verbatim_check.py finns bara bredvid repot i ../shared")
def test_content_is_written_in_own_words() -> None:
    result = subprocess.run(
        [sys.executable, str(VERBATIM), str(REAL_CONTENT)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout[-2000:]
