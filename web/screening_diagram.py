"""A flow diagram of the screening tree as inline SVG, generated from the content (no JavaScript, no inline style).

Nodes stand in one column in map order; an edge to the next node is a short arrow, any other edge an arc in its
own lane on the right. It is one image (no links inside, so nothing interactive is nested in it); the list on
the same page is the text alternative and holds the links.
"""

from __future__ import annotations

import textwrap
from html import escape

from assistant.screening.model import Tree
from assistant.screening.paths import map_order

ROW, BOX_H, BOX_W, LEFT, LANE = 44, 34, 440, 8, 11
LINE_CHARS = 52  # at 14 px a 440 px box holds about 55 characters; longer labels wrap onto a second line


def _label(tree: Tree, node: str) -> tuple[str, str]:
    if node in tree.questions:
        return tree.questions[node].short, "q"
    return "Resultat: bedömning, modell och nästa steg", "o"


def _box(tree: Tree, node: str, y: int) -> str:
    label, kind = _label(tree, node)
    lines = textwrap.wrap(label, LINE_CHARS) or [""]
    if len(lines) > 2:
        lines = [lines[0], " ".join(lines[1:])]
    first = y + (22 if len(lines) == 1 else 15)
    spans = "".join(
        f'<tspan x="{LEFT + 10}" y="{first + 15 * i}">{escape(text)}</tspan>' for i, text in enumerate(lines)
    )
    return (
        f'<g class="node node-{kind}">'
        f"<title>{escape(label)}</title>"
        f'<rect x="{LEFT}" y="{y}" width="{BOX_W}" height="{BOX_H}" rx="{4 if kind == "q" else 12}"/>'
        f"<text>{spans}</text></g>"
    )


def tree_svg(tree: Tree) -> str:
    order = map_order(tree)
    index = {node: i for i, node in enumerate(order)}
    edges = sorted(
        {(index[q.id], index[o.next]) for q in tree.questions.values() if q.id in index for o in q.options},
        key=lambda e: (e[1] - e[0], e[0]),
    )
    parts, lane = [], 0
    for src, dst in edges:
        y1, y2 = src * ROW + BOX_H, dst * ROW
        if dst == src + 1:
            x = LEFT + BOX_W // 2
            parts.append(f'<path class="edge" d="M{x},{y1} V{y2 - 2}" marker-end="url(#pil)"/>')
            continue
        lane += 1
        right, x = LEFT + BOX_W, LEFT + BOX_W + lane * LANE
        ya, yb = src * ROW + BOX_H // 2, dst * ROW + BOX_H // 2
        parts.append(f'<path class="edge" d="M{right},{ya} H{x} V{yb} H{right + 4}" marker-end="url(#pil)"/>')
    width = LEFT + BOX_W + (lane + 2) * LANE
    height = len(order) * ROW
    boxes = [_box(tree, node, i * ROW) for i, node in enumerate(order)]
    return (
        f'<svg class="tree-diagram" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" '
        'aria-labelledby="diagram-titel diagram-besk" xmlns="http://www.w3.org/2000/svg">'
        '<title id="diagram-titel">Flödesschema över screeningens frågor och utfall</title>'
        '<desc id="diagram-besk">Frågorna uppifrån och ned; pilar till höger visar svar som hoppar över frågor eller '
        "avslutar screeningen. Samma innehåll finns som lista nedanför.</desc>"
        '<defs><marker id="pil" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" '
        'orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z"/></marker></defs>'
        + "".join(parts)
        + "".join(boxes)
        + "</svg>"
    )
