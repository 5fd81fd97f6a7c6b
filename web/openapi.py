"""The OpenAPI document with the limits that come from settings and content, not from the code.

FastAPI builds the document from the routes' models; two things it cannot know are filled in here: the configured
longest question (`max_query_chars`), and which screening answers exist (the tree is content, known once the lifespan
has built the site; the document is kept from then on).
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


class Document:
    """`app.openapi`: FastAPI's document with the configured and content-given limits, kept once the site is built."""

    def __init__(self, app: FastAPI, settings: Settings) -> None:
        self.app, self.settings, self.plain = app, settings, app.openapi
        self.started = False
        self.tree: Tree | None = None

    def built(self, tree: Tree | None) -> None:
        """The lifespan has built the site: the screening's answers are known from now on."""
        self.started, self.tree = True, tree
        self.app.openapi_schema = None

    def __call__(self) -> dict[str, Any]:
        if self.app.openapi_schema is not None:
            return self.app.openapi_schema
        schema = self.plain()
        for parameter in schema["paths"]["/api/search"]["get"]["parameters"]:
            if parameter["name"] == "q":
                parameter["schema"]["maxLength"] = self.settings.max_query_chars
        request = schema["components"]["schemas"].get("ScreeningRequest")
        if self.tree is not None and request is not None:
            request["properties"]["answers"]["anyOf"] = answers_schema(self.tree)
        # Before the lifespan the tree is not loaded: a document asked for then is not kept.
        self.app.openapi_schema = schema if self.started else None
        return schema


def install(app: FastAPI, settings: Settings) -> Document:
    """Replace `app.openapi` with one that states the configured and content-given limits."""
    document = Document(app, settings)
    app.openapi = document  # type: ignore[method-assign]
    return document
