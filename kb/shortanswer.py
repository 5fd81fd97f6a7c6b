"""Choose the short answer from the best passages: the section's own short answer or sentences of the text,
whichever answers the question's kind.

The ranking found the right passage; this step picks, inside the top passages, a unit a reader can paste: a window
of one to three neighbouring sentences, or the section's authored answer (front matter `svar`, a small bonus: it is
written to state the point). A unit scores by its cosine with the question plus the share of the question's
*distinctive* word weight it covers, with a bonus when it offers what the question asks for (an amount, a date, a
name, a reason, a rule, a definition). A window never holds a cross-reference, meta sentence, question or heading,
and never ends on a sentence that only announces what follows ("… i fyra faser.", "Räkna med att det tar lång tid."
without the 1,5 år after it).
"""

from __future__ import annotations

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
SHORT_MARGIN = 0.05
"""A second unit (from another passage) joins only when within this score of the best (0.03: dev 0.60 at 500
characters)."""
MAX_SENTENCES = 3
TOTAL_CHARS = 500
"""A second unit joins the best only while the whole short answer stays within this many characters (two or three
sentences): short enough to paste, room for a second passage's point when the ranking is unsure. Dev set, with
`SHORT_MARGIN` 0.05: 350 -> 0.57 holding the facts (322 characters on average), 420 -> 0.59 (340), 500 -> 0.63
(379)."""
DENSE_MARGIN = 0.03
"""A second window's passage must be about as close to the question as the first's (passage cosine)."""
LIST_SENTENCES = 5
"""A question for a list ("Vilka faser …") may take the list's items, up to this many sentences."""
LENGTH_PENALTY = -0.002
"""Per sentence beyond the first. Negative: between windows that match equally well the one that completes the
thought wins (an answer is usually the point and the sentences that complete it: "… betalar för resultatet." +
"Under tiden … finansiär"). Dev set, short answers holding the facts: 0.46 with +0.005, 0.50 with 0, 0.54 here."""
AUTHORED_BONUS = 0.03
"""Bonus for a section's authored answer (front matter `svar`) over the section's own sentences: written to be the
short answer, it states the point with its figures, where a sentence of the text may only lead up to them."""
ANAPHOR_RE = re.compile(r"^(Den|De|Dessa|Detta|Han|Hon|Därför|Där|Dit|Sådana|Samma)\b")
STRICT_KINDS = frozenset({Kind.MANGD, Kind.TID})


class SentenceSource(Protocol):
    """What sentence choice needs from search (served by `kb.signals.SentenceSignals`)."""

    def sentence_terms(self, passage: Passage) -> tuple[frozenset[str], ...]: ...

    def sentence_similarities(self, passage: Passage,
                              query_vector: npt.NDArray[np.float32]) -> npt.NDArray[np.float32] | None: ...

    def answer_similarity(self, passage: Passage, query_vector: npt.NDArray[np.float32]) -> float | None: ...

    def answer_terms(self, passage: Passage) -> frozenset[str]: ...


@dataclass(frozen=True)
class Unit:
    """A window of neighbouring sentences of one passage: a candidate for (part of) the short answer."""

    ref: int
    """0-based position of the passage among the candidates."""
    sentences: tuple[int, ...]
    score: float
    matches_kind: bool
    authored: bool = False
    """The section's authored answer (`Passage.answer`) rather than sentences of the passage (`sentences` empty)."""
    chars: int = 0
    """Length of the unit's text."""


@lru_cache(maxsize=20_000)
def sentence_kind(sentence: str) -> SentenceKind:
    """`classify`, cached: the corpus has a few thousand sentences and each is judged on many queries."""
    return classify(sentence)


@dataclass(frozen=True)
class _Layout:
    """What a passage's sentences are, whatever the question: worked out once per passage, not per query."""

    kinds: tuple[SentenceKind, ...]
    opens: tuple[bool, ...]
    """Whether a window may start here: not excluded, and no pronoun pointing back at a sentence it would leave out."""
    lengths: tuple[int, ...]


@lru_cache(maxsize=4096)
def _layout(sentences: tuple[str, ...]) -> _Layout:
    kinds = tuple(sentence_kind(x) for x in sentences)
    opens = tuple(not k.excluded and not (i > 0 and ANAPHOR_RE.match(sentences[i]) and not kinds[i - 1].excluded)
                  for i, k in enumerate(kinds))
    return _Layout(kinds, opens, tuple(len(x) + 1 for x in sentences))


def distinctive(weights: dict[str, float]) -> dict[str, float]:
    """The query's term weights (idf) without the generic terms, which say nothing about which sentence answers."""
    return {t: w for t, w in weights.items() if w >= GENERIC_IDF}


def score_units(index: SentenceSource, passages: Sequence[Passage], kind: Kind, weights: dict[str, float],
                qvec: npt.NDArray[np.float32] | None) -> list[Unit]:
    """Every candidate unit, best first: each section's authored answer (once per section) and every window of one
    to `MAX_SENTENCES` neighbouring sentences.

    A window scores by its best sentence's match with the question, plus the share of the question's distinctive
    word weight the whole window covers, plus a bonus when it offers what the question asks for, less a little per
    extra sentence and per rank below the first passage. A window never holds a cross-reference or meta sentence,
    never ends in a lead-in, and never opens with a pronoun whose antecedent it leaves out."""
    total = sum(weights.values())
    limit = LIST_SENTENCES if kind == Kind.LISTA else MAX_SENTENCES
    kind_bonus = {True: _kind_bonus(True, kind), False: _kind_bonus(False, kind)}
    units: list[Unit] = []
    sections: set[tuple[str, str]] = set()
    for r, passage in enumerate(passages):
        if passage.answer and (passage.article_id, passage.anchor) not in sections:
            sections.add((passage.article_id, passage.anchor))
            unit = _authored_unit(index, passage, r, kind, weights, total, qvec)
            if unit is not None:
                units.append(unit)
        sims = index.sentence_similarities(passage, qvec) if qvec is not None else None
        dense = sims is not None and len(sims) == len(passage.sentences)
        cosines = [float(x) for x in sims] if sims is not None and dense else []
        terms = index.sentence_terms(passage)
        layout = _layout(passage.sentences)
        kinds, lengths, n = layout.kinds, layout.lengths, len(passage.sentences)
        # Per sentence, computed once: the question's terms it holds, whether it offers the kind asked.
        held = [{t for t in weights if t in ts} for ts in terms]
        offers = [kind in k.offers for k in kinds]
        rank_penalty = RANK_PENALTY * r
        for i in range(n):
            if not layout.opens[i]:
                continue
            if not dense and not kinds[i].lead_in and not held[i]:
                continue  # without vectors a window opens on a sentence that shares the question's words
            covered: set[str] = set()
            best = -1.0
            matches = False
            chars = 0
            for j in range(i, min(n, i + limit)):
                if kinds[j].excluded:
                    break
                covered |= held[j]
                shared = sum(weights[t] for t in covered) / total if covered and total else 0.0
                matches = matches or offers[j]
                chars += lengths[j]
                if dense and cosines[j] > best:
                    best = cosines[j]
                if kinds[j].lead_in or (not dense and shared == 0):
                    continue  # a window never ends on an announcement of what follows
                base = best + LEXICAL_BONUS * shared if dense else 0.1 * shared
                score = base + kind_bonus[matches] - rank_penalty - LENGTH_PENALTY * (j - i)
                units.append(Unit(r, tuple(range(i, j + 1)), score, matches, chars=chars))
    units.sort(key=lambda u: (-u.score, u.ref, u.sentences))
    return units


def _kind_bonus(matches: bool, kind: Kind) -> float:
    bonus = KIND_BONUS if matches and kind not in (Kind.HUR, Kind.ANNAT) else 0.0
    return bonus - KIND_PENALTY if kind in STRICT_KINDS and not matches else bonus


def _authored_unit(index: SentenceSource, passage: Passage, r: int, kind: Kind, weights: dict[str, float],
                   total: float, qvec: npt.NDArray[np.float32] | None) -> Unit | None:
    """The section's authored answer as a candidate, scored like a window (cosine, distinctive words, kind, rank)."""
    covered = index.answer_terms(passage)
    shared = sum(w for t, w in weights.items() if t in covered) / total if total else 0.0
    sim = index.answer_similarity(passage, qvec) if qvec is not None else None
    if sim is None and shared == 0:
        return None
    matches = kind in sentence_kind(passage.answer).offers
    if sim is not None:
        base, bonus = sim + LEXICAL_BONUS * shared, AUTHORED_BONUS
    else:  # words only: windows score 0.1 × shared, so the bonus shrinks with them
        base, bonus = 0.1 * shared, 0.1 * AUTHORED_BONUS
    score = base + _kind_bonus(matches, kind) + bonus - RANK_PENALTY * r
    return Unit(r, (), score, matches, authored=True, chars=len(passage.answer))


def choose(units: Sequence[Unit], dense: Sequence[float], margin: float | None = None,
           budget: int | None = None) -> list[Unit]:
    """The best unit, plus units of other passages that score nearly as well (and whose passages are about as close
    to the question), while the whole stays within `TOTAL_CHARS` characters."""
    margin = SHORT_MARGIN if margin is None else margin
    budget = TOTAL_CHARS if budget is None else budget
    if not units:
        return []
    best = units[0]
    chosen = [best]
    used = best.chars
    for u in units[1:]:
        if u.score < best.score - margin:
            break
        if u.ref == best.ref or any(c.ref == u.ref for c in chosen[1:]):
            continue
        if dense and dense[u.ref] < dense[best.ref] - DENSE_MARGIN:
            continue
        if used + u.chars <= budget:
            chosen.append(u)
            used += u.chars
    return chosen


def best_windows(units: Sequence[Unit], passages: Sequence[Passage], limit: int = 3) -> list[tuple[int, ...]]:
    """Sentences to highlight in each passage, from windows already scored (`units`, best first): the passage's best
    window, else its first sentence (articles lead with the point)."""
    best: dict[int, tuple[int, ...]] = {}
    for u in units:
        if u.authored:
            continue
        best.setdefault(u.ref, u.sentences[:limit])
    return [best.get(r, (0,) if p.sentences else ()) for r, p in enumerate(passages)]


def highlights(index: SentenceSource, passage: Passage, kind: Kind, weights: dict[str, float],
               qvec: npt.NDArray[np.float32] | None, limit: int = 3) -> tuple[int, ...]:
    """Sentences to highlight in one passage (see `best_windows`)."""
    return best_windows(score_units(index, [passage], kind, weights, qvec), [passage], limit)[0]
