"""The OpenAPI document with the limits that come from settings and content, not from the code.

FastAPI builds the document from the routes' models; two things it cannot know are filled in here, once, on first
request: the configured longest question (`max_query_chars`), and which screening answers exist (the tree is content).
"""

from __future__ import annotations

import re
from typing import Any

from fastapi import FastAPI

from assistant.screening.answers import MAX_CHARS, WHOLE_KEY, WHOLE_VALUE
from assistant.screening.model import Tree
from web.settings import Settings


def answers_schema(tree: Tree) -> list[dict[str, Any]]:
    """The two forms of `answers`: an object of question → option, and the `a=` string of the screening's URL."""
    options = {q.id: [o.value for o in q.options] for q in tree.questions.values()} | {WHOLE_KEY: [WHOLE_VALUE]}
    # Each pair once: a question that comes again later in the string is refused (parse_answer_string says why).
    pair = "|".join(
        rf"{re.escape(q)}:(?:{'|'.join(map(re.escape, values))})(?![\s\S]*,\s*{re.escape(q)}:)"
        for q, values in options.items()
    )
    return [
        {
            "type": "object",
            "properties": {q: {"type": "string", "enum": values} for q, values in options.items()},
            "additionalProperties": False,
            "description": "Fråga → svar. `hela: ja` fortsätter efter ett hinder.",
        },
        {
            "type": "string",
            "maxLength": MAX_CHARS,
            "pattern": rf"^\s*(?:(?:{pair})\s*)?(?:,\s*(?:(?:{pair})\s*)?)*$",
            "description": "Svaren som i adressen: fråga:svar,fråga:svar (varje fråga en gång).",
        },
    ]


def install(app: FastAPI, settings: Settings) -> None:
    """Replace `app.openapi` with one that states the configured and content-given limits."""
    plain = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is not None:
            return app.openapi_schema
        schema = plain()
        for parameter in schema["paths"]["/api/search"]["get"]["parameters"]:
            if parameter["name"] == "q":
                parameter["schema"]["maxLength"] = settings.max_query_chars
        started = hasattr(app.state, "screening")  # before the lifespan the tree is not loaded: do not keep this one
        state = getattr(app.state, "screening", None)
        request = schema["components"]["schemas"].get("ScreeningRequest")
        if state is not None and request is not None:
            request["properties"]["answers"]["anyOf"] = answers_schema(state.tree)
        app.openapi_schema = schema if started else None
        return schema

    app.openapi = openapi  # type: ignore[method-assign]
