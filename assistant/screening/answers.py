"""Answer sets as text (`malgrupp:ja,matning:delvis`) and as mappings, checked against the tree."""

from __future__ import annotations

import re
from collections.abc import Mapping

from assistant.screening.model import Tree

PAIR_RE = re.compile(r"^[a-z0-9-]{1,60}$")
MAX_CHARS = 3000
MAX_ANSWERS = 100
MAX_PROBLEMS = 10
# A reserved pair in the answer string: after a hinder, keep asking ("Se hela bedömningen ändå").
WHOLE_KEY, WHOLE_VALUE = "hela", "ja"


def _bounded(problems: list[str]) -> list[str]:
    """At most MAX_PROBLEMS messages, so a tampered link cannot blow up the page."""
    if len(problems) <= MAX_PROBLEMS:
        return problems
    return [*problems[:MAX_PROBLEMS], f"… och {len(problems) - MAX_PROBLEMS} problem till."]


def parse_answer_string(raw: str) -> tuple[dict[str, str], list[str]]:
    """Split `fråga:svar,fråga:svar` into an ordered mapping; problems in Swedish, never an exception."""
    answers: dict[str, str] = {}
    problems: list[str] = []
    if len(raw) > MAX_CHARS:
        return {}, [f"Svaren i adressen är för långa (mer än {MAX_CHARS} tecken) och har inte lästs."]
    for part in (p.strip() for p in raw.split(",")):
        if not part:
            continue
        key, sep, value = part.partition(":")
        if not sep or not PAIR_RE.match(key) or not PAIR_RE.match(value):
            problems.append(f"”{part[:60]}” är inte ett svar i formen fråga:svar och har hoppats över.")
        elif key in answers:
            problems.append(f"Frågan ”{key}” besvaras två gånger; det första svaret gäller.")
        else:
            answers[key] = value
    return answers, _bounded(problems)


def clean_answers(tree: Tree, answers: Mapping[str, object]) -> tuple[dict[str, str], list[str]]:
    """Keep answers to questions that exist with options that exist; explain each one dropped."""
    kept: dict[str, str] = {}
    problems: list[str] = []
    if len(answers) > MAX_ANSWERS:
        return {}, [f"För många svar ({len(answers)}); screeningen har {len(tree.questions)} frågor."]
    for key, value in answers.items():
        if key == WHOLE_KEY and value == WHOLE_VALUE:
            continue
        question = tree.questions.get(str(key))
        if question is None:
            problems.append(f"Frågan ”{str(key)[:60]}” finns inte (längre) i screeningen; svaret har tagits bort.")
        elif not isinstance(value, str) or question.option(value) is None:
            allowed = ", ".join(o.value for o in question.options)
            problems.append(
                f"”{str(value)[:60]}” är inget svar på frågan ”{question.short}” (möjliga svar: {allowed}); "
                "svara på frågan igen."
            )
        else:
            kept[question.id] = value
    return kept, _bounded(problems)


def encode_answers(answers: Mapping[str, str], whole: bool = False) -> str:
    pairs = [f"{k}:{v}" for k, v in answers.items() if k != WHOLE_KEY]
    return ",".join([*pairs, f"{WHOLE_KEY}:{WHOLE_VALUE}"] if whole else pairs)


def wants_whole(answers: Mapping[str, object]) -> bool:
    """True when the answers ask to continue past a hinder."""
    return answers.get(WHOLE_KEY) == WHOLE_VALUE


def read_answer_lines(text: str) -> dict[str, object]:
    """`key: value` per line (the CLI's plain format); blank lines and `#` comments are skipped."""
    out: dict[str, object] = {}
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            key, _, value = line.partition(":")
            out[key.strip()] = value.strip()
    return out
