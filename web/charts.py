"""Server-rendered bar chart geometry for the accounting illustration: SVG that reads without colour or JavaScript.

Each bar carries its value as text and a pattern (hatched = prudent budget, solid = booked), so nothing is told by
colour alone; the table next to the chart has the same figures for screen readers.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from assistant.numbers import format_number

WIDTH, HEIGHT, PAD_LEFT, PAD_TOP, PAD_BOTTOM = 640, 300, 20, 30, 40


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    label: str
    label_y: float
    pattern: str


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    zero_y: float
    bars: tuple[Bar, ...]
    groups: tuple[tuple[float, str], ...]


def grouped_bars(
    series: list[tuple[str, list[Decimal]]], group_labels: list[str], *, scale: int = 1_000_000, unit: str = "mn"
) -> Chart:
    """Bars grouped per year; `series` is (pattern id, values), negatives drawn below the zero line.

    Each bar's label is its value divided by `scale` with `unit` after it ("mn" for millions, "tkr" for thousands).
    """
    values = [v for _, vs in series for v in vs] or [Decimal(0)]
    top, bottom = max(max(values), Decimal(0)), min(min(values), Decimal(0))
    span = float(top - bottom) or 1.0
    plot_h = HEIGHT - PAD_TOP - PAD_BOTTOM
    zero_y = PAD_TOP + plot_h * float(top) / span
    n_groups = max(len(group_labels), 1)
    group_w = (WIDTH - PAD_LEFT * 2) / n_groups
    bar_w = group_w * 0.8 / max(len(series), 1)
    bars, groups = [], []
    for g, label in enumerate(group_labels):
        x0 = PAD_LEFT + g * group_w + group_w * 0.1
        groups.append((x0 + group_w * 0.4, label))
        for s, (pattern, vs) in enumerate(series):
            value = vs[g]
            h = plot_h * float(abs(value)) / span
            y = zero_y - h if value >= 0 else zero_y
            label_y = y - 4 if value >= 0 else y + h + 12
            text = format_number((value / scale).quantize(Decimal("0.1"))) + f"\u00a0{unit}"
            bars.append(Bar(x0 + s * bar_w, y, bar_w - 4, max(h, 1.0), text, label_y, pattern))
    return Chart(WIDTH, HEIGHT, zero_y, tuple(bars), tuple(groups))
