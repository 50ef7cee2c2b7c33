"""Every GoMail reference solution scores 1 and every negative scores 0 under the real
agisdk BrowserEnv and the real v2 eval scripts, against one local server.

Runs are played by a few worker processes at once (each its own browsers), so the
whole file fits in a few minutes; `HALO_VERIFY_WORKERS` overrides the worker count (3).
A run cut short by a Playwright timeout (agisdk's clicks allow 500 ms, tight on a busy
machine) is replayed once; a wrong reward is never retried.
"""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor

import pytest

from halo_cli.sites.gomail.site import GoMail
from halo_cli.sites.gomail.solutions import negatives, solutions

pytestmark = pytest.mark.browser

CASES = [(s.task, s.kind, s.label) for s in [*solutions(), *negatives()]]


def _play(task: str, kind: str, label: str, base_url: str) -> dict:
    """Worker: rebuild the solution by key and play it (solutions hold no live state)."""
    from halo_cli.sites.verify import run_solution

    sol = next(s for s in [*solutions(), *negatives()]
               if (s.task, s.kind, s.label) == (task, kind, label))
    row = run_solution(sol, base_url=base_url)
    if row.error and "Timeout" in row.error:  # agisdk clicks time out at 500 ms under load
        row = run_solution(sol, base_url=base_url)
    return row.to_dict()


@pytest.fixture(scope="module")
def rows(browser_ready: object) -> dict[tuple[str, str, str], dict]:
    from halo_cli.sites.server import start_server

    server = start_server([GoMail()])
    base = f"http://{server.host}:{server.port}"
    workers = int(os.environ.get("HALO_VERIFY_WORKERS", "3"))
    # slowest first, so the pool's tail is short
    order = sorted(CASES, key=lambda c: -len(next(
        s for s in [*solutions(), *negatives()] if (s.task, s.kind, s.label) == c).steps))
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
