"""A bounded schemathesis run over the JSON API with every check, not only "no 5xx": zero failures.

The engine runs all its phases (examples, coverage, fuzzing, stateful) against the app in process, from the app's own
/openapi.json, so a new endpoint is fuzzed as it lands. Checks include schema conformance of every response and status,
negative data rejected, positive data accepted, `Allow` on 405, and our own: security headers on every answer and
every error in Swedish. Seed and example count are fixed, so the run is repeatable and takes well under a minute.

One stated exception: the calculators' inputs are numbers written as people write them ("9 000", "3,5 %"), so the
schema can state their spelling but not their range ("1–120 månader") or the rule across fields (start within the
contract). A well-spelled value out of range gets 422 with the reason, and that is counted as correct here.
"""

from __future__ import annotations

import json
import re
import time
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from schemathesis.engine import events

from tests.conftest import REAL_CONTENT, make_settings
from tests.security.test_bad_input import SWEDISH
from web.app import create_app

pytestmark = pytest.mark.fuzz
MAX_EXAMPLES = 25
SEED = 20261129
CONFIG = {
    "seed": SEED,
    "generation": {"max-examples": MAX_EXAMPLES},
    "operations": [
        {
            "include-path-regex": "^/api/(kalkyl|redovisning)$",
            "checks": {"positive_data_acceptance": {"expected-statuses": ["2xx", "404", "422"]}},
        }
    ],
}
ENGLISH = re.compile(r"\b(should|field required|input should|error parsing|missing|invalid|not found)\b", re.I)


@schemathesis.check
def swedish_and_secured(ctx: Any, response: Any, case: Any) -> bool | None:
    """Security headers on every answer; an error says in Swedish what was wrong (no framework English)."""
    assert "content-security-policy" in {k.lower() for k in response.headers}, "säkerhetshuvuden saknas"
    if response.status_code >= 400:
        detail = json.loads(response.content)["detail"]
        assert isinstance(detail, str) and SWEDISH.search(detail), f"inte svenska: {detail[:200]}"
        assert not ENGLISH.search(detail), f"engelska i felet: {detail[:200]}"
    return None


def _failures(recorder: Any) -> list[str]:
    out = []
    for case_id, nodes in recorder.checks.items():
        for node in nodes:
            if node.status == "failure" and node.failure_info is not None:
                case = recorder.cases[case_id].value
                failure = node.failure_info.failure
                out.append(f"{node.name} {case.operation.label} query={case.query} body={str(case.body)[:120]}: "
                           f"{failure.title}: {str(failure.message)[:300]}")
    return out


def test_the_api_meets_its_schema_under_fuzzing(tmp_path: Path) -> None:
    app = create_app(make_settings(REAL_CONTENT, tmp_path, build_index_on_start=True))
    config = schemathesis.config.SchemathesisConfig.from_dict(CONFIG)
    schema = schemathesis.openapi.from_asgi("/openapi.json", app, config=config)
    calls = 0
    checks: set[str] = set()
    failures: list[str] = []
    statuses: dict[int, int] = {}
    start = time.perf_counter()
    for event in schemathesis.engine.from_schema(schema).execute():
        if isinstance(event, events.ScenarioFinished | events.FuzzScenarioFinished):
            calls += len(event.recorder.interactions)
            checks |= {node.name for nodes in event.recorder.checks.values() for node in nodes}
            failures += _failures(event.recorder)
            for interaction in event.recorder.interactions.values():
                if interaction.response is not None:
                    code = interaction.response.status_code
                    statuses[code] = statuses.get(code, 0) + 1
        elif isinstance(event, events.NonFatalError | events.FatalError):
            failures.append(f"{type(event).__name__}: {getattr(event, 'value', getattr(event, 'exception', ''))}")
        elif isinstance(event, events.EngineFinished):
            assert event.stop_reason == "completed", event.stop_reason
    seconds = time.perf_counter() - start
    print(f"schemathesis: {calls} anrop, {len(failures)} fel, {seconds:.1f} s; status {dict(sorted(statuses.items()))}")
    assert not failures, "\n".join(sorted(set(failures))[:30])
    assert {"response_schema_conformance", "status_code_conformance", "negative_data_rejection",
            "positive_data_acceptance", "unsupported_method", "swedish_and_secured"} <= checks, checks
    assert calls >= 300 and any(400 <= code < 500 for code in statuses), (calls, statuses)
