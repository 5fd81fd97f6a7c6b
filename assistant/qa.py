"""Answer a question from the knowledge base: best passages, highlighted sentences, a short cited answer, related
articles, a confidence level calibrated on labelled questions — or an honest "no good answer".

Nothing here writes new claims: a short answer is either sentences of the articles or a section's own short answer
written by its author (front matter `svar`, citing only the section's sources), so every line can be checked. `kb`
supplies the signals (ranking, sentence choice, words the content never mentions, legal dates); this module only
assembles them.
"""

from __future__ import annotations

import re
import threading
import weakref
from dataclasses import dataclass, field

from assistant.calibration import Calibration, load_calibration
from kb.chunk import Passage
from kb.citations import Citation, format_citation
from kb.currency import legal_states
from kb.links import LinkBuilder
from kb.search import SearchIndex, SearchResult
from kb.sentence_kinds import Kind, question_kind
from kb.shortanswer import best_windows, choose, distinctive, score_units
from kb.sources import Source
from kb.unknown_terms import Vocabulary, absent_terms, names_and_acronyms, proper_nouns, unknown_terms

# Calibrated on bench/devset.yaml (see bench/search_quality.py --details): below these the best passage is
# usually unrelated, so the answer is declined.
DENSE_THRESHOLD = 0.845
"""Cosine of the best passage with the e5 model, int8 ONNX. On the dev set's 140 labelled in-scope and 58 near-domain
questions: 0.856 left 6 in-scope questions without a short answer (4 %), 0.845 leaves 3 (2 %) and still declines or
caveats 38 of 58 near-domain ones together with the unknown-word rule; near-domain questions reach the same cosines
as in-scope ones, so no threshold separates them (see bench/search_quality.py)."""
LEXICAL_THRESHOLD = 0.2
"""BM25-only mode: the share of the question's weight (idf) that the best passages cover. At 0.5 a quarter of the
dev set's in-scope questions were declined. On the extended dev set (152 in scope, 62 out of scope) 0.25 left 7 in
scope without a short answer (4.6 %), 0.2 leaves 4 (2.6 %) and still declines or caveats 43 of 62 (44 at 0.25):
unknown and absent words (kb.unknown_terms) name what the knowledge base does not cover."""
STRONG_LEXICAL = 0.6
"""With a model: a passage covering this much of the question's weight is an answer even at lower cosine."""
NO_ANSWER = "Kunskapsbanken har inget bra svar på det."
CANDIDATE_PASSAGES = 3
"""The short answer is chosen among the sentences of this many top passages."""
TODAY_RE = re.compile(
    r"\b(i dag|idag|just nu|numera|nuvarande|nuläget|aktuell\w*|gällande|senaste|i år|år 20[2-9]\d|20[2-9]\d)\b",
    re.IGNORECASE)
"""A question about today's figures, thresholds or rules: the sources describe their own years, not today."""
OUTCOME_RE = re.compile(
    r"\bhur (gick det|har det gått)(?! till)\b|^gick det bra\b|\bhur blev (utfallet|resultatet|det)\b"
    r"|^blev (det|den|de|piloten|projektet|kontraktet)\b.{0,60}\b(lyckad\w*|lyckat|lönsam\w*)\b"
    r"|\bvilka resultat (fick|gav|nådde)\b|\bfick (investerarna|investeraren|finansiären) (tillbaka|betalt)\b"
    r"|\bnär det utvärderades\b", re.IGNORECASE)
"""A question about how a contract turned out: the sources know the results reported by their own years, and most
contracts they describe had not ended then."""
CHANGE_RE = re.compile(
    r"^(minskade|ökade|sjönk|förbättrades|försämrades|halverades)\b"
    r"|^(har|blev)\b[^,;?]{0,60}\b(minskat|ökat|sjunkit|stigit|förbättrats|försämrats|halverats)\b", re.IGNORECASE)
""""Minskade sjukfrånvaron i Botkyrka?", "Har återfallen minskat i Peterborough?": a question about how a named
contract turned out (with a name; "Minskade risken med en SIB?" asks about the model)."""


@dataclass(frozen=True)
class SourceRef:
    doc: str
    chapter: str
    pages: str | None
    label: str


@dataclass(frozen=True)
class AnswerPassage:
    passage: Passage
    score: float
    highlights: tuple[int, ...]
    """Indexes into `passage.sentences` of the 1–3 best-matching sentences, best first."""
    source: SourceRef | None
    dense: float = 0.0

    @property
    def cite_label(self) -> str:
        return " › ".join(p for p in (self.passage.title, self.passage.heading) if p)


@dataclass(frozen=True)
class ShortAnswerLine:
    sentence: str
    ref: int
    """1-based number of the passage in `Answer.passages` that the sentence comes from."""
    authored: bool = False
    """The section's authored short answer (front matter `svar`), not a sentence quoted from the passage."""

    @property
    def note(self) -> str:
        """Said next to the line wherever it is shown, so a summary is never taken for a quotation."""
        return "avsnittets sammanfattning" if self.authored else ""


@dataclass(frozen=True)
class Answer:
    query: str
    passages: list[AnswerPassage]
    proposed: list[ShortAnswerLine]
    """The sentences chosen as the short answer; shown (as `short`) only when the level allows it."""
    related: list[tuple[str, str]]
    """(article id, title) of further articles worth reading."""
    confidence: float
    level: str
    """`hög`, `medel` or `låg` — shown next to the answer, in words (not only colour)."""
    declined: bool
    mode: str
    signals: dict[str, float] = field(default_factory=dict)
    kind: str = Kind.ANNAT.value
    """What the question asks for (`kb.sentence_kinds.Kind`): an amount, a date, a name, a reason, a rule, …"""
    unknown: tuple[str, ...] = ()
    """Salient words of the question that the knowledge base never mentions, named on the page."""
    absent: tuple[str, ...] = ()
    """Salient words the knowledge base uses elsewhere but none of the passages found for this question."""
    notices: tuple[str, ...] = ()
    """Caveats shown with the answer: the legal state the sources describe, the years the figures are from."""
    share_right: float | None = None
    """How often an answer at this level held all the facts asked for on the labelled dev set (`calibration.yaml`):
    the page says what "medel" means instead of leaving the reader to guess."""

    @property
    def message(self) -> str:
        if self.unknown:
            return f"Kunskapsbanken nämner inte {_join(self.unknown)}."
        if self.absent:
            return f"Inget av det som hittades handlar om {_join(self.absent)}."
        return NO_ANSWER if self.declined else ""

    @property
    def withheld(self) -> bool:
        """No short answer: declined, or too unsure to state one (the passages are shown with a warning)."""
        return self.declined or self.level == "låg"

    @property
    def short(self) -> list[ShortAnswerLine]:
        return [] if self.withheld else self.proposed


def _join(words: tuple[str, ...]) -> str:
    quoted = [f"”{w}”" for w in words]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " eller " + quoted[-1]


@dataclass(frozen=True)
class _Words:
    """The words the content uses, as a whole and per passage: what the unknown- and absent-word rules read."""

    corpus: Vocabulary
    passages: dict[str, Vocabulary]


_BY_INDEX: weakref.WeakKeyDictionary[SearchIndex, _Words] = weakref.WeakKeyDictionary()
_BY_PASSAGES: dict[int, _Words] = {}
_WORDS_LOCK = threading.Lock()
"""A first question waits for `prepare` (running in the background at start) instead of building the same again."""


def _words(index: SearchIndex) -> _Words:
    """Built once per set of passages (about half a second), not per index: the BM25 index served at start and the
    hybrid one swapped in later share it."""
    words = _BY_INDEX.get(index)
    if words is not None:
        return words
    with _WORDS_LOCK:
        return _build_words(index)


def _build_words(index: SearchIndex) -> _Words:
    words = _BY_INDEX.get(index)
    if words is None:
        key = hash((tuple(index.passages), tuple(index.questions)))
        words = _BY_PASSAGES.get(key)
        if words is None:
            # A section's authored answer and questions are part of what its passages say: the answer may name "LSV"
            # where the text does not, a question says "pilotprojektet" where the text says "piloten".
            asked: dict[tuple[str, str], list[str]] = {}
            for q in index.questions:
                asked.setdefault((q.article_id, q.anchor), []).append(q.text)
            texts = {p.id: [p.index_text, p.answer, *asked.get((p.article_id, p.anchor), [])] for p in index.passages}
            corpus = Vocabulary.from_texts("\n".join(t) for t in texts.values())
            words = _Words(corpus, {pid: Vocabulary.from_texts(t, corpus.names) for pid, t in texts.items()})
            if len(_BY_PASSAGES) >= 4:  # content changes only between runs; keep the cache small all the same
                _BY_PASSAGES.clear()
            _BY_PASSAGES[key] = words
        _BY_INDEX[index] = words
    return words


def prepare(index: SearchIndex) -> None:
    """Do at start what the first question would otherwise wait for: the content's vocabularies and the general
    word-frequency table behind `kb.unknown_terms`."""
    _words(index)
    unknown_terms("förberedelse", _words(index).corpus)
    load_calibration()


def _source(citations: tuple[Citation, ...], sources: dict[str, Source] | None) -> SourceRef | None:
    if not citations:
        return None
    c = next((c for c in citations if c.pages), citations[0])
    label = format_citation(c, sources) if sources and c.doc in sources else f"{c.doc} {c.chapter}"
    return SourceRef(c.doc, c.chapter, c.pages, label)


def confidence(
    index: SearchIndex, result: SearchResult, weights: dict[str, float]
) -> tuple[float, bool, dict[str, float]]:
    """Whether to decline (no passage is about the question), with the retrieval signals behind it."""
    signals = index.signals
    lexical = max((signals.coverage(weights, signals.passage_terms(h.passage)) for h in result.hits[:3]),
                  default=0.0)
    found = {"dense": result.top_dense, "lexical": lexical, "coverage": result.coverage}
    if not result.hits:
        return 0.0, True, found
    if result.mode == "bm25":
        return lexical, lexical < LEXICAL_THRESHOLD, found
    dense_conf = min(1.0, max(0.0, (result.top_dense - 0.80) / 0.12))
    conf = max(dense_conf, lexical if lexical >= STRONG_LEXICAL else 0.0)
    declined = result.top_dense < DENSE_THRESHOLD and lexical < STRONG_LEXICAL
    return conf, declined, found


def legal_notices(citations: list[Citation], sources: dict[str, Source] | None) -> list[str]:
    """"Rättsläget våren 2018 – kontrollera gällande regler." for each legal date the cited chapters carry
    (`kb.currency`, the same notice the article pages show)."""
    return [f"{state.notice}." for state in legal_states(citations, sources or {})]


def caveated_level(level: str, query: str, unknown: tuple[str, ...], absent: tuple[str, ...], notice: bool) -> str:
    """The level once the caveats are known. A missing name or acronym, or one that none of the passages found
    mentions, means the question is about something the knowledge base does not cover: "låg", no short answer. A
    missing everyday word may be the asker's own phrasing ("påskrivet", "plåstra"): it is named, and the answer is
    at most "medel"; so is an answer with a notice about the years the sources describe (a question about today's
    figures or about how a contract turned out)."""
    if absent or set(unknown) & names_and_acronyms(query):
        return "låg"
    if unknown or notice:
        return "medel" if level == "hög" else level
    return level


def period_notices(query: str, sources: dict[str, Source] | None) -> list[str]:
    """What a question about today, or about how things turned out, needs to know: the years the sources describe."""
    years = sorted({s.year for s in (sources or {}).values()})
    when = f"{years[0]}–{years[-1]}" if len(years) > 1 else str(years[0]) if years else "källornas år"
    missing = []
    if TODAY_RE.search(query):
        missing.append("Dagens belopp, gränser och regler finns inte här – kontrollera aktuella uppgifter hos ansvarig"
                       " myndighet.")
    if OUTCOME_RE.search(query.strip()) or (CHANGE_RE.search(query.strip()) and proper_nouns(query)):
        missing.append("Resultat som redovisats senare, och hur kontrakt som då pågick slutade, finns inte här.")
    return [" ".join([f"Kunskapsbanken beskriver läget i källorna ({when}).", *missing])] if missing else []


def answer(index: SearchIndex, query: str, k: int = 5, sources: dict[str, Source] | None = None,
           calibration: Calibration | None = None) -> Answer:
    """Search and assemble the answer (see module docstring)."""
    result = index.search(query, max(k, 10))
    query = result.query  # as search read it (NFKC: "ä" sent as "a" + diaeresis, "ﬁ" as one ligature)
    kind = question_kind(query)
    sentences = index.signals
    weights = sentences.term_weights(result.terms)
    conf, declined, signals = confidence(index, result, weights)
    distinct = distinctive(weights)
    qvec = result.query_vector
    shown_hits = result.hits[:max(k, CANDIDATE_PASSAGES)]
    candidates = shown_hits[:min(k, CANDIDATE_PASSAGES)]  # a short answer cites only passages that are shown
    # Scored once for every shown passage: the best window of each is its highlight; the short answer is chosen
    # among the windows of the first few.
    units = score_units(sentences, [h.passage for h in shown_hits], kind, distinct, qvec)
    dense = [h.dense for h in candidates] if qvec is not None and sentences.has_sentence_vectors else []
    chosen = choose([u for u in units if u.ref < len(candidates)], dense)
    marked = best_windows(units, [h.passage for h in shown_hits])
    words = _words(index)
    unknown = tuple(unknown_terms(query, words.corpus))
    found = [words.passages[h.passage.id] for h in candidates if h.passage.id in words.passages]
    absent = tuple(absent_terms(query, found, words.corpus))
    signals |= {"unit": chosen[0].score if chosen else 0.0,
                "kind_match": float(bool(chosen and chosen[0].matches_kind)), "unknown": float(len(unknown)),
                "absent": float(len(absent))}
    cal = calibration or load_calibration()
    conf = cal.confidence(signals, result.mode)
    calibrated = cal.level(conf, result.mode)
    notices = period_notices(query, sources)
    level = caveated_level(calibrated, query, unknown, absent, bool(notices))
    # The measured share describes the calibrated level; a level lowered by a caveat is explained by the caveat.
    share = cal.share_right(level, result.mode) if level == calibrated else None
    passages = [
        AnswerPassage(h.passage, h.score, marked[n], _source(h.passage.citations, sources), h.dense)
        for n, h in enumerate(result.hits[:k])
    ]
    proposed: list[ShortAnswerLine] = []
    cited: list[Citation] = []
    for unit in chosen:
        p = candidates[unit.ref].passage
        if unit.authored:
            proposed.append(ShortAnswerLine(p.answer, unit.ref + 1, authored=True))
        proposed.extend(ShortAnswerLine(p.sentences[i], unit.ref + 1) for i in unit.sentences)
        cited += p.answer_citations if unit.authored else p.citations
    notices += legal_notices(cited or [c for h in result.hits[:1] for c in h.passage.citations], sources)
    shown = {ap.passage.article_id for ap in passages[:3]}
    related: list[tuple[str, str]] = []
    for h in result.hits:
        if h.passage.article_id not in shown and h.passage.article_id not in {a for a, _ in related}:
            related.append((h.passage.article_id, h.passage.title))
    return Answer(query, passages, proposed, related[:4], conf, level, declined, result.mode, signals, kind.value,
                  unknown, absent, tuple(notices), share)


def passage_url(ap: AnswerPassage, links: LinkBuilder) -> str:
    """Where a found passage is shown: its article section, highlighted."""
    return links.article(ap.passage.article_id, ap.passage.anchor, highlight=ap.passage.id)


def to_markdown(a: Answer, links: LinkBuilder) -> str:
    """The answer with its sources as Markdown (for "kopiera svar med källor" and export); `links` absolute."""
    lines = [f"# {a.query}", ""]
    if a.message:
        lines += [a.message, ""]
    if a.withheld:
        lines += ["Inget kort svar: träffarna nedan är osäkra.", ""]
    else:
        lines += ["## Kort svar", ""]
        lines += [f"- {s.sentence}{f' ({s.note})' if s.note else ''} [{s.ref}]" for s in a.short]
        lines += ["", f"Säkerhet: {a.level}", ""]
    lines += [f"> {n}" for n in a.notices] + ([""] if a.notices else [])
    lines += ["## Källor", ""]
    for n, ap in enumerate(a.passages, start=1):
        source = f" — {ap.source.label}" if ap.source else ""
        lines.append(f"{n}. [{ap.cite_label}]({passage_url(ap, links)}){source}")
    return "\n".join(lines) + "\n"
