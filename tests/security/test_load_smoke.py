"""A few seconds of the load script against a real `sibguide serve`: zero errors under 10 concurrent users."""

from __future__ import annotations

import asyncio
import importlib.util
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from types import ModuleType

import httpx
import pytest

LOAD = Path(__file__).resolve().parents[2] / "bench" / "load.py"


def _load_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_load", LOAD)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_load"] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.external
def test_load_smoke_has_no_errors() -> None:
    load = _load_module()
    with load.serve("none") as url, httpx.Client(base_url=url, timeout=30.0) as client:
        plan = load.Plan(client)
        # Its own thread: a session's Playwright may already run an event loop in this one.
        with ThreadPoolExecutor(1) as pool:
            stats = pool.submit(
                lambda: asyncio.run(load.run_load(url, plan, users=10, duration=2.0, max_requests=2000))
            ).result()
    print(load.report(10, stats))
    assert stats.errors == []
    assert stats.count >= 50
    assert load.percentile(stats.latencies["artikel"], 95) < 2.0


@pytest.mark.external
def test_load_smoke_with_wrk_reports_every_kind_without_errors() -> None:
    """The default engine: one wrk per kind of request, think time included, bounded by time."""
    load = _load_module()
    with load.serve("none") as url, httpx.Client(base_url=url, timeout=30.0) as client:
        plan = load.Plan(client)
        results = load.run_wrk(url, plan, users=10, duration=2.0, max_requests=2000, think=0.05)
    print(load.report_wrk(10, results))
    assert {r.kind for r in results} == {"sok", "api_search", "screening", "artikel"}
    assert all(r.errors == 0 and r.requests > 0 for r in results)
    assert all(0 < r.p50 <= r.p95 <= r.p99 < 2000 for r in results)


def test_load_refuses_non_loopback_targets() -> None:
    load = _load_module()
    for url in ("http://10.0.0.1:8000", "http://192.168.1.1", "http://example.org"):
        with pytest.raises(SystemExit):
            load.check_loopback(url)
    for url in ("http://127.0.0.1:8000", "http://localhost:1", "http://[::1]:8000"):
        load.check_loopback(url)
