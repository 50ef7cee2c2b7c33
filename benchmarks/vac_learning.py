"""The Verified Action Cache, measured: does the agent learn from its own verified successes?

Three passes over the same local tasks, starting from an empty cache (no packaged cache: no
answer key), with the simulated policy (`tests/support/policy_sim.py`: the Worker answers the
task's reference action with probability 1 - e, else a typical error; the Manager likewise
with d) served on loopback, so HALO's real client, prompts, gating and cache run and the real
eval scripts judge. `hierarchy_vac` keeps one cache across the passes (pass 2 can replay what
pass 1 verified); `hierarchy_mgr_gate` (no cache) runs the same tasks on the same luck (the
simulator's draws are seeded by task, attempt = pass, role and request number).

Per pass and mode: success with its 95% Wilson interval, LLM calls, Manager calls, cache hits
and cost per episode (list prices), and the VAC's paired difference against mgr_gate.

Run: .venv/bin/python benchmarks/vac_learning.py [--tasks gomail-17,...] [--passes 3]
     [--error 0.2] [--manager-error 0.05] [--workers 2]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
os.environ["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO), os.environ.get("PYTHONPATH"))
                                           if p)

from halo_cli.config.modes import MODES  # noqa: E402
from halo_cli.runner.models import EpisodeResult, EpisodeSpec  # noqa: E402
from halo_cli.stats import paired, rate_text  # noqa: E402
from halo_cli.task_id import TaskId  # noqa: E402
from tests.support.policy_sim import SimConfig  # noqa: E402
from tests.support.sim_episode import CONFIG_FILE  # noqa: E402

EPISODE_FN = "tests.support.sim_episode:run_sim_episode"
DEFAULT_TASKS = "gomail-17,omnizon-3,dashdish-7,opendining-7,udriver-2,topwork-2"
MODE_NAMES = ("hierarchy_mgr_gate", "hierarchy_vac")


def run_pass(k: int, args: argparse.Namespace, root: Path, data: dict[str, Path]
             ) -> list[EpisodeResult]:
    from halo_cli.config.settings import Settings
    from halo_cli.runner.pool import LocalPool
    from halo_cli.runner.store import RunStore
    from halo_cli.runner.study import execute, run_document

    settings = Settings(_env_file=None, HALO_DATA_DIR=str(root / "data"),
                        HALO_RESULTS_DIR=str(root / "results"))
    run_id = f"vac-pass{k}"
    specs = [EpisodeSpec(task_id=str(TaskId.parse(t)), run_id=run_id, attempt=k, sites="local",
                         mode=MODES[m].with_overrides(max_steps=args.max_steps),
                         data_dir=data[m], use_packaged_cache=False, cache="user")
             for m in MODE_NAMES for t in args.tasks]
    store = RunStore(root / "results", run_id)
    store.create(run_document("benchmarks/vac_learning.py", run_id, vars(args), specs, settings))
    store.lock()

    class Quiet:
        def begin(self, plan: object, done: object) -> None: ...
        def episode_started(self, spec: EpisodeSpec) -> None: ...
        def episode_finished(self, r: EpisodeResult) -> None: ...
        def stopping(self) -> None: ...
        def end(self) -> None: ...

    backend = LocalPool(settings, args.workers, store.logs.resolve(), EPISODE_FN)
    try:
        return execute(store, specs, settings, backend, Quiet(), run_id).results
    finally:
        backend.close()


def table(passes: list[list[EpisodeResult]], tasks: list[str]) -> str:
    lines = ["| pass | mode | success [95% CI] | LLM calls / ep. | Manager calls / ep. | "
             "cache hits / ep. | cost / ep. | VAC vs mgr_gate (paired) |",
             "|---|---|---|---|---|---|---|---|"]
    for k, results in enumerate(passes, start=1):
        by = {m: {r.task_id: r for r in results if r.mode == m} for m in MODE_NAMES}
        keys = [str(TaskId.parse(t)) for t in tasks]
        cmp = paired([by["hierarchy_mgr_gate"][t].success for t in keys],
                     [by["hierarchy_vac"][t].success for t in keys])
        for m in MODE_NAMES:
            rs = list(by[m].values())
            n = len(rs)

            def mean(xs: list[float], n: int = n) -> float:
                return sum(xs) / n if n else 0.0
            lines.append(
                f"| {k} | {m} | {rate_text(sum(r.success for r in rs), n)} | "
                f"{mean([r.usage.llm_calls for r in rs]):.2f} | "
                f"{mean([r.manager_calls for r in rs]):.2f} | "
                f"{mean([r.cache_hits for r in rs]):.2f} | ${mean([r.usage.cost for r in rs]):.4f} | "
                + (cmp.text() if m == "hierarchy_vac" and cmp else "") + " |")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--tasks", default=DEFAULT_TASKS)
    ap.add_argument("--passes", type=int, default=3)
    ap.add_argument("--error", type=float, default=0.2)
    ap.add_argument("--manager-error", type=float, default=0.05)
    ap.add_argument("--max-steps", type=int, default=25)
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args()
    args.tasks = [t.strip() for t in args.tasks.split(",") if t.strip()]
    with tempfile.TemporaryDirectory(prefix="halo-vac-") as tmp:
        root = Path(tmp)
        data = {}
        for m in MODE_NAMES:
            data[m] = root / "cells" / m
            data[m].mkdir(parents=True)
            cfg = SimConfig(e=args.error, d=args.manager_error, seed=0)
            (data[m] / CONFIG_FILE).write_text(json.dumps(cfg.to_dict()))
        t0 = time.monotonic()
        passes = [run_pass(k, args, root, data) for k in range(1, args.passes + 1)]
        wall = time.monotonic() - t0
    n = sum(len(p) for p in passes)
    print(f"{n} episodes ({len(args.tasks)} tasks x {len(MODE_NAMES)} modes x {args.passes} "
          f"passes), e = {args.error:g}, d = {args.manager_error:g}, --workers {args.workers}: "
          f"{wall / 60:.1f} min\n")
    print(table(passes, args.tasks))


if __name__ == "__main__":
    main()
