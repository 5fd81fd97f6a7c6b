"""Read the screening tree from `content/sv/screening/`, collecting every problem as a ContentError."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from assistant.screening.model import (
    ArticleRef,
    Condition,
    ContractModel,
    Criterion,
    Option,
    Outcome,
    Phase,
    Question,
    Route,
    Signal,
    Step,
    Tree,
    VerdictClass,
)
from kb.errors import ContentError, swedish_pydantic_error
from kb.frontmatter import Document, read_document, read_yaml
from kb.loader import pydantic_errors

SLUG = r"^[a-z0-9]+(-[a-z0-9]+)*$"
REF = r"^[a-z0-9]+(-[a-z0-9]+)*(#[a-z0-9-]+)?$"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class OptionIn(_Strict):
    value: str = Field(pattern=SLUG)
    label: str = Field(min_length=1)
    explain: str = Field(min_length=1)
    signal: Signal
    reason: str = Field(min_length=1)
    criterion: str | None = None
    todo: str | None = None
    phase: Phase | None = None
    next: str | None = None
    articles: list[str] = []


class QuestionIn(_Strict):
    id: str = Field(pattern=SLUG)
    question: str = Field(min_length=1)
    short: str = Field(min_length=1)
    criterion: str = Field(pattern=SLUG)
    articles: list[str] = Field(min_length=1)
    next: str | None = None
    options: list[OptionIn] = Field(min_length=2)


class StepIn(_Strict):
    phase: Phase
    text: str = Field(min_length=1)
    articles: list[str] = []
    verdicts: list[VerdictClass] = []
    models: list[str] = []


class OutcomeIn(_Strict):
    id: str = Field(pattern=SLUG)
    title: str = Field(min_length=1)
    summaries: dict[VerdictClass, str]
    steps: list[StepIn] = []
    articles: list[str] = Field(min_length=1)


class NamedIn(_Strict):
    title: str = Field(min_length=1)
    description: str = Field(min_length=1)
    articles: list[str] = Field(min_length=1)


class ConditionIn(_Strict):
    fraga: str = Field(pattern=SLUG)
    svar: list[str] = Field(min_length=1)
    skal: str = ""


class ModelIn(NamedIn):
    nar: list[ConditionIn] = []
    inte_nar: list[ConditionIn] = []


class RouteIn(_Strict):
    modell: str
    skal: str = Field(min_length=1)


class TreeIn(_Strict):
    start: str
    minuter: int = Field(ge=1)
    alternativ: str
    vag_vid_hinder: dict[str, RouteIn]
    modeller: dict[str, ModelIn] = Field(min_length=1)


def refs(items: list[str]) -> tuple[ArticleRef, ...]:
    return tuple(ArticleRef.parse(s) for s in items)


def _parse(doc: Document, model: type[BaseModel]) -> tuple[Any, list[ContentError]]:
    try:
        return model.model_validate(doc.data), []
    except ValidationError as exc:
        return None, pydantic_errors(doc, exc)


def _question(doc: Document) -> tuple[Question | None, list[ContentError]]:
    meta, errors = _parse(doc, QuestionIn)
    if meta is None:
        return None, errors
    assert isinstance(meta, QuestionIn)
    options = []
    for i, o in enumerate(meta.options):
        line = doc.line_of("options", i)
        target = o.next or meta.next
        if target is None:
            errors.append(ContentError(doc.path, line, f"svaret {o.value!r} leder ingenstans: ange next"))
        options.append(
            Option(
                value=o.value,
                label=o.label,
                explain=o.explain.strip(),
                signal=o.signal,
                reason=o.reason.strip(),
                next=target or "",
                criterion=o.criterion or meta.criterion,
                todo=o.todo.strip() if o.todo else None,
                phase=o.phase or ("forstudie" if o.todo else None),
                articles=refs(o.articles),
                line=line,
            )
        )
    q = Question(
        id=meta.id,
        question=meta.question,
        short=meta.short,
        criterion=meta.criterion,
        articles=refs(meta.articles),
        options=tuple(options),
        help=doc.body.strip(),
        path=str(doc.path),
        line=doc.line_of("id"),
    )
    return q, errors


def _outcome(doc: Document) -> tuple[Outcome | None, list[ContentError]]:
    meta, errors = _parse(doc, OutcomeIn)
    if meta is None:
        return None, errors
    assert isinstance(meta, OutcomeIn)
    summaries = {k: v.strip() for k, v in meta.summaries.items()}
    missing = {"lamplig", "lamplig_med_villkor", "inte_sib_nu"} - set(summaries)
    if missing:
        errors.append(
            ContentError(doc.path, doc.line_of("summaries"), f"summaries saknar {', '.join(sorted(missing))}")
        )
    steps = tuple(
        Step(s.phase, s.text.strip(), refs(s.articles), tuple(s.verdicts), tuple(s.models)) for s in meta.steps
    )
    outcome = Outcome(
        id=meta.id,
        title=meta.title,
        summaries=summaries,
        steps=steps,
        articles=refs(meta.articles),
        body=doc.body.strip(),
        path=str(doc.path),
        line=doc.line_of("id"),
    )
    return outcome, errors


def _yaml(path: Path) -> tuple[Any, dict[str, int], list[ContentError]]:
    if not path.exists():
        return None, {}, [ContentError(path, 1, f"{path.name} saknas")]
    data, lines, _, errors = read_yaml(path)
    return data, lines, errors


def _criteria(path: Path) -> tuple[dict[str, Criterion], list[ContentError]]:
    data, lines, errors = _yaml(path)
    criteria: dict[str, Criterion] = {}
    if errors or data is None:
        return criteria, errors
    if not isinstance(data, dict):
        return criteria, [ContentError(path, 1, "kriterier.yaml ska vara en mappning id → kriterium")]
    for key, raw in data.items():
        try:
            c = NamedIn.model_validate(raw)
        except ValidationError as exc:
            message = swedish_pydantic_error(exc.errors()[0])
            errors.append(ContentError(path, lines.get(key, 1), f"kriteriet {key!r}: {message}"))
            continue
        criteria[str(key)] = Criterion(str(key), c.title, c.description, refs(c.articles))
    return criteria, errors


def load_tree(folder: Path) -> tuple[Tree | None, list[ContentError], dict[str, int]]:
    """Parse every file of the tree. Returns the tree (None on any error), the problems, and node lines per path.

    Structure and references are checked separately (`validate.py`), so a tree can be loaded to be inspected.
    """
    errors: list[ContentError] = []
    criteria, crit_errors = _criteria(folder / "kriterier.yaml")
    errors += crit_errors
    data, lines, tree_errors = _yaml(folder / "trad.yaml")
    errors += tree_errors
    meta: TreeIn | None = None
    if data is not None and not tree_errors:
        try:
            meta = TreeIn.model_validate(data)
        except ValidationError as exc:
            for err in exc.errors():
                key = str(err["loc"][0]) if err["loc"] else ""
                where = ".".join(str(p) for p in err["loc"])
                message = f"fältet {where!r}: {swedish_pydantic_error(err)}"
                errors.append(ContentError(folder / "trad.yaml", lines.get(key, 1), message))
    questions: dict[str, Question] = {}
    outcomes: dict[str, Outcome] = {}
    for sub, parse in (("fragor", _question), ("utfall", _outcome)):
        for path in sorted((folder / sub).glob("*.md")):
            doc, doc_errors = read_document(path)
            errors += doc_errors
            if doc is None:
                continue
            node, node_errors = parse(doc)
            errors += node_errors
            if node is None:
                continue
            if node.id != path.stem:
                errors.append(ContentError(path, doc.line_of("id"), f"id {node.id!r} ska vara samma som filnamnet"))
            if node.id in questions or node.id in outcomes:
                errors.append(ContentError(path, doc.line_of("id"), f"id {node.id!r} används redan"))
                continue
            if isinstance(node, Question):
                questions[node.id] = node
            else:
                outcomes[node.id] = node
    if meta is None:
        return None, errors, lines
    models = {
        k: ContractModel(
            k,
            m.title,
            m.description.strip(),
            refs(m.articles),
            tuple(Condition(c.fraga, tuple(c.svar), c.skal.strip()) for c in m.nar),
            tuple(Condition(c.fraga, tuple(c.svar), c.skal.strip()) for c in m.inte_nar),
        )
        for k, m in meta.modeller.items()
    }
    routes = {k: Route(r.modell, r.skal.strip()) for k, r in meta.vag_vid_hinder.items()}
    tree = Tree(meta.start, questions, outcomes, criteria, models, meta.minuter, meta.alternativ, routes)
    return tree, errors, lines
