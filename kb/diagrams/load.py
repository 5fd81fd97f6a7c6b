"""Load `content/sv/diagram/*.yaml`, one diagram per file, reporting every problem as `path:line: message`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import ValidationError

from kb.citations import DIAGRAM_RE, citation_problem, find_citations, malformed_markers
from kb.diagrams.model import Diagram, DiagramFile, FlowDiagram
from kb.errors import ContentError, swedish_pydantic_error
from kb.frontmatter import Document, read_yaml
from kb.sections import offset_to_line
from kb.sources import Source

FOLDER = "diagram"


# Checks across fields (model validators) have no location; their message says which list they are about.
WHOLE_DIAGRAM_KEYS = (("pilen", "edges"), ("rutor", "nodes"), ("spannet", "spans"), ("steg", "steps"))


def _line(loc: tuple[Any, ...], message: str, key_lines: dict[str, int], item_lines: dict[str, list[int]]) -> int:
    """The line of the top-level key (or list item) a pydantic error location points into."""
    parts = [p for p in loc if p not in ("diagram", "flow", "phases", "ladder")]
    if not parts:
        key = next((k for word, k in WHOLE_DIAGRAM_KEYS if word in message), "")
        return key_lines.get(key, 1)
    key = str(parts[0])
    if len(parts) > 1 and isinstance(parts[1], int) and key in item_lines and parts[1] < len(item_lines[key]):
        return item_lines[key][parts[1]]
    return key_lines.get(key, 1)


def _where(loc: tuple[Any, ...]) -> str:
    """`nodes.1.col: ` for a field, `kind: ` when the kind itself is wrong, nothing for the diagram as a whole."""
    if len(loc) < 2:
        return "kind: "
    return ".".join(str(p) for p in loc[2:]) + ": " if len(loc) > 2 else ""


def _texts(d: Diagram) -> list[tuple[str, int | None, str]]:
    """(top-level key, item index, text) for every text that may carry citations."""
    out: list[tuple[str, int | None, str]] = [("cite", None, d.cite), ("description", None, d.description)]
    if isinstance(d, FlowDiagram):
        out += [("nodes", i, n.text) for i, n in enumerate(d.nodes) if n.text]
        out += [("edges", i, e.text) for i, e in enumerate(d.edges) if e.text]
    else:
        out += [("steps", i, s.text) for i, s in enumerate(d.steps) if s.text]
        out += [("spans", i, s.text) for i, s in enumerate(d.spans) if s.text]
    return out


def load_diagram(path: Path, sources: dict[str, Source]) -> tuple[Diagram | None, list[ContentError]]:
    data, key_lines, item_lines, errors = read_yaml(path)
    if errors:
        return None, errors
    if not isinstance(data, dict):
        return None, [ContentError(path, 1, "diagramfilen ska vara nycklar och värden (en YAML-mappning)")]
    try:
        diagram = DiagramFile.model_validate({"diagram": data}).diagram
    except ValidationError as exc:
        return None, [
            ContentError(path, _line(tuple(err["loc"]), swedish_pydantic_error(err), key_lines, item_lines),
                         _where(tuple(err["loc"])) + swedish_pydantic_error(err))
            for err in exc.errors()
        ]
    problems: list[ContentError] = []
    if diagram.id != path.stem:
        problems.append(ContentError(path, key_lines.get("id", 1),
                                     f"id {diagram.id!r} ska vara samma som filnamnet {path.stem!r}"))
    for key, index, text in _texts(diagram):
        line = item_lines[key][index] if index is not None else key_lines.get(key, 1)
        problems += [ContentError(path, line, f"felaktig citatmarkör {m}: skriv {{{{cite DOK KAPITEL}}}}")
                     for _, m in malformed_markers(text)]
        problems += [ContentError(path, line, p) for _, c in find_citations(text)
                     if (p := citation_problem(c, sources))]
    if not find_citations(diagram.cite):
        problems.append(ContentError(path, key_lines.get("cite", 1),
                                     "cite ska ha minst en källa: {{cite DOK KAPITEL}}"))
    return (None if problems else diagram), problems


def load_diagrams(root: Path, sources: dict[str, Source]) -> tuple[dict[str, Diagram], list[ContentError]]:
    """Every diagram under `root/diagram/`; a folder that does not exist simply has none."""
    diagrams: dict[str, Diagram] = {}
    errors: list[ContentError] = []
    for path in sorted((root / FOLDER).glob("*.yaml")):
        diagram, problems = load_diagram(path, sources)
        errors += problems
        if diagram is not None:
            diagrams[diagram.id] = diagram
    return diagrams, errors


def marker_errors(doc: Document, diagrams: dict[str, Diagram], root: Path) -> list[ContentError]:
    """Every `{{diagram id}}` names a diagram that exists and stands alone on its line."""
    errors = []
    for m in DIAGRAM_RE.finditer(doc.body):
        line = offset_to_line(doc.body, m.start(), doc.body_line)
        if m["id"] not in diagrams and (root / FOLDER / f"{m['id']}.yaml").exists():
            errors.append(ContentError(doc.path, line, f"diagrammet {m['id']!r} har fel (se {FOLDER}/{m['id']}.yaml)"))
        elif m["id"] not in diagrams:
            known = ", ".join(sorted(diagrams)) or "inga"
            message = f"diagrammet {m['id']!r} finns inte i diagram/ (finns: {known})"
            errors.append(ContentError(doc.path, line, message))
        start = doc.body.rfind("\n", 0, m.start()) + 1
        end = doc.body.find("\n", m.end())
        if doc.body[start : end if end >= 0 else None].strip() != m.group(0):
            errors.append(ContentError(doc.path, line, "en diagrammarkör ska stå ensam på sin rad"))
    return errors
