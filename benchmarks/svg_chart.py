"""A small line chart as SVG text (no plotting dependency): y in [0, 1] against x."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from html import escape

COLOURS = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b")


@dataclass
class Series:
    label: str
    points: list[tuple[float, float]]
    dashed: bool = False
    colour: str | None = None
    notes: list[str] = field(default_factory=list)  # a label per point, drawn beside it


def line_chart(series: Sequence[Series], *, title: str, x_label: str, y_label: str,
               xs: Sequence[float], width: int = 720, height: int = 420) -> str:
    """An SVG document: one polyline with dots per series, a legend on the right. Series
    are nudged 3 px apart sideways, so equal values stay visible."""
    left, right, top, bottom = 60, 250, 40, 50
    pw, ph = width - left - right, height - top - bottom
    x0, x1 = min(xs), max(xs)

    def base_px(x: float) -> float:
        return left + (x - x0) / ((x1 - x0) or 1) * pw

    px = base_px

    def py(y: float) -> float:
        return top + (1 - y) * ph

    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
           f'viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="12">',
           f'<rect width="{width}" height="{height}" fill="white"/>',
           f'<text x="{left}" y="22" font-size="14" font-weight="bold">{escape(title)}</text>']
    for i in range(6):
        y = i / 5
        out.append(f'<line x1="{left}" y1="{py(y):.1f}" x2="{left + pw}" y2="{py(y):.1f}" '
                   f'stroke="#ddd"/>')
        out.append(f'<text x="{left - 8}" y="{py(y) + 4:.1f}" text-anchor="end">'
                   f'{y:.0%}</text>')
    for x in xs:
        out.append(f'<text x="{px(x):.1f}" y="{top + ph + 18}" text-anchor="middle">{x:g}</text>')
    out.append(f'<line x1="{left}" y1="{top + ph}" x2="{left + pw}" y2="{top + ph}" '
               f'stroke="#333"/>')
    out.append(f'<text x="{left + pw / 2:.1f}" y="{height - 10}" text-anchor="middle">'
               f'{escape(x_label)}</text>')
    out.append(f'<text transform="translate(16 {top + ph / 2:.1f}) rotate(-90)" '
               f'text-anchor="middle">{escape(y_label)}</text>')
    for i, s in enumerate(series):
        colour = s.colour or COLOURS[i % len(COLOURS)]
        dash = ' stroke-dasharray="6 4"' if s.dashed else ""
        nudge = (i - (len(series) - 1) / 2) * 3

        def px(x: float, nudge: float = nudge) -> float:
            return base_px(x) + nudge

        pts = " ".join(f"{px(x):.1f},{py(y):.1f}" for x, y in s.points)
        if len(s.points) > 1:
            out.append(f'<polyline points="{pts}" fill="none" stroke="{colour}" '
                       f'stroke-width="2"{dash}/>')
        for j, (x, y) in enumerate(s.points):
            shape = (f'<rect x="{px(x) - 4:.1f}" y="{py(y) - 4:.1f}" width="8" height="8" '
                     f'fill="white" stroke="{colour}" stroke-width="2"/>' if s.dashed else
                     f'<circle cx="{px(x):.1f}" cy="{py(y):.1f}" r="3.5" fill="{colour}"/>')
            out.append(shape)
            if j < len(s.notes) and s.notes[j]:
                out.append(f'<text x="{px(x) + 7:.1f}" y="{py(y) - 6:.1f}" fill="{colour}" '
                           f'font-size="10">{escape(s.notes[j])}</text>')
        ly = top + 10 + i * 20
        lx = left + pw + 20
        out.append(f'<line x1="{lx}" y1="{ly}" x2="{lx + 24}" y2="{ly}" stroke="{colour}" '
                   f'stroke-width="2"{dash}/>')
        out.append(f'<text x="{lx + 30}" y="{ly + 4}">{escape(s.label)}</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"
