"""`halo report --compare RUN_A RUN_B`: two runs on the same tasks side by side.

Episodes are paired by (task, attempt) (and by mode when both runs ran it; otherwise each
run's only mode); the page lists every pair with both outcomes, which flipped either way,
and the paired difference (bootstrap interval, exact McNemar p), beside each run's rate
with its Wilson interval. One self-contained file, no script, opens from file://.
"""

from __future__ import annotations

from halo_cli.report.data import RunData
from halo_cli.report.html import esc, page, table
from halo_cli.runner.caches import cache_line
from halo_cli.runner.metrics import is_success
from halo_cli.runner.models import EpisodeResult
from halo_cli.stats import paired, rate_text

Key = tuple[str, str, int]


def pairs(a: RunData, b: RunData) -> list[tuple[Key, EpisodeResult, EpisodeResult]]:
    """The episodes both runs have, matched by (task, mode, attempt); when the runs share
    no mode, by (task, attempt) between each run's episodes."""
    ra = {e.result.key: e.result for e in a.episodes}
    rb = {e.result.key: e.result for e in b.episodes}
    common = sorted(set(ra) & set(rb))
    if common:
        return [(k, ra[k], rb[k]) for k in common]
    by_a = {(r.task_id, r.attempt): r for r in ra.values()}
    by_b = {(r.task_id, r.attempt): r for r in rb.values()}
    return [((t, f"{by_a[(t, n)].mode} vs {by_b[(t, n)].mode}", n), by_a[(t, n)], by_b[(t, n)])
            for t, n in sorted(set(by_a) & set(by_b))]


def _outcome(r: EpisodeResult) -> str:
    if r.error_phase in ("init", "agent"):
        return f"error ({r.error_type})"
    return "success" if r.success else "failure"


def render_compare(a: RunData, b: RunData) -> str:
    """The comparison page's HTML."""
    matched = pairs(a, b)
    wins_a = [is_success(x) for _, x, _ in matched]
    wins_b = [is_success(y) for _, _, y in matched]
    rows, up, down = [], [], []
    for (task, mode, attempt), x, y in matched:
        flip = ""
        if is_success(y) and not is_success(x):
            flip, _ = "to success", up.append(task)
        elif is_success(x) and not is_success(y):
            flip, _ = "to failure", down.append(task)
        rows.append([esc(task), esc(mode), str(attempt), esc(_outcome(x)), esc(_outcome(y)),
                     esc(flip)])
    cmp = paired(wins_a, wins_b)
    summary = [
        [esc(a.run_id), esc(rate_text(sum(wins_a), len(wins_a))),
         esc(cache_line((a.config.get("options") or {}).get("cache_state")).replace("**", ""))],
        [esc(b.run_id), esc(rate_text(sum(wins_b), len(wins_b))),
         esc(cache_line((b.config.get("options") or {}).get("cache_state")).replace("**", ""))],
    ]
    verdict = (f"<p><b>{esc(b.run_id)} against {esc(a.run_id)}</b>: {esc(cmp.text())}</p>"
               if cmp else "<p>The two runs share no task and attempt: nothing to compare.</p>")
    body = (f"<h1>{esc(a.run_id)} vs {esc(b.run_id)}</h1>"
            f"<p class=\"sub\">{len(matched)} paired episodes (same task and attempt); "
            f"{len(up)} flipped to success, {len(down)} to failure</p>" + verdict
            + "<h2>Each run on the paired episodes</h2>"
            + table(["run", "success [95% Wilson]", "cache"], summary)
            + "<h2>Side by side</h2>"
            + table(["task", "mode", "attempt", esc(a.run_id), esc(b.run_id), "flipped"], rows))
    return page(f"{a.run_id} vs {b.run_id}", body)
