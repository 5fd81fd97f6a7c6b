"""Search and answer quality: hit@1, hit@3 and MRR@10 for BM25, dense and hybrid; whether the short answer holds the
facts a correct answer must contain; out-of-scope questions declined or caveated; in-scope questions left without a
short answer; and the reliability of each confidence level (level -> share correct).

Runs on the dev set (tuned on) and on the held-out set (bench/holdout.yaml: written by someone who saw neither the
dev set nor the ranker, never tuned on), so a gap between the two shows overfitting. bench/sourceonly.yaml was
written from the source documents alone, by someone who saw neither the product nor its articles: it labels facts,
not sections, so only the answers are measured on it (never tuned on either). `--bm25-answers` also scores
answers in BM25-only mode.

Usage: .venv/bin/python bench/search_quality.py [--devset a.yaml,b.yaml] [--rrf-k 60] [--no-compounds] [--details]
       [--retrievers bm25,headings] [--fusion bm25,passages,questions]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _answers import caveated, evaluate_answers, holds
from _content import load

from assistant.qa import answer
from kb.embed import load_embedder
from kb.index import ensure_index
from kb.search import SearchIndex, SearchResult
from kb.shortanswer import TOTAL_CHARS
from web.settings import get_settings


def relevant(hit_article: str, hit_anchor: str, targets: list[str]) -> bool:
    for t in targets:
        article, _, anchor = t.partition("#")
        if article == hit_article and (not anchor or anchor == hit_anchor):
            return True
    return False


def first_rank(result: SearchResult, targets: list[str]) -> int | None:
    for rank, hit in enumerate(result.hits, start=1):
        if relevant(hit.passage.article_id, hit.passage.anchor, targets):
            return rank
    return None


def evaluate(index: SearchIndex, questions: list[dict[str, object]], mode: str, rrf_k: int,
             details: bool = False, retrievers: list[str] | None = None) -> dict[str, float]:
    h1 = h3 = mrr = 0.0
    for q in questions:
        result = index.search(str(q["q"]), 10, mode, rrf_k, retrievers)  # type: ignore[arg-type]
        rank = first_rank(result, list(q["relevant"]))  # type: ignore[call-overload]
        h1 += rank == 1
        h3 += rank is not None and rank <= 3
        mrr += 1 / rank if rank else 0
        if details and (rank is None or rank > 3):
            print(f"  [{mode}] miss rank={rank}: {q['q']} -> {[h.passage.id for h in result.hits[:3]]}")
    n = len(questions)
    return {"hit@1": h1 / n, "hit@3": h3 / n, "MRR@10": mrr / n}


def main() -> None:
    parser = argparse.ArgumentParser()
    here = Path(__file__).parent
    parser.add_argument("--devset", default=f"{here / 'devset.yaml'},{here / 'holdout.yaml'}",
                        help="frågefiler, kommaseparerade (standard: dev-setet och det fristående setet)")
    parser.add_argument("--rrf-k", type=int, default=None)
    parser.add_argument("--no-compounds", action="store_true")
    parser.add_argument("--details", action="store_true")
    parser.add_argument("--backend", choices=["onnx", "torch"], default=None)
    parser.add_argument("--misses", action="store_true", help="visa frågor vars korta svar saknar fakta")
    parser.add_argument("--bm25-answers", action="store_true", help="mät även svaren i BM25-läge")
    parser.add_argument("--ceiling", action="store_true",
                        help="taket för korta svar: bästa fönstret om 1–3 meningar i de tre bästa passagerna")
    parser.add_argument("--retrievers", default="", help="mät dessa signaler var för sig, t.ex. bm25,headings")
    parser.add_argument("--fusion", default="", help="mät en fusion av dessa signaler, t.ex. bm25,passages")
    args = parser.parse_args()
    settings = get_settings()
    content = load(settings.content_dir)
    backend = args.backend or settings.embedding_backend
    embedder, why = load_embedder(settings.embedding_model, settings.data_dir, backend=backend)
    if why:
        print(f"[BM25-läge] {why}")
    index_dir = settings.index_dir if embedder is None or backend == "onnx" else (
        Path(__file__).parent / "out" / f"index-{backend}")
    index = ensure_index(content, embedder, index_dir,
                         progress=lambda d, n: print(f"\rindexerar {d}/{n}", end="", file=sys.stderr))
    if args.no_compounds:
        index.analyzer.split_compounds = False
        index.analyzer._cache.clear()
        index.bm25 = type(index.bm25)([index.analyzer.terms(p.index_text) for p in index.passages])
        index.by_name["bm25"].bm25 = index.bm25  # type: ignore[attr-defined]
    from kb.search import RRF_K

    rrf_k = args.rrf_k or RRF_K
    sets = [Path(p) for p in args.devset.split(",")]
    for path in sets:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        print(f"== {path.name}")
        report(index, data, rrf_k, args.no_compounds, args.details, args.misses)
        if args.ceiling:
            ceiling(index, data["questions"])
        labelled = [q for q in data["questions"] if q.get("relevant")]
        if labelled:
            signals(index, labelled, rrf_k, args.retrievers, args.fusion)
        if args.bm25_answers and index.dense_available:
            print("-- svar i BM25-läge")
            answer_report(SearchIndex(index.passages, None, None), data, args.misses)


def signals(index: SearchIndex, questions: list[dict[str, object]], rrf_k: int, alone: str, fusion: str) -> None:
    """Any retriever alone or any fusion of them, by name (`--retrievers`, `--fusion`)."""
    rows = [[name] for name in alone.split(",") if name] + ([fusion.split(",")] if fusion else [])
    for names in rows:
        unknown = [n for n in names if n not in index.by_name]
        if unknown:
            print(f"okänd signal {unknown} (finns: {', '.join(index.by_name)})")
            continue
        m = evaluate(index, questions, "hybrid", rrf_k, retrievers=names)
        print(f"{'+'.join(names):8} {m['hit@1']:6.3f} {m['hit@3']:6.3f} {m['MRR@10']:7.3f}")


def report(index: SearchIndex, data: dict[str, Any], rrf_k: int, no_compounds: bool, details: bool,
           misses: bool = False) -> None:
    questions = [q for q in data["questions"] if q.get("relevant")]
    low = [q for q in questions if q.get("overlap") == "low"]
    print(f"{len(data['questions'])} frågor, {len(questions)} med avsnitt ({len(low)} med lite ordöverlapp), "
          f"{len(data['out_of_scope'])} utanför."
          f" Passager: {len(index.passages)}. RRF k={rrf_k}. Sammansatta ord: {not no_compounds}")
    if not questions:  # a set written from the sources alone labels facts, not the articles' sections
        print("Inga avsnitt angivna: bara svaren mäts.")
        answer_report(index, data, misses)
        return
    print(f"{'metod':8} {'hit@1':>6} {'hit@3':>6} {'MRR@10':>7}   {'(lite överlapp) hit@3':>22}")
    for mode in ("bm25", "dense", "hybrid"):
        if mode != "bm25" and not index.dense_available:
            continue
        m = evaluate(index, questions, mode, rrf_k, details)
        ml = evaluate(index, low, mode, rrf_k)
        print(f"{mode:8} {m['hit@1']:6.3f} {m['hit@3']:6.3f} {m['MRR@10']:7.3f}   {ml['hit@3']:22.3f}")
    if details:
        for q in questions:
            a = answer(index, q["q"])
            print(f"  conf={a.confidence:.3f} {'AVBÖJD ' if a.declined else ''}{q['q']}")
    answer_report(index, data, misses)


def ceiling(index: SearchIndex, questions: list[dict[str, Any]]) -> None:
    """What a perfect chooser could reach over today's ranking: the share of questions for which some unit of the
    three best passages holds all the facts (a window of one to three neighbouring sentences, or a section's authored
    answer), or two such units of different passages within the short answer's length; and the whole passages, for
    comparison."""
    window = unit = pair = passage = 0
    for q in questions:
        hits = index.search(q["q"], 3).hits
        facts = q.get("facts") or []
        units = [(r, text, authored) for r, h in enumerate(hits)
                 for text, authored in _units(h.passage.sentences, h.passage.answer)]
        one = [all(holds(text, f) for f in facts) for _, text, _ in units]
        window += any(ok for ok, (_, _, authored) in zip(one, units, strict=True) if not authored)
        unit += any(one)
        some = [(r, t) for r, t, _ in units if len(t) <= TOTAL_CHARS and any(holds(t, f) for f in facts)]
        pair += any(one) or any(a[0] != b[0] and len(a[1]) + 1 + len(b[1]) <= TOTAL_CHARS
                                and all(holds(a[1] + " " + b[1], f) for f in facts)
                                for i, a in enumerate(some) for b in some[i + 1:])
        passage += any(all(holds(h.passage.text, f) for f in facts) for h in hits)
    n = max(len(questions), 1)
    print(f"Tak för korta svar i de tre bästa passagerna: ett fönster om 1–3 meningar {window / n:.2f}; "
          f"ett fönster eller ett avsnittssvar {unit / n:.2f}; två sådana från olika passager inom {TOTAL_CHARS} "
          f"tecken {pair / n:.2f}; hela passagerna {passage / n:.2f}")


def _units(sentences: tuple[str, ...], answer: str) -> list[tuple[str, bool]]:
    """(text, is the section's authored answer) of every candidate unit of one passage."""
    windows = [(" ".join(sentences[i:i + w]), False) for i in range(len(sentences)) for w in (1, 2, 3)
               if i + w <= len(sentences)]
    return windows + ([(answer, True)] if answer else [])


def out_of_scope(data: dict[str, Any]) -> list[str]:
    return [o["q"] if isinstance(o, dict) else str(o) for o in data["out_of_scope"]]


def answer_report(index: SearchIndex, data: dict[str, Any], misses: bool = False) -> None:
    pairs = [(q, answer(index, q["q"])) for q in data["questions"]]
    oos = [answer(index, q) for q in out_of_scope(data)]
    rep = evaluate_answers(pairs, oos)
    declined = sum(a.declined for _, a in pairs)
    print(f"Inga-svar-regeln: {sum(a.declined for a in oos)}/{len(oos)} utanför avböjda, "
          f"{declined}/{len(pairs)} inom avböjda")
    for line in rep.lines():
        print(line)
    if misses:
        print("\n".join(rep.misses))
        for q, a in zip(out_of_scope(data), oos, strict=True):
            if not caveated(a):
                print(f"  [utanför, besvarad {a.level}] {q}\n      -> {' '.join(x.sentence for x in a.short)[:200]}")


if __name__ == "__main__":
    main()
