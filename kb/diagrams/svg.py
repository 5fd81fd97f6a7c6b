"""Small SVG helpers shared by the diagram kinds: escaping, line wrapping and the document frame.

Only presentation attributes are used (no `style=`), so the pictures pass the site's strict CSP; colour is never
the only carrier of meaning — line patterns and words are.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field
from html import escape

from kb.citations import strip_markers

FONT = "system-ui, -apple-system, Segoe UI, Roboto, Arial, sans-serif"
INK = "#1b1b1b"
LINE_HEIGHT = 17


def esc(text: str) -> str:
    return escape(text, quote=True)


def plain(text: str) -> str:
    """Text for inside the picture: citation markers removed, whitespace collapsed."""
    return " ".join(strip_markers(text).split())


def wrap(text: str, width: int) -> list[str]:
    """Lines of at most `width` characters (a long word stays whole rather than being split)."""
    return textwrap.wrap(plain(text), width=width, break_long_words=False, break_on_hyphens=False) or [""]


def num(value: float) -> str:
    return f"{value:.1f}".removesuffix(".0")


@dataclass
class Canvas:
    """Collects SVG elements; `render` wraps them with the accessible title and description."""

    dom_id: str
    width: int
    height: float = 0
    defs: list[str] = field(default_factory=list)
    body: list[str] = field(default_factory=list)

    def text(self, x: float, y: float, lines: list[str], *, size: int = 14, weight: str = "normal",
             anchor: str = "start") -> None:
        """Multi-line text; `y` is the first line's baseline."""
        spans = "".join(
            f'<tspan x="{num(x)}" dy="{0 if i == 0 else LINE_HEIGHT * size / 14:.1f}">{esc(line)}</tspan>'
            for i, line in enumerate(lines)
        )
        self.body.append(
            f'<text x="{num(x)}" y="{num(y)}" font-size="{size}" font-weight="{weight}" '
            f'text-anchor="{anchor}" fill="{INK}">{spans}</text>'
        )

    def rect(self, x: float, y: float, w: float, h: float, *, fill: str = "#ffffff", stroke: str = INK,
             width: float = 2, rx: float = 6) -> None:
        self.body.append(
            f'<rect x="{num(x)}" y="{num(y)}" width="{num(w)}" height="{num(h)}" rx="{num(rx)}" fill="{fill}" '
            f'stroke="{stroke}" stroke-width="{width}"/>'
        )

    def line(self, x1: float, y1: float, x2: float, y2: float, *, width: float = 2, dash: str | None = None,
             arrow: bool = False) -> None:
        extra = f' stroke-dasharray="{dash}"' if dash else ""
        if arrow:
            extra += f' marker-end="url(#{self.dom_id}-pil)"'
        self.body.append(
            f'<line x1="{num(x1)}" y1="{num(y1)}" x2="{num(x2)}" y2="{num(y2)}" stroke="{INK}" '
            f'stroke-width="{width}" stroke-linecap="round"{extra}/>'
        )

    def circle(self, x: float, y: float, r: float, *, fill: str = INK) -> None:
        self.body.append(f'<circle cx="{num(x)}" cy="{num(y)}" r="{num(r)}" fill="{fill}" stroke="{INK}"/>')

    def render(self, title: str, description: str) -> str:
        arrow = (
            f'<marker id="{self.dom_id}-pil" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="11" '
            f'markerHeight="11" markerUnits="userSpaceOnUse" orient="auto-start-reverse">'
            f'<path d="M0,0 L10,5 L0,10 z" fill="{INK}"/></marker>'
        )
        return (
            f'<svg xmlns="http://www.w3.org/2000/svg" class="diagram-svg" viewBox="0 0 {self.width} '
            f'{num(self.height)}" role="img" aria-labelledby="{self.dom_id}-titel {self.dom_id}-besk" '
            f'focusable="false" font-family="{FONT}">'
            f'<title id="{self.dom_id}-titel">{esc(plain(title))}</title>'
            f'<desc id="{self.dom_id}-besk">{esc(plain(description))}</desc>'
            f'<defs>{arrow}{"".join(self.defs)}</defs>'
            f'<rect x="0" y="0" width="{self.width}" height="{num(self.height)}" fill="#ffffff"/>'
            + "".join(self.body)
            + "</svg>"
        )
