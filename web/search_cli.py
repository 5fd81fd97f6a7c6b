"""`sibguide index` and `sibguide search`: thin wrappers over kb.service and assistant.qa."""

from __future__ import annotations

import sys
import time

from assistant.qa import answer
from assistant.validate import check_all
from kb.embed import load_embedder
from kb.index import build_index, index_folder, staleness
from kb.models import Content
from kb.service import open_search, progress_bar
from web.schemas.search import SearchResponse
from web.settings import Settings
from web.urls import Urls

K_MAX = 50


def _content(settings: Settings) -> Content | None:
    content, errors = check_all(settings.content_dir)
    for error in errors:
        print(error, file=sys.stderr)
    if content is None:
        print(f"{len(errors)} fel i innehållet; rätta dem först (sibguide check).", file=sys.stderr)
    return content


def run_index(settings: Settings, force: bool = False) -> int:
    """Build the model folder (first time) and the index; checks the stored index fully and repairs a stale or
    damaged one without `--force` (which rebuilds even a sound one)."""
    content = _content(settings)
    if content is None:
        return 1

    def say(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    embedder, note = load_embedder(settings.embedding_model, settings.data_dir, build=True, say=say,
                                   backend=settings.embedding_backend)
    if embedder is None:
        print(f"Inget index att bygga: sökningen använder bara BM25, som byggs i minnet vid start. {note}")
        return 0
    folder = index_folder(settings.index_dir, embedder)
    problem = staleness(settings.index_dir, content, embedder)
    if problem is None and not force:
        print(f"Sökindexet i {folder} är redan aktuellt och oskadat.")
        return 0
    if problem:
        say(f"{problem} Bygger om.")
    start = time.perf_counter()
    try:
        manifest = build_index(content, embedder, settings.index_dir, progress_bar("Bygger sökindex"))
    except OSError as exc:
        print(f"Sökindexet kunde inte skrivas i {settings.index_dir}: {exc}", file=sys.stderr)
        return 1
    print(f"Sökindexet är byggt: {manifest['passages']} passager, modell {manifest['model']}, "
          f"{manifest.get('embedded', 0)} texter embeddade (resten från cachen), "
          f"{time.perf_counter() - start:.1f} s, i {folder}.")
    return 0


def run_search(settings: Settings, query: str, k: int, as_json: bool) -> int:
    query = query.strip()
    if not query:
        print("Frågan är tom. Skriv en fråga, t.ex. sibguide search \"Vad gör en intermediär?\"", file=sys.stderr)
        return 2
    if len(query) > settings.max_query_chars:
        print(f"Frågan är för lång ({len(query)} tecken); högst {settings.max_query_chars}.", file=sys.stderr)
        return 2
    if not 1 <= k <= K_MAX:
        print(f"--k ska vara mellan 1 och {K_MAX}.", file=sys.stderr)
        return 2
    content = _content(settings)
    if content is None:
        return 1
    service = open_search(content, settings.embedding_model, settings.data_dir, settings.index_dir, build=True,
                          backend=settings.embedding_backend)
    if service.index is None:
        print(service.problem, file=sys.stderr)
        return 1
    result = answer(service.index, query, k, content.sources)
    urls = Urls(settings.root_path)
    if as_json:
        print(SearchResponse.of(result, urls).model_dump_json(indent=2))
        return 0
    if result.withheld:
        print(f"{result.message or 'Inget säkert kort svar.'} Närmaste träffar (osäkra):")
    else:
        if result.message:
            print(result.message)
        print("Kort svar:")
        for line in result.short:
            print(f"  {line.sentence}{f' ({line.note})' if line.note else ''} [{line.ref}]")
        print(f"Säkerhet: {result.level}\n")
    for notice in result.notices:
        print(f"OBS: {notice}")
    for n, ap in enumerate(result.passages, start=1):
        source = ap.source.label if ap.source else "artikeln"
        url = urls.article(ap.passage.article_id, ap.passage.anchor, highlight=ap.passage.id)
        print(f"[{n}] {ap.cite_label}  ({url})\n    Källa: {source}")
        for i in ap.highlights:
            print(f"    » {ap.passage.sentences[i]}")
    return 0
