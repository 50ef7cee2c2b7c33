"""Shared page pieces: escaping, the page shell, tables, the stylesheet (one file in
`assets/`, no web font, nothing from a CDN)."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

OUTCOME_MARK = {"success": "✓", "failure": "✗", "error": "!"}


def esc(value: object) -> str:
    return escape("" if value is None else str(value))


def absent(what: str = "not recorded") -> str:
    return f'<span class="absent">{esc(what)}</span>'


def page(title: str, body: str, *, depth: int = 0, script: str = "") -> str:
    """A whole HTML document; `depth` is how many folders below the report root it is."""
    up = "../" * depth
    js = f"<script>{script}</script>" if script else ""
    return (f'<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f'<title>{esc(title)}</title>'
            f'<link rel="stylesheet" href="{up}assets/report.css"></head>'
            f'<body>{body}{js}</body></html>\n')


def table(headers: Sequence[str], rows: Sequence[Sequence[str]], cls: str = "") -> str:
    """A table whose cells are already HTML."""
    head = "".join(f"<th>{esc(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in rows)
    c = f' class="{cls}"' if cls else ""
    return f"<table{c}><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def badge(outcome: str) -> str:
    return f'<span class="badge {esc(outcome)}">{OUTCOME_MARK.get(outcome, "")} {esc(outcome)}</span>'


def facts(items: Sequence[tuple[str, str]], cls: str = "") -> str:
    """A definition list of (name, HTML value)."""
    return f'<dl class="facts {cls}">' + "".join(f"<dt>{esc(k)}</dt><dd>{v}</dd>" for k, v in items) + "</dl>"


CSS = """
:root { --ok:#3ca951; --fail:#e15759; --err:#f28e2b; --absent:#888; --line:#ddd;
  --cache:#6cc5b0; --macro:#a463f2; --worker:#4269d0; --manager:#efb118; --other:#9e9e9e; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0 auto;
  padding: 16px 24px 48px; max-width: 1400px; color: #222; }
h1 { font-size: 22px; margin: 4px 0 6px; } h2 { font-size: 17px; margin: 26px 0 8px; }
a { color: #2a5bd7; } .sub { color: #555; margin: 0 0 10px; }
table { border-collapse: collapse; margin: 6px 0 12px; }
.scroll { overflow-x: auto; }
th, td { border: 1px solid var(--line); padding: 3px 7px; text-align: left; vertical-align: top; }
th { background: #f5f5f7; font-weight: 600; }
.num td { text-align: right; } .num td:first-child, .two td:nth-child(2) { text-align: left; }
.absent { color: var(--absent); font-style: italic; }
.badge { display: inline-block; padding: 1px 8px; border-radius: 10px; color: #fff; font-size: 13px; }
.badge.success { background: var(--ok); } .badge.failure { background: var(--fail); }
.badge.error { background: var(--err); }
.charts { display: flex; flex-wrap: wrap; gap: 18px 40px; }
.charts figure { margin: 0; } figcaption { font-weight: 600; margin-bottom: 4px; }
svg.chart text { font-size: 12px; fill: #333; } svg.chart .value { fill: #555; }
svg.chart .axis { stroke: #999; }
.legend span { margin-right: 14px; white-space: nowrap; }
.legend i { display: inline-block; width: 11px; height: 11px; margin-right: 4px;
  vertical-align: -1px; border-radius: 2px; }
.filters { display: flex; gap: 14px; flex-wrap: wrap; align-items: center; margin: 6px 0; }
#grid td { padding: 2px 4px; text-align: center; }
#grid th.task { text-align: left; font-weight: normal; }
a.cell { display: inline-block; min-width: 44px; padding: 1px 5px; border-radius: 3px;
  color: #fff; text-decoration: none; font-size: 13px; }
a.cell.success { background: var(--ok); } a.cell.failure { background: var(--fail); }
a.cell.error { background: var(--err); } a.cell.off { visibility: hidden; }
.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 14px; margin: 8px 0; }
.wide.facts { grid-template-columns: max-content 1fr max-content 1fr; }
.facts dt { color: #555; } .facts dd { margin: 0; }
.goal { background: #f7f7fa; border-left: 3px solid #aab; padding: 6px 10px; margin: 8px 0; }
ol.timeline { list-style: none; display: flex; flex-wrap: wrap; gap: 3px; padding: 0; margin: 6px 0; }
ol.timeline a { display: block; min-width: 28px; padding: 3px 4px; text-align: center; color: #fff;
  text-decoration: none; border-radius: 3px; border: 2px solid transparent; font-size: 12px; }
ol.timeline a.active { outline: 3px solid #222; outline-offset: 1px; }
.src-cache { background: var(--cache); } .src-macro { background: var(--macro); }
.src-worker { background: var(--worker); } .src-manager { background: var(--manager); }
.src-other { background: var(--other); }
ol.timeline a.err { border-color: var(--fail); box-shadow: inset 0 -4px 0 var(--fail); }
ol.timeline a.refused { text-decoration: line-through; }
ol.timeline a.mgr::after { content: "▲"; font-size: 9px; margin-left: 1px; }
.src { display: inline-block; padding: 0 6px; border-radius: 3px; color: #fff; font-size: 12px; }
.js section.step { display: none; } .js section.step.active { display: block; }
section.step { border-top: 1px solid var(--line); padding-top: 6px; }
.stepbody { display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); gap: 16px; }
.shot img { width: 100%; border: 1px solid var(--line); }
.shot .absent { display: block; padding: 40px; border: 1px dashed var(--line); text-align: center; }
pre { white-space: pre-wrap; word-break: break-word; background: #f7f7f9; padding: 8px;
  max-height: 480px; overflow: auto; margin: 4px 0; font-size: 12px; }
details { margin: 6px 0; } summary { cursor: pointer; font-weight: 600; }
details details { margin-left: 16px; } .msg b { display: block; margin-top: 4px; }
.nav { display: flex; gap: 10px; align-items: center; margin: 6px 0; }
.error-text { color: #b3261e; } code { font-size: 13px; }
table.compare { table-layout: fixed; width: 100%; } table.compare img { width: 100%; }
table.compare td { font-size: 12px; } table.compare code { word-break: break-all; font-size: 12px; }
"""
