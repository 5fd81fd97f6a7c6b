"""Links between content: `[text](artikel:id#ankare)` and `[text](ordlista:term)`, and whether they resolve.

One place for the rule, used by the article loader, the screening tree and the course modules.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Set

from kb.models import Article

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
