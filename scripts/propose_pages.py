"""Propose an exact page for book citations whose fact sits on a page the source text establishes.

For each `{{cite fryshuset2018 CHAPTER}}` marker without a page, take the paragraph it closes, find the window of
source lines in that chapter that shares the most distinctive words with it (numbers, names, long words), and
propose the window's page when the whole window lies on one page of `page_lines` and the match is clear.
Prints each proposal with the paragraph and the source lines so an editor can verify it; `--apply` writes the pages
into the markers. Usage: PYTHONPATH=. python scripts/propose_pages.py [--apply] [--min-score N]
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from kb.citations import CITE_RE
from kb.sources import load_sources

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content" / "sv"
SEEDS = Path("/work/shared/seeds")
_STOPWORDS = ("och att det som för med den till har inte ett kan man eller från när vid men där även också de alla "
              "under efter sina sitt sin var ska skulle mellan utan genom mycket andra dessa denna detta vilket "
              "kommunen kommun insatsen insatser målgruppen sociala social")
STOP = frozenset(_STOPWORDS.split())
WINDOW = 8


def words(text: str) -> set[str]:
    text = re.sub(r"-\n", "", text.lower())
    return {w for w in re.findall(r"[a-zåäö0-9%€]+", text) if (len(w) >= 6 or any(c.isdigit() for c in w))
            and w not in STOP}


def paragraph_before(text: str, offset: int) -> str:
    """The text a marker closes: back to the previous marker, blank line, or start of a list item."""
    start = text.rfind("\n\n", 0, offset) + 2
    line_start = text.rfind("\n", 0, offset) + 1
    if re.match(r"\s*([-*]|\d+\.)\s", text[line_start:offset]):
        start = max(start, line_start)
    previous = [m.end() for m in CITE_RE.finditer(text, start, offset)]
    return text[max([start, *previous]):offset]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--apply", action="store_true")
    parser.add_argument("--min-score", type=int, default=8)
    args = parser.parse_args()
    sources, _ = load_sources(CONTENT / "kallor.yaml")
    book = sources["fryshuset2018"]
    lines = (SEEDS / book.file).read_text(encoding="utf-8").splitlines()
    proposals = 0
    for path in sorted(CONTENT.rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        edits: list[tuple[int, int, str]] = []
        for m in CITE_RE.finditer(text):
            if m["doc"] != book.key or m["first"] or m["chapter"] not in book.chapters:
                continue
            first, last = book.chapters[m["chapter"]].lines
            para = words(paragraph_before(text, m.start()))
            scored = []
            for a in range(first, last + 1):
                b = min(a + WINDOW - 1, last)
                scored.append((len(para & words("\n".join(lines[a - 1:b]))), a, b))
            scored.sort(reverse=True)
            score, a, b = scored[0]
            pa, pb = book.page_of_line(a), book.page_of_line(b)
            # The best window elsewhere than on this page: the fact must clearly come from one page.
            runner_up = next((s for s, a2, b2 in scored[1:] if book.page_of_line(a2) != pa
                              or book.page_of_line(b2) != pa), 0)
            if score < args.min_score or runner_up > 0.5 * score or pa is None or pa != pb:
                continue
            proposals += 1
            lineno = text.count("\n", 0, m.start()) + 1
            print(f"== {path.relative_to(ROOT)}:{lineno} {m['chapter']} -> s. {pa} (score {score}, next {runner_up})")
            print("   TEXT:", " ".join(paragraph_before(text, m.start()).split())[:300])
            print(f"   KÄLLA {a}-{b}:", " ".join(" ".join(lines[a - 1:b]).split())[:300])
            edits.append((m.start(), m.end(), f"{{{{cite {m['doc']} {m['chapter']} s. {pa}}}}}"))
        if args.apply and edits:
            for start, end, marker in reversed(edits):
                text = text[:start] + marker + text[end:]
            path.write_text(text, encoding="utf-8")
    print(f"{proposals} förslag")


if __name__ == "__main__":
    main()
