"""Query words the knowledge base never mentions: named on the page so nobody takes a near miss for an answer.

"Vad säger GDPR om utfallsdata?" finds passages about outcome data, but nothing here says anything about GDPR; the
honest answer names that. A word counts as mentioned when the content uses it after stemming, å/ä/ö folding, a
one-letter typo, or as a compound of a name the content uses and a word it uses ("Klippanpiloten"). Only *salient*
unmentioned words are named: acronyms, proper nouns, words that are rare in general Swedish (wordfreq, judged on the
Swedish spelling when typed without å/ä/ö) and English terms ("development impact bond"), so an everyday word the
articles happen not to use ("funkar", "skogen", "deal") is never reported. Everything is derived from the content
itself and general word frequencies; there is no hand-kept list of topics.
"""

from __future__ import annotations

import bisect
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from kb.analysis import STOPWORDS, fold, stem
from kb.synonyms import EXPANSIONS

WORD_RE = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*", re.UNICODE)
RARE_ZIPF = 3.3
"""Words rarer than this in general Swedish (zipf: log10 of uses per billion words) are salient; "bokföra" 3.4 and
"storstad" 3.7 are ordinary, "referensränta" 1.4 and "statsstöd" 2.0 are not."""
ENGLISH_MARGIN = 1.0
"""A word at least this much more frequent in English than in Swedish (zipf) is English."""
MIN_PART = 4
ACRONYM_LETTERS = 6
"""Longer words in capitals are words typed in capitals ("UTFALLSKONTRAKT"), matched like any word."""
ACRONYM_TAIL_RE = re.compile(r"^([A-ZÅÄÖ]{2,})[a-zåäö]{1,3}$")
_ALPHABET = "abcdefghijklmnopqrstuvwxyzåäöé"
SEEN_WORDS = 10_000
PASSAGE_SEEN_WORDS = 64


@dataclass(frozen=True)
class Vocabulary:
    """The words, stems and proper names the content uses."""

    words: frozenset[str]
    stems: frozenset[str]
    names: frozenset[str]
    """Lower-cased words the content writes with a capital inside a sentence (places, organisations)."""
    acronyms: frozenset[str] = frozenset()
    """Acronyms the content writes ("LOU", "SoL"), upper-cased: an acronym in a question is matched against these and
    against words as written, never through å/ä/ö folding or stems, so "LAS" is not taken for "läsa"."""
    written: frozenset[str] = frozenset()
    """Lower-cased words as the content writes them (no folding)."""
    memo_size: int = field(default=SEEN_WORDS, compare=False, repr=False)
    """How many answers of `mentions` to remember: the typo check tries hundreds of spellings, and questions repeat
    their words. A passage's vocabulary is asked only about names (`absent_terms`), so it keeps a few."""
    _seen: dict[str, bool] = field(default_factory=dict, init=False, compare=False, repr=False)

    @classmethod
    def from_texts(cls, texts: Iterable[str], names: frozenset[str] | None = None) -> Vocabulary:
        """The vocabulary of `texts`; `names` given (a passage's vocabulary uses the whole content's names)."""
        words: set[str] = set()
        written: set[str] = set()
        acronyms: set[str] = set()
        capital: Counter[str] = Counter()
        lower: Counter[str] = Counter()
        for text in texts:
            for n, m in enumerate(WORD_RE.finditer(text)):
                raw = m.group(0)
                for part in [raw, *raw.split("-")]:
                    if _acronym(part):
                        acronyms.add(part.upper())
                    w = part.lower()
                    written.add(w)
                    words.add(w)
                    words.add(fold(w))
                    if part[:1].isupper() and n > 0 and text[max(0, m.start() - 2):m.start()].strip() not in {".", "!",
                                                                                                              "?"}:
                        capital[w] += 1
                    elif part.islower():
                        lower[w] += 1
        memo = SEEN_WORDS if names is None else PASSAGE_SEEN_WORDS
        if names is None:
            names = frozenset(w for w, c in capital.items() if c > lower.get(w, 0) and len(w) >= 3)
        stems = frozenset(stem(w) for w in words)
        return cls(frozenset(words), stems, names, frozenset(acronyms), frozenset(written), memo)

    def mentions(self, word: str) -> bool:
        """Whether the content uses `word` (see module docstring for what counts)."""
        seen = self._seen.get(word)
        if seen is None:
            if len(self._seen) >= self.memo_size:
                self._seen.clear()
            seen = self._seen[word] = self._mentions(word)
        return seen

    def _mentions(self, word: str) -> bool:
        if _acronym(word) and len(word) <= ACRONYM_LETTERS:
            return self._mentions_acronym(word)
        w = word.lower()
        candidates = {w, fold(w)}
        if any(self._known(c) for c in candidates):
            return True
        if any(t in self.stems for t in EXPANSIONS.get(stem(w), ())):
            return True  # an everyday word for a term the articles use ("sjukskrivning" for "sjukfrånvaro")
        if self._compound(w):
            return True
        return len(w) >= 6 and any(e in self.words or self._starts_word(e) for e in _edits(w))

    def _mentions_acronym(self, word: str) -> bool:
        """"SIB", "SiB", "SIBs" (an ending after the capitals) or a short word typed in capitals ("SKOLA")."""
        tail = ACRONYM_TAIL_RE.match(word)
        heads = {word.upper(), tail.group(1).upper()} if tail else {word.upper()}
        return bool(heads & self.acronyms) or word.lower() in self.written

    def _starts_word(self, prefix: str) -> bool:
        """Whether some word the content uses starts with `prefix` (six letters or more): "stratgin" is one letter
        from "strategi|n" though the content only writes "strategi"."""
        return len(prefix) >= 6 and self._prefix(prefix)

    def mentions_name_in(self, word: str) -> bool:
        """Whether `word`, or the name that opens it ("Fryshus|projektet", "Norrköpings|avtalet"), occurs here."""
        if self.mentions(word):
            return True
        w = word.lower()
        for i in range(4, len(w) - 2):
            head = w[:i]
            for h in (head, head[:-1] if head.endswith("s") else ""):
                if h and (h in self.words or any(x.startswith(h) and len(x) - len(h) <= 2 for x in self.names
                                                 if x in self.words)):
                    return True
        return False

    def _name_stem(self, h: str) -> bool:
        """"Fryshus" in "Fryshusprojektet" is the name "Fryshuset" without its ending."""
        return len(h) >= 4 and any(n.startswith(h) and len(n) - len(h) <= 2 for n in self.names)

    def _known(self, part: str) -> bool:
        """A word, a form with the same stem, or (five letters or more) the start of a word the content uses:
        Snowball cuts "fängelse" to "fäng" but "fängelset" to "fängelset"."""
        if part in self.words or stem(part) in self.stems:
            return True
        return len(part) >= 5 and self._prefix(part)

    def _prefix(self, part: str) -> bool:
        i = bisect.bisect_left(self.sorted_words, part)
        return i < len(self.sorted_words) and self.sorted_words[i].startswith(part)

    @cached_property
    def sorted_words(self) -> list[str]:
        return sorted(self.words)

    def _compound(self, w: str) -> bool:
        """Two known parts, with an optional linking s: "Klippanpiloten", "pilotprojektet", "upphandlingsförfarande".
        A name may be short ("Ferd"); other parts need four letters."""
        for i in range(3, len(w) - MIN_PART + 1):
            head, tail = w[:i], w[i:]
            if not self._known(tail):
                continue
            for h in (head, head[:-1] if head.endswith("s") else ""):
                if h in self.names or self._name_stem(h) or (len(h) >= MIN_PART and self._known(h)):
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


def _acronym(raw: str) -> bool:
    return len(raw) >= 2 and sum(ch.isupper() for ch in raw) >= 2


def _proper(raw: str, first: bool) -> bool:
    return raw[:1].isupper() and not first and not _acronym(raw)


def salient(raw: str, first: bool) -> bool:
    """An acronym, a proper noun (capital not at the start), or a word rare in general Swedish."""
    if _acronym(raw) or _proper(raw, first):
        return True
    return len(raw) >= 4 and swedish_zipf(raw.lower(), RARE_ZIPF) < RARE_ZIPF


@lru_cache(maxsize=4096)
def swedish_zipf(word: str, enough: float = float("inf")) -> float:
    """How common `word` is in general Swedish, also when typed without å, ä, ö ("daligt" is "dåligt"). Stops at the
    first spelling at least `enough` common: a word may have 27 spellings, and most questions' words are common."""
    best = 0.0
    for v in _unfolded(word):
        best = max(best, zipf(v, "sv"))
        if best >= enough:
            break
    return best


@lru_cache(maxsize=4096)
def _english_word(raw: str) -> bool:
    """Far more common in English than in Swedish: "development" (5.3 / 3.6), not "team" (5.7 / 4.7)."""
    if len(raw) < 4 or _acronym(raw):
        return False
    # Only a word common in English can be that much more common than in Swedish: the small English list (zipf 3
    # and up) holds them all and takes a tenth of the memory.
    word = raw.lower()
    english = zipf(word, "en", "small")
    return english >= ENGLISH_MARGIN and english - swedish_zipf(word) >= ENGLISH_MARGIN


def zipf(word: str, lang: str, wordlist: str = "best") -> float:
    """wordfreq's `zipf_frequency` of one lower-case word, looked up in its table without its tokenizer, which takes
    ten times longer than the look-up and has nothing to split in a word of letters (`WORD_RE`)."""
    # About a second to load: not before the first page (qa.prepare loads it in the background).
    from wordfreq import get_frequency_dict

    # wordfreq's tokenizer unfolds ligatures from PDFs ("ﬁ") and case-folds ("ß"); a word of letters needs no more.
    freq = get_frequency_dict(lang, wordlist).get(unicodedata.normalize("NFKC", word).casefold(), 0.0)
    if freq <= 0.0:
        return 0.0
    freq = round(freq, math.floor(-math.log10(freq)) + 3)  # wordfreq keeps three significant digits
    return round(math.log10(freq) + 9, 2)


UNFOLD = {"a": "aåä", "o": "oö"}
MAX_VARIANTS = 27


def _unfolded(word: str) -> list[str]:
    """`word` with each a/o possibly meant as å/ä/ö, when it has none of them (the first a/o letters, at most 27
    spellings)."""
    if any(ch in word for ch in "åäö"):
        return [word]
    out = [""]
    for ch in word:
        options = UNFOLD.get(ch, ch)
        if len(out) * len(options) > MAX_VARIANTS:
            options = ch
        out = [o + c for o in out for c in options]
    return out


@lru_cache(maxsize=256)
def _parts(query: str) -> tuple[tuple[str, bool], ...]:
    """(word or part of a hyphenated word, whether it opens the question): "SIB-grejen" is judged as "SIB" and
    "grejen", so a known acronym does not make its everyday suffix look like an acronym."""
    out: list[tuple[str, bool]] = []
    for n, m in enumerate(WORD_RE.finditer(query)):
        for k, part in enumerate(p for p in m.group(0).split("-") if p):
            if part.lower() not in STOPWORDS and len(part) >= 2 and part not in [w for w, _ in out]:
                out.append((part, n == 0 and k == 0))
    return tuple(out)


def names_and_acronyms(query: str) -> set[str]:
    """The words of `query` written as a name or an acronym: what the question is *about*, so a missing one means the
    knowledge base cannot answer it, where a missing everyday word may only be the asker's own phrasing."""
    return {w for w, first in _parts(query) if _acronym(w) or _proper(w, first)}


def proper_nouns(query: str) -> set[str]:
    """The words of `query` written as a name (a capital not at the start), not acronyms: places, organisations."""
    return {w for w, first in _parts(query) if _proper(w, first)}


def unknown_terms(query: str, vocabulary: Vocabulary) -> list[str]:
    """The salient words of `query` that the content never mentions, as the user wrote them, in order."""
    parts = _parts(query)
    english = [_english_word(w) for w, _ in parts]
    out = []
    for n, (w, first) in enumerate(parts):
        # An English word alone is casual Swedish ("fair", "deal"); two together are an English term
        # ("development impact bond").
        in_english = english[n] and ((n > 0 and english[n - 1]) or (n + 1 < len(parts) and english[n + 1]))
        if (salient(w, first) or in_english) and not vocabulary.mentions(w):
            out.append(w)
    return out


def absent_terms(query: str, found: Sequence[Vocabulary], vocabulary: Vocabulary) -> list[str]:
    """Names and acronyms the content does use, but none of the passages `found` for the question: "Har Malmö stad
    ett utfallskontrakt?" finds passages about contracts, none about Malmö. (Ordinary words are left out: a
    paraphrase rarely repeats the question's words. Unknown words are left to `unknown_terms`.)"""
    return [w for w, first in _parts(query)
            if (_acronym(w) or _proper(w, first)) and vocabulary.mentions(w)
            and not any(v.mentions_name_in(w) for v in found)]
