"""How many citation markers carry a page: an exact cited page, the chapter's page range, or none.

Counts every `{{cite …}}` marker in every file under `content/sv/` (articles, glossary, screening, course), the way
a reader sees them: a marker without a page shows its chapter's pages where `kallor.yaml` establishes them.

Usage: PYTHONPATH=. .venv/bin/python bench/citation_pages.py [content/sv]
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

from kb.citations import CITE_RE, Citation, parse_pages, shown_pages
from kb.sources import load_sources

ROOT = Path(__file__).resolve().parent.parent / "content" / "sv"


def count(root: Path) -> Counter[str]:
    """Markers by kind: `exakt sida` (page in the marker), `kapitlets sidor` (range from the registry), `utan sida`."""
    sources, _ = load_sources(root / "kallor.yaml")
    kinds: Counter[str] = Counter()
    for path in sorted(root.rglob("*")):
        if path.suffix not in {".md", ".yaml", ".yml"} or path.name == "kallor.yaml":
            continue
        for m in CITE_RE.finditer(path.read_text(encoding="utf-8")):
            cite = Citation(m["doc"], m["chapter"], parse_pages(m["first"], m["last"]))
            if cite.pages:
                kinds["exakt sida"] += 1
            elif shown_pages(cite, sources):
                kinds["kapitlets sidor"] += 1
            else:
                kinds[f"utan sida ({cite.doc})"] += 1
    return kinds


def main() -> None:
    root = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT
    kinds = count(root)
    total = sum(kinds.values())
    with_page = kinds["exakt sida"] + kinds["kapitlets sidor"]
    print(f"Citatmarkörer: {total}; med sida: {with_page} (exakt sida {kinds['exakt sida']}, "
          f"kapitlets sidor {kinds['kapitlets sidor']})")
    for kind, n in sorted(kinds.items()):
        print(f"  {kind}: {n}")


if __name__ == "__main__":
    main()
