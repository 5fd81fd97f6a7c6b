"""The `sibguide` command: serve, check, index, search, screen."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from typing import TextIO

from kb.errors import ContentError, root_causes_first
from web.settings import SettingsInvalid, get_settings


def print_content_errors(errors: Sequence[ContentError], out: TextIO | None = None) -> None:
    """The sorted `path:line: message` list (stderr by default), causes before follow-ups, then the count on stderr."""
    out = out or sys.stderr
    for error in root_causes_first(errors):
        print(error, file=out)
    print(f"{len(errors)} fel i innehållet.", file=sys.stderr)


def cmd_check(args: argparse.Namespace) -> int:
    """Validate all content; every problem as `path:line: message`."""
    from assistant.validate import check_all

    settings = get_settings()
    content, errors = check_all(settings.content_dir)
    if content is None:
        print_content_errors(errors, sys.stdout)
        return 1
    for error in errors:
        print(error)
    words = sum(len(s.markdown.split()) for a in content.articles.values() for s in a.sections)
    print(
        f"Innehållet är giltigt: {len(content.articles)} artiklar, {len(content.glossary)} ordlistetermer, "
        f"{words} ord, {len(content.themes)} teman."
    )
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    """Run the web app with uvicorn; the first page answers at once, with several workers too."""
    import uvicorn

    from assistant.validate import validate
    from web.app import create_app
    from web.logs import log_config
    from web.protocol import SwedishHTTPProtocol

    settings = get_settings().model_copy(update={"host": args.host, "port": args.port, "workers": args.workers})
    # Checked here, before uvicorn, so content errors come out as the `path:line` list and not as uvicorn's
    # lifespan traceback; one worker serves what was checked, several workers check again as they start.
    checked = validate(settings.content_dir)
    if checked.content is None:
        print_content_errors(checked.errors)
        return 1
    if settings.workers == 1:
        uvicorn.run(
            create_app(settings, checked),
            host=settings.host,
            port=settings.port,
            proxy_headers=False,
            log_config=log_config(),
            http=SwedishHTTPProtocol,
        )
        return 0
    # Each worker answers with BM25 at once and builds in the background; the build lock lets one build while
    # the others wait and then load what it built, so nothing is built twice.
    uvicorn.run(
        "web.app:create_app",
        factory=True,
        host=settings.host,
        port=settings.port,
        workers=settings.workers,
        proxy_headers=False,
        http=SwedishHTTPProtocol,
    )
    return 0


def cmd_screen(args: argparse.Namespace) -> int:
    """Run the screening: interactive prompts, or an answers file (`-` for stdin)."""
    from web.screening_cli import run
    from web.urls import Urls

    settings = get_settings()
    return run(settings.content_dir, args.answers, args.json, urls=Urls(settings.root_path))


def cmd_index(args: argparse.Namespace) -> int:
    """Build the search index (and the model folder on first use), with a progress bar."""
    from web.search_cli import run_index

    return run_index(get_settings(), force=args.force)


def cmd_search(args: argparse.Namespace) -> int:
    """Ask the knowledge base a question."""
    from web.search_cli import run_search

    return run_search(get_settings(), args.query, args.k, args.json)


COMMANDS: dict[str, tuple[str, Callable[[argparse.Namespace], int]]] = {
    "index": ("Bygg sökindexet (och embeddingmodellen första gången).", cmd_index),
    "search": ("Sök i kunskapsbanken och få ett svar med källor.", cmd_search),
    "screen": ("Pröva om en utmaning passar ett socialt utfallskontrakt.", cmd_screen),
    "check": ("Validera allt innehåll.", cmd_check),
    "serve": ("Starta webbservern.", cmd_serve),
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sibguide", description="SIB-guiden: kunskapsbank om sociala utfallskontrakt."
    )
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("check", help=COMMANDS["check"][0])
    serve = sub.add_parser("serve", help=COMMANDS["serve"][0])
    screen = sub.add_parser("screen", help=COMMANDS["screen"][0])
    screen.add_argument(
        "--answers",
        metavar="FIL",
        help="Svarsfil (YAML, JSON eller fråga: svar per rad), - för stdin.",
    )
    screen.add_argument("--json", action="store_true", help="Skriv resultatet som JSON.")
    index = sub.add_parser("index", help=COMMANDS["index"][0])
    index.add_argument("--force", action="store_true", help="Bygg om även om indexet är aktuellt.")
    search = sub.add_parser("search", help=COMMANDS["search"][0])
    search.add_argument("query", help='Frågan, t.ex. "Vad gör en intermediär?"')
    search.add_argument("--k", type=int, default=10, help="Antal träffar (1–50).")
    search.add_argument("--json", action="store_true", help="Skriv resultatet som JSON.")
    settings = get_settings()
    serve.add_argument("--host", default=settings.host)
    serve.add_argument("--port", type=int, default=settings.port)
    serve.add_argument("--workers", type=int, default=settings.workers, help="antal serverprocesser")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    try:
        args = build_parser().parse_args(argv)
        return COMMANDS[args.command][1](args)
    except SettingsInvalid as exc:
        print(f"Felaktiga inställningar:\n{exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
