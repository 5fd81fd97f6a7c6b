"""axe-core injection and reporting for the accessibility tests."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from playwright.sync_api import Page

VENDOR = Path(__file__).parent / "vendor"
AXE_JS = VENDOR / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
BLOCKING = {"serious", "critical"}


def run_axe(page: Page) -> list[dict[str, Any]]:
    """Run axe-core on the page as it is now and return its violations.

    The site's CSP forbids inline scripts, so the vendored file is evaluated through the DevTools protocol
    (`page.evaluate`), which CSP does not govern; the page's own policy stays in force for everything else.
    """
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_JS.read_text(encoding="utf-8") + "\n;undefined")
    result: dict[str, Any] = page.evaluate(
        "async (tags) => await window.axe.run(document, "
        "{runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        AXE_TAGS,
    )
    return list(result["violations"])


def summarize(violations: list[dict[str, Any]]) -> str:
    return json.dumps(
        [
            {
                "id": v["id"],
                "impact": v["impact"],
                "help": v["help"],
                "targets": [n["target"] for n in v["nodes"][:5]],
            }
            for v in violations
        ],
        ensure_ascii=False,
        indent=1,
    )
