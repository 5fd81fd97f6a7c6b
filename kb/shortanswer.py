"""Choose the sentences of a short answer from the best passages: sentences that answer the question's kind.

The ranking found the right passage; this step picks, inside the top passages, the unit of one to three sentences
that a reader can paste: the best-matching sentence (cosine with the question plus a share of its *distinctive*
word weight), with a bonus when it offers what the question asks for (an amount, a date, a name, a reason, a rule,
a definition), never a cross-reference, meta sentence, question or heading, and with its neighbour when it only
announces or hints at what follows ("… i fyra faser." + the phases; "Räkna med att det tar lång tid." + the 1,5 år).
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Protocol

import numpy as np
import numpy.typing as npt

from kb.chunk import Passage
from kb.sentence_kinds import Kind, SentenceKind, classify

GENERIC_IDF = 1.6
"""Terms found in more than about a fifth of the passages ("sib", "utfallskontrakt", "kommun") carry no weight in
sentence choice: sharing them says nothing about whether a sentence answers."""
LEXICAL_BONUS = 0.05
"""Bonus for a sentence covering all of the question's distinctive weight (sentence cosines span about 0.75–0.92)."""
KIND_BONUS = 0.02
"""Bonus for a unit that offers what the question asks for."""
KIND_PENALTY = 0.015
"""Penalty for a unit without a figure when the question asks how much or when."""
RANK_PENALTY = 0.012
"""Per rank below the first passage: the ranking is usually right, so a lower passage must match clearly better."""
SHORT_MARGIN = 0.006
"""A second unit (from another passage) joins only when within this score of the best."""
MAX_SENTENCES = 3
ANAPHOR_RE = re.compile(r"^(Den|De|Dessa|Detta|Han|Hon|Därför|Där|Dit|Sådana|Samma)\b")
STRICT_KINDS = frozenset({Kind.MANGD, Kind.TID})


class SentenceSource(Protocol):
    """What sentence choice needs from the search index (served by `kb.search.SearchIndex`)."""

    def sentence_terms(self, passage: Passage) -> tuple[frozenset[str], ...]: ...

    def sentence_similarities(self, passage: Passage,
                              qvec: npt.NDArray[np.float32]) -> npt.NDArray[np.float32] | None: ...


@dataclass(frozen=True)
class Unit:
    """One to three neighbouring sentences of one passage, chosen as (part of) the short answer."""

    ref: int
    """0-based position of the passage among the candidates."""
    sentences: tuple[int, ...]
    score: float
    matches_kind: bool


@lru_cache(maxsize=20_000)
def sentence_kind(sentence: str) -> SentenceKind:
    """`classify`, cached: the corpus has a few thousand sentences and each is judged on many queries."""
    return classify(sentence)


def distinctive_weights(idf: dict[str, float], terms: Sequence[str], unseen: float) -> dict[str, float]:
    """Query terms weighted by idf, generic ones dropped; a term the corpus never uses weighs `unseen`."""
    weights = {t: idf.get(t, unseen) for t in set(terms)}
    return {t: w for t, w in weights.items() if w >= GENERIC_IDF}


def _unit(passage: Passage, i: int) -> tuple[int, ...]:
    """Sentence `i` with the neighbours it needs: the following ones after a lead-in or a vague hint, the previous
    one when it opens with a pronoun that points back."""
    kinds = [sentence_kind(s) for s in passage.sentences]
    unit = [i]
    if i > 0 and ANAPHOR_RE.match(passage.sentences[i]) and not kinds[i - 1].excluded:
        unit.insert(0, i - 1)
    j = i
    while (kinds[j].lead_in or kinds[j].vague) and j + 1 < len(kinds) and not kinds[j + 1].excluded \
            and len(unit) < MAX_SENTENCES:
        j += 1
        unit.append(j)
        if passage.sentences[j - 1].endswith(":") and j + 1 < len(kinds) and len(unit) < MAX_SENTENCES \
                and not kinds[j + 1].excluded:
            j += 1
            unit.append(j)
    return tuple(unit)


def _offers(passage: Passage, unit: tuple[int, ...], kind: Kind) -> bool:
    return any(kind in sentence_kind(passage.sentences[i]).offers for i in unit)


def score_units(index: SentenceSource, passages: Sequence[Passage], kind: Kind, weights: dict[str, float],
                qvec: npt.NDArray[np.float32] | None) -> list[Unit]:
    """Every candidate unit of the given passages, best first (see module docstring)."""
    total = sum(weights.values())
    units: list[Unit] = []
    for r, passage in enumerate(passages):
        sims = index.sentence_similarities(passage, qvec) if qvec is not None else None
        dense = sims is not None and len(sims) == len(passage.sentences)
        terms = index.sentence_terms(passage)
        for i, sentence in enumerate(passage.sentences):
            if sentence_kind(sentence).excluded:
                continue
            shared = sum(w for t, w in weights.items() if t in terms[i]) / total if total else 0.0
            if dense:
                assert sims is not None
                base = float(sims[i]) + LEXICAL_BONUS * shared
            elif shared > 0:
                base = shared / math.sqrt(max(len(terms[i]), 4)) * 0.1
            else:
                continue
            unit = _unit(passage, i)
            if unit[-1] == i and sentence_kind(sentence).lead_in:
                continue  # announces what follows but nothing follows here: never alone
            matches = _offers(passage, unit, kind)
            bonus = KIND_BONUS if matches and kind not in (Kind.HUR, Kind.ANNAT) else 0.0
            if kind in STRICT_KINDS and not matches:
                bonus -= KIND_PENALTY
            units.append(Unit(r, unit, base + bonus - RANK_PENALTY * r, matches))
    units.sort(key=lambda u: (-u.score, u.ref, u.sentences))
    return units


def choose(units: Sequence[Unit], dense: Sequence[float], margin: float = SHORT_MARGIN) -> list[Unit]:
    """The best unit, plus a unit of another passage that scores nearly as well (and whose passage is about as close
    to the question), within `MAX_SENTENCES` sentences in all."""
    if not units:
        return []
    best = units[0]
    chosen = [best]
    used = len(best.sentences)
    for u in units[1:]:
        if u.score < best.score - margin:
            break
        if u.ref == best.ref or any(c.ref == u.ref for c in chosen[1:]):
            continue
        if dense and dense[u.ref] < dense[best.ref] - margin:
            continue
        if used + len(u.sentences) <= MAX_SENTENCES:
            chosen.append(u)
            used += len(u.sentences)
    return chosen


def highlights(index: SentenceSource, passage: Passage, kind: Kind, weights: dict[str, float],
               qvec: npt.NDArray[np.float32] | None, limit: int = 3) -> tuple[int, ...]:
    """Sentences to highlight in one passage: its best unit, else the first sentence (articles lead with the point)."""
    units = score_units(index, [passage], kind, weights, qvec)
    if not units:
        return (0,) if passage.sentences else ()
    return units[0].sentences[:limit]
