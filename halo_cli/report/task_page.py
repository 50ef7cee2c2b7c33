"""A task's episodes side by side (modes and attempts as columns, steps as rows)."""

from __future__ import annotations

from collections.abc import Sequence

from halo_cli.report.data import RunData
from halo_cli.report.episode_page import Shots, screenshot_html
from halo_cli.report.html import absent, badge, esc, page
from halo_cli.report.steps import source_tag
from halo_cli.runner.recorded import Episode


def _cell(ep: Episode, pos: int, shots: Shots) -> str:
    if pos >= len(ep.steps):
        return ""
    s = ep.steps[pos]
    err = s.get("last_action_error")
    bits = [screenshot_html(ep, pos, s, shots),
            f'<p>{source_tag(s)} <a href="../episodes/{esc(ep.id)}.html#step-{pos}">'
            f"step {pos + 1}</a></p>",
            f"<code>{esc(s.get('action') or s.get('refused_action') or '')}</code>"]
    if s.get("refused"):
        bits.append('<p class="error-text">refused</p>')
    if err:
        bits.append(f'<p class="error-text">{esc(str(err)[:300])}</p>')
    return "".join(bits)


def render_task(run: RunData, task: str, episodes: Sequence[Episode], shots: Shots) -> str:
    goal = run.goals.get(task)
    heads = "".join(
        f'<th><a href="../episodes/{esc(e.id)}.html">{esc(e.mode)} #{e.attempt}</a> '
        f"{badge(e.outcome)}<br><small>{e.result.steps} steps, {e.result.wall_time_s:.1f} s, "
        f"reward {esc(e.result.reward)}</small></th>" for e in episodes)
    depth = max((len(e.steps) for e in episodes), default=0)
    rows = "".join("<tr>" + "".join(f"<td>{_cell(e, i, shots)}</td>" for e in episodes)
                   + "</tr>" for i in range(depth))
    if not depth:
        rows = f'<tr><td colspan="{len(episodes)}">{absent("no steps recorded")}</td></tr>'
    body = (f'<p><a href="../index.html">← run {esc(run.run_id)}</a></p>'
            f"<h1>{esc(task)}: {len(episodes)} episode(s) side by side</h1>"
            f'<div class="goal">{esc(goal) if goal else absent("goal unknown")}</div>'
            f'<table class="compare"><thead><tr>{heads}</tr></thead><tbody>{rows}</tbody></table>')
    return page(f"{task}: side by side", body, depth=1)
