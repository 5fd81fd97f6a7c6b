"""Load and validate everything under `content/sv/`, collecting every problem before refusing."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from kb.citations import Citation, citation_problem, find_citations, malformed_markers, strip_markers
from kb.diagrams.load import load_diagrams, marker_errors
from kb.errors import ContentError, ContentInvalid, swedish_pydantic_error
from kb.frontmatter import Document, read_document, read_yaml
from kb.links import link_problems
from kb.models import Article, ArticleMeta, Content, GlossaryMeta, GlossaryTerm, Section, Theme
from kb.sections import offset_to_line, split_sections
from kb.sources import Source, load_sources

ModelT = TypeVar("ModelT", bound=BaseModel)

# Folders with their own formats, loaded by their own modules.
SEPARATE_FOLDERS = {"screening", "kurs", "diagram"}


def pydantic_errors(doc: Document, exc: ValidationError) -> list[ContentError]:
    """Turn pydantic's errors into `path:line: message` lines pointing at the offending key."""
    out = []
    for err in exc.errors():
        loc = [str(p) for p in err["loc"]]
        key = loc[0] if loc else ""
        index = int(loc[1]) if len(loc) > 1 and loc[1].isdigit() else None
        where = ".".join(loc)
        if err["type"] == "extra_forbidden":
            msg = f"okänd nyckel {where!r} i front matter"
        elif err["type"] == "missing":
            msg = f"obligatoriskt fält {where!r} saknas"
        else:
            msg = f"fältet {where!r}: {swedish_pydantic_error(err)}"
        if len(loc) > 1 and f"{key}.{loc[1]}" in doc.key_lines:  # inside a mapping such as `questions`
            key = f"{key}.{loc[1]}"
            index = int(loc[2]) if len(loc) > 2 and loc[2].isdigit() else None
        line = doc.line_of(key, index) if key in doc.key_lines else 1
        out.append(ContentError(doc.path, line, msg))
    return out


def marker_problems(text: str, sources: dict[str, Source], *, diagrams: bool = False
                    ) -> tuple[list[tuple[int, str]], list[tuple[int, Citation]]]:
    """Malformed or unresolved citation markers in `text`, and the citations that do resolve, each with its offset
    (`diagrams`: an article body, where diagram markers are allowed)."""
    problems = [(offset, f"felaktig citatmarkör {m}: skriv {{{{cite DOK KAPITEL}}}}")
                for offset, m in malformed_markers(text, diagrams=diagrams)]
    found: list[tuple[int, Citation]] = []
    for offset, c in find_citations(text):
        problem = citation_problem(c, sources)
        if problem:
            problems.append((offset, problem))
        else:
            found.append((offset, c))
    return problems, found


def cited_text_problems(text: str, content: Content, *, required: str | None = None) -> list[str]:
    """Problems of one piece of cited Markdown outside the articles (course texts, calculator notes, the start text):
    malformed or unresolved citation markers, `artikel:`/`ordlista:` links that do not resolve, and, when `required`
    names the text ("förklaringen"), no citation at all."""
    problems = [problem for _, problem in marker_problems(text, content.sources)[0]]
    if required and not find_citations(text):
        problems.append(f"{required} saknar källhänvisning ({{{{cite DOK KAPITEL}}}})")
    problems += [message for _, message in link_problems(text, content.articles, {t.id for t in content.glossary})]
    return problems


def load_yaml_model(path: Path, model: type[ModelT]) -> tuple[ModelT | None, Document, list[ContentError]]:
    """A YAML content file checked against `model`: the model (None on any problem), the document (for the lines of
    later checks) and the problems as `path:line` errors. A BOM is accepted."""
    data, key_lines, item_lines, errors = read_yaml(path)
    doc = Document(path, data if isinstance(data, dict) else {}, key_lines, item_lines)
    if errors:
        return None, doc, errors
    try:
        return model.model_validate(data), doc, []
    except ValidationError as exc:
        return None, doc, pydantic_errors(doc, exc)


def _validate(doc: Document, model: type[BaseModel]) -> tuple[Any, list[ContentError]]:
    try:
        return model.model_validate(doc.data), []
    except ValidationError as exc:
        return None, pydantic_errors(doc, exc)


def _source_ref_errors(doc: Document, key: str, refs: list[Any], sources: dict[str, Source]) -> list[ContentError]:
    errors = []
    for i, ref in enumerate(refs):
        source = sources.get(ref.doc)
        line = doc.line_of(key, i)
        if source is None:
            errors.append(
                ContentError(doc.path, line, f"okänd källa {ref.doc!r} (finns: {', '.join(sorted(sources))})")
            )
        elif ref.section is not None and ref.section not in source.chapters:
            errors.append(ContentError(doc.path, line, f"okänt kapitel {ref.section!r} i källan {ref.doc}"))
        elif ref.pages is not None:
            problem = citation_problem(Citation(ref.doc, ref.section, ref.pages), sources) if ref.section else None
            for page in re.split(r"\s*[-–]\s*", ref.pages):
                if not source.page_in_range(int(page)):
                    errors.append(ContentError(doc.path, line, f"sidan {page} finns inte i källan {ref.doc}"))
                    problem = None
            if problem:
                errors.append(ContentError(doc.path, line, problem))
    return errors


def _milestone_errors(doc: Document, meta: ArticleMeta, sources: dict[str, Source]) -> list[ContentError]:
    if meta.case is None:
        return []
    errors = []
    for ms in meta.case.milestones:
        cites = find_citations(ms.cite)
        if not cites or malformed_markers(ms.cite):
            errors.append(ContentError(doc.path, doc.line_of("case"),
                                       f"case.milestones ({ms.year}): cite ska vara {{{{cite DOK KAPITEL}}}}"))
        errors += [ContentError(doc.path, doc.line_of("case"), f"case.milestones ({ms.year}): {p}")
                   for _, c in cites if (p := citation_problem(c, sources))]
    return errors


CROSS_REFERENCE_RE = re.compile(r"(^|[.!?] |\()([Ss]e (även|också|artikeln|avsnittet|nedan|ovan)|Se\b"
                                r"|Läs (mer|vidare|också)|Jämför)\b")
"""A sentence or parenthesis that sends the reader elsewhere ("Se …", "(se även …)", "Läs också …", "Jämför …")."""


def _answer_problems(answer: str, section_cites: set[tuple[str, str]], sources: dict[str, Source]) -> list[str]:
    """A section's short answer rests on the section: it cites at least one source, and only sources the section
    itself cites, so every claim can be checked against the text it sums up. It stands alone (no cross-reference)."""
    marked, found = marker_problems(answer, sources)
    problems = [problem for _, problem in marked]
    if not find_citations(answer):
        problems.append("saknar källhänvisning ({{cite DOK KAPITEL}})")
    problems += [f"citerar {c.doc} {c.chapter}, som avsnittet inte citerar: svaret ska sammanfatta avsnittet"
                 for _, c in found if (c.doc, c.chapter) not in section_cites]
    if CROSS_REFERENCE_RE.search(strip_markers(answer)):
        problems.append("hänvisar vidare (\"Se …\"): svaret ska stå på egna ben")
    return problems


def _article(doc: Document, theme: str, sources: dict[str, Source]) -> tuple[Article | None, list[ContentError]]:
    meta, errors = _validate(doc, ArticleMeta)
    if meta is None:
        return None, errors
    assert isinstance(meta, ArticleMeta)
    path = doc.path
    if meta.id != path.stem:
        errors.append(
            ContentError(path, doc.line_of("id"), f"id {meta.id!r} ska vara samma som filnamnet {path.stem!r}")
        )
    if theme == "fall" and meta.case is None:
        errors.append(ContentError(path, 1, "fallartiklar (fall/) ska ha ett case-block"))
    if theme != "fall" and meta.case is not None:
        errors.append(ContentError(path, doc.line_of("case"), "case-blocket hör bara hemma i fall/"))
    errors += _source_ref_errors(doc, "sources", meta.sources, sources)
    errors += _milestone_errors(doc, meta, sources)
    declared = {(r.doc, r.section) for r in meta.sources}
    raw_sections, problems = split_sections(doc.body, doc.body_line)
    errors += [ContentError(path, line, msg) for line, msg in problems]
    anchors = {raw.anchor for raw in raw_sections}
    for anchor in meta.questions:
        if anchor not in anchors:
            errors.append(ContentError(path, doc.line_of(f"questions.{anchor}"),
                                       f"questions: avsnittet {anchor!r} finns inte i artikeln"))
    for anchor in meta.svar:
        if anchor not in anchors:
            errors.append(ContentError(path, doc.line_of(f"svar.{anchor}"),
                                       f"svar: avsnittet {anchor!r} finns inte i artikeln"))
    sections = []
    for raw in raw_sections:
        cites = find_citations(raw.markdown)
        marked, resolved = marker_problems(raw.markdown, sources, diagrams=True)
        marked += [(offset, f"källan {cite.doc} {cite.chapter} citeras men saknas i front matter (sources)")
                   for offset, cite in resolved if (cite.doc, cite.chapter) not in declared]
        errors += [ContentError(path, offset_to_line(raw.markdown, offset, raw.text_line), problem)
                   for offset, problem in marked]
        if not cites:
            errors.append(
                ContentError(path, raw.line, f"avsnittet {raw.heading or 'inledningen'!r} saknar källhänvisning")
            )
        answer = meta.svar.get(raw.anchor)
        if answer is not None:
            errors += [ContentError(path, doc.line_of(f"svar.{raw.anchor}"), f"svar.{raw.anchor}: {problem}")
                       for problem in _answer_problems(answer, {(c.doc, c.chapter) for _, c in cites}, sources)]
        sections.append(Section(raw.anchor, raw.heading, raw.markdown, raw.line, tuple(c for _, c in cites), answer))
    article = Article(
        id=meta.id,
        theme=theme,
        title=meta.title,
        summary=meta.summary,
        tags=tuple(meta.tags),
        audience=tuple(meta.audience),
        updated=meta.updated,
        sources=tuple(meta.sources),
        related=tuple(meta.related),
        order=meta.order,
        case=meta.case,
        sections=tuple(sections),
        path=str(path),
        questions=tuple((anchor, q) for anchor, qs in meta.questions.items() for q in qs),
    )
    return article, errors


def _glossary(doc: Document, sources: dict[str, Source]) -> tuple[list[GlossaryTerm], list[ContentError]]:
    meta, errors = _validate(doc, GlossaryMeta)
    if meta is None:
        return [], errors
    assert isinstance(meta, GlossaryMeta)
    terms: list[GlossaryTerm] = []
    seen: set[str] = set()
    for i, t in enumerate(meta.terms):
        line = doc.line_of("terms", i)
        if t.id in seen:
            errors.append(ContentError(doc.path, line, f"termen {t.id!r} finns redan"))
        seen.add(t.id)
        errors += _source_ref_errors(doc, "terms", t.sources, sources)
        terms.append(GlossaryTerm(t.id, t.term, t.en, t.definition, tuple(t.articles), tuple(t.sources)))
    return terms, errors


def _themes(path: Path) -> tuple[dict[str, Theme], list[ContentError]]:
    if not path.exists():
        return {}, [ContentError(path, 1, "teman.yaml saknas")]
    data, lines, _, errors = read_yaml(path)
    themes: dict[str, Theme] = {}
    for key, raw in (data or {}).items():
        if not isinstance(raw, dict) or set(raw) != {"title", "description"}:
            errors.append(ContentError(path, lines.get(key, 1), f"temat {key!r} ska ha exakt title och description"))
            continue
        themes[key] = Theme(key, str(raw["title"]), str(raw["description"]))
    return themes, errors


def content_hash(root: Path) -> str:
    """Hash of every content file, so an index built from other content is detected as stale."""
    h = hashlib.sha256()
    for p in sorted(root.rglob("*")):
        if p.is_file() and p.suffix in {".md", ".yaml", ".yml"}:
            h.update(str(p.relative_to(root)).encode())
            h.update(p.read_bytes())
    return h.hexdigest()


def _cross_checks(
    docs: dict[str, Document], articles: dict[str, Article], terms: list[GlossaryTerm], glossary_doc: Document | None
) -> list[ContentError]:
    """Links, related ids and glossary references between files."""
    errors: list[ContentError] = []
    term_ids = {t.id for t in terms}
    for aid, article in articles.items():
        doc = docs[aid]
        for i, rel in enumerate(article.related):
            if rel not in articles:
                errors.append(
                    ContentError(doc.path, doc.line_of("related", i), f"related: artikeln {rel!r} finns inte")
                )
        for offset, message in link_problems(doc.body, articles, term_ids):
            errors.append(ContentError(doc.path, offset_to_line(doc.body, offset, doc.body_line), message))
    if glossary_doc is not None:
        for i, term in enumerate(terms):
            for aid in term.articles:
                if aid not in articles:
                    errors.append(
                        ContentError(
                            glossary_doc.path,
                            glossary_doc.line_of("terms", i),
                            f"termen {term.id!r} hänvisar till artikeln {aid!r} som inte finns",
                        )
                    )
    return errors


def check_content(root: Path) -> tuple[Content | None, list[ContentError]]:
    """Load everything under `root`; returns the content (None if any error) and every problem found. When the source
    registry or the themes cannot be read at all, only their problems are returned: every citation or every article
    would otherwise be reported as a consequence."""
    sources, errors = load_sources(root / "kallor.yaml")
    themes, theme_errors = _themes(root / "teman.yaml")
    if (errors and not sources) or (theme_errors and not themes):
        return None, errors + theme_errors
    diagrams, diagram_errors = load_diagrams(root, sources)
    errors += diagram_errors + theme_errors
    articles: dict[str, Article] = {}
    docs: dict[str, Document] = {}
    terms: list[GlossaryTerm] = []
    glossary_doc: Document | None = None
    for path in sorted(root.rglob("*.md")):
        rel = path.relative_to(root)
        if rel.parts[0] in SEPARATE_FOLDERS or path.name == "README.md":
            continue
        doc, doc_errors = read_document(path)
        errors += doc_errors
        if doc is None:
            continue
        if rel == Path("ordlista.md"):
            glossary_doc = doc
            terms, term_errors = _glossary(doc, sources)
            errors += term_errors
            continue
        if len(rel.parts) != 2 or rel.parts[0] not in themes:
            errors.append(
                ContentError(path, 1, f"artiklar ska ligga i en temamapp som finns i teman.yaml ({', '.join(themes)})")
            )
            continue
        article, art_errors = _article(doc, rel.parts[0], sources)
        errors += art_errors
        if article is None:
            continue
        if article.id in articles:
            errors.append(
                ContentError(path, doc.line_of("id"), f"id {article.id!r} används redan av {articles[article.id].path}")
            )
            continue
        articles[article.id] = article
        docs[article.id] = doc
        errors += marker_errors(doc, diagrams, root)
    errors += _cross_checks(docs, articles, terms, glossary_doc)
    if errors:
        return None, sorted(set(errors))
    intro = glossary_doc.body.strip() if glossary_doc else ""
    return Content(articles, themes, sources, tuple(terms), intro, content_hash(root), diagrams), []


def load_content(root: Path) -> Content:
    """Load content or raise ContentInvalid with every problem."""
    content, errors = check_content(root)
    if content is None:
        raise ContentInvalid(errors)
    return content
