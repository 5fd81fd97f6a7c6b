"""What a question asks for, and what a sentence can offer as an answer.

A short answer is pasted into replies, so the sentence chosen must *answer*: an amount for "hur mycket", a date for
"när", a name or role for "vem", a reason for "varför", the rule for "får man", the definition for "vad är". And it
must never be a sentence that only points elsewhere ("Se …"), talks about the guide itself, asks a question, or
announces what follows ("… i fyra faser.") without giving it. These rules read the wording only, so they work the
same with and without the embedding model.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum


class Kind(StrEnum):
    """What a question asks for."""

    MANGD = "mängd"
    TID = "tid"
    VEM = "vem"
    VARFOR = "varför"
    REGEL = "regel"
    DEFINITION = "definition"
    LISTA = "lista"
    HUR = "hur"
    ANNAT = "annat"


# Order matters: the first pattern that matches decides ("hur lång tid" is a time, "vilka aktörer" a who).
_KIND_PATTERNS: tuple[tuple[Kind, re.Pattern[str]], ...] = (
    (Kind.TID, re.compile(r"^(när|sedan när)\b|\bvilket år\b|\bhur (lång tid|länge)\b|\bvilken tidpunkt\b|\bdatum")),
    (Kind.MANGD, re.compile(
        r"\bhur (mycket|många|stor|stora|högt?|höga|mkt|mkycket)\b|\bvad kostar|\bvad (kostade|blev) (det|kostnaden)"
        r"|\bvilken (summa|avkastning|ränta|kostnad)|\bhur mycket pengar|\bantal\b|\bbelopp")),
    (Kind.VARFOR, re.compile(r"\bvarför\b|\bvarfor\b|\bav vilken anledning|\bvad beror|\bvilka skäl|\bvad är skälet")),
    (Kind.VEM, re.compile(
        r"^vem\b|\bvem (är|var|har|gör|betalar|bär|tar|äger|ansvarar|bestämmer|mäter|kollar|står)"
        r"|^vilka (är|var) (parterna|aktörerna|med)|\bvilk(en|a) (aktör|part|organisation|kommun|investerare|"
        r"finansiär|utförare|företag|konsult)")),
    (Kind.REGEL, re.compile(
        r"^(får|fick|måste|behöver|kan|ska|bör|är det (tillåtet|lagligt|ok|okej|förbjudet|möjligt))\b"
        r"|\b(får|måste|behöver) (man|vi|kommunen|en kommun|staden|regionen|de)\b|\btillåtet\b|\blagligt\b|\bkrav\b")),
    (Kind.DEFINITION, re.compile(
        r"^vad (är|betyder|innebär|menas med|menar man med|står .* för)\b|^vad (är|var) (en|ett)\b"
        r"|\bvad (betyder|innebär)\b|\bdefinition")),
    (Kind.LISTA, re.compile(r"^vilka\b|\bvilka (faser|steg|faktorer|förutsättningar|risker|delar|roller|hinder)")),
    (Kind.HUR, re.compile(r"^hur\b|\bhur (går|gör|ska|kan|fungerar|funkar)\b")),
)


def question_kind(question: str) -> Kind:
    """The kind of answer a Swedish question asks for (`Kind.ANNAT` when no pattern fits)."""
    q = re.sub(r"\s+", " ", question.strip().lower())
    for kind, pattern in _KIND_PATTERNS:
        if pattern.search(q):
            return kind
    return Kind.ANNAT


_NUMBER_WORDS = (
    r"två|tre|fyra|fem|sex|sju|åtta|nio|tio|elva|tolv|femton|tjugo|trettio|fyrtio|femtio|hundra|tusen|miljon"
    r"|miljoner|miljard|miljarder|halv|halvt|procent|kronor|dubbelt"
)
NUMBER_RE = re.compile(rf"\d|\b({_NUMBER_WORDS})\b", re.IGNORECASE)
YEAR_RE = re.compile(
    r"\b(1[89]|20)\d\d\b|\b(januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december"
    rf"|våren|hösten|sommaren|vintern)\b|\b(\d+(,\d+)?|ett|en|{_NUMBER_WORDS}) (års?|månad(er)?|veck(a|or))\b",
    re.IGNORECASE)
"""A date or a duration ("2016", "i maj", "1,5 år", "ett och ett halvt år", "tre månader")."""
REASON_RE = re.compile(
    r"\b(eftersom|därför|för att|skälet|skälen|skäl|orsaken|beror på|syftet|så att|annars|motiv|vill)\b", re.IGNORECASE)
RULE_RE = re.compile(
    r"\b(får|måste|ska|skall|krävs|kräver|tillåt\w*|förbjud\w*|enligt|lagen|LOU|regler\w*|inte möjligt|kan inte"
    r"|behöver|undantag\w*|otillåt\w*|skyldig\w*)\b", re.IGNORECASE)
DEFINITION_RE = re.compile(
    r"\b(är|var) (en|ett|det|den|när|att)\b|\b(kallas|innebär|betyder|avses|definieras|definierar|står för)\b",
    re.IGNORECASE)
ROLE_RE = re.compile(
    r"\b(utfallsansvarig\w*|finansiär\w*|investerare\w*|utförare\w*|intermediär\w*|målgrupp\w*|utvärderare\w*"
    r"|kommun\w*|stad\w*|region\w*|nämnd\w*|staten|myndighet\w*|förvaltning\w*)\b", re.IGNORECASE)
NAME_RE = re.compile(r"(?<![.!?:]\s)(?<!^)\b[A-ZÅÄÖ][a-zåäöé]+|\b[A-ZÅÄÖ]{2,}\b")

CROSS_REF_RE = re.compile(
    r"^(se|läs mer|läs också|läs vidare|jämför|mer om)\b|\b(se|läs) (även|också|mer|vidare|avsnitt\w*|artikel\w*"
    r"|kapitl\w*)\b|[(,;–—:]\s*se\s+[A-ZÅÄÖ\"”]|\bse\s+[A-ZÅÄÖ][^.]{0,80}\.?\)?$|\bbeskrivs (närmare |mer )?i\b"
    r"|\bfinns (beskriv\w* )?i artikeln\b", re.IGNORECASE)
META_RE = re.compile(
    r"\b(den här|denna|detta|det här) (guide|guiden|artikel|artikeln|text|texten|sida|sidan|avsnitt|avsnittet|kapitel"
    r"|kapitlet|modul|modulen)\b|\b(nedan|i nästa avsnitt|i följande avsnitt)\b|\bguiden (använder|kallar|säger)\b"
    r"|\bhär (beskriver|går vi|förklarar|samlar)\b|\b(artikeln|avsnittet|texten) (beskriver|samlar|handlar)\b",
    re.IGNORECASE)
_COUNT_NOUNS = (
    r"skäl|faser|steg|faktorer|förutsättningar|delar|frågor|roller|risker|punkter|sätt|saker|områden|modeller|typer"
    r"|alternativ|kategorier|principer|nivåer|lärdomar|slutsatser|fördelar|nackdelar|varianter|aspekter|komponenter"
)
ANNOUNCE_RE = re.compile(
    rf"\b(två|tre|fyra|fem|sex|sju|åtta|nio|tio|\d+|några|flera|följande) ({_COUNT_NOUNS})\b|\bföljande\b"
    r"|\bså här\b|\bsom följer\b", re.IGNORECASE)


@dataclass(frozen=True)
class SentenceKind:
    """What one sentence is and offers; computed once per sentence at index load."""

    excluded: bool
    """A cross-reference, meta sentence, question or heading-like fragment: never a short answer."""
    lead_in: bool
    """Announces what follows (ends in ':' or names a count without giving it): only with the next sentence."""
    vague: bool
    """Short and without a figure or name: it needs its neighbour to say anything checkable."""
    offers: frozenset[Kind]


def classify(sentence: str) -> SentenceKind:
    """What `sentence` is (see `SentenceKind`)."""
    s = sentence.strip()
    words = s.split()
    question = s.endswith("?")
    has_number = bool(NUMBER_RE.search(s))
    heading_like = len(words) <= 4 and not has_number
    excluded = question or heading_like or bool(CROSS_REF_RE.search(s)) or bool(META_RE.search(s))
    head, colon, tail = s.rpartition(":")
    list_heading = bool(colon) and len(tail.split()) <= 5 and len(head.split()) >= 3
    lead_in = s.endswith(":") or list_heading or (
        bool(ANNOUNCE_RE.search(s)) and len(words) <= 20 and ":" not in s[:-1])
    vague = len(words) <= 9 and not has_number and not NAME_RE.search(s)
    offers = {Kind.HUR, Kind.ANNAT}
    if has_number:
        offers.add(Kind.MANGD)
    if YEAR_RE.search(s):
        offers.add(Kind.TID)
    if NAME_RE.search(s) or ROLE_RE.search(s):
        offers.add(Kind.VEM)
    if REASON_RE.search(s):
        offers.add(Kind.VARFOR)
    if RULE_RE.search(s):
        offers.add(Kind.REGEL)
    if DEFINITION_RE.search(s):
        offers.add(Kind.DEFINITION)
    if has_number or "," in s or ";" in s or lead_in:
        offers.add(Kind.LISTA)
    return SentenceKind(excluded, lead_in, vague, frozenset(offers))
