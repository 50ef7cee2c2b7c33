"""Reference solutions through the one episode loop: verify them, record them into a VAC.

`record_solution` lets the HALO agent run the episode with a `ScriptedWorker`, so it
verifies each step and writes the Verified Action Cache only when the real eval script says
it succeeded, exactly as live episodes do. (Playing solutions to verify the sites is
`runner.verify`.)
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from halo_cli.agent.orchestrator import HaloAgent
from halo_cli.config.modes import MODES
from halo_cli.harness.replay import ScriptedWorker, site_solutions
from halo_cli.harness.routing import start_local_sites
from halo_cli.outcome import succeeded
from halo_cli.runner.episode import run_episode
from halo_cli.runner.models import EpisodeSpec
from halo_cli.sites.reference import Solution
from halo_cli.task_id import TaskId

RECORD_MODE = MODES["hierarchy_vac"].with_overrides(name="reference_record", manager=False,
                                                    max_steps=80)


def _spec(solution: Solution, mode: Any, base_url: str | None, headless: bool,
          fresh_browser: bool = False) -> EpisodeSpec:
    return EpisodeSpec(task_id=str(TaskId.parse(solution.task)), mode=mode, run_id="reference",
                       sites="local", sites_url=base_url, headless=headless, trajectory=False,
                       fresh_browser=fresh_browser)


@dataclass
class BuildRow:
    """One reference recorded into the cache: what `halo cache build` prints."""

    task: str
    reward: float
    steps: int
    written: int

    @property
    def success(self) -> bool:
        return succeeded(self.reward)


def record_solution(solution: Solution, vac: Any, base_url: str) -> BuildRow:
    """Play `solution` through the HALO agent; the agent writes `vac` when it succeeds."""
    written = 0

    class Recording(HaloAgent):
        def act(self, obs: dict[str, Any]) -> Any:
            worker.obs = obs
            return super().act(obs)

        def finish(self, reward: float) -> int:
            nonlocal written
            written = super().finish(reward)
            return written

    worker = ScriptedWorker(solution)

    def make(spec: EpisodeSpec, obs: dict[str, Any], res: contextlib.ExitStack) -> Any:
        return Recording(spec.mode, worker, None, vac, site=TaskId.parse(solution.task).site,
                         goal=str(obs["goal"]), start_url=str(obs["url"]))

    result = run_episode(_spec(solution, RECORD_MODE, base_url, True), make)
    return BuildRow(solution.task, result.reward, result.steps, written)


def build_cache(vac: Any, sites: list[Any], tasks: set[str] | None = None,
                on_row: Callable[[BuildRow], None] | None = None) -> list[BuildRow]:
    """Record every reference solution of `sites` (or only `tasks`) into `vac`."""
    server = start_local_sites([s.id for s in sites])
    rows = []
    try:
        for site in sites:
            refs, _ = site_solutions(site)
            for ref in refs:
                if tasks is None or ref.task in tasks:
                    row = record_solution(ref, vac, f"http://{server.host}:{server.port}")
                    rows.append(row)
                    if on_row is not None:
                        on_row(row)
    finally:
        server.stop()
    return rows
