"""A case's timeline, generated from the milestones in its `case` block (never drawn by hand).

Events hang off a vertical spine at heights proportional to their dates, pushed apart where they would overlap.
"""

from __future__ import annotations

from dataclasses import dataclass

from kb.diagrams.svg import Canvas, wrap

WIDTH = 720
MONTHS = ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober",
          "november", "december")


@dataclass(frozen=True)
class Event:
    """One dated milestone; `label` may carry citation markers (stripped in the picture)."""

    year: int
    month: int | None
    label: str

    @property
    def when(self) -> str:
        return f"{MONTHS[self.month - 1]} {self.year}" if self.month else str(self.year)

    @property
    def position(self) -> float:
        return self.year + ((self.month - 0.5) / 12 if self.month else 0.5)


def render_timeline(title: str, description: str, events: list[Event], dom_id: str) -> str:
    c = Canvas(dom_id, WIDTH)
    ordered = list(events)  # file order: an undated-month event may follow a dated one in the same year
    first = min(e.year for e in ordered)
    spine_x, per_year = 150.0, 34.0
    y_prev = -1e9
    placed: list[tuple[float, Event, list[str]]] = []
    for e in ordered:
        lines = wrap(e.label, 58)
        y = max(24 + (e.position - first) * per_year, y_prev + 14)
        placed.append((y, e, lines))
        y_prev = y + len(lines) * 17 + 6
    end = max(y_prev, placed[-1][0] + 20)
    c.line(spine_x, 10, spine_x, end, width=3)
    for y, e, lines in placed:
        c.circle(spine_x, y, 7)
        c.line(spine_x, y, spine_x + 22, y, width=2)
        c.text(spine_x - 16, y + 5, [e.when], size=14, weight="bold", anchor="end")
        c.text(spine_x + 30, y + 5, lines, size=14)
    c.height = end + 12
    return c.render(title, description)


def year_span(events: list[Event]) -> str:
    years = sorted({e.year for e in events})
    return f"{years[0]}–{years[-1]}" if len(years) > 1 else str(years[0])

