"""Everyday words -> the terms the articles use, for query expansion in BM25.

People ask in everyday Swedish ("bokföra", "pengar", "ideell förening"); the articles use the domain's terms
("redovisa", "kapital", "idéburen"). A short, reviewed list bridges the commonest gaps; it is applied to questions
only, and the no-answer rule ignores the added words so expansion cannot make an off-topic question look covered.
"""

from __future__ import annotations

from kb.analysis import stem

# Each line: words a user might write = words the articles use. Both sides are stemmed.
PAIRS = """
bokföra bokföring bokför = redovisa redovisning
investerare = finansiär
finansiär = investerare
pengar pengarna = kapital finansiering
jobb jobbet = arbete sysselsättning
anställda anställd = personal medarbetare
ideell ideella förening föreningar = idéburen idéburna
lotta lottning = randomiserad slumpmässigt
biverkningar bieffekter = oönskade effekter
sjukskrivning sjukskrivningar = sjukfrånvaro
grannländer grannländerna = norden nordiska
misslyckas misslyckad = förlorar risk
kosta kostar = kostnad pris
avtal = kontrakt
kontrakt = avtal
leverantör leverantörer = utförare anbud
resultat = utfall
utfall = resultat
vinst = avkastning
ränta = avkastning
sib = utfallskontrakt
politiker politikerna = beslut nämnd
samarbete samarbeta = partnerskap samverkan
spara sparar besparing = besparingar kostnader
mäta mäter = mätning indikatorer
""".strip()


def _parse(text: str) -> dict[str, tuple[str, ...]]:
    table: dict[str, tuple[str, ...]] = {}
    for line in text.splitlines():
        left, _, right = line.partition("=")
        targets = tuple(dict.fromkeys(stem(w) for w in right.lower().split()))
        for word in left.lower().split():
            table[stem(word)] = tuple(dict.fromkeys(table.get(stem(word), ()) + targets))
    return table


EXPANSIONS = _parse(PAIRS)


def expand(terms: list[str]) -> list[str]:
    """Extra terms for the stems in `terms` (not including the terms themselves)."""
    present = set(terms)
    return [t for term in terms for t in EXPANSIONS.get(term, ()) if t not in present]
