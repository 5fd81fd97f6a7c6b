"""Figures for the knowledge base: articles, sections with an authored short answer, words, glossary terms,
citations, and chapter coverage.

Usage: .venv/bin/python bench/content_report.py
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from kb.loader import load_content

ROOT = Path(__file__).resolve().parent.parent / "content" / "sv"


def main() -> None:
    content = load_content(ROOT)
    words = sum(len(s.markdown.split()) for a in content.articles.values() for s in a.sections)
    citations = [(a.id, c) for a in content.articles.values() for s in a.sections for c in s.citations]
    print(f"Artiklar: {len(content.articles)}")
    sections = [s for a in content.articles.values() for s in a.sections]
    print(f"Avsnitt: {len(sections)} (med eget kort svar, `svar`: {sum(1 for s in sections if s.answer)})")
    print(f"Ord (brödtext): {words}")
    print(f"Ordlistetermer: {len(content.glossary)}")
    print(f"Källhänvisningar i brödtext: {len(citations)} (varav med sida: {sum(1 for _, c in citations if c.pages)})")
    for theme in content.themes:
        print(f"  {theme}: {len(content.by_theme(theme))} artiklar")
    cover: dict[tuple[str, str], set[str]] = defaultdict(set)
    for aid, c in citations:
        cover[(c.doc, c.chapter)].add(aid)
    print("\n| källa | kapitel | artiklar som citerar kapitlet |\n| --- | --- | --- |")
    missing = 0
    for key, source in content.sources.items():
        for chapter in source.chapters.values():
            ids = sorted(cover.get((key, chapter.key), set()))
            missing += not ids
            print(f"| {source.short} | {chapter.title} | {', '.join(ids) or '**ingen**'} |")
    print(f"\nKapitel utan artikel: {missing}")


if __name__ == "__main__":
    main()
