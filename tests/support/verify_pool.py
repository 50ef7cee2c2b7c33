"""Play a site's reference solutions and negatives in a few worker processes at once.

Each worker has its own browsers and (via `run_solution`) its own eval temp folder;
`HALO_VERIFY_WORKERS` sets how many run at once (default 2, one per core here).
Solutions hold step state, so workers rebuild them from their (task, kind, label) key.
"""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor

Case = tuple[str, str, str]


def _plan(site_id: str) -> list:  # -> list[Solution]
    """What `halo sites verify` plays: references, the no-action run per task, negatives."""
    from halo_cli.harness.replay import plan_verification
    from halo_cli.sites.registry import get_site

    return plan_verification([get_site(site_id)])


def cases(site_id: str) -> list[Case]:
    return [(s.task, s.kind, s.label) for s in _plan(site_id)]


def _solution(site_id: str, case: Case):  # -> Solution
    return next(s for s in _plan(site_id) if (s.task, s.kind, s.label) == case)


def _play(site_id: str, case: Case, base_url: str) -> dict:
    from halo_cli.runner.verify import run_solution

    return run_solution(_solution(site_id, case), base_url=base_url).to_dict()


def play_all(site_id: str) -> dict[Case, dict]:
    """Every case of `site_id` played against one local server: {case: VerifyRow dict}."""
    from halo_cli.sites.registry import get_site
    from halo_cli.sites.server import start_server

    server = start_server([get_site(site_id)])
    base = f"http://{server.host}:{server.port}"
    workers = int(os.environ.get("HALO_VERIFY_WORKERS", "2"))
    order = sorted(cases(site_id), key=lambda c: -len(_solution(site_id, c).steps))  # slow first
    try:
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn")) as pool:
            futures = {c: pool.submit(_play, site_id, c, base) for c in order}
            return {c: f.result() for c, f in futures.items()}
    finally:
        server.stop()
