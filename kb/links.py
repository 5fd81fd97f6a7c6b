"""Links between content: `[text](artikel:id#ankare)` and `[text](ordlista:term)`, whether they resolve, and
the `LinkBuilder` that turns them into addresses.

One place for the rule, used by the article loader, the screening tree and the course modules.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Set
from typing import Protocol

from kb.models import Article


class LinkBuilder(Protocol):
    """Addresses of what content links to. `kb` and `assistant` know ids and anchors only; the web layer, which
    knows the paths and the prefix the site is served under, implements this (`web.urls.Urls`)."""

    def article(self, article_id: str, anchor: str | None = None, *, highlight: str | None = None) -> str:
        """An article, optionally a section of it, optionally with a search passage highlighted."""
        ...

    def glossary(self, term_id: str | None = None) -> str:
        """The glossary, optionally at one term."""
        ...

    def source(self, doc: str) -> str:
        """Where a cited source document is described."""
        ...


LINK_RE = re.compile(r"\]\((?P<scheme>artikel|ordlista):(?P<target>[^)#\s]*)(?:#(?P<anchor>[^)\s]*))?\)")


def ref_problem(articles: Mapping[str, Article], article_id: str, anchor: str | None) -> str | None:
    """Why `article_id#anchor` does not resolve, or None when it does."""
    article = articles.get(article_id)
    if article is None:
        return f"artikeln {article_id!r} finns inte"
    if anchor and article.section(anchor) is None:
        return f"avsnittet #{anchor} finns inte i artikeln {article_id!r}"
    return None


def link_problems(text: str, articles: Mapping[str, Article], term_ids: Set[str]) -> list[tuple[int, str]]:
    """(character offset, message) for every link in `text` that points nowhere."""
    problems = []
    for m in LINK_RE.finditer(text):
        if m["scheme"] == "ordlista":
            problem = None if m["target"] in term_ids else f"termen {m['target']!r} finns inte i ordlistan"
        else:
            problem = ref_problem(articles, m["target"], m["anchor"] or None)
        if problem:
            problems.append((m.start(), f"länken går inte att följa: {problem}"))
    return problems
