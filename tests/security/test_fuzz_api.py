"""Property-based fuzzing of the JSON API from its own OpenAPI schema: no input may produce a 5xx.

Schemathesis generates valid and invalid requests for every operation in /openapi.json, so new endpoints are fuzzed
as they land. Its pytest integration (`from_fixture`) does not work with pytest 9, so the test drives the documented
strategy API itself: one Hypothesis run per operation and mode, few derandomized examples, well under a minute.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable

from assistant.validate import Checked
from web.app import create_app
from web.settings import Settings

MAX_EXAMPLES = 30
MODES = [schemathesis.GenerationMode.POSITIVE, schemathesis.GenerationMode.NEGATIVE]


@pytest.fixture(scope="module")
def api_schema(real_settings: Settings, real_checked: Checked) -> Iterator[Any]:
    """An app of its own (schemathesis runs its lifespan) over the session's settings and checked content."""
    yield schemathesis.openapi.from_asgi("/openapi.json", create_app(real_settings, real_checked))


def _check(case: Any, seen: dict[int, int]) -> None:
    response = case.call()
    seen[response.status_code] = seen.get(response.status_code, 0) + 1
    where = f"{case.method} {case.formatted_path} {case.query or ''} {str(case.body)[:200]}"
    assert response.status_code < 500, f"{where} gav {response.status_code}: {response.text[:300]}"
    assert "content-security-policy" in {k.lower() for k in response.headers}, where
    if response.status_code >= 400:
        body = response.text.lower()
        assert "should" not in body and "field required" not in body, f"{where}: engelskt felmeddelande {body[:200]}"


def test_api_never_answers_5xx(api_schema: Any) -> None:
    operations = [result.ok() for result in api_schema.get_all_operations()]
    names = {f"{op.method.upper()} {op.path}" for op in operations}
    assert "GET /api/articles/{article_id}" in names
    seen: dict[int, int] = {}
    for operation in operations:
        for mode in MODES:
            strategy = operation.as_strategy(generation_mode=mode)

            @given(case=strategy)
            @settings(
                max_examples=MAX_EXAMPLES,
                deadline=None,
                derandomize=True,
                database=None,
                suppress_health_check=list(HealthCheck),
            )
            def run(case: Any) -> None:
                _check(case, seen)

            try:
                run()
            except Unsatisfiable:
                # An operation without parameters or body has no invalid input to generate.
                assert mode is schemathesis.GenerationMode.NEGATIVE, f"{operation.method} {operation.path}"
    print("fuzz status codes:", dict(sorted(seen.items())))
    assert sum(seen.values()) >= MAX_EXAMPLES * 2, seen
    assert any(400 <= code < 500 for code in seen), "negativ generering ska ge 4xx-svar"
