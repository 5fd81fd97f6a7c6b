"""Scoring answers against labelled questions: does the short answer hold the facts, was an off-topic question
declined or caveated, and how often is each confidence level right. Shared by search_quality.py and calibrate.py."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from assistant.qa import Answer

Facts = list[list[str]]
"""Each fact is a list of acceptable wordings; a short answer holds a fact when it contains one of them."""


def normalise(text: str) -> str:
    text = text.lower().replace("\u00a0", " ").replace("\u2009", " ").replace("−", "-").replace("–", "-")
    return re.sub(r"\s+", " ", text)


def holds(text: str, fact: Sequence[str]) -> bool:
    t = normalise(text)
    return any(normalise(alt) in t for alt in fact)


def short_text(a: Answer, proposed: bool = False) -> str:
    return " ".join(line.sentence for line in (a.proposed if proposed else a.short))


def facts_held(a: Answer, facts: Facts, proposed: bool = False) -> tuple[bool, bool]:
    """(all facts held, at least one held) by the short answer; a withheld answer holds none (unless `proposed`:
    then the sentences chosen are judged whether or not they are shown)."""
    if (a.withheld and not proposed) or not facts:
        return False, False
    text = short_text(a, proposed)
    found = [holds(text, f) for f in facts]
    return all(found), any(found)


def caveated(a: Answer) -> bool:
    """An off-topic question is handled honestly when it is declined, the words it is about are named as missing, the
    answer is withheld with a warning, or it says which years the knowledge base describes."""
    return a.declined or bool(a.unknown) or bool(a.absent) or a.withheld or any(
        n.startswith("Kunskapsbanken beskriver läget") for n in a.notices)


@dataclass
class AnswerReport:
    n: int
    correct: int
    partly: int
    withheld: int
    oos: int
    oos_caveated: int
    named: int
    """In-scope answers that name words as missing (`unknown` or `absent`): a caveat that costs an answerable
    question its plain answer, so it is counted, not only the off-topic questions it catches."""
    levels: dict[str, list[int]]
    """level -> [answers at that level, of which correct]."""
    misses: list[str]

    def lines(self) -> list[str]:
        out = [f"Kort svar med alla fakta: {self.correct}/{self.n} ({self.correct / max(self.n, 1):.2f}); "
               f"minst ett faktum: {self.partly / max(self.n, 1):.2f}",
               f"Inom området utan kort svar (avböjda/låg): {self.withheld}/{self.n} "
               f"({self.withheld / max(self.n, 1):.3f})",
               f"Utanför området avböjda eller med förbehåll: {self.oos_caveated}/{self.oos} "
               f"({self.oos_caveated / max(self.oos, 1):.2f})",
               f"Inom området där ord nämns som saknade: {self.named}/{self.n} ({self.named / max(self.n, 1):.3f})",
               "Tillförlitlighet per nivå (inom området): nivå  antal  andel rätt"]
        for level in ("hög", "medel", "låg"):
            n, ok = self.levels.get(level, [0, 0])
            share = f"{ok / n:.2f}" if n else "–"
            out.append(f"  {level:5} {n:5d}  {share}")
        return out


def evaluate_answers(pairs: Sequence[tuple[dict[str, Any], Answer]], oos: Sequence[Answer]) -> AnswerReport:
    """`pairs`: (labelled in-scope question, its answer); `oos`: answers to out-of-scope questions."""
    labelled = [(q, a) for q, a in pairs if q.get("facts")]
    correct = partly = withheld = named = 0
    levels: dict[str, list[int]] = {}
    misses: list[str] = []
    for q, a in labelled:
        ok, some = facts_held(a, q["facts"])
        correct += ok
        partly += some
        withheld += a.withheld
        named += bool(a.unknown or a.absent)
        counts = levels.setdefault(a.level, [0, 0])
        counts[0] += 1
        counts[1] += ok
        if not ok:
            misses.append(f"  [{a.level}{' ingen' if a.withheld else ''}] {q['q']}\n      -> {short_text(a)[:240]}")
    return AnswerReport(len(labelled), correct, partly, withheld, len(oos), sum(caveated(a) for a in oos), named,
                        levels, misses)
