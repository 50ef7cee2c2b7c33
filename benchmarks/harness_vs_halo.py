"""agisdk's own `harness` (its DemoAgent) against `halo eval subset`: same tasks, same
LLM double, same local sites; wall time and steps per episode, and their ratios.

The double (tests/llm_double.py, zero latency) scrolls `--steps - 1` times then finishes,
for either agent, so the steps match by design and the wall-time ratio is the cost of
each harness per episode: env start-up, observation processing, prompting, bookkeeping.
agisdk's harness has no switch for other site URLs; for this script only, its web-clone
task is pointed at the local sites after it reads the task JSON (what HALO's
LocalWebCloneTask does), and its token statistics use HALO's offline-safe counter.

Run: .venv/bin/python benchmarks/harness_vs_halo.py [--tasks gomail-1,omnizon-3] [--steps 3]
"""

from __future__ import annotations

import argparse
import csv
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

from benchmarks.throughput import counting_script  # noqa: E402
from halo_cli.task_id import TaskId  # noqa: E402
from tests.support.llm_double import LLMDouble  # noqa: E402


def point_agisdk_at(root: str) -> None:
    """Make agisdk's AbstractWebCloneTask use `root/<site>` instead of the hosted URL."""
    from agisdk.REAL.browsergym.webclones.base import AbstractWebCloneTask

    original = AbstractWebCloneTask.__init__

    def local_init(self: Any, *args: Any, **kwargs: Any) -> None:
        original(self, *args, **kwargs)
        self.url = f"{root}/{self.task_name.rsplit('-', 1)[0]}"

    AbstractWebCloneTask.__init__ = local_init  # type: ignore[method-assign]


def offline_token_counts() -> None:
    """agisdk's stats count tokens with tiktoken, which downloads its tables on first use;
    offline that raises inside every episode. Use HALO's counter (it falls back to an
    estimate) instead; the figures only feed agisdk's summary, not the timings."""
    from agisdk.REAL.browsergym.experiments import loop

    from halo_cli.obs.tokens import count_tokens

    loop.count_tokens = lambda text, model="gpt-4": count_tokens(text)  # type: ignore[assignment]


def run_harness(tasks: list[str], steps: int, out_dir: Path) -> list[dict[str, float]]:
    """agisdk's harness, sequential (num_workers=1), DemoAgent on gpt-4o-mini (the double)."""
    from agisdk.REAL.harness import harness

    from halo_cli.harness.browser import activate
    from halo_cli.sites.registry import all_sites
    from halo_cli.sites.server import start_server

    activate(None, out_dir / "data")
    server = start_server(all_sites())
    point_agisdk_at(f"http://{server.host}:{server.port}")
    offline_token_counts()
    try:
        h = harness(model="gpt-4o-mini", headless=True, max_steps=steps + 2, use_cache=False,
                    results_dir=str(out_dir / "harness"), num_workers=1, task_version="v2")
        got = []
        for task in tasks:  # one at a time, so each record's wall time is the episode's
            start = time.perf_counter()
            rec = h.run(tasks=[task])[task]
            got.append({"wall": rec.get("elapsed_time") or time.perf_counter() - start,
                        "steps": float(rec.get("n_steps", 0)), "reward": rec.get("cum_reward", 0),
                        "error": rec.get("err_msg") is not None})
        return got
    finally:
        server.stop()


def run_halo(tasks: list[str], steps: int, llm: LLMDouble, out_dir: Path) -> list[dict[str, float]]:
    env = {**os.environ, "OPENAI_BASE_URL": llm.url, "OPENAI_API_KEY": "sk-bench",
           "HALO_RESULTS_DIR": str(out_dir / "results"), "HALO_DATA_DIR": str(out_dir / "data"),
           "NO_COLOR": "1"}
    cmd = [sys.executable, "-m", "halo_cli", "eval", "subset", "--tasks", ",".join(tasks),
           "--mode", "baseline_worker", "--workers", "1", "--max-steps", str(steps + 2),
           "--run-id", "hvh"]
    start = time.perf_counter()
    out = subprocess.run(cmd, cwd=REPO, env=env, capture_output=True, text=True)
    total = time.perf_counter() - start
    if out.returncode != 0:
        raise SystemExit(f"halo failed:\n{out.stdout[-3000:]}\n{out.stderr[-3000:]}")
    rows = list(csv.DictReader((out_dir / "results" / "hvh" / "matrix.csv").open()))
    print(f"halo eval subset: {total:.1f} s for the whole command ({total / len(rows):.1f} s per "
          "episode with CLI start, episode processes and the summary files)")
    return [{"wall": float(r["wall_time_s"]), "steps": float(r["steps"]),
             "reward": float(r["reward"]), "error": bool(r["error_type"])} for r in rows]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--tasks", default="gomail-1,gomail-2,omnizon-3")
    ap.add_argument("--steps", type=int, default=3, help="steps per episode the double scripts")
    args = ap.parse_args()
    tasks = [str(TaskId.parse(t)) for t in args.tasks.split(",")]
    os.environ.pop("RUNID", None)  # never a leaderboard submission
    with LLMDouble() as llm, tempfile.TemporaryDirectory(prefix="halo-hvh-") as tmp:
        llm.handler = counting_script(args.steps)
        os.environ.update(OPENAI_BASE_URL=llm.url, OPENAI_API_KEY="sk-bench")  # DemoAgent reads env
        halo = run_halo(tasks, args.steps, llm, Path(tmp))
        agisdk = run_harness(tasks, args.steps, Path(tmp))
    print(f"{len(tasks)} tasks ({', '.join(tasks)}), double scripts {args.steps} steps, "
          f"sequential, local sites, {os.cpu_count()} CPUs")
    for name, res in (("agisdk harness + DemoAgent", agisdk), ("halo eval subset", halo)):
        print(f"{name:<28} wall/episode median {statistics.median(r['wall'] for r in res):6.1f} s  "
              f"mean {statistics.mean(r['wall'] for r in res):6.1f} s  steps/episode "
              f"{statistics.mean(r['steps'] for r in res):4.1f}  errors {sum(r['error'] for r in res)}")
    wall_ratio = statistics.mean(r["wall"] for r in halo) / statistics.mean(r["wall"] for r in agisdk)
    agisdk_steps = statistics.mean(r["steps"] for r in agisdk)
    step_ratio = statistics.mean(r["steps"] for r in halo) / agisdk_steps if agisdk_steps else float("nan")
    print(f"halo / harness: wall time per episode x{wall_ratio:.2f}, steps per episode x{step_ratio:.2f}")


if __name__ == "__main__":
    main()
