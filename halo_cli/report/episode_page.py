"""The episode page: what ran, a timeline of steps coloured by source, and one step at a
time (screenshot, fields, what the policy saw and said); arrow keys move between steps."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from halo_cli.report.data import RunData, sites_label
from halo_cli.report.html import absent, badge, esc, facts, page
from halo_cli.report.policy_io import policy_io
from halo_cli.report.steps import fields, marks, source_class, tip
from halo_cli.runner.recorded import Episode, slug

#: (episode id, position of the step) -> screenshot path from the report root; None when
#: the trajectory names a file that is gone; no key when no screenshot was kept
Shots = dict[tuple[str, int], "str | None"]

LEGEND = ('<p class="legend"><span><i class="src-cache"></i>cache</span>'
          '<span><i class="src-macro"></i>macro</span><span><i class="src-worker"></i>Worker'
          '</span><span><i class="src-manager"></i>Manager</span><span><i class="src-other">'
          '</i>other</span><span>underlined red: action error</span><span>struck: refused'
          '</span><span>▲ Manager called</span></p>')

SCRIPT = """
(function () {
  var steps = Array.prototype.slice.call(document.querySelectorAll('section.step'));
  var marks = Array.prototype.slice.call(document.querySelectorAll('ol.timeline a'));
  if (!steps.length) return;
  document.documentElement.classList.add('js');
  var cur = 0, pos = document.getElementById('pos');
  function show(i) {
    cur = Math.max(0, Math.min(steps.length - 1, i));
    steps.forEach(function (s, k) { s.classList.toggle('active', k === cur); });
    marks.forEach(function (m, k) { m.classList.toggle('active', k === cur); });
    pos.textContent = 'step ' + (cur + 1) + ' of ' + steps.length;
    try { history.replaceState(null, '', '#' + steps[cur].id); } catch (e) {}
  }
  document.addEventListener('keydown', function (e) {
    if (e.target.closest && e.target.closest('input, select, textarea')) return;
    if (e.key === 'ArrowRight') { show(cur + 1); e.preventDefault(); }
    if (e.key === 'ArrowLeft') { show(cur - 1); e.preventDefault(); }
  });
  marks.forEach(function (m, k) {
    m.addEventListener('click', function (e) { e.preventDefault(); show(k); });
  });
  document.getElementById('prev').onclick = function () { show(cur - 1); };
  document.getElementById('next').onclick = function () { show(cur + 1); };
  var at = steps.map(function (s) { return s.id; }).indexOf(location.hash.slice(1));
  show(at < 0 ? 0 : at);
})();
"""


def _money(x: Any) -> str:
    return f"${x:.5f}" if isinstance(x, (int, float)) else absent()


def _summary(run: RunData, ep: Episode) -> str:
    r, h = ep.result, ep.header
    models = h.get("models") or run.models(ep.mode)
    model_text = ", ".join(f"{k}: {v}" for k, v in models.items() if v) or ""
    seeds = h.get("seeds") or {"task_seed": r.task_seed}
    traj = {"read": f"<code>{esc(r.trajectory_path)}</code> (schema {ep.schema}"
                    + (", actions only)" if ep.schema < 2 else ")"),
            "missing": absent(f"file missing: {r.trajectory_path}"),
            "none": absent("no trajectory kept")}[ep.kept]
    error = (f'<span class="error-text">{esc(ep.error_label)}: {esc(r.error_message)}</span>'
             if r.error_type else "none")
    return facts([
        ("mode", esc(ep.mode)), ("attempt", esc(ep.attempt)),
        ("models", esc(model_text) if model_text else absent()),
        ("seeds", esc(", ".join(f"{k}={v}" for k, v in seeds.items()))),
        ("temperature", esc(r.temperature)), ("reward", esc(r.reward)), ("steps", esc(r.steps)),
        ("wall time", f"{r.wall_time_s:.1f} s"), ("cost", _money(r.usage.cost)),
        ("LLM calls / tokens", f"{r.usage.llm_calls} / {r.usage.tokens_in + r.usage.tokens_out}"),
        ("cache hits / Manager calls", f"{r.cache_hits} / {r.manager_calls}"),
        ("sites", esc(sites_label(h.get("sites")) or run.sites_label) or absent()),
        ("error", error), ("trajectory", traj),
    ], "wide")


def screenshot_html(ep: Episode, pos: int, step: dict[str, Any], shots: Shots,
                    up: str = "../") -> str:
    """The step's screenshot, or why there is none."""
    key = (ep.id, pos)
    if key not in shots:
        return absent("no screenshot kept (--keep-screenshots or --debug keeps them)")
    if shots[key] is None:
        return absent(f"screenshot file missing: {ep.screenshot_path(step)}")
    return f'<img src="{up}{esc(shots[key])}" alt="screenshot of step {esc(step.get("index"))}">'


def _step(ep: Episode, pos: int, step: dict[str, Any], shots: Shots) -> str:
    n = len(ep.steps)
    return (f'<section class="step" id="step-{pos}"><h2>Step {pos + 1} of {n} '
            f'<small>(index {esc(step.get("index"))})</small></h2>'
            f'<div class="stepbody"><div class="shot">{screenshot_html(ep, pos, step, shots)}</div>'
            f"<div>{fields(step)}</div></div>{policy_io(step, ep.trajectory)}</section>")


def _timeline(ep: Episode) -> str:
    items = "".join(
        f'<li><a href="#step-{i}" class="{source_class(s)} {marks(s)}" title="{esc(tip(s))}">'
        f"{i + 1}</a></li>" for i, s in enumerate(ep.steps))
    return f'<ol class="timeline">{items}</ol>{LEGEND}'


def _others(ep: Episode, siblings: Sequence[Episode]) -> str:
    others = [o for o in siblings if o.id != ep.id]
    if not others:
        return ""
    links = ", ".join(f'<a href="{esc(o.id)}.html">{esc(o.mode)} #{o.attempt}</a> '
                      f"({esc(o.outcome)})" for o in others)
    return (f'<p>Same task: {links}; <a href="../tasks/{esc(slug(ep.task))}.html">'
            f"all side by side</a></p>")


def render_episode(run: RunData, ep: Episode, shots: Shots, siblings: Sequence[Episode]) -> str:
    goal = run.goals.get(ep.task)
    head = (f'<p><a href="../index.html">← run {esc(run.run_id)}</a></p>'
            f"<h1>{esc(ep.task)} · {esc(ep.mode)} #{ep.attempt} {badge(ep.outcome)}</h1>"
            f'<div class="goal">{esc(goal) if goal else absent("goal unknown")}</div>'
            f"{_others(ep, siblings)}{_summary(run, ep)}")
    if not ep.steps:
        why = {"read": "the trajectory has no step", "missing": "the trajectory file is missing",
               "none": "no trajectory was kept"}[ep.kept]
        return page(f"{ep.task} {ep.mode} #{ep.attempt}",
                    head + f"<h2>Steps</h2><p>{absent(why)}</p>", depth=1)
    nav = ('<div class="nav"><button id="prev" type="button">← previous</button>'
           '<span id="pos"></span><button id="next" type="button">next →</button>'
           "<span class=\"sub\">(or the ← → keys)</span></div>")
    body = (head + "<h2>Timeline</h2>" + _timeline(ep) + nav
            + "".join(_step(ep, i, s, shots) for i, s in enumerate(ep.steps)))
    return page(f"{ep.task} {ep.mode} #{ep.attempt}", body, depth=1, script=SCRIPT)
