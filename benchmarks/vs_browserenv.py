"""`halo eval subset` against agisdk's own `BrowserEnv`, side by side in one run, on the
same 3-step episodes (scroll, scroll, send a message to the user) of the same tasks on
the same local sites.

- agisdk: a fresh `BrowserEnv` per episode, as agisdk ships it (its browser and chat
  browser launched, the task's waits, 0.5 s after each action), driven in this process
  with no agent: reset, the three steps, close. Seconds per episode, env creation to close.
- HALO: the whole `halo eval subset ... --workers 1` command (CLI start, the episode
  worker and its warm browser, every episode, the summary and report files), its wall
  time divided by the episodes, at `--attempts 1` (4 episodes) and `--attempts 4` (16);
  its Worker is the zero-latency LLM double on loopback, scripted to the same steps.
- A run's overhead: the command's wall time less the sum of its episodes' own times, in
  parts: the command around the episodes (`--resume` of the finished run: CLI start,
  planning, the summary and report, no episode), of which the end (the summary files and
  the report, timed in this process on the finished run); the first warm worker ready
  (measured alone: a worker process started, the episode code imported, its Chromium
  launched, an empty job run); and the hand-over between episodes (the rest).

Run: .venv/bin/python benchmarks/vs_browserenv.py [--tasks gomail-1,...] [--agisdk-episodes 8]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from benchmarks.throughput import counting_script, run_halo  # noqa: E402
from tests.support.llm_double import LLMDouble  # noqa: E402

DEFAULT_TASKS = "gomail-1,gomail-2,omnizon-3,omnizon-9"
STEPS = ("scroll(0, 201)", "scroll(0, 202)", "send_msg_to_user('done')")


def agisdk_episodes(tasks: list[str], episodes: int, data: Path) -> list[float]:
    """Seconds per episode of agisdk's BrowserEnv, a fresh env each time."""
    from halo_cli.harness.browser import activate
    from halo_cli.harness.envs import make_env, private_tempdir
    from halo_cli.sites.registry import all_sites
    from halo_cli.sites.server import start_server

    activate(None, data)
    server = start_server(all_sites())
    walls = []
    try:
        for i in range(episodes):
            t0 = time.perf_counter()
            with private_tempdir():
                env = make_env(tasks[i % len(tasks)], "local", f"http://{server.host}:{server.port}",
                               fresh_browser=True)
                try:
                    env.reset(seed=0)
                    for action in STEPS:
                        _, _, done, _, _ = env.step(action)
                    assert done, "the episode did not end on send_msg_to_user"
                finally:
                    env.close()
            walls.append(time.perf_counter() - t0)
    finally:
        server.stop()
    return walls


def resume_wall(run_id: str, root: Path, llm: LLMDouble) -> float:
    """Seconds of `halo eval subset --resume RUN_ID` on a finished run: everything a run
    does besides its episodes."""
    env = {**os.environ, "OPENAI_BASE_URL": llm.url, "OPENAI_API_KEY": "sk-bench",
           "HALO_RESULTS_DIR": str(root / "results"), "HALO_DATA_DIR": str(root / "data"),
           "NO_COLOR": "1"}
    start = time.perf_counter()
    out = subprocess.run([sys.executable, "-m", "halo_cli", "eval", "subset", "--resume", run_id],
                         cwd=REPO, env=env, capture_output=True, text=True)
    if out.returncode != 0:
        raise SystemExit(f"halo --resume failed:\n{out.stdout[-2000:]}\n{out.stderr[-2000:]}")
    return time.perf_counter() - start


def empty_episode(spec: Any, settings: Any, **_: Any) -> Any:
    """An episode that does nothing: what a worker's first job costs besides the episode."""
    from halo_cli.runner.models import EpisodeResult

    return EpisodeResult(task_id=spec.task_id, mode=spec.mode.name, attempt=spec.attempt)


def end_of_run(results: Path, run_id: str) -> float:
    """Seconds a finished run's end takes: matrix.csv/.md and errors rebuilt, the report."""
    from halo_cli.report.build import report_run
    from halo_cli.runner.store import RunStore

    store = RunStore(results, run_id)
    start = time.perf_counter()
    store.write_outputs(store.plan())
    report_run(results, run_id, None, ())
    return time.perf_counter() - start


def worker_ready(data: Path) -> float:
    """Seconds from starting a warm episode worker to the result of an empty first job."""
    from halo_cli.config.modes import MODES
    from halo_cli.config.settings import load_settings
    from halo_cli.runner.isolate import EpisodeWorker, run_on
    from halo_cli.runner.models import EpisodeSpec

    settings = load_settings(env_file=os.devnull).model_copy(update={"data_dir": data})
    spec = EpisodeSpec(task_id="v2.gomail-1", mode=MODES["baseline_worker"], run_id="ready")
    start = time.perf_counter()
    worker = EpisodeWorker(settings, "ready", "benchmarks.vs_browserenv:empty_episode",
                           warm_browser=True)
    try:
        run_on(worker, spec, data / "ready.log")
        return time.perf_counter() - start
    finally:
        worker.stop()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--tasks", default=DEFAULT_TASKS)
    ap.add_argument("--agisdk-episodes", type=int, default=8)
    ap.add_argument("--attempts", type=int, nargs="+", default=[1, 4])
    args = ap.parse_args()
    names = args.tasks.split(",")
    from halo_cli.task_id import TaskId

    tasks = [str(TaskId.parse(t)) for t in names]
    os.environ.pop("RUNID", None)
    with LLMDouble() as llm, tempfile.TemporaryDirectory(prefix="halo-vs-") as tmp:
        llm.handler = counting_script(len(STEPS))
        agisdk = agisdk_episodes(tasks, args.agisdk_episodes, Path(tmp) / "agisdk")
        ready = statistics.median(worker_ready(Path(tmp) / "agisdk") for _ in range(3))
        base = statistics.mean(agisdk)
        print(f"{len(tasks)} tasks ({', '.join(tasks)}), 3 steps each, local sites, "
              f"{os.cpu_count()} CPUs, load {os.getloadavg()[0]:.1f}")
        print(f"agisdk BrowserEnv, fresh per episode ({len(agisdk)} episodes): mean "
              f"{base:.2f} s, median {statistics.median(agisdk):.2f} s per episode")
        for attempts in args.attempts:
            res = run_halo(args.tasks, len(STEPS), 1, llm, Path(tmp) / f"a{attempts}",
                           attempts=attempts)
            rows = res["rows"]
            n, wall = len(rows), res["wall"]
            walls = [float(r["wall_time_s"]) for r in rows]
            own = sum(walls)
            steps = statistics.mean(int(r["steps"]) for r in rows)
            around = resume_wall("tp-w1", Path(tmp) / f"a{attempts}", llm)
            end = end_of_run(Path(tmp) / f"a{attempts}" / "results", "tp-w1")
            overhead = wall - own
            handover = overhead - around - ready
            print(f"halo eval subset --workers 1 --attempts {attempts} ({n} episodes, {steps:.1f} "
                  f"steps each): {wall:.1f} s, {wall / n:.2f} s per episode (x{wall / n / base:.2f} "
                  f"of agisdk's env); an episode's own: first {walls[0]:.2f} s, median "
                  f"{statistics.median(walls):.2f} s (x{statistics.median(walls) / base:.2f}); "
                  f"overhead {overhead:.1f} s: the command around the episodes {around:.1f} s "
                  f"(start-up {around - end:.1f} s, the end: summary files and report "
                  f"{end * 1000:.0f} ms), "
                  f"the first warm worker ready {ready:.1f} s, hand-over {handover:.1f} s "
                  f"({handover / n * 1000:.0f} ms per episode)")


if __name__ == "__main__":
    main()
