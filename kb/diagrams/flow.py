"""Flow diagrams: boxes on a 3-column grid joined by arrows whose line pattern says what they carry."""

from __future__ import annotations

import math
from collections import defaultdict

from kb.diagrams.model import Edge, EdgeType, FlowDiagram
from kb.diagrams.svg import Canvas, wrap

WIDTH = 720
COL_X = (120.0, 360.0, 600.0)
BOX_W, BOX_H, ROW_PITCH, TOP = 200.0, 66.0, 146.0, 34.0
LABEL_CHARS, NODE_CHARS = 20, 20

LINE_STYLE: dict[EdgeType, tuple[float, str | None]] = {
    "pengar": (4.0, None),
    "avtal": (2.0, "9 6"),
    "insats": (2.5, "1 6"),
    "rapport": (1.5, "12 4 2 4"),
}
LEGEND: dict[EdgeType, str] = {
    "pengar": "Pengar (tjock hel linje)",
    "avtal": "Avtal (streckad linje)",
    "insats": "Insats, arbete (prickad linje)",
    "rapport": "Uppföljning, samordning (streck-punkt)",
}


def _centre(col: int, row: int) -> tuple[float, float]:
    return COL_X[col], TOP + BOX_H / 2 + row * ROW_PITCH


def _clip(cx: float, cy: float, dx: float, dy: float, gap: float) -> tuple[float, float]:
    """Where a ray from a box centre leaves the box (plus a gap for the arrowhead)."""
    tx = (BOX_W / 2 + gap) / abs(dx) if dx else math.inf
    ty = (BOX_H / 2 + gap) / abs(dy) if dy else math.inf
    t = min(tx, ty)
    return cx + dx * t, cy + dy * t


def _label_size(lines: list[str]) -> tuple[float, float]:
    return max(len(line) for line in lines) * 7.2 + 10, len(lines) * 17 + 6


def _edge_label(edge: Edge) -> str:
    return f"{edge.step}. {edge.label}" if edge.step else edge.label


def render_flow(d: FlowDiagram, dom_id: str) -> str:
    canvas = Canvas(dom_id, WIDTH)
    nodes = {n.id: n for n in d.nodes}
    pairs: dict[frozenset[str], list[Edge]] = defaultdict(list)
    for e in d.edges:
        pairs[frozenset((e.from_, e.to))].append(e)
    labels: list[tuple[float, float, list[str]]] = []
    for group in pairs.values():
        a, b = nodes[group[0].from_], nodes[group[0].to]
        (ax, ay), (bx, by) = _centre(a.col, a.row), _centre(b.col, b.row)
        base = math.hypot(bx - ax, by - ay)
        perp = (-(by - ay) / base, (bx - ax) / base)
        for k, e in enumerate(group):
            (x1, y1), (x2, y2) = (_centre(nodes[e.from_].col, nodes[e.from_].row),
                                  _centre(nodes[e.to].col, nodes[e.to].row))
            length = math.hypot(x2 - x1, y2 - y1)
            ux, uy = (x2 - x1) / length, (y2 - y1) / length
            # Parallel arrows between the same two boxes sit side by side, 14 px apart.
            offset = (k - (len(group) - 1) / 2) * 14
            px, py = perp[0] * offset, perp[1] * offset
            sx, sy = _clip(x1, y1, ux, uy, 4)
            ex, ey = _clip(x2, y2, -ux, -uy, 6)
            width, dash = LINE_STYLE[e.type]
            canvas.line(sx + px, sy + py, ex + px, ey + py, width=width, dash=dash, arrow=True)
            lines = wrap(_edge_label(e), LABEL_CHARS)
            mx, my = (sx + ex) / 2 + px, (sy + ey) / 2 + py
            if len(group) > 1:  # side by side: each label on its own side of the pair of lines
                w, h = _label_size(lines)
                push = (abs(perp[0]) * w + abs(perp[1]) * h) / 2 + 4
                side = -1 if k == 0 else 1
                mx, my = mx + perp[0] * push * side, my + perp[1] * push * side
            labels.append((mx, my, lines))
    for n in d.nodes:
        cx, cy = _centre(n.col, n.row)
        lines = wrap(n.label, NODE_CHARS)
        canvas.rect(cx - BOX_W / 2, cy - BOX_H / 2, BOX_W, BOX_H)
        canvas.text(cx, cy - (len(lines) - 1) * 8.5 + 5, lines, size=15, weight="bold", anchor="middle")
    for x, y, lines in labels:
        w, h = _label_size(lines)
        canvas.rect(x - w / 2, y - h / 2, w, h, stroke="#ffffff", width=0, rx=3)
        canvas.text(x, y - h / 2 + 16, lines, size=13, anchor="middle")
    bottom = TOP + (max(n.row for n in d.nodes) + 1) * ROW_PITCH - (ROW_PITCH - BOX_H) + 24
    used = [t for t in LEGEND if any(e.type == t for e in d.edges)]
    for i, kind in enumerate(used):
        x = 20 + (i % 2) * 350
        y = bottom + (i // 2) * 26
        width, dash = LINE_STYLE[kind]
        canvas.line(x, y, x + 56, y, width=width, dash=dash, arrow=True)
        canvas.text(x + 68, y + 5, [LEGEND[kind]], size=13)
    canvas.height = bottom + ((len(used) + 1) // 2) * 26 + 8
    return canvas.render(d.title, d.description)
