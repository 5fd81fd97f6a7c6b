"""`sibguide screen`: the screening in a terminal, from prompts or from an answers file, as text or JSON."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

import yaml

from assistant.screening.answers import clean_answers, parse_answer_string, read_answer_lines, wants_whole
from assistant.screening.citetext import plain
from assistant.screening.engine import progress_of, verdict_for, walk
from assistant.screening.model import KIND_LABELS, PHASES, Tree, Verdict
from assistant.validate import validate
from web.schemas.screening import QuestionStep, VerdictStep
from web.urls import Urls


def read_answers_text(text: str) -> tuple[dict[str, str], list[str]]:
    """JSON or YAML mapping, `key: value` lines, or the URL form `key:value,key:value`."""
    stripped = text.strip()
    data: Any = None
    try:
        data = json.loads(stripped) if stripped.startswith("{") else yaml.safe_load(stripped)
    except (json.JSONDecodeError, yaml.YAMLError):
        data = None
    if isinstance(data, dict) and isinstance(data.get("answers"), dict):
        data = data["answers"]
    if isinstance(data, dict) and isinstance(data.get("answers"), str):
        stripped, data = data["answers"], None
    if isinstance(data, dict):
        return {str(k): str(v) for k, v in data.items()}, []
    if "\n" not in stripped and "," in stripped:
        return parse_answer_string(stripped)
    return {k: str(v) for k, v in read_answer_lines(stripped).items()}, []


def format_verdict(verdict: Verdict) -> str:
    out = [f"Resultat: {verdict.label} ({verdict.verdict})", verdict.statement, plain(verdict.summary)]
    if verdict.partial:
        out += ["Screeningen stannade vid ett hinder; svara på resten med hela:ja i svaren för hela bedömningen."]
    for kind in ("hinder", "villkor", "utreda"):
        found = verdict.of_kind(kind)
        if found:
            out += ["", f"{KIND_LABELS[kind]}:"]
            for f in found:
                out += [f"  - {f.reason.question.short}: {plain(f.reason.text)}"]
                if f.reason.option.todo:
                    out += [f"      Gör så här: {plain(f.reason.option.todo)}"]
                out += [f"      Läs: {', '.join(str(a) for a in f.reason.articles)}"]
    if verdict.strengths:
        out += ["", "Styrkor:"] + [f"  + {plain(r.text)}" for r in verdict.strengths]
    m = verdict.model
    out += ["", f"Rekommenderad modell: {m.model.title}"]
    out += [f"  - {plain(r)}" for r in m.reasons]
    if m.second:
        out += [f"  {m.second_label}: {m.second.title}"]
    out += ["", "Nästa steg:"]
    out += [f"  {PHASES[s.phase]}: {plain(s.text)}" for s in verdict.next_steps]
    out += ["", "Indikativ vägledning, inte ett beslut."]
    return "\n".join(out)


def interactive(tree: Tree, ask: Callable[[str], str], out: TextIO) -> dict[str, str] | None:
    """Ask until the path reaches an outcome; `t` goes back one question, `?` shows the help text.

    Returns None when the input ends (Ctrl-D) or is interrupted (Ctrl-C) before the end.
    """
    answers: dict[str, str] = {}
    while True:
        w = walk(tree, answers)
        if w.question is None:
            return w.answers
        q = w.question
        done, total = progress_of(tree, w)
        print(f"\nFråga {done + 1} av cirka {total}: {q.question}", file=out)
        for i, o in enumerate(q.options, 1):
            print(f"  {i}. {o.label} – {o.explain}", file=out)
        try:
            reply = ask("Svar (nummer, ? för hjälp, t för tillbaka): ").strip().lower()
        except (EOFError, KeyboardInterrupt):
            print("\nScreeningen avbröts; inget sparades.", file=out)
            return None
        if reply == "?":
            print(plain(q.help), file=out)
        elif reply == "t" and w.reasons:
            answers = dict(list(w.answers.items())[:-1])
        elif reply.isdigit() and 1 <= int(reply) <= len(q.options):
            answers = {**w.answers, q.id: q.options[int(reply) - 1].value}
        else:
            print("Skriv numret på ett av svaren.", file=out)


NO_PREFIX = Urls()


def run(
    content_dir: Path, answers_file: str | None, as_json: bool, ask: Callable[[str], str] = input,
    urls: Urls = NO_PREFIX,
) -> int:
    """Exit 0 with a verdict, 1 when answers or content are wrong, 2 when the answers stop before an outcome.

    Article links in the JSON are under `urls` (the `root_path` setting).
    """
    checked = validate(content_dir)
    if checked.content is None:
        for e in checked.errors:
            print(e, file=sys.stderr)
        return 1
    if checked.tree is None:
        print(f"Innehållet i {content_dir} har ingen screening (mappen screening/ saknas).", file=sys.stderr)
        return 1
    return screen(checked.tree, answers_file, as_json, ask, urls)


def screen(
    tree: Tree, answers_file: str | None, as_json: bool, ask: Callable[[str], str] = input, urls: Urls = NO_PREFIX
) -> int:
    """`run` over a tree already checked: the same exit codes."""
    whole = True
    if answers_file is None:
        asked = interactive(tree, ask, sys.stdout)
        if asked is None:
            return 130
        answers = asked
    else:
        try:
            text = sys.stdin.read() if answers_file == "-" else Path(answers_file).read_text(encoding="utf-8")
        except OSError as exc:
            print(f"Kunde inte läsa svarsfilen: {exc.strerror}", file=sys.stderr)
            return 1
        raw, problems = read_answers_text(text)
        whole = wants_whole(raw)
        answers, more = clean_answers(tree, raw)
        if problems + more:
            print("\n".join(problems + more), file=sys.stderr)
            return 1
    w = walk(tree, answers)
    if w.question is not None and (whole or not w.hinders):
        if as_json:
            print(QuestionStep.of(tree, w, urls).model_dump_json(indent=2))
        else:
            print(f"Svaren räcker inte än. Nästa fråga: {w.question.question} ({w.question.id})")
        return 2
    verdict = verdict_for(tree, w)
    if as_json:
        print(VerdictStep.of(verdict, list(w.unused), urls).model_dump_json(indent=2))
    else:
        print(format_verdict(verdict))
    return 0
