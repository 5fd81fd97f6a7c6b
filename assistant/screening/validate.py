"""Structural checks of the screening tree: targets, reachability, cycles, criteria coverage, cited articles."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from assistant.screening.load import load_tree
from assistant.screening.model import BEST, ArticleRef, Tree
from kb.citations import citation_problem, find_citations, malformed_markers
from kb.errors import ContentError
from kb.links import link_problems, ref_problem
from kb.models import Content
from kb.sections import offset_to_line

NEEDS_TODO = {"villkor", "hinder", "utreda"}


def _cite_errors(path: Path, line: int, text: str, content: Content, what: str, required: bool) -> list[ContentError]:
    """Citation markers in one tree text, checked like the articles' (`path:line: message`)."""
    errors = [
        ContentError(path, line, f"{what}: felaktig citatmarkör {m}: skriv {{{{cite DOK KAPITEL}}}}")
        for _, m in malformed_markers(text)
    ]
    if "](" in text and what not in ("hjälptexten", "utfallets text"):
        errors.append(ContentError(path, line, f"{what}: länkar hör hemma i hjälptexten; skriv vanlig text här"))
    cites = find_citations(text)
    for _, cite in cites:
        problem = citation_problem(cite, content.sources)
        if problem:
            errors.append(ContentError(path, line, f"{what}: {problem}"))
    if required and not cites:
        errors.append(ContentError(path, line, f"{what} saknar källhänvisning ({{{{cite DOK KAPITEL}}}})"))
    return errors


def _ref_errors(path: Path, line: int, items: Iterable[ArticleRef], content: Content) -> list[ContentError]:
    problems = (ref_problem(content.articles, ref.article, ref.anchor) for ref in items)
    return [ContentError(path, line, problem) for problem in problems if problem]


def _link_errors(path: Path, body: str, first_line: int, content: Content) -> list[ContentError]:
    terms = {t.id for t in content.glossary}
    return [
        ContentError(path, offset_to_line(body, offset, first_line), message)
        for offset, message in link_problems(body, content.articles, terms)
    ]


def reachable(tree: Tree) -> set[str]:
    seen: set[str] = set()
    stack = [tree.start]
    while stack:
        node = stack.pop()
        if node in seen:
            continue
        seen.add(node)
        if node in tree.questions:
            stack += [o.next for o in tree.questions[node].options]
    return seen


def find_cycle(tree: Tree) -> list[str] | None:
    """A cycle of question ids if there is one (depth-first, colouring nodes on the current path)."""
    state: dict[str, int] = {}

    def visit(node: str, trail: list[str]) -> list[str] | None:
        state[node] = 1
        for o in tree.questions[node].options if node in tree.questions else ():
            if state.get(o.next) == 1:
                return [*trail, node, o.next]
            if o.next in tree.questions and state.get(o.next) is None:
                found = visit(o.next, [*trail, node])
                if found:
                    return found
        state[node] = 2
        return None

    for q in tree.questions:
        if q not in state:
            found = visit(q, [])
            if found:
                return found
    return None


def check_tree(tree: Tree, content: Content, folder: Path, lines: dict[str, int]) -> list[ContentError]:
    """Every problem in an already parsed tree."""
    errors: list[ContentError] = []
    trad, krit = folder / "trad.yaml", folder / "kriterier.yaml"
    nodes = tree.node_ids()
    if tree.start not in tree.questions:
        errors.append(ContentError(trad, lines.get("start", 1), f"start {tree.start!r} är ingen fråga"))
    covered: set[str] = set()
    for q in tree.questions.values():
        path = Path(q.path)
        errors += _ref_errors(path, q.line, q.articles, content)
        errors += _link_errors(path, q.help, q.line, content)
        errors += _cite_errors(path, q.line, q.help, content, "hjälptexten", required=True)
        values = [o.value for o in q.options]
        for o in q.options:
            covered.add(o.criterion)
            if o.criterion not in tree.criteria:
                errors.append(ContentError(path, o.line, f"kriteriet {o.criterion!r} finns inte i kriterier.yaml"))
            if values.count(o.value) > 1:
                errors.append(ContentError(path, o.line, f"svaret {o.value!r} finns flera gånger"))
            if o.next and o.next not in nodes:
                errors.append(ContentError(path, o.line, f"svaret {o.value!r} leder till {o.next!r} som inte finns"))
            if o.signal in NEEDS_TODO and not o.todo:
                errors.append(ContentError(path, o.line, f"svaret {o.value!r} ({o.signal}) behöver en todo"))
            errors += _cite_errors(path, o.line, o.reason, content, f"skälet för {o.value!r}", required=True)
            if o.todo:
                errors += _cite_errors(path, o.line, o.todo, content, f"todo för {o.value!r}", required=True)
            errors += _cite_errors(path, o.line, o.explain, content, f"förklaringen av {o.value!r}", required=False)
            errors += _ref_errors(path, o.line, o.articles, content)
    for oc in tree.outcomes.values():
        path = Path(oc.path)
        errors += _ref_errors(path, oc.line, oc.articles, content)
        errors += _link_errors(path, oc.body, oc.line, content)
        errors += _cite_errors(path, oc.line, oc.body, content, "utfallets text", required=True)
        for verdict, text in oc.summaries.items():
            errors += _cite_errors(path, oc.line, text, content, f"sammanfattningen {verdict}", required=False)
        for step in oc.steps:
            errors += _ref_errors(path, oc.line, step.articles, content)
            errors += _cite_errors(path, oc.line, step.text, content, "steget", required=True)
            for model in step.models:
                if model not in tree.models:
                    errors.append(ContentError(path, oc.line, f"steget nämner modellen {model!r} som inte finns"))
    model_line = lines.get("modeller", 1)
    if tree.alternative not in tree.models:
        errors.append(
            ContentError(trad, lines.get("alternativ", 1), f"alternativ {tree.alternative!r} är ingen modell")
        )
    route_line = lines.get("vag_vid_hinder", 1)
    if "standard" not in tree.routes:
        errors.append(ContentError(trad, route_line, "vag_vid_hinder saknar standard"))
    for key, route in tree.routes.items():
        if key != "standard" and key not in tree.criteria:
            errors.append(ContentError(trad, route_line, f"vag_vid_hinder: kriteriet {key!r} finns inte"))
        if route.model != BEST and route.model not in tree.models:
            errors.append(ContentError(trad, route_line, f"vag_vid_hinder: modellen {route.model!r} finns inte"))
        errors += _cite_errors(trad, route_line, route.reason, content, f"vägen vid hinder {key}", required=True)
    for m in tree.models.values():
        errors += _cite_errors(trad, model_line, m.description, content, f"modellen {m.id}", required=True)
        for cond in (*m.when, *m.unless):
            question = tree.questions.get(cond.question)
            if question is None:
                errors.append(ContentError(trad, model_line, f"modellen {m.id}: frågan {cond.question!r} finns inte"))
                continue
            for value in cond.values:
                if question.option(value) is None:
                    errors.append(
                        ContentError(trad, model_line, f"modellen {m.id}: {cond.question} har inget svar {value!r}")
                    )
        for cond in m.when:
            errors += _cite_errors(trad, model_line, cond.reason, content, f"modellen {m.id}, skälet", required=True)
    seen = reachable(tree)
    for node in sorted(nodes - seen):
        where = tree.questions[node].path if node in tree.questions else tree.outcomes[node].path
        errors.append(ContentError(Path(where), 1, f"{node!r} går inte att nå från start ({tree.start})"))
    cycle = find_cycle(tree)
    if cycle:
        errors.append(
            ContentError(Path(tree.questions[cycle[0]].path), 1, f"frågorna bildar en slinga: {' → '.join(cycle)}")
        )
    for cid, crit in tree.criteria.items():
        if cid not in covered:
            errors.append(ContentError(krit, 1, f"kriteriet {cid!r} täcks inte av någon fråga"))
        errors += _ref_errors(krit, 1, crit.articles, content)
        errors += _cite_errors(krit, 1, crit.description, content, f"kriteriet {cid}", required=False)
    for m in tree.models.values():
        errors += _ref_errors(trad, lines.get("modeller", 1), m.articles, content)
    return errors


def checked_tree(root: Path, content: Content) -> tuple[Tree | None, list[ContentError]]:
    """Parse and check `root/screening/`: the tree when it has no problem, and every problem.

    Returns (None, []) when the content has no screening folder.
    """
    folder = root / "screening"
    if not folder.is_dir():
        return None, []
    tree, errors, lines = load_tree(folder)
    if tree is not None and not errors:
        errors = check_tree(tree, content, folder, lines)
    if tree is None or errors:
        return None, errors or [ContentError(folder, 1, "screeningträdet kunde inte läsas")]
    return tree, []
