"""The retriever set by name: the one place that lists which signals exist."""

from __future__ import annotations

from collections.abc import Callable

from kb.retrievers import WEIGHTS, Retriever
from kb.retrievers.answers import AnswerVectors
from kb.retrievers.bm25 import BM25Retriever
from kb.retrievers.headings import HeadingVectors
from kb.retrievers.passages import PassageVectors
from kb.retrievers.questions import QuestionVectors
from kb.retrievers.sentences import SentenceVectors

FACTORIES: dict[str, Callable[[], Retriever]] = {
    "bm25": BM25Retriever,
    "passages": PassageVectors,
    "headings": HeadingVectors,
    "sentences": SentenceVectors,
    "questions": QuestionVectors,
    "answers": AnswerVectors,
}
"""In ranking order: `questions` refines the `passages` ranking, so it comes after it."""


__all__ = ["FACTORIES", "WEIGHTS", "default_retrievers"]


def default_retrievers(dense: bool) -> list[Retriever]:
    """Fresh (unbuilt) retrievers: all of them with a model, BM25 alone without one."""
    return [make() for make in FACTORIES.values() if dense or not make().needs_vector]
