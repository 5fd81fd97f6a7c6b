"""Authored questions: the questions an article says a section answers, matched question to question.

Embedded as queries (`as_query`), each alone, exactly as a user's question is at search time. A matching question
ranks its section's passages, in the order the passage vectors gave them.
"""

from __future__ import annotations

from collections.abc import Sequence

from kb.retrievers import Corpus, Query, Ranking, Vectors
from kb.retrievers.vectors import VectorRetriever, section_order


class QuestionVectors(VectorRetriever):
    name = "questions"
    as_query = True

    def texts(self, corpus: Corpus) -> list[str]:
        return [q.text for q in corpus.questions]

    def use(self, corpus: Corpus, vectors: Vectors) -> None:
        super().use(corpus, vectors)
        self.question_passages: Sequence[list[int]] = corpus.question_passages

    def rank(self, query: Query, n: int) -> Ranking:
        ids, _ = self.search(query, n)
        return section_order((self.question_passages[q] for q in ids), query, n)
