"""Episodes per hour of `halo eval subset` on the local sites, at --workers 1 and 2, with
warm browsers (the default) and with `--fresh-browser` (agisdk's env as is: the baseline),
and the peak memory per worker (RSS of the worker process and its Chromium processes).

The LLM is the zero-latency double (tests/llm_double.py) on loopback; each episode takes
`--steps` steps (scrolls, then `send_msg_to_user`), so the figure is the cost of the
runner, the env and the browsers, not of a model.

Episodes/hour counts the whole command's wall time (CLI start, workers, browsers, summary
and report files); each task runs `--attempts` times, as a rollout batch does.

Run: .venv/bin/python benchmarks/throughput.py [--tasks gomail-1,...] [--steps 3] [--workers 1 2]
     [--attempts 3]
"""

from __future__ import annotations

import argparse
import csv
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.support.llm_double import LLMDouble  # noqa: E402

DEFAULT_TASKS = "gomail-1,gomail-2,gomail-4,omnizon-3,dashdish-1,staynb-1,opendining-1,networkin-1"


class PeakMemory:
    """Samples, every 0.3 s, the RSS of each worker of a run (the worker process and every
    process it started, found by the run's marker) and keeps each worker's peak."""

    def __init__(self, run_id: str) -> None:
        import threading

        from halo_cli.runner.isolate import run_token

        self.prefix = run_token(run_id)
        self.peaks: dict[str, int] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _loop(self) -> None:
        from halo_cli.runner import procs

        while not self._stop.wait(0.3):
            per_worker: dict[str, int] = {}
            for pid in procs.marked(self.prefix, prefix=True):
                token, rss = _token_and_rss(pid)
                if token:
                    per_worker[token] = per_worker.get(token, 0) + rss
            for token, rss in per_worker.items():
                self.peaks[token] = max(self.peaks.get(token, 0), rss)

    @property
    def peak_mb(self) -> float:
        return max(self.peaks.values(), default=0) / 1024


def _token_and_rss(pid: int) -> tuple[str | None, int]:
    """(HALO_EPISODE_TOKEN of the process, its RSS in kB)."""
    try:
        env = Path(f"/proc/{pid}/environ").read_bytes().split(b"\0")
        token = next((e.split(b"=", 1)[1].decode() for e in env
                      if e.startswith(b"HALO_EPISODE_TOKEN=")), None)
        status = Path(f"/proc/{pid}/status").read_text()
        rss = int(re.search(r"VmRSS:\s+(\d+)", status).group(1)) if "VmRSS" in status else 0
        return token, rss
    except (OSError, AttributeError, ValueError):
        return None, 0


def counting_script(steps: int):  # -> handler for LLMDouble
    """Scroll `steps - 1` times (scroll(0, 201), (0, 202), ...), then finish.

    The step reached is read back from the prompt (both HALO and agisdk's DemoAgent show
    past actions), so one double serves many concurrent episodes.
    """

    def handler(body: dict[str, Any]) -> str:
        text = "\n".join(
            m["content"] if isinstance(m.get("content"), str)
            else "\n".join(p.get("text", "") for p in m.get("content") or [] if isinstance(p, dict))
            for m in body.get("messages", [])
        )
        done = max((int(k) - 200 for k in re.findall(r"scroll\(0, (2\d\d)\)", text)), default=0)
        if done + 1 < steps:
            return f"scroll(0, {201 + done})"
        return "send_msg_to_user('done')"

    return handler


def run_halo(tasks: str, steps: int, workers: int, llm: LLMDouble, root: Path,
             fresh: bool = False, attempts: int = 1) -> dict[str, Any]:
    run_id = f"tp-w{workers}" + ("-fresh" if fresh else "")
    env = {**os.environ, "OPENAI_BASE_URL": llm.url, "OPENAI_API_KEY": "sk-bench",
           "HALO_RESULTS_DIR": str(root / "results"), "HALO_DATA_DIR": str(root / "data"),
           "NO_COLOR": "1"}
    cmd = [sys.executable, "-m", "halo_cli", "eval", "subset", "--tasks", tasks, "--mode",
           "baseline_worker", "--workers", str(workers), "--max-steps", str(steps + 2),
           "--attempts", str(attempts), "--run-id", run_id,
           *(["--fresh-browser"] if fresh else [])]
    start = time.perf_counter()
    with PeakMemory(run_id) as mem:
        out = subprocess.run(cmd, cwd=REPO, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - start
    if out.returncode != 0:
        raise SystemExit(f"halo failed ({out.returncode}):\n{out.stdout[-3000:]}\n{out.stderr[-3000:]}")
    rows = list(csv.DictReader((root / "results" / run_id / "matrix.csv").open()))
    return {"wall": wall, "rows": rows, "peak_mb": mem.peak_mb}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--tasks", default=DEFAULT_TASKS)
    ap.add_argument("--steps", type=int, default=3, help="steps per episode")
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--attempts", type=int, default=3,
                    help="episodes per task (a rollout batch; amortises the run's start-up)")
    args = ap.parse_args()
    n = len(args.tasks.split(",")) * args.attempts
    print(f"{n} episodes per run ({args.tasks} x {args.attempts}), {args.steps} steps each, "
          "baseline_worker, "
          f"zero-latency LLM double, local sites, {os.cpu_count()} CPUs")
    with LLMDouble() as llm, tempfile.TemporaryDirectory(prefix="halo-bench-") as tmp:
        llm.handler = counting_script(args.steps)
        base = None
        for fresh in (True, False):
            for w in args.workers:
                res = run_halo(args.tasks, args.steps, w, llm, Path(tmp), fresh, args.attempts)
                ok = [r for r in res["rows"] if not r["error_type"]]
                per_hour = len(res["rows"]) / res["wall"] * 3600
                base = base or per_hour
                ep_wall = sorted(float(r["wall_time_s"]) for r in res["rows"])
                steps = sorted(int(r["steps"]) for r in res["rows"])
                name = "fresh browser" if fresh else "warm browser "
                print(f"{name} --workers {w}: {res['wall']:6.1f} s total, {per_hour:6.0f} "
                      f"episodes/hour (x{per_hour / base:.2f} vs fresh w1), median episode "
                      f"{ep_wall[len(ep_wall) // 2]:.1f} s, median steps {steps[len(steps) // 2]}, "
                      f"{len(ok)}/{len(res['rows'])} without error, peak per worker "
                      f"{res['peak_mb']:.0f} MB", flush=True)


if __name__ == "__main__":
    main()
