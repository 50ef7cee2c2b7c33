"""Task generation: tasks per second generated and verified, per template; rejections by
reason; what the disjointness check on end states costs (the site's v2 eval scripts run
in-process) against running each script as agisdk does (one Python process per script).

Run: .venv/bin/python benchmarks/task_generation.py [--site all] [--count 200] [--seed 0]
     [--json task_generation.json]
Prints a table and writes the figures as JSON.
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

from halo_cli.sites.registry import get_site
from halo_cli.sites.templates import SiteClient, templates_of
from halo_cli.tasks.disjoint import V2Scripts
from halo_cli.tasks.generate import generate, resolve_sites
from halo_cli.tasks.registry import open_registry


def subprocess_cost(site: str, runs: int = 5) -> float:
    """Median seconds of one v2 eval script run as agisdk runs it (a Python process)."""
    template = templates_of(site)[0]
    state = SiteClient(get_site(site), template.base_task).finish()
    with V2Scripts(open_registry(), site) as scripts, tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "state.json"
        path.write_text(json.dumps(state, indent=2))
        script = next(iter(scripts.scripts.values()))[0]
        times = []
        for _ in range(runs):
            t = time.perf_counter()
            subprocess.run([sys.executable, str(script), str(path)], capture_output=True,
                           timeout=60, check=False)
            times.append(time.perf_counter() - t)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--site", default="all")
    ap.add_argument("--count", type=int, default=200, help="tasks per site")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--json", type=Path, default=Path("task_generation.json"))
    args = ap.parse_args()
    sites = resolve_sites(args.site)
    done = generate(sites, args.count, args.seed)
    rate = len(done.tasks) / done.seconds if done.seconds else 0.0
    in_process = done.script_seconds / done.script_runs if done.script_runs else 0.0
    per_process = subprocess_cost(sites[0])
    print(f"{len(done.tasks)} tasks kept from {done.drafted} drafts in {done.seconds:.1f} s: "
          f"{rate:.1f} tasks/s generated and verified ({args.count} per site, seed {args.seed})")
    print(f"\n{'site':<11} {'template':<26} {'kept':>5} {'rejected':>9}")
    rejected: dict[tuple[str, str], int] = {}
    for (s, t, _), n in done.rejected.items():
        rejected[(s, t)] = rejected.get((s, t), 0) + n
    for key in sorted(set(done.kept) | set(rejected)):
        print(f"{key[0]:<11} {key[1]:<26} {done.kept.get(key, 0):>5} {rejected.get(key, 0):>9}")
    print(f"\n{'rejection reason':<40} {'drafts':>7}")
    for reason, n in done.reasons().most_common():
        print(f"{reason:<40} {n:>7}")
    if done.v2_hits:
        print("v2 tasks behind rejections: "
              + ", ".join(f"{t} ({n})" for t, n in done.v2_hits.most_common()))
    print(f"\nv2 eval scripts on end states: {done.script_runs} runs in "
          f"{done.script_seconds:.2f} s in-process ({in_process * 1000:.2f} ms a run; one "
          f"process per run as agisdk does: {per_process * 1000:.0f} ms, "
          f"x{per_process / in_process if in_process else 0:.0f})")
    doc = {
        "sites": sites, "count_per_site": args.count, "seed": args.seed,
        "tasks": len(done.tasks), "drafted": done.drafted, "seconds": round(done.seconds, 3),
        "tasks_per_second": round(rate, 2),
        "kept": {f"{s}.{t}": n for (s, t), n in sorted(done.kept.items())},
        "rejected": {f"{s}.{t}: {r}": n for (s, t, r), n in sorted(done.rejected.items())},
        "rejections_by_reason": dict(done.reasons().most_common()),
        "v2_hits": dict(done.v2_hits.most_common()), "short": done.short,
        "script_runs": done.script_runs, "script_seconds": round(done.script_seconds, 3),
        "script_ms_in_process": round(in_process * 1000, 3),
        "script_ms_subprocess": round(per_process * 1000, 1),
    }
    args.json.write_text(json.dumps(doc, indent=2) + "\n")
    print(f"wrote {args.json}")


if __name__ == "__main__":
    main()
