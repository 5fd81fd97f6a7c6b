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
