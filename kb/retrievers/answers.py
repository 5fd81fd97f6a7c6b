"""Authored short answers: each section's point in a sentence or two (front matter `svar`), one vector per section.

A ranking signal (a summary written to be found matches questions that the section's wording does not; a section
found ranks its passages in the order the passage vectors gave them), and the short answer weighs an authored answer
against the passage's own sentences by the same cosine (`kb.shortanswer`).
"""

from __future__ import annotations

from kb.retrievers import Corpus, Query, Ranking, Vectors
from kb.retrievers.vectors import VectorRetriever, section_order


def answered_sections(corpus: Corpus) -> list[list[int]]:
    """The passages of each section that has an authored answer, sections in passage order."""
    groups: dict[tuple[str, str], list[int]] = {}
    for i, p in enumerate(corpus.passages):
        if p.answer:
            groups.setdefault((p.article_id, p.anchor), []).append(i)
    return list(groups.values())


class AnswerVectors(VectorRetriever):
    name = "answers"

    def texts(self, corpus: Corpus) -> list[str]:
        return [f"{corpus.passages[g[0]].title}: {corpus.passages[g[0]].answer}" for g in answered_sections(corpus)]

    def use(self, corpus: Corpus, vectors: Vectors) -> None:
        super().use(corpus, vectors)
        self.sections = answered_sections(corpus)
        self.row = {i: row for row, group in enumerate(self.sections) for i in group}

    def similarity(self, passage: int, vector: Vectors) -> float | None:
        """Cosine of the passage's section answer with the query; None when the section has none."""
        row = self.row.get(passage)
        if row is None or self.vectors is None:
            return None
        return float(self.vectors[row] @ vector)

    def rank(self, query: Query, n: int) -> Ranking:
        ids, _ = self.search(query, n)
        return section_order((self.sections[s] for s in ids), query, n)
