"""The diagram schema editors write (pydantic, parsed at load) in three kinds: flow, phases and ladder.

Every text may carry `{{cite …}}` markers; they are stripped in the picture and shown in the text equivalent.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

SLUG = r"^[a-z0-9]+(-[a-z0-9]+)*$"
EdgeType = Literal["pengar", "avtal", "insats", "rapport"]
"""What an arrow carries; each is drawn with its own line pattern, so colour is never needed."""

ShortLabel = Annotated[str, Field(min_length=1, max_length=60)]
"""A label drawn inside the picture; longer explanations go in `text`."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Node(_Strict):
    """A box: a role or party, placed on a grid of up to 3 columns."""

    id: str = Field(pattern=SLUG)
    label: ShortLabel
    text: str | None = None
    col: int = Field(ge=0, le=2)
    row: int = Field(ge=0, le=5)


class Edge(_Strict):
    """An arrow between two boxes; `step` numbers the order the money and work move in."""

    from_: str = Field(alias="from")
    to: str
    type: EdgeType
    label: ShortLabel
    text: str | None = None
    step: int | None = Field(default=None, ge=1, le=20)


class Step(_Strict):
    """A phase (kind `phases`) or a rung (kind `ladder`), in order."""

    id: str = Field(pattern=SLUG)
    label: ShortLabel
    text: str | None = None


class Span(_Strict):
    """A bracket over consecutive steps: a duration the sources give, or a group of rungs."""

    from_: str = Field(alias="from")
    to: str
    label: ShortLabel
    text: str | None = None


class _Base(_Strict):
    id: str = Field(pattern=SLUG)
    title: str = Field(min_length=1, max_length=120)
    description: str = Field(min_length=1)
    """One or two sentences: the SVG's <desc>, read out by screen readers."""
    cite: str = Field(min_length=1)
    """The sources of the whole figure as `{{cite …}}` markers."""


class FlowDiagram(_Base):
    kind: Literal["flow"]
    nodes: list[Node] = Field(min_length=2)
    edges: list[Edge] = Field(min_length=1)

    @model_validator(mode="after")
    def _references(self) -> FlowDiagram:
        ids = [n.id for n in self.nodes]
        if len(set(ids)) != len(ids):
            raise ValueError("två rutor har samma id")
        cells = [(n.col, n.row) for n in self.nodes]
        if len(set(cells)) != len(cells):
            raise ValueError("två rutor står på samma plats (col, row)")
        for e in self.edges:
            for end in (e.from_, e.to):
                if end not in ids:
                    raise ValueError(f"pilen {e.label!r} går till eller från {end!r}, som inte finns bland nodes")
            if e.from_ == e.to:
                raise ValueError(f"pilen {e.label!r} går från en ruta till samma ruta")
        return self


class SequenceDiagram(_Base):
    kind: Literal["phases", "ladder"]
    steps: list[Step] = Field(min_length=2)
    spans: list[Span] = []

    @model_validator(mode="after")
    def _references(self) -> SequenceDiagram:
        ids = [s.id for s in self.steps]
        if len(set(ids)) != len(ids):
            raise ValueError("två steg har samma id")
        for span in self.spans:
            for end in (span.from_, span.to):
                if end not in ids:
                    raise ValueError(f"spannet {span.label!r} pekar på steget {end!r}, som inte finns")
            if ids.index(span.from_) > ids.index(span.to):
                raise ValueError(f"spannet {span.label!r}: from ska komma före to")
        return self


DiagramIn = Annotated[FlowDiagram | SequenceDiagram, Field(discriminator="kind")]
Diagram = FlowDiagram | SequenceDiagram


class DiagramFile(_Strict):
    """The root of one YAML file (wrapped so pydantic picks the kind)."""

    diagram: DiagramIn
