"""What full step records cost: bytes on disk, the writer's time per step, export speed.

Plays local tasks' reference solutions in the real env (one episode loop, real Chromium,
local sites) through the HALO agent, its Worker an in-process zero-latency model that
answers the reference's next action, so every step is an LLM step with the full record.
Each task runs three times: twice to success, once giving up at the first step (a
failure, so DPO has pairs), with screenshots kept; and once more without screenshots.

Measured:
- bytes per step and per episode: the JSONL, and the screenshot files (deduplicated
  by content hash within an episode);
- the trajectory writer's time per step (`TrajectoryWriter.step`: packing the request,
  images to files, JSON, scrubbing, flush), next to the agent's own time per step
  (`HaloAgent.act` + `observe_result`, no env step, no LLM; target p50 < 20 ms);
- export throughput of `export_sft` / `export_dpo` (examples per second; `datasets`
  already imported).

Run: .venv/bin/python benchmarks/trajectory_records.py [--tasks gomail-24,gocalendar-10]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

DEFAULT_TASKS = "gomail-24,gocalendar-10,omnizon-3,staynb-15"
GIVE_UP = "```send_msg_to_user('Done.')```"


def _pct(xs: list[float], q: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(q * len(xs)))]


def run_task(solution: Any, base_url: str, data: Path, run_id: str, attempt: int,
             screenshots: bool, give_up: bool, timing: dict[str, list[float]]) -> Any:
    from halo_cli.agent.orchestrator import HaloAgent
    from halo_cli.config.modes import MODES
    from halo_cli.harness.replay import ScriptedWorker
    from halo_cli.policy.llm import LLMResult
    from halo_cli.runner.episode import run_episode
    from halo_cli.runner.models import EpisodeSpec
    from halo_cli.task_id import TaskId
    from halo_cli.trajectory import writer as writer_mod

    worker = ScriptedWorker(solution)
    if give_up:
        worker.complete = lambda messages, **_: LLMResult(GIVE_UP, 0, 0, 0.0, 0.0, "give-up")

    class Timed(HaloAgent):
        def act(self, obs: dict) -> Any:
            worker.obs = obs
            t0 = time.perf_counter()
            decision = super().act(obs)
            timing["agent"].append((time.perf_counter() - t0) * 1000)
            return decision

        def observe_result(self, obs_after: dict, error: str | None = None) -> Any:
            t0 = time.perf_counter()
            verdict = super().observe_result(obs_after, error)
            if timing["agent"]:
                timing["agent"][-1] += (time.perf_counter() - t0) * 1000
            return verdict

    step = writer_mod.TrajectoryWriter.step

    def timed_step(self: Any, *a: Any, **kw: Any) -> None:
        t0 = time.perf_counter()
        step(self, *a, **kw)
        timing["write_shots" if screenshots else "write"].append((time.perf_counter() - t0) * 1000)

    writer_mod.TrajectoryWriter.step = timed_step  # type: ignore[method-assign]
    mode = MODES["baseline_worker"].with_overrides(max_steps=30)
    spec = EpisodeSpec(task_id=str(TaskId.parse(solution.task)), mode=mode, run_id=run_id, attempt=attempt,
                       sites="local", sites_url=base_url, data_dir=data,
                       keep_screenshots=screenshots)
    try:
        return run_episode(spec, lambda spec, obs, res: Timed(
            spec.mode, worker, None, None, site=TaskId.parse(spec.task_id).site,
            goal=str(obs["goal"]), start_url=str(obs["url"])))
    finally:
        writer_mod.TrajectoryWriter.step = step  # type: ignore[method-assign]


def sizes(results: list[Any]) -> dict[str, list[float]]:
    out: dict[str, list[float]] = {"jsonl_step": [], "jsonl_ep": [], "shots_ep": [], "shots_step": []}
    for r in results:
        if r.reward <= 0:  # per-episode figures compare the same (successful) episodes
            continue
        path = Path(r.trajectory_path)
        shots = path.with_suffix("")
        jsonl = path.stat().st_size
        images = sum(f.stat().st_size for f in shots.iterdir()) if shots.is_dir() else 0
        out["jsonl_ep"].append(jsonl)
        out["shots_ep"].append(images)
        out["jsonl_step"].append(jsonl / max(1, r.steps))
        out["shots_step"].append(images / max(1, r.steps))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--tasks", default=DEFAULT_TASKS, help="comma list of local task names")
    args = ap.parse_args()

    from halo_cli.errors import UserError
    from halo_cli.export.dpo import export_dpo
    from halo_cli.export.sft import SftOptions, export_sft
    from halo_cli.harness.browser import activate
    from halo_cli.harness.envs import quiet_agisdk
    from halo_cli.harness.replay import site_solutions
    from halo_cli.runner.store import RunStore
    from halo_cli.sites.registry import all_sites
    from halo_cli.sites.server import start_server

    quiet_agisdk()
    wanted = args.tasks.split(",")
    timing: dict[str, list[float]] = {"agent": [], "write": [], "write_shots": []}
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        activate(None, root)
        sites = all_sites()
        refs = {s.task: s for site in sites for s in site_solutions(site)[0]}
        server = start_server(sites)
        base = f"http://{server.host}:{server.port}"
        kept, bare = [], []
        try:
            for task in wanted:
                for attempt, give_up in ((1, False), (2, False), (3, True)):
                    kept.append(run_task(refs[task], base, root / "data", "kept", attempt,
                                         True, give_up, timing))
                bare.append(run_task(refs[task], base, root / "data", "bare", 1, False,
                                     False, timing))
                print(f"{task}: rewards {[r.reward for r in kept[-3:]]}, steps "
                      f"{[r.steps for r in kept[-3:]]}", flush=True)
        finally:
            server.stop()
        store = RunStore(root / "results", "kept")
        store.create({"run_id": "kept", "command": "benchmark", "plan": []})
        for r in kept:
            store.append(r)
        import datasets  # noqa: F401  (imported once, outside the timing)

        rates = {}
        # the run is of v2 tasks: allowed here (the figure is throughput, nothing trains)
        sft_opts = SftOptions(allow_test_tasks=True)
        for kind, fn in (("sft", lambda o: export_sft(root / "results", ["kept"], o, sft_opts)),
                         ("dpo", lambda o: export_dpo(root / "results", ["kept"], o,
                                                      allow_test_tasks=True))):
            t0 = time.perf_counter()
            try:
                n = fn(root / kind).examples
            except UserError as exc:
                print(f"{kind}: {exc}")
                continue
            rates[kind] = (n, n / (time.perf_counter() - t0))
        _report(sizes(kept), sizes(bare), timing, rates)


def _report(kept: dict, bare: dict, timing: dict, rates: dict) -> None:
    kb = 1024
    med = statistics.median
    print(f"\nsuccessful episodes, per step (median over {len(kept['jsonl_step'])}): JSONL "
          f"{med(kept['jsonl_step']) / kb:.1f} KB, screenshots {med(kept['shots_step']) / kb:.1f} KB;"
          f" without screenshots: JSONL {med(bare['jsonl_step']) / kb:.1f} KB")
    print(f"per episode: JSONL {med(kept['jsonl_ep']) / kb:.1f} KB + screenshots "
          f"{med(kept['shots_ep']) / kb:.1f} KB = "
          f"{(med(kept['jsonl_ep']) + med(kept['shots_ep'])) / kb:.1f} KB; without screenshots "
          f"{med(bare['jsonl_ep']) / kb:.1f} KB")
    for key, label in (("agent", "agent's own time (act + observe_result)"),
                       ("write_shots", "trajectory writer, screenshots kept"),
                       ("write", "trajectory writer, no screenshots")):
        xs = timing[key]
        print(f"{label}: p50 {med(xs):.1f} ms, p95 {_pct(xs, 0.95):.1f} ms ({len(xs)} steps)")
    for kind, (n, rate) in rates.items():
        print(f"export {kind}: {n} rows, {rate:.0f} rows/s")


if __name__ == "__main__":
    main()
