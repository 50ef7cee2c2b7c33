"""Charts as inline SVG strings: horizontal bars (one series or grouped) and a histogram.

No script, no external file: each chart is markup the page embeds as is, with a
`<title>` per mark so hovering shows the exact figure.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from html import escape

PALETTE = ["#4269d0", "#efb118", "#ff725c", "#6cc5b0", "#3ca951", "#ff8ab7", "#a463f2",
           "#97bbf5"]
ROW, GAP, LABEL_W, BAR_W, VALUE_W = 18, 6, 170, 320, 70

Fmt = Callable[[float], str]


def colour(i: int) -> str:
    return PALETTE[i % len(PALETTE)]


def _svg(width: int, height: int, body: str, label: str) -> str:
    return (f'<svg class="chart" role="img" aria-label="{escape(label)}" width="{width}" '
            f'height="{height}" viewBox="0 0 {width} {height}" '
            f'xmlns="http://www.w3.org/2000/svg">{body}</svg>')


def _text(x: float, y: float, s: str, anchor: str = "start", cls: str = "") -> str:
    c = f' class="{cls}"' if cls else ""
    return (f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}"{c} '
            f'dominant-baseline="middle">{escape(s)}</text>')


def _bar(x: float, y: float, w: float, h: float, fill: str, tip: str) -> str:
    return (f'<rect x="{x:.1f}" y="{y:.1f}" width="{max(w, 0.0):.1f}" height="{h:.1f}" '
            f'fill="{fill}"><title>{escape(tip)}</title></rect>')


def legend(series: Sequence[str]) -> str:
    """An HTML legend (mode name -> colour) for the grouped charts."""
    items = "".join(f'<span><i style="background:{colour(i)}"></i>{escape(s)}</span>'
                    for i, s in enumerate(series))
    return f'<div class="legend">{items}</div>'


def bars(items: Sequence[tuple[str, float | None]], fmt: Fmt, label: str,
         max_value: float | None = None) -> str:
    """One horizontal bar per item; a None value is drawn as "-" with no bar."""
    return grouped_bars([(name, [v]) for name, v in items], [label], fmt, label, max_value,
                        one_series=True)


def grouped_bars(rows: Sequence[tuple[str, Sequence[float | None]]], series: Sequence[str],
                 fmt: Fmt, label: str, max_value: float | None = None,
                 one_series: bool = False) -> str:
    """Per row (a site), one bar per series (a mode), coloured by series."""
    values = [v for _, vs in rows for v in vs if v is not None]
    top = max_value if max_value is not None else max(values, default=0.0)
    top = top or 1.0
    n = len(series)
    group_h = n * ROW + GAP * 2
    height = max(len(rows) * group_h, ROW)
    parts = []
    for r, (name, vs) in enumerate(rows):
        y0 = r * group_h + GAP
        parts.append(_text(LABEL_W - 8, y0 + n * ROW / 2, name, "end", "label"))
        for i, v in enumerate(vs):
            y = y0 + i * ROW
            fill = colour(r if one_series else i)
            shown = "-" if v is None else fmt(v)
            tip = f"{name}: {shown}" if one_series else f"{name}, {series[i]}: {shown}"
            if v is not None:
                parts.append(_bar(LABEL_W, y + 2, BAR_W * v / top, ROW - 4, fill, tip))
            x = LABEL_W + (BAR_W * (v or 0) / top) + 4
            parts.append(_text(x, y + ROW / 2, shown, cls="value"))
    return _svg(LABEL_W + BAR_W + VALUE_W, height, "".join(parts), label)


def bins(values: Sequence[int], most: int = 20) -> list[tuple[int, int]]:
    """Integer bins [lo, hi] covering `values`: one per value when few, else `most` bins."""
    hi = max(values, default=0)
    width = max(1, math.ceil((hi + 1) / most))
    return [(lo, lo + width - 1) for lo in range(0, hi + 1, width)]


def histogram(series: Sequence[tuple[str, Sequence[int]]], label: str) -> str:
    """Counts of episodes per steps bin, one coloured bar per series in each bin."""
    edges = bins([v for _, vs in series for v in vs])
    counts = [[sum(lo <= v <= hi for v in vs) for lo, hi in edges] for _, vs in series]
    top = max((c for cs in counts for c in cs), default=0) or 1
    n = max(len(series), 1)
    slot = max(8, min(28, 560 // max(len(edges) * n, 1)))
    group_w = n * slot + 8
    plot_h, left, base = 110, 34, 120
    width = left + len(edges) * group_w + 10
    parts = [f'<line x1="{left}" y1="{base}" x2="{width - 6}" y2="{base}" class="axis"/>',
             _text(left - 6, base - plot_h, str(top), "end", "value"),
             _text(left - 6, base, "0", "end", "value")]
    for b, (lo, hi) in enumerate(edges):
        x0 = left + b * group_w + 4
        name = str(lo) if lo == hi else f"{lo}-{hi}"
        parts.append(_text(x0 + n * slot / 2, base + 12, name, "middle", "value"))
        for i, (mode, _) in enumerate(series):
            c = counts[i][b]
            h = plot_h * c / top
            tip = f"{mode}: {c} episode(s) with {name} steps"
            parts.append(_bar(x0 + i * slot, base - h, slot - 2, h, colour(i), tip))
    parts.append(_text(left + (width - left) / 2, base + 28, "steps per episode", "middle",
                       "label"))
    return _svg(width, base + 36, "".join(parts), label)
