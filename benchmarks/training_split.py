"""The training workflow, measured: README's "Training without touching the test set" end to
end on the local sites, with the simulated policy in place of a model.

1. `halo tasks generate --site all --count K --out train.jsonl` (the real command);
2. `halo rollout --task-set train.jsonl --mode baseline_worker --sample-size N
   --rollouts-per-task R --temperature 0.7 --workers W`: the command's own planning and
   run engine (`runner.run.prepare_run`, `execute_run`), every episode played by the
   simulated Worker (`tests/support/policy_sim.py`, error rate e: the task's reference
   action with probability 1 - e, else an error web agents make) on loopback, so HALO's
   real client, prompts and parsing, the real Chromium and agisdk env, and the templates'
   judges run;
3. `halo export sft` and `halo export dpo` of the run (the real commands).

Prints and writes (docs/training_split.csv, one row per template) success per template
(and per site) with its 95% Wilson interval, rollouts per hour at --workers W, and export rows per
second (as each export reports its own time).

Run: .venv/bin/python benchmarks/training_split.py [--tasks 200] [--rollouts 1]
     [--error 0.2] [--workers 2] [--max-steps 25] [--out docs]
"""

from __future__ import annotations

import argparse
import csv
import math
import os
import re
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
# the episode workers import the simulator (tests/) by module path
os.environ["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO), os.environ.get("PYTHONPATH"))
                                           if p)

from halo_cli.stats import rate_text  # noqa: E402
from halo_cli.task_id import TaskId  # noqa: E402
from tests.support.policy_sim import SimConfig  # noqa: E402
from tests.support.sim_episode import sim_rollout  # noqa: E402

RUN = "train-sim"


def halo(*args: str, env: dict[str, str]) -> tuple[str, float]:
    """`halo ARGS` (this checkout's), its stdout and wall time; exits on failure."""
    t0 = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "halo_cli", *args], cwd=REPO,
                          env={**os.environ, **env, "COLUMNS": "200", "NO_COLOR": "1"},
                          capture_output=True, text=True)
    seconds = time.perf_counter() - t0
    if "0 examples: " in done.stderr:  # an export with nothing to write (e.g. no DPO pair)
        return done.stderr, seconds
    if done.returncode not in (0, 1):  # 1: a site got fewer tasks than asked
        sys.exit(f"halo {' '.join(args)}: exit {done.returncode}\n{done.stdout}{done.stderr}")
    return done.stdout, seconds


def export_rate(stdout: str) -> tuple[int, float]:
    """(rows, seconds) from `halo export`'s last line: `... N examples ... (12.3 s, 45/s)`
    (0 rows when it had none to write)."""
    if "0 examples: " in stdout:
        return 0, 0.0
    m = re.search(r": (\d+) (?:examples|pairs) .*\((\d+\.\d) s, \d+/s\)", stdout)
    if m is None:
        sys.exit(f"unexpected export output:\n{stdout}")
    return int(m[1]), float(m[2])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tasks", type=int, default=200, help="generated tasks rolled out")
    parser.add_argument("--rollouts", type=int, default=1, help="rollouts per task")
    parser.add_argument("--error", type=float, default=0.2, help="the simulated Worker's e")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--max-steps", type=int, default=25)
    parser.add_argument("--out", type=Path, default=REPO / "docs")
    args = parser.parse_args()

    from halo_cli.config.settings import Settings
    from halo_cli.runner.requests import RolloutRequest
    from halo_cli.runner.run import RunOptions
    from halo_cli.tasks.generate import sites_with_templates

    root = Path(tempfile.mkdtemp(prefix="halo-train-split-"))
    env = {"HALO_RESULTS_DIR": str(root / "results"), "HALO_DATA_DIR": str(root / "data"),
           "HALO_ENV_FILE": ""}
    sites = sites_with_templates()
    per_site = math.ceil(args.tasks / len(sites))
    train = root / "train.jsonl"
    _, gen_s = halo("tasks", "generate", "--site", "all", "--count", str(per_site), "--out",
                    str(train), env=env)
    generated = len(train.read_text().splitlines())
    print(f"generate: {generated} tasks on {len(sites)} sites in {gen_s:.0f} s", flush=True)

    settings = Settings(_env_file=None, HALO_DATA_DIR=env["HALO_DATA_DIR"],
                        HALO_RESULTS_DIR=env["HALO_RESULTS_DIR"])
    request = RolloutRequest(mode="baseline_worker", task_set=train,
                             sample_size=min(args.tasks, generated),
                             rollouts_per_task=args.rollouts, temperature=0.7,
                             max_steps=args.max_steps)
    t0 = time.perf_counter()
    outcome = sim_rollout(request, RunOptions(workers=args.workers, run_id=RUN), settings,
                          SimConfig(e=args.error))
    roll_s = time.perf_counter() - t0
    results = outcome.results
    errors = [r for r in results if r.error_type]
    per_hour = len(results) / roll_s * 3600
    print(f"rollout: {len(results)} episodes in {roll_s / 60:.1f} min at --workers "
          f"{args.workers}: {per_hour:.0f} rollouts/hour ({len(errors)} with errors)", flush=True)

    rates = {}
    for kind in ("sft", "dpo"):
        out, wall = halo("export", kind, "--runs", RUN, "--out", str(root / kind), env=env)
        rows, seconds = export_rate(out)
        rates[kind] = (rows, seconds, wall)
        print(f"export {kind}: {rows} rows in {seconds:.1f} s "
              f"({rows / max(seconds, 1e-9):.0f} rows/s; "
              f"command {wall:.1f} s)", flush=True)

    by_template: dict[str, list[bool]] = defaultdict(list)
    for r in results:
        tid = TaskId.parse(r.task_id)
        by_template[f"{tid.site}.{tid.template}"].append(r.success)
    won = sum(r.success for r in results)
    lines = ["| template | success [95% CI] |", "|---|---|"]
    lines += [f"| {t} | {rate_text(sum(v), len(v))} |" for t, v in sorted(by_template.items())]
    lines.append(f"| **all** | {rate_text(won, len(results))} |")
    print("\n".join(lines))
    by_site: dict[str, list[bool]] = defaultdict(list)
    for t, v in by_template.items():
        by_site[t.split(".", 1)[0]] += v
    print("| site | templates | success [95% CI] |\n|---|---:|---|")
    for site, v in sorted(by_site.items()):
        n = sum(t.startswith(site + ".") for t in by_template)
        print(f"| {site} | {n} | {rate_text(sum(v), len(v))} |")
    args.out.mkdir(parents=True, exist_ok=True)
    with open(args.out / "training_split.csv", "w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["template", "episodes", "successes", "success"])
        for t, v in sorted(by_template.items()):
            w.writerow([t, len(v), sum(v), round(sum(v) / len(v), 3)])
    print(f"summary: {len(results)} episodes ({len(by_template)} templates, e = {args.error}, "
          f"--max-steps {args.max_steps}); success {rate_text(won, len(results))}; "
          f"{per_hour:.0f} rollouts/hour at --workers {args.workers}; export sft "
          f"{rates['sft'][0] / max(rates['sft'][1], 1e-9):.0f} rows/s ({rates['sft'][0]} rows), dpo "
          f"{rates['dpo'][0] / max(rates['dpo'][1], 1e-9):.0f} pairs/s ({rates['dpo'][0]} "
          f"pairs); generate {generated} tasks in {gen_s:.0f} s; files in {root}")


if __name__ == "__main__":
    main()
