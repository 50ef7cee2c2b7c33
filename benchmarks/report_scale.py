"""How a big run's report behaves: build time of `halo report` for a 500-episode run and
the time its index.html takes to load in headless Chromium from file:// (target < 1 s).

The run is written in HALO's real formats (tests/report_runs.py: RunStore, trajectory
writer), 250 tasks x 2 modes, 5 steps each, no screenshots.

Run: .venv/bin/python benchmarks/report_scale.py [--tasks 250] [--repeat 5]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from halo_cli.report.build import report_run  # noqa: E402
from halo_cli.task_id import TaskId  # noqa: E402
from tests.support.report_runs import make_run  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tasks", type=int, default=250)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    from playwright.sync_api import sync_playwright

    from halo_cli.harness.browser import activate

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        activate(None, root / "browsers")
        tasks = [str(TaskId.parse(f"gomail-{i}")) for i in range(1, args.tasks + 1)]
        make_run(root / "results", root / "data", "big", tasks,
                 ["baseline_worker", "hierarchy_vac"], style="v2-noshots", steps=5)
        builds, loads = [], []
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            index = report_run(root / "results", "big")
            builds.append(time.perf_counter() - t0)
        with sync_playwright() as p:
            browser = p.chromium.launch()
            page = browser.new_page()
            for _ in range(args.repeat):
                page.goto(index.as_uri())
                loads.append(page.evaluate(
                    "performance.getEntriesByType('navigation')[0].loadEventEnd"))
            browser.close()
        size = index.stat().st_size
    print(f"{2 * args.tasks} episodes: build median {statistics.median(builds):.2f} s; "
          f"index.html {size / 1024:.0f} KiB, load median {statistics.median(loads):.0f} ms "
          f"(max {max(loads):.0f} ms)")


if __name__ == "__main__":
    main()
