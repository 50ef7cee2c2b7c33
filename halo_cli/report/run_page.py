"""The run page (index.html): matrix.md's figures per mode and per site, charts, and a
task x mode (x attempt) grid coloured by outcome, filtered by site, mode, outcome, error."""

from __future__ import annotations

from html import escape

from halo_cli.report import charts
from halo_cli.report.data import RunData
from halo_cli.report.html import OUTCOME_MARK, absent, esc, page, table
from halo_cli.runner import leaderboard, metrics
from halo_cli.runner.caches import cache_line
from halo_cli.runner.recorded import Episode, slug
from halo_cli.task_id import TaskId

SCRIPT = """
(function () {
  var sel = Array.prototype.slice.call(document.querySelectorAll('select[data-filter]'));
  var rows = Array.prototype.slice.call(document.querySelectorAll('#grid tbody tr'));
  var cols = Array.prototype.slice.call(document.querySelectorAll('#grid [data-col]'));
  function apply() {
    var f = {};
    sel.forEach(function (s) { f[s.dataset.filter] = s.value; });
    cols.forEach(function (c) { c.hidden = !!f.mode && c.dataset.col !== f.mode; });
    var shown = 0;
    rows.forEach(function (tr) {
      var n = 0;
      tr.querySelectorAll('a.cell').forEach(function (a) {
        var ok = ['mode', 'outcome', 'error'].every(function (k) {
          return !f[k] || a.dataset[k] === f[k];
        });
        a.classList.toggle('off', !ok);
        if (ok) n++;
      });
      tr.hidden = (!!f.site && tr.dataset.site !== f.site) || n === 0;
      if (!tr.hidden) shown += n;
    });
    document.getElementById('shown').textContent = shown + ' episode(s) shown';
  }
  sel.forEach(function (s) { s.addEventListener('change', apply); });
  apply();
})();
"""


def _pct(x: float) -> str:
    return f"{x * 100:.0f}%"


def _head(run: RunData) -> str:
    cfg = run.config
    bits = [f"{len(run.episodes)} of {run.planned} planned episodes finished"]
    if run.sites_label:
        bits.append(f"sites: {run.sites_label}")
    if cfg.get("command"):
        bits.append(f"command: halo {cfg['command']}")
    if cfg.get("created"):
        bits.append(f"created {cfg['created']}")
    models = "; ".join(f"{m}: " + ", ".join(f"{k} {v}" for k, v in run.models(m).items() if v)
                       for m in run.modes)
    cache = cache_line((cfg.get("options") or {}).get("cache_state")).replace("**", "")
    warn = ' class="sub error-text"' if "packaged cache ON" in cache else ' class="sub"'
    board = leaderboard.section(run.results, (cfg.get("options") or {}).get("run_name") or "")
    board = board.split("\n", 2)[2].strip() if board else ""  # the counts, without the heading
    return (f"<h1>Run {esc(run.run_id)}</h1><p class=\"sub\">{esc(' · '.join(bits))}</p>"
            f"<p class=\"sub\">models: {esc(models)}</p>"
            + (f"<p{warn}>{esc(cache)}</p>" if cache else "")
            + (f"<p class=\"sub\">REAL leaderboard: {esc(board)}</p>" if board else ""))


def _tables(run: RunData) -> str:
    table_stats = metrics.by_mode(run.results, run.modes)
    rows = [[esc(c) for c in r] for r in metrics.main_rows(table_stats)]
    per_site = []
    for mode, sites in metrics.by_site(run.results).items():
        per_site += [[esc(s.name), esc(mode), str(s.episodes), str(s.valid_tasks),
                      str(s.init_or_agent_errors), str(s.successes), metrics.pct(s.success_rate),
                      metrics.ci_text(s.successes, s.valid_tasks),
                      metrics.num(s.median_steps)] for s in sites]
    per_site.sort(key=lambda r: (r[0], r[1]))
    paired = [[esc(mode), str(p.n), str(p.a_successes), str(p.b_successes), str(p.b_only),
               str(p.a_only), esc(p.text())]
              for mode, p in metrics.paired_vs_baseline(run.results).items()]
    paired_html = ("<h2>Paired against baseline_worker</h2>"
                   + table(["mode", "pairs", "baseline successes", "mode successes",
                            "flipped to success", "flipped to failure", "difference [95% CI]"],
                           paired, "num") if paired else "")
    return ('<h2>Per mode</h2><div class="scroll">' + table(metrics.MAIN_HEADERS, rows, "num")
            + "</div>" + paired_html
            + f"<details><summary>definitions</summary><pre>{esc(metrics.DEFINITIONS)}</pre>"
            "</details><h2>Per site</h2>"
            + table(["site", "mode", "episodes", "valid_tasks", "init_or_agent_errors",
                     "successes", "success_rate", "success_ci", "median_steps"], per_site,
                    "num two"))


def _charts(run: RunData) -> str:
    table_stats = metrics.by_mode(run.results, run.modes)
    sr = charts.bars([(s.name, s.success_rate) for s in table_stats], _pct,
                     "success rate per mode", 1.0)
    cost = charts.bars([(s.name, s.cost_usd) for s in table_stats],
                       lambda x: f"${x:.4f}" if x >= 0.01 or not x else f"${x:.6f}",
                       "cost per mode")
    steps = charts.histogram([(m, [e.result.steps for e in run.episodes if e.mode == m])
                              for m in run.modes], "distribution of steps")
    site_stats = metrics.by_site(run.results)
    sites = sorted({s.name for ss in site_stats.values() for s in ss})
    lookup = {(m, s.name): s.success_rate for m, ss in site_stats.items() for s in ss}
    per_site = charts.grouped_bars([(site, [lookup.get((m, site)) for m in run.modes])
                                    for site in sites], run.modes, _pct,
                                   "success rate per site and mode", 1.0)
    figs = [("success rate per mode", sr), ("cost per mode", cost),
            ("steps per episode", charts.legend(run.modes) + steps),
            ("success rate per site", charts.legend(run.modes) + per_site)]
    return '<h2>Charts</h2><div class="charts">' + "".join(
        f"<figure><figcaption>{esc(t)}</figcaption>{svg}</figure>" for t, svg in figs) + "</div>"


def _select(name: str, label: str, values: list[str]) -> str:
    opts = "".join(f'<option value="{esc(v)}">{esc(v)}</option>' for v in values)
    return (f'<label>{esc(label)} <select data-filter="{name}" id="f-{name}">'
            f'<option value="">all</option>{opts}</select></label>')


def _cell(e: Episode) -> str:
    r = e.result
    title = f"{e.task} · {e.mode} #{e.attempt}: {e.outcome}, {r.steps} steps, reward {r.reward}"
    if e.error_label:
        title += f" · {e.error_label}"
    return (f'<a class="cell {e.outcome}" href="episodes/{escape(e.id)}.html" '
            f'data-mode="{esc(e.mode)}" data-outcome="{e.outcome}" '
            f'data-error="{esc(r.error_type or "")}" title="{esc(title)}">'
            f"{OUTCOME_MARK[e.outcome]} {r.steps}</a>")


def _grid(run: RunData) -> str:
    eps = {(e.task, e.mode, e.attempt): e for e in run.episodes}
    attempts = {m: sorted({a for (_, mm, a) in eps if mm == m}) for m in run.modes}
    cols = [(m, a) for m in run.modes for a in attempts[m]]
    multi = any(len(a) > 1 for a in attempts.values())
    tasks = sorted({e.task for e in run.episodes},
                   key=lambda t: (TaskId.parse(t).site, TaskId.parse(t).number, t))
    head = "".join(f'<th data-col="{esc(m)}">{esc(m)}{f" #{a}" if multi else ""}</th>'
                   for m, a in cols)
    site_of = {e.task: e.site for e in run.episodes}
    body = []
    for t in tasks:
        site = site_of[t]
        cells = "".join(f'<td data-col="{esc(m)}">{_cell(eps[(t, m, a)]) if (t, m, a) in eps else ""}'
                        "</td>" for m, a in cols)
        goal = run.goals.get(t, "")
        body.append(f'<tr data-site="{esc(site)}"><th class="task" title="{esc(goal)}">'
                    f'<a href="tasks/{esc(slug(t))}.html">{esc(t)}</a></th>{cells}</tr>')
    errors = sorted({e.result.error_type for e in run.episodes if e.result.error_type})
    filters = ('<div class="filters">'
               + _select("site", "site", sorted({e.site for e in run.episodes}))
               + _select("mode", "mode", run.modes)
               + _select("outcome", "outcome", ["success", "failure", "error"])
               + _select("error", "error type", errors)
               + '<span id="shown" class="sub"></span></div>')
    return (f"<h2>Episodes</h2><p class=\"sub\">Each cell is one episode (outcome mark and "
            f"steps); click it to open its steps. A task's name opens its episodes side by "
            f"side.</p>{filters}<table id=\"grid\"><thead><tr><th>task</th>{head}</tr></thead>"
            f"<tbody>{''.join(body)}</tbody></table>")


def _errors(run: RunData) -> str:
    bad = [e for e in run.episodes if e.result.error_type]
    if not bad:
        return "<h2>Errors</h2><p>none</p>"
    rows = [[f'<a href="episodes/{esc(e.id)}.html">{esc(e.task)}</a>', esc(e.mode),
             str(e.attempt), esc(e.result.error_phase), esc(e.result.error_type),
             esc((e.result.error_message or "")[:300]) or absent()] for e in bad]
    return "<h2>Errors</h2>" + table(["task", "mode", "attempt", "phase", "type", "message"], rows)


def render_run(run: RunData) -> str:
    body = _head(run) + _tables(run) + _charts(run) + _grid(run) + _errors(run)
    return page(f"HALO run {run.run_id}", body, script=SCRIPT)
