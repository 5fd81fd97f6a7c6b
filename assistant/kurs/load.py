"""Read the course modules under content/sv/kurs/, collecting every problem as ContentError(path, line, message)."""

from __future__ import annotations

import re
from pathlib import Path

from pydantic import ValidationError

from assistant.kurs.model import Module, ModuleMeta, to_module
from kb.citations import find_citations
from kb.errors import ContentError
from kb.frontmatter import Document, read_document
from kb.links import LINK_RE, ref_problem
from kb.loader import cited_text_problems, pydantic_errors
from kb.models import Content

FOLDER = "kurs"


def _module_problems(doc: Document, meta: ModuleMeta, content: Content) -> list[ContentError]:
    errors: list[ContentError] = []
    path = doc.path

    def add(key: str, index: int | None, messages: list[str]) -> None:
        errors.extend(ContentError(path, doc.line_of(key, index), msg) for msg in messages)

    if meta.id != path.stem:
        add("id", None, [f"id {meta.id!r} ska vara samma som filnamnet {path.stem!r}"])
    for i, reading in enumerate(meta.reading):
        article, _, anchor = reading.link.partition("#")
        problem = ref_problem(content.articles, article, anchor or None)
        if problem:
            add("reading", i, [f"läsanvisningen går inte att följa: {problem}"])
        add("reading", i, cited_text_problems(reading.note, content))
    for i, text in enumerate(meta.goals):
        add("goals", i, cited_text_problems(text, content))
    for i, text in enumerate(meta.discussion):
        add("discussion", i, cited_text_problems(text, content))
    ex = meta.exercise
    if ex.case is not None and ex.case not in content.articles:
        add("exercise", None, [f"övningens fall {ex.case!r} finns inte som artikel"])
    for text in (ex.intro, *ex.steps):
        add("exercise", None, cited_text_problems(text, content))
    seen: set[str] = set()
    for i, q in enumerate(meta.quiz):
        if q.id in seen:
            add("quiz", i, [f"frågan {q.id!r} finns redan i modulen"])
        seen.add(q.id)
        add("quiz", i, cited_text_problems(q.explanation, content))
        if not find_citations(q.explanation) and not LINK_RE.search(q.explanation):
            add("quiz", i, [f"förklaringen till {q.id!r} saknar källhänvisning ({{{{cite …}}}} eller artikellänk)"])
    body_problems = cited_text_problems(doc.body, content)
    errors.extend(ContentError(path, doc.body_line, msg) for msg in body_problems)
    return errors


def check_course(root: Path, content: Content) -> tuple[list[Module], list[ContentError]]:
    """Every module under `root/kurs/` (README.md skipped), sorted by order, and every problem found."""
    folder = root / FOLDER
    modules: list[Module] = []
    errors: list[ContentError] = []
    if not folder.is_dir():
        return [], []
    orders: dict[int, str] = {}
    for path in sorted(folder.glob("*.md")):
        if path.name == "README.md":
            continue
        doc, doc_errors = read_document(path)
        errors += doc_errors
        if doc is None:
            continue
        try:
            meta = ModuleMeta.model_validate(doc.data)
        except ValidationError as exc:
            errors += pydantic_errors(doc, exc)
            continue
        errors += _module_problems(doc, meta, content)
        if meta.order in orders:
            errors.append(
                ContentError(path, doc.line_of("order"), f"order {meta.order} används redan av {orders[meta.order]}")
            )
        orders[meta.order] = meta.id
        modules.append(to_module(meta, re.sub(r"^\s+", "", doc.body), str(path)))
    return sorted(modules, key=lambda m: m.order), errors

