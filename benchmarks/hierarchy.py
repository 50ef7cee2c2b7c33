"""The hierarchy, measured: each mode against a simulated Worker with error rate e and a
simulated Manager with error rate d, on the local sites.

The simulated policy (`tests/policy_sim.py`) answers the task's reference action for the
page the agent is on with probability 1 - e (Manager: 1 - d), else one of the errors web
agents make (a wrong element of the same role, a premature `send_msg_to_user`, repeating
its last action, an invalid answer, an off-site `goto`). It is served on loopback, so
HALO's real client, prompts, parsing, repair, gating, cache and the real eval scripts run;
tokens are counted as OpenAI bills them and priced at list prices (gpt-4o-mini Worker,
gpt-4o Manager).

All cells run as ONE run of the run engine (`runner.study.execute`, local pool, warm
browsers): a cell is (mode, e, finish trigger on/off), with its own data dir, so each VAC
mode starts from an empty user cache (no packaged cache) and learns within its cell.
Writes docs/hierarchy.csv and docs/hierarchy.svg; prints the README tables.

Run: .venv/bin/python benchmarks/hierarchy.py [--tasks gomail-17,...] [--seeds 2]
     [--errors 0,0.1,0.2,0.3] [--manager-error 0.05] [--workers 2] [--out docs]
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
# the episode workers import the simulator (tests/) by module path
os.environ["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO), os.environ.get("PYTHONPATH"))
                                           if p)

from benchmarks.svg_chart import Series, line_chart  # noqa: E402
from halo_cli.config.modes import MODES, ManagerTriggers, Mode  # noqa: E402
from halo_cli.runner.models import EpisodeResult, EpisodeSpec  # noqa: E402
from halo_cli.stats import rate_text  # noqa: E402
from halo_cli.task_id import TaskId  # noqa: E402
from tests.support.policy_sim import KINDS, SimConfig  # noqa: E402
from tests.support.sim_episode import CONFIG_FILE, SIM_SUFFIX  # noqa: E402

MODE_NAMES = ("baseline_worker", "hierarchy_mgr_gate", "hierarchy_vac", "hierarchy_vac_macros")
#: one task on each of four local sites, 4 to 6 reference steps, three with an irreversible
#: step (19 cells x 4 tasks x 2 seeds = 152 episodes: under 20 minutes on 2 busy cores)
DEFAULT_TASKS = "gomail-17,omnizon-3,dashdish-7,opendining-7"
TRIGGERS = ("error", "loop", "no_progress", "invalid_action", "high_stakes", "finish")
#: triggers that review a Worker proposal: "needed" when the proposal was an error
REVIEWS = ("high_stakes", "finish")
EPISODE_FN = "tests.support.sim_episode:run_sim_episode"


@dataclass(frozen=True)
class Cell:
    mode: str
    e: float
    finish: bool = True
    stakes: bool = True  # the high_stakes trigger

    @property
    def name(self) -> str:  # the mode name the run records (unique per cell)
        return (f"{self.mode}@e{self.e:g}" + ("" if self.finish else "-nofinish")
                + ("" if self.stakes else "-nostakes"))

    def agent_mode(self, max_steps: int) -> Mode:
        base = MODES[self.mode]
        triggers = base.manager_triggers.model_copy(
            update={"on_finish": self.finish, "on_high_stakes": self.stakes})
        return base.with_overrides(name=self.name, max_steps=max_steps,
                                   manager_triggers=ManagerTriggers(**triggers.model_dump()))


@dataclass
class Row:
    """One cell's figures."""

    cell: Cell
    results: list[EpisodeResult]
    triggers: Counter = field(default_factory=Counter)
    kinds: Counter = field(default_factory=Counter)  # the simulated Worker's answers
    caught: Counter = field(default_factory=Counter)  # reviews of a wrong proposal

    def mean(self, values: list[float]) -> float:
        return sum(values) / len(values) if values else 0.0

    @property
    def n(self) -> int:
        return len(self.results)

    @property
    def success(self) -> float:
        return self.mean([float(r.success) for r in self.results])

    def figures(self) -> dict[str, object]:
        rs = self.results
        steps = sum(r.steps for r in rs)
        return {
            "mode": self.cell.mode, "e": self.cell.e, "finish_trigger": self.cell.finish,
            "high_stakes_trigger": self.cell.stakes,
            "episodes": self.n, "success": round(self.success, 3),
            "steps": round(self.mean([r.steps for r in rs]), 2),
            "manager_calls": round(self.mean([r.manager_calls for r in rs]), 2),
            "manager_rate": round(sum(r.manager_calls for r in rs) / steps, 3) if steps else 0,
            "llm_calls": round(self.mean([r.usage.llm_calls for r in rs]), 2),
            "cache_hits": round(self.mean([r.cache_hits for r in rs]), 2),
            "cost_usd": round(self.mean([r.usage.cost for r in rs]), 4),
            "errors": sum(1 for r in rs if r.error_type),
            **{f"t_{t}": round(self.triggers[t] / self.n, 2) if self.n else 0 for t in TRIGGERS},
            **{f"w_{k}": self.kinds[k] for k in ("correct", *KINDS)},
            **{f"needed_{t}": self.caught[t] for t in REVIEWS},
        }


def cells(errors: list[float], no_finish_at: list[float],
          modes: tuple[str, ...] = MODE_NAMES, no_stakes_at: tuple[float, ...] = ()
          ) -> list[Cell]:
    out = [Cell(m, e) for e in errors for m in modes]
    out += [Cell(m, e, finish=False) for e in no_finish_at for m in modes
            if MODES[m].manager]
    out += [Cell("hierarchy_mgr_gate", e, stakes=False) for e in no_stakes_at]
    return out


def plan(all_cells: list[Cell], tasks: list[str], seeds: int, manager_error: float,
         max_steps: int, root: Path, run_id: str) -> list[EpisodeSpec]:
    """Cell by cell, seed by seed, task by task: a task's next seed starts only after every
    other task of the cell has started (so a VAC cell can replay what it learned)."""
    specs = []
    for i, cell in enumerate(all_cells):
        data = root / f"cell{i:02d}"
        data.mkdir(parents=True)
        config = SimConfig(e=cell.e, d=manager_error, seed=0)
        (data / CONFIG_FILE).write_text(json.dumps(config.to_dict()))
        mode = cell.agent_mode(max_steps)
        specs += [EpisodeSpec(task_id=str(TaskId.parse(t)), mode=mode, run_id=run_id, attempt=s,
                              sites="local", data_dir=data, use_packaged_cache=False)
                  for s in range(1, seeds + 1) for t in tasks]
    return specs


def triggers_of(result: EpisodeResult) -> tuple[Counter, Counter, Counter]:
    """(triggers fired, the simulated Worker's answers by kind, reviews of a wrong Worker
    proposal by trigger) of one episode."""
    from halo_cli.trajectory.reader import read_trajectory

    fired: Counter = Counter()
    kinds: Counter = Counter()
    caught: Counter = Counter()
    try:
        steps = [r for r in read_trajectory(result.trajectory_path or "")
                 if r.get("type") == "step"]
        answers = json.loads(Path((result.trajectory_path or "") + SIM_SUFFIX).read_text())
    except (OSError, ValueError):
        return fired, kinds, caught
    for rec in steps:
        fired.update(rec.get("triggers") or [])
    consulted = [r["trigger"] for r in steps if r.get("manager_called")]
    worker, step, repaired = "correct", 0, False
    for a in answers:  # each Manager answer follows the Worker's proposal it reviews
        if a["role"] == "worker":
            kinds[a["kind"]] += 1
            worker = a["kind"]
            continue
        if a["kind"] == "invalid" and not repaired:
            repaired = True  # its repair answer belongs to the same step
            continue
        if step < len(consulted) and consulted[step] in REVIEWS and worker != "correct":
            caught[consulted[step]] += 1
        step, repaired = step + 1, False
    return fired, kinds, caught


def run(args: argparse.Namespace, root: Path) -> list[Row]:
    from halo_cli.config.settings import Settings
    from halo_cli.runner.pool import LocalPool
    from halo_cli.runner.store import RunStore
    from halo_cli.runner.study import execute, run_document

    all_cells = cells(args.errors, args.no_finish_at, args.modes, args.no_stakes_at)
    settings = Settings(_env_file=None, HALO_DATA_DIR=str(root / "data"),
                        HALO_RESULTS_DIR=str(root / "results"))
    run_id = "hierarchy"
    specs = plan(all_cells, args.tasks, args.seeds, args.manager_error, args.max_steps,
                 root / "cells", run_id)
    store = RunStore(root / "results", run_id)
    store.create(run_document("benchmarks/hierarchy.py", run_id, vars(args) | {
        "errors": args.errors}, specs, settings))
    store.lock()
    print(f"{len(specs)} episodes: {len(all_cells)} cells x {len(args.tasks)} tasks x "
          f"{args.seeds} seeds, --workers {args.workers}", flush=True)
    backend = LocalPool(settings, args.workers, store.logs.resolve(), EPISODE_FN)
    done = [0]

    class Progress:
        def begin(self, plan: object, done: object) -> None: ...
        def episode_started(self, spec: EpisodeSpec) -> None: ...
        def stopping(self) -> None: ...
        def end(self) -> None: ...

        def episode_finished(self, r: EpisodeResult) -> None:
            done[0] += 1
            if done[0] % 10 == 0 or r.error_type:
                err = f"  {r.error_type}: {(r.error_message or '')[:120]}" if r.error_type else ""
                print(f"  {done[0]}/{len(specs)} {r.mode} {r.task_id} reward {r.reward:g}"
                      f"{err}", flush=True)

    outcome = execute(store, specs, settings, backend, Progress(), "hierarchy")
    by_mode: dict[str, list[EpisodeResult]] = {}
    for r in outcome.results:
        by_mode.setdefault(r.mode, []).append(r)
    rows = []
    for cell in all_cells:
        rs = by_mode.get(cell.name, [])
        row = Row(cell, rs)
        for r in rs:
            fired, kinds, caught = triggers_of(r)
            row.triggers.update(fired)
            row.kinds.update(kinds)
            row.caught.update(caught)
        rows.append(row)
    return rows


def markdown(rows: list[Row], e_focus: float) -> str:
    head = ("| mode | e | finish trigger | success | steps | Manager calls / episode | "
            "Manager calls / step | cost / episode | triggers / episode |\n"
            "|---|---|---|---|---|---|---|---|---|\n")
    lines = []
    for row in rows:
        f = row.figures()
        fired = ", ".join(f"{t} {f[f't_{t}']}" for t in TRIGGERS if f[f"t_{t}"]) or "none"
        finish = "n/a" if row.cell.mode == "baseline_worker" else (
            "on" if row.cell.finish else "off") + ("" if row.cell.stakes else " (no high_stakes)")
        lines.append(f"| {row.cell.mode} | {row.cell.e:g} | {finish} | "
                     f"{rate_text(sum(r.success for r in row.results), row.n)} | "
                     f"{f['steps']} | {f['manager_calls']} | {f['manager_rate']:.2f} | "
                     f"${f['cost_usd']:.4f} | {fired} |")
    reviews = []
    for row in rows:
        if row.triggers["high_stakes"] or row.triggers["finish"]:
            reviews.append(f"| {row.cell.mode} | {row.cell.e:g} | " + " | ".join(
                f"{row.caught[t]}/{row.triggers[t]}" for t in REVIEWS) + " |")
    focus = [x for x, r in zip(lines, rows, strict=True) if r.cell.e == e_focus]
    return (f"At e = {e_focus:g}:\n\n" + head + "\n".join(focus) + "\n\nEvery cell:\n\n" + head
            + "\n".join(lines) + "\n\nReviews of a wrong Worker proposal / reviews:\n\n"
            "| mode | e | high_stakes | finish |\n|---|---|---|---|\n" + "\n".join(reviews)
            + "\n")


def chart(rows: list[Row], errors: list[float], manager_error: float, n: int) -> str:
    series = []
    for mode in MODE_NAMES:
        pts = sorted((r.cell.e, r.success) for r in rows if r.cell.mode == mode and r.cell.finish)
        if pts:
            series.append(Series(mode, pts))
    for i, mode in enumerate(MODE_NAMES[1:], start=1):
        pts = sorted((r.cell.e, r.success) for r in rows
                     if r.cell.mode == mode and not r.cell.finish)
        if pts:
            from benchmarks.svg_chart import COLOURS

            series.append(Series(f"{mode}, no finish", pts, dashed=True, colour=COLOURS[i]))
    return line_chart(series, title=f"Success vs Worker error rate e (Manager d = "
                      f"{manager_error:g}; {n} episodes per point)",
                      x_label="Worker error rate e", y_label="success rate", xs=errors)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    floats = lambda s: [float(x) for x in s.split(",") if x]  # noqa: E731
    ap.add_argument("--tasks", default=DEFAULT_TASKS, type=lambda s: s.split(","))
    ap.add_argument("--seeds", type=int, default=2)
    ap.add_argument("--modes", type=lambda s: tuple(s.split(",")), default=MODE_NAMES)
    ap.add_argument("--errors", type=floats, default=[0.0, 0.1, 0.2, 0.3])
    ap.add_argument("--no-finish-at", type=floats, default=[0.2],
                    help="error rates at which the hierarchy modes also run without the "
                         "finish trigger")
    ap.add_argument("--no-stakes-at", type=floats, default=[],
                    help="error rates at which hierarchy_mgr_gate also runs without the "
                         "high_stakes trigger")
    ap.add_argument("--manager-error", type=float, default=0.05)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--max-steps", type=int, default=25, help="the runbook's speed budget")
    ap.add_argument("--out", type=Path, default=REPO / "docs")
    ap.add_argument("--keep", type=Path, help="a new folder to keep the run and trajectories in")
    ap.add_argument("--focus", type=float, default=0.2, help="the e of the first table")
    args = ap.parse_args()
    start = time.monotonic()
    if args.keep is not None:
        args.keep.mkdir(parents=True, exist_ok=False)
        rows = run(args, args.keep)
    else:
        with tempfile.TemporaryDirectory(prefix="halo-hier-") as tmp:
            rows = run(args, Path(tmp))
    wall = time.monotonic() - start
    args.out.mkdir(parents=True, exist_ok=True)
    with (args.out / "hierarchy.csv").open("w", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0].figures()))
        writer.writeheader()
        writer.writerows(r.figures() for r in rows)
    n = len(args.tasks) * args.seeds
    (args.out / "hierarchy.svg").write_text(chart(rows, args.errors, args.manager_error, n))
    print(markdown(rows, args.focus))
    print(f"{sum(r.n for r in rows)} episodes in {wall / 60:.1f} min; wrote "
          f"{args.out / 'hierarchy.csv'} and {args.out / 'hierarchy.svg'}")


if __name__ == "__main__":
    main()
