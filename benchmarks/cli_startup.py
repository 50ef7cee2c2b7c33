"""Wall time of `halo --help` and `halo tasks list` (target: under 0.5 s each).

Run: .venv/bin/python benchmarks/cli_startup.py [--runs 10]
Also checks that neither command imports agisdk's heavy `agisdk.REAL` (Ray etc.).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

HALO = str(Path(sys.executable).with_name("halo"))


def wall(cmd: list[str], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return times


def heavy_imports(args: list[str]) -> list[str]:
    code = (
        f"import sys; sys.argv=['halo', *{args!r}]\n"
        "from halo_cli.cli.app import app\n"
        "try: app()\nexcept SystemExit: pass\n"
        "mods = ('agisdk.REAL', 'ray', 'playwright', 'openai')\n"
        "print(','.join(m for m in mods if m in sys.modules), file=sys.stderr)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    last = (out.stderr.splitlines() or [""])[-1]
    return [m for m in last.split(",") if m]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--runs", type=int, default=10)
    runs = ap.parse_args().runs
    for args in (["--help"], ["tasks", "list"]):
        t = wall([HALO, *args], runs)
        print(f"halo {' '.join(args):<12} median {statistics.median(t)*1000:6.0f} ms  "
              f"min {min(t)*1000:6.0f} ms  max {max(t)*1000:6.0f} ms  ({runs} runs)  "
              f"heavy imports: {heavy_imports(args) or 'none'}")


if __name__ == "__main__":
    main()
