"""Phases (boxes top to bottom with arrows) and ladders (rungs rising to the right), with brackets for spans.

Both are drawn vertically so they stay legible on a 390 px phone as well as on paper.
"""

from __future__ import annotations

from kb.diagrams.model import SequenceDiagram
from kb.diagrams.svg import Canvas, wrap

WIDTH = 720


def _brackets(d: SequenceDiagram, c: Canvas, rows: dict[str, tuple[float, float]], xs: list[float],
              chars: int, side: str) -> float:
    """A bracket per span over its steps, in columns `xs` (taken in turn); returns the lowest y drawn.

    `side` is where the label goes: "right" of the bracket (phases) or "left" of it (ladder).
    """
    ids = [s.id for s in d.steps]
    lowest = 0.0
    tick = 10 if side == "right" else -10
    for i, span in enumerate(d.spans):
        covered = ids[ids.index(span.from_) : ids.index(span.to) + 1]
        top = min(rows[s][0] for s in covered) + 4
        bottom = max(rows[s][1] for s in covered) - 4
        bx = xs[i % len(xs)]
        c.line(bx - tick, top, bx, top, width=2)
        c.line(bx, top, bx, bottom, width=2)
        c.line(bx - tick, bottom, bx, bottom, width=2)
        lines = wrap(span.label, chars)
        first = (top + bottom) / 2 - (len(lines) - 1) * 8.5 + 5
        c.text(bx + (8 if side == "right" else -8), first, lines, size=13, weight="bold",
               anchor="start" if side == "right" else "end")
        lowest = max(lowest, first + len(lines) * 17)
    return lowest


def render_phases(d: SequenceDiagram, dom_id: str) -> str:
    c = Canvas(dom_id, WIDTH)
    x, gap = 20.0, 30.0
    w = 380.0 if d.spans else 560.0
    y = 12.0
    rows: dict[str, tuple[float, float]] = {}
    for i, step in enumerate(d.steps):
        lines = wrap(step.label, 38)
        h = len(lines) * 18 + 22
        c.rect(x, y, w, h, fill="#ffffff" if i % 2 == 0 else "#eeeeee")
        c.text(x + 14, y + 26, lines, size=15, weight="bold")
        rows[step.id] = (y, y + h)
        if i < len(d.steps) - 1:
            c.line(x + w / 2, y + h + 2, x + w / 2, y + h + gap - 6, width=2.5, arrow=True)
        y += h + gap
    columns = [x + w + 22, x + w + 22 + (WIDTH - x - w - 22) / 2] if len(d.spans) > 1 else [x + w + 22]
    chars = int((WIDTH - columns[-1] - 14) / 7.6)
    lowest = _brackets(d, c, rows, columns, chars, "right")
    c.height = max(y - gap + 14, lowest + 10)
    return c.render(d.title, d.description)


def render_ladder(d: SequenceDiagram, dom_id: str) -> str:
    """Rungs bottom-up: the first step is the lowest, each next one a stair higher and further right."""
    c = Canvas(dom_id, WIDTH)
    n = len(d.steps)
    rung_h, rung_w, left = 50.0, 330.0, 190.0
    shift = min(36.0, (WIDTH - 10 - left - rung_w) / max(n - 1, 1))
    rows: dict[str, tuple[float, float]] = {}
    for i, step in enumerate(d.steps):
        y = 12 + (n - 1 - i) * rung_h
        x = left + i * shift
        lines = wrap(f"{i + 1}. {step.label}", 38)
        c.rect(x, y, rung_w, rung_h - 6, fill="#ffffff" if i % 2 == 0 else "#eeeeee", rx=3)
        c.text(x + 12, y + 27 - (len(lines) - 1) * 8.5, lines, size=14, weight="bold")
        rows[step.id] = (y, y + rung_h - 6)
    lowest = _brackets(d, c, rows, [left - 14], 18, "left")
    c.height = max(12 + n * rung_h + 6, lowest + 10)
    return c.render(d.title, d.description)
