"""`sibguide serve`: access logs never carry the question or the answers, and the workers option is bounded."""

from __future__ import annotations

import logging

import pytest
from pydantic import ValidationError

from web.cli import build_parser
from web.logs import DropQueryString, log_config
from web.settings import Settings


def _record(path: str) -> logging.LogRecord:
    return logging.LogRecord(
        "uvicorn.access",
        logging.INFO,
        __file__,
        1,
        '%s - "%s %s HTTP/%s" %d',
        ("127.0.0.1:5000", "GET", path, "1.1", 200),
        None,
    )


def test_access_log_drops_query_string() -> None:
    record = _record("/sok?q=hemlig+fr%C3%A5ga")
    assert DropQueryString().filter(record)
    assert record.getMessage() == '127.0.0.1:5000 - "GET /sok HTTP/1.1" 200'


def test_access_log_keeps_plain_paths() -> None:
    record = _record("/artiklar/roller")
    DropQueryString().filter(record)
    assert "/artiklar/roller" in record.getMessage()


def test_log_config_puts_the_filter_on_the_access_handler() -> None:
    config = log_config()
    assert config["handlers"]["access"]["filters"] == ["drop_query"]
    assert config["filters"]["drop_query"]["()"] == "web.logs.DropQueryString"


def test_serve_accepts_workers() -> None:
    args = build_parser().parse_args(["serve", "--workers", "2", "--port", "8123"])
    assert (args.workers, args.port) == (2, 8123)


def test_workers_are_bounded() -> None:
    with pytest.raises(ValidationError):
        Settings(workers=0)


def test_bytes_that_are_not_http_get_a_swedish_400_with_the_security_headers() -> None:
    """uvicorn answers unparsable requests itself, before any middleware: our protocol class says it in Swedish."""
    import asyncio
    import concurrent.futures

    from uvicorn.config import Config
    from uvicorn.server import ServerState

    from web.protocol import SwedishHTTPProtocol

    class Transport(asyncio.Transport):
        def __init__(self) -> None:
            super().__init__()
            self.out = b""
            self.closed = False

        def write(self, data: bytes | bytearray | memoryview) -> None:
            self.out += bytes(data)

        def close(self) -> None:
            self.closed = True

        def is_closing(self) -> bool:
            return self.closed

        def get_extra_info(self, name: str, default: object = None) -> object:
            return ("127.0.0.1", 8000) if name in ("sockname", "peername") else default

    async def scenario() -> Transport:
        config = Config(app=lambda scope, receive, send: None, http=SwedishHTTPProtocol, log_level="critical")
        config.load()
        protocol = SwedishHTTPProtocol(config=config, server_state=ServerState(), app_state={})
        transport = Transport()
        protocol.connection_made(transport)
        protocol.data_received(b"\x16\x03\x01 this is not HTTP\r\n\r\n")
        return transport

    # A loop of its own in a thread: browser tests earlier in the session may leave one running in this thread.
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        transport = pool.submit(lambda: asyncio.run(scenario())).result()
    head, _, body = transport.out.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 400") and transport.closed
    assert "Ogiltig förfrågan" in body.decode() and b"x-frame-options: DENY" in head
    assert b"Invalid HTTP request" not in transport.out
