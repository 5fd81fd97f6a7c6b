"""One live server and one Debian Chromium per session; a fresh context per test; screenshots on failure.

The app runs under uvicorn in a background thread on a loopback socket picked by the OS, over the real content with
BM25-only search (SIBGUIDE_EMBEDDING_MODEL=none), so the journeys test what a person would see without any model.
"""

from __future__ import annotations

import contextlib
import re
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from playwright.sync_api import Browser, BrowserContext, Page, Playwright, sync_playwright

from assistant.validate import Checked
from web.app import create_app
from web.settings import Settings

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-quic",
    "--no-first-run",
    "--disable-sync",
]
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"


class LiveServer:
    """uvicorn serving the app on an already bound loopback socket, so no port race with other tests."""

    def __init__(self, settings: Settings, checked: Checked | None = None) -> None:
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.port: int = self.sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(create_app(settings, checked), log_level="warning", access_log=False, lifespan="on")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [self.sock]}, daemon=True)

    def start(self, timeout: float = 120.0) -> None:
        self.thread.start()
        deadline = time.monotonic() + timeout
        while not self.server.started:
            if not self.thread.is_alive():
                raise RuntimeError("servern startade inte (se loggen ovan)")
            if time.monotonic() > deadline:
                raise RuntimeError("servern startade inte i tid")
            time.sleep(0.05)

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)
        self.sock.close()


@pytest.fixture(scope="session")
def live_server(real_settings: Settings, real_checked: Checked) -> Iterator[LiveServer]:
    server = LiveServer(real_settings, real_checked)
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def base_url(live_server: LiveServer) -> str:
    return live_server.url


@pytest.fixture(scope="session")
def playwright_instance() -> Iterator[Playwright]:
    if not CHROMIUM.exists():
        pytest.fail("Debians Chromium saknas: kör `bash scripts/install-test-tools.sh` (eller `make browser`).")
    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="session")
def browser(playwright_instance: Playwright) -> Iterator[Browser]:
    """Debian's Chromium; Playwright gives each launch a fresh temporary user-data-dir."""
    b = playwright_instance.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
    yield b
    b.close()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


def _safe_name(nodeid: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", nodeid)[-150:]


class Contexts:
    """Hands out browser contexts for one test and screenshots every open page if the test failed."""

    def __init__(self, browser: Browser, base_url: str) -> None:
        self.browser = browser
        self.base_url = base_url
        self.opened: list[BrowserContext] = []

    def new(self, **kwargs: Any) -> BrowserContext:
        options: dict[str, Any] = {"base_url": self.base_url, "locale": "sv-SE", "accept_downloads": True}
        options.update(kwargs)
        ctx = self.browser.new_context(**options)
        ctx.set_default_timeout(10_000)
        self.opened.append(ctx)
        return ctx

    def screenshot_all(self, nodeid: str) -> None:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        for i, ctx in enumerate(self.opened):
            for j, page in enumerate(ctx.pages):
                # A failing screenshot must never hide the real failure.
                with contextlib.suppress(Exception):
                    page.screenshot(path=str(ARTIFACTS / f"{_safe_name(nodeid)}-{i}-{j}.png"), full_page=True)

    def close(self) -> None:
        for ctx in self.opened:
            ctx.close()


@pytest.fixture
def contexts(request: pytest.FixtureRequest, browser: Browser, base_url: str) -> Iterator[Contexts]:
    made = Contexts(browser, base_url)
    yield made
    rep = getattr(request.node, "rep_call", None)
    if rep is not None and rep.failed:
        made.screenshot_all(request.node.nodeid)
    made.close()


@pytest.fixture
def page(contexts: Contexts) -> Page:
    """A page in a fresh context with JavaScript on."""
    return contexts.new().new_page()


@pytest.fixture
def nojs_page(contexts: Contexts) -> Page:
    """A page in a fresh context with JavaScript off, as in a locked-down browser."""
    return contexts.new(java_script_enabled=False).new_page()
