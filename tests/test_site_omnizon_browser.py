"""Every Omnizon reference solution scores 1 and every negative scores 0 under the real
agisdk BrowserEnv and the real v2 eval scripts, against one local server.

Runs are played by a few worker processes at once (each its own browsers);
`HALO_VERIFY_WORKERS` overrides the worker count. Each worker writes agisdk's eval temp
files into its own folder: eval_omnizon_28.py also reads every *.json / *.txt file beside
the state file, so runs sharing /tmp could judge each other's state.
"""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor

import pytest

from halo_cli.sites.omnizon.site import Omnizon
from halo_cli.sites.omnizon.solutions import negatives, solutions

pytestmark = pytest.mark.browser

CASES = [(s.task, s.kind, s.label) for s in [*solutions(), *negatives()]]


def _solution(case: tuple[str, str, str]):
    return next(s for s in [*solutions(), *negatives()] if (s.task, s.kind, s.label) == case)


def _play(task: str, kind: str, label: str, base_url: str) -> dict:
    """Worker: rebuild the solution by key and play it, eval temp files in a private dir.

    A run cut short by a Playwright timeout (browsergym gives each action 500 ms, which a
    loaded machine can miss) is played once more; any other outcome stands.
    """
    import shutil
    import tempfile

    from halo_cli.sites.verify import run_solution

    tempfile.tempdir = tempfile.mkdtemp(prefix="halo-omnizon-eval-")
    try:
        row = run_solution(_solution((task, kind, label)), base_url=base_url)
        if row.error and "Timeout" in row.error:
            row = run_solution(_solution((task, kind, label)), base_url=base_url)
    finally:
        shutil.rmtree(tempfile.tempdir, ignore_errors=True)
        tempfile.tempdir = None
    return row.to_dict()


@pytest.fixture(scope="module")
def rows(browser_ready: object) -> dict[tuple[str, str, str], dict]:
    from halo_cli.sites.server import start_server

    server = start_server([Omnizon()])
    base = f"http://{server.host}:{server.port}"
    workers = int(os.environ.get("HALO_VERIFY_WORKERS", "4"))
    order = sorted(CASES, key=lambda c: -len(_solution(c).steps))  # slowest first
    ctx = multiprocessing.get_context("spawn")
    try:
        with ProcessPoolExecutor(workers, mp_context=ctx) as pool:
            futs = {c: pool.submit(_play, *c, base) for c in order}
            done = {c: f.result() for c, f in futs.items()}
    finally:
        server.stop()
    return done


@pytest.mark.parametrize("case", CASES, ids=[f"{t}-{k}-{lab}" for t, k, lab in CASES])
def test_solution_scores_as_expected(rows, case):
    row = rows[case]
    want = 1.0 if case[1] == "reference" else 0.0
    assert row["error"] is None, row
    assert row["reward"] == want, row
