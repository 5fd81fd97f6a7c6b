"""Swedish text analysis for BM25: lower-casing, stop words, Snowball stemming and optional compound splitting.

Swedish writes compounds as one word ("utfallskontrakt", "försörjningsstöd"), so a question that says "kontrakt om
utfall" would miss them; splitting long words into parts the corpus also uses lets BM25 match both.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

import snowballstemmer

WORD_RE = re.compile(r"[0-9]+(?:[.,][0-9]+)*|[^\W\d_]+(?:-[^\W\d_]+)*", re.UNICODE)

STOPWORDS = frozenset(
    """
    alla allt att av blev bli blir blivit de dem den denna deras dess dessa det detta dig din dina ditt du där då
    efter ej eller en er era ert ett från för ha hade han hans har henne hennes hon honom hur här i icke ingen
    inom inte jag ju kan kunde man med mellan men mig min mina mitt mot mycket ni nu när någon något några och om
    oss på samma sedan sig sin sina sitta själv skulle som så sådan sådana sådant till under upp ut utan vad var
    vara varför varit varje vars vart vem vi vid vilka vilkas vilken vilket vår våra vårt än är åt över ska skall
    finns får få gör göra kommer sig vilken hos också bara därför något mer även the of and
    """.split()  # noqa: SIM905 - a word list reads best as text
)

_stemmer = snowballstemmer.stemmer("swedish")
CACHE_LIMIT = 200_000


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    return str(_stemmer.stemWord(word))


def words(text: str) -> list[str]:
    """Lower-cased words; hyphenated words are kept whole and also split into their parts."""
    out: list[str] = []
    for m in WORD_RE.finditer(text.lower()):
        w = m.group(0)
        if "-" in w:
            out.extend(p for p in w.split("-") if p)
            w = w.replace("-", "")
        out.append(w)
    return out


FOLD = str.maketrans("åäöéü", "aaoeu")


def fold(word: str) -> str:
    """The word as typed on a keyboard without Swedish letters."""
    return word.translate(FOLD)


class Analyzer:
    """Text -> index terms. `compounds` holds known word parts (stems) used to split long words."""

    def __init__(self, vocabulary: Iterable[str] = (), split_compounds: bool = True, min_part: int = 4) -> None:
        self.split_compounds = split_compounds
        self.min_part = min_part
        self.parts = frozenset(w for w in vocabulary if len(w) >= min_part and w not in STOPWORDS)
        # Words typed without å, ä, ö ("forstudie", "konsultjav") are read as the corpus word they fold to.
        self.unfold = {fold(w): w for w in sorted(self.parts) if fold(w) != w and fold(w) not in self.parts}
        self._cache: dict[str, tuple[str, ...]] = {}

    def terms(self, text: str) -> list[str]:
        out: list[str] = []
        for w in words(text):
            if w in STOPWORDS or (len(w) < 2 and not w.isdigit()):
                continue
            cached = self._cache.get(w)
            if cached is None:
                known = self.unfold.get(w, w) if w.isascii() else w
                cached = (stem(known), *self._split(known))
                if len(self._cache) < CACHE_LIMIT:  # bounded: queries bring endless new words
                    self._cache[w] = cached
            out.extend(cached)
        return out

    def _split(self, word: str) -> tuple[str, ...]:
        """Best split into two known parts (with an optional linking s), as extra stems; none if unsure."""
        if not self.split_compounds or len(word) < 2 * self.min_part + 1:
            return ()
        for i in range(len(word) - self.min_part, self.min_part - 1, -1):
            head, tail = word[:i], word[i:]
            if tail not in self.parts and stem(tail) not in self.parts:
                continue
            for h in (head, head[:-1] if head.endswith("s") else None):
                if h and len(h) >= self.min_part and (h in self.parts or stem(h) in self.parts):
                    return stem(h), stem(tail)
        return ()


def vocabulary(texts: Iterable[str]) -> set[str]:
    """Every word form and stem in `texts`: the parts a compound may be split into."""
    vocab: set[str] = set()
    for text in texts:
        for w in words(text):
            if len(w) >= 4 and w.isalpha():
                vocab.add(w)
                vocab.add(stem(w))
    return vocab
