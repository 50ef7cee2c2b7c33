"""What a report shows, loaded from a run's results folder and its trajectories.

`load_run(results_dir, run_id)` reads `run.json` and `episodes.jsonl` (through
`RunStore`), then each episode with its trajectory (through `runner.recorded`, the loader
export reads through too). A missing or unreadable trajectory leaves the episode with no
steps, never an error: old runs render.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from halo_cli.errors import UserError
from halo_cli.runner.models import EpisodeResult
from halo_cli.runner.models import sites_label as run_sites_label
from halo_cli.runner.recorded import Episode, load_episode
from halo_cli.runner.store import RunStore
from halo_cli.tasks.registry import open_registry


def sites_label(sites: str | None) -> str:
    """"local replicas" or "hosted REAL" for a run's --sites (empty when unknown)."""
    return run_sites_label(sites) if sites else ""


@dataclass
class RunData:
    """A run as the report shows it."""

    run_id: str
    config: dict[str, Any]
    episodes: list[Episode]
    modes: list[str]
    planned: int = 0
    goals: dict[str, str] = field(default_factory=dict)

    @property
    def results(self) -> list[EpisodeResult]:
        return [e.result for e in self.episodes]

    @property
    def sites_label(self) -> str:
        return sites_label((self.config.get("options") or {}).get("sites"))

    def models(self, mode: str) -> dict[str, Any]:
        """The mode's models: from a trajectory header (what ran, settings' overrides
        included), else from run.json's plan (the mode's own)."""
        for e in self.episodes:
            if e.mode == mode and e.header.get("models"):
                return dict(e.header["models"])
        for spec in self.config.get("plan") or []:
            m = spec.get("mode") or {}
            if m.get("name") == mode:
                manager = m.get("manager_model") if m.get("manager") else None
                return {"worker": m.get("worker_adapter") or m.get("worker_model"),
                        "manager": manager}
        return {}


def _goals(tasks: Sequence[str], registry: str | None = None) -> dict[str, str]:
    """Each task's goal from the run's task registry (tasks it does not know are left out)."""
    try:
        reg = open_registry(Path(registry) if registry and Path(registry).is_file() else None)
    except Exception:  # no registry: goals are shown as absent
        return {}
    found = {t: reg.tasks.get(reg.normalise(t)) for t in tasks}
    return {t: info.goal for t, info in found.items() if info is not None}


def run_from_results(run_id: str, results: Sequence[EpisodeResult],
                     config: dict[str, Any] | None = None, planned: int = 0) -> RunData:
    """A RunData for `results` (e.g. the one episode of `halo debug`)."""
    episodes = [load_episode(r, run_id, str((config or {}).get("command") or "")) for r in results]
    plan_modes = [(s.get("mode") or {}).get("name") for s in (config or {}).get("plan") or []]
    modes = [m for m in dict.fromkeys([*plan_modes, *(e.mode for e in episodes)]) if m]
    tasks = list(dict.fromkeys(e.task for e in episodes))
    return RunData(run_id=run_id, config=config or {}, episodes=episodes, modes=modes,
                   planned=planned or len(episodes),
                   goals=_goals(tasks, ((config or {}).get("options") or {}).get("task_registry")))


def load_run(results_dir: Path, run_id: str) -> RunData:
    """The run `run_id` in `results_dir`; UserError when there is no such run or it has no
    recorded episode yet."""
    if not run_id or "/" in run_id or run_id in (".", ".."):
        raise UserError(f"not a run id: {run_id!r}")
    store = RunStore(results_dir, run_id)
    if not store.exists() and not store.episodes.exists():
        raise UserError(f"no run {run_id} in {results_dir}")
    config = store.read_config() if store.exists() else {}
    try:
        plan = store.plan() if config.get("plan") else None
    except UserError:
        plan = None
    results = store.results(plan)
    if not results:
        raise UserError(f"run {run_id} has no finished episode yet: nothing to report")
    return run_from_results(run_id, results, config, len(plan) if plan else len(results))
