"""Query words the knowledge base never mentions: named on the page so nobody takes a near miss for an answer.

"Vad säger GDPR om utfallsdata?" finds passages about outcome data, but nothing here says anything about GDPR; the
honest answer names that. A word counts as mentioned when the content uses it after stemming, å/ä/ö folding, a
one-letter typo, or as a compound of a name the content uses and a word it uses ("Klippanpiloten"). Only *salient*
unmentioned words are named: acronyms, proper nouns, and words that are rare in general Swedish (wordfreq), so an
everyday word the articles happen not to use ("funkar", "skogen") is never reported. Everything is derived from the
content itself; there is no hand-kept list of topics.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from wordfreq import zipf_frequency

from kb.analysis import STOPWORDS, fold, stem
from kb.synonyms import EXPANSIONS

WORD_RE = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*", re.UNICODE)
RARE_ZIPF = 3.3
"""Words rarer than this in general Swedish (zipf: log10 of uses per billion words) are salient; "bokföra" 3.4 and
"storstad" 3.7 are ordinary, "referensränta" 1.4 and "statsstöd" 2.0 are not."""
MIN_PART = 4
_ALPHABET = "abcdefghijklmnopqrstuvwxyzåäöé"


@dataclass(frozen=True)
class Vocabulary:
    """The words, stems and proper names the content uses."""

    words: frozenset[str]
    stems: frozenset[str]
    names: frozenset[str]
    """Lower-cased words the content writes with a capital inside a sentence (places, organisations)."""

    @classmethod
    def from_texts(cls, texts: Iterable[str]) -> Vocabulary:
        words: set[str] = set()
        capital: Counter[str] = Counter()
        lower: Counter[str] = Counter()
        for text in texts:
            for n, m in enumerate(WORD_RE.finditer(text)):
                raw = m.group(0)
                for part in [raw, *raw.split("-")]:
                    w = part.lower()
                    words.add(w)
                    words.add(fold(w))
                    if part[:1].isupper() and n > 0 and text[max(0, m.start() - 2):m.start()].strip() not in {".", "!",
                                                                                                              "?"}:
                        capital[w] += 1
                    elif part.islower():
                        lower[w] += 1
        names = frozenset(w for w, c in capital.items() if c > lower.get(w, 0) and len(w) >= 3)
        stems = frozenset(stem(w) for w in words)
        return cls(frozenset(words), stems, names)

    def mentions(self, word: str) -> bool:
        """Whether the content uses `word` (see module docstring for what counts)."""
        w = word.lower()
        candidates = {w, fold(w)}
        if any(c in self.words or stem(c) in self.stems for c in candidates):
            return True
        if "-" in w and all(self.mentions(p) for p in w.split("-") if p):
            return True
        if any(t in self.stems for t in EXPANSIONS.get(stem(w), ())):
            return True  # an everyday word for a term the articles use ("sjukskrivning" for "sjukfrånvaro")
        if self._compound(w):
            return True
        return len(w) >= 6 and any(e in self.words for e in _edits(w))

    def _known(self, part: str) -> bool:
        return part in self.words or stem(part) in self.stems

    def _compound(self, w: str) -> bool:
        """Two known parts, with an optional linking s: "Klippanpiloten", "pilotprojektet", "upphandlingsförfarande".
        A name may be short ("Ferd"); other parts need four letters."""
        for i in range(3, len(w) - MIN_PART + 1):
            head, tail = w[:i], w[i:]
            if not self._known(tail):
                continue
            for h in (head, head[:-1] if head.endswith("s") else ""):
                if h in self.names or (len(h) >= MIN_PART and self._known(h)):
                    return True
        return False


def _edits(word: str) -> set[str]:
    """Every word one deletion, transposition, replacement or insertion away (Norvig's spelling corrector)."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = {a + b[1:] for a, b in splits if b}
    transposes = {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    replaces = {a + c + b[1:] for a, b in splits if b for c in _ALPHABET}
    inserts = {a + c + b for a, b in splits for c in _ALPHABET}
    return deletes | transposes | replaces | inserts


def salient(raw: str, first: bool) -> bool:
    """An acronym, a proper noun (capital not at the start), or a word rare in general Swedish."""
    if len(raw) >= 2 and sum(ch.isupper() for ch in raw) >= 2:
        return True
    if raw[:1].isupper() and not first:
        return True
    return len(raw) >= 4 and zipf_frequency(raw.lower(), "sv") < RARE_ZIPF


def unknown_terms(query: str, vocabulary: Vocabulary) -> list[str]:
    """The salient words of `query` that the content never mentions, as the user wrote them, in order."""
    out: list[str] = []
    for n, m in enumerate(WORD_RE.finditer(query)):
        raw = m.group(0)
        if raw.lower() in STOPWORDS or len(raw) < 2:
            continue
        if not salient(raw, n == 0) or vocabulary.mentions(raw):
            continue
        if raw not in out:
            out.append(raw)
    return out
