"""What a report shows, loaded from a run's results folder and its trajectories.

`load_run(results_dir, run_id)` reads `run.json` and `episodes.jsonl` (through
`RunStore`), then each episode's trajectory (through `trajectory.reader`: `load_trajectory`
for schema 2, its plain records for the older action-only schema 1). A missing or
unreadable trajectory leaves the episode with no steps, never an error: old runs render.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from halo_cli.errors import UserError
from halo_cli.runner.metrics import is_valid
from halo_cli.runner.models import EpisodeResult
from halo_cli.runner.models import sites_label as run_sites_label
from halo_cli.runner.store import RunStore
from halo_cli.tasks.ids import site_of
from halo_cli.trajectory.reader import Trajectory, TrajectoryError, load_trajectory, read_trajectory


def slug(*parts: object) -> str:
    """A file-name-safe id: `v2.gomail-1__baseline_worker__1`."""
    return "__".join(re.sub(r"[^A-Za-z0-9._-]+", "_", str(p)).strip("_") or "_" for p in parts)


def sites_label(sites: str | None) -> str:
    """"local replicas" or "hosted REAL" for a run's --sites (empty when unknown)."""
    return run_sites_label(sites) if sites else ""


@dataclass
class Episode:
    """One attempt of one task in one mode: its result and, when found, its trajectory."""

    result: EpisodeResult
    header: dict[str, Any] = field(default_factory=dict)
    steps: list[dict[str, Any]] = field(default_factory=list)
    final: dict[str, Any] = field(default_factory=dict)
    traj_dir: Path | None = None  # the folder step paths (screenshots) are relative to
    trajectory: str = "none"  # "read" | "missing" | "none" (no trajectory was kept)
    record: Trajectory | None = None  # schema 2 (requests restored through it); None: older

    @property
    def schema(self) -> int:
        return int(self.header.get("schema", 1)) if self.header else 1

    @property
    def task(self) -> str:
        return self.result.task_id

    @property
    def mode(self) -> str:
        return self.result.mode

    @property
    def attempt(self) -> int:
        return self.result.attempt

    @property
    def site(self) -> str:
        return site_of(self.result.task_id)

    @cached_property
    def id(self) -> str:
        return slug(self.task, self.mode, self.attempt)

    @property
    def outcome(self) -> str:
        """success | failure | error (an init or agent error: not a valid episode)."""
        if not is_valid(self.result):
            return "error"
        return "success" if self.result.success else "failure"

    @property
    def error_label(self) -> str:
        r = self.result
        return f"{r.error_phase}: {r.error_type}" if r.error_type else ""

    def screenshot_path(self, step: dict[str, Any]) -> Path | None:
        """The file a step's screenshot is in (relative to the trajectory's folder): schema
        2's `observation.screenshot` (a JPEG named by its hash), schema 1's `screenshot`
        (`step_NNN.png`); None when the step kept none."""
        obs = step.get("observation")
        ref = obs.get("screenshot") if isinstance(obs, dict) else step.get("screenshot")
        if not isinstance(ref, str) or not ref:
            return None
        p = Path(ref)
        if not p.is_absolute() and self.traj_dir is not None:
            p = self.traj_dir / p
        return p


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
        """The mode's models: from run.json's plan, else from a trajectory header."""
        for spec in self.config.get("plan") or []:
            m = spec.get("mode") or {}
            if m.get("name") == mode:
                manager = m.get("manager_model") if m.get("manager") else None
                return {"worker": m.get("worker_adapter") or m.get("worker_model"),
                        "manager": manager}
        for e in self.episodes:
            if e.mode == mode and e.header.get("models"):
                return dict(e.header["models"])
        return {}


def load_episode(result: EpisodeResult) -> Episode:
    """`result` with its trajectory read (when its file is there)."""
    ep = Episode(result=result)
    if not result.trajectory_path:
        return ep
    path = Path(result.trajectory_path)
    ep.traj_dir = path.parent
    try:
        traj = load_trajectory(path)
    except OSError:
        ep.trajectory = "missing"
        return ep
    except TrajectoryError:  # schema 1 (or no header): its records as they are
        traj = None
    ep.trajectory = "read"
    if traj is not None:
        ep.record, ep.header, ep.steps, ep.final = traj, traj.header, traj.steps, traj.final or {}
        return ep
    for rec in read_trajectory(path):
        kind = rec.get("type")
        if kind == "header":
            ep.header = rec
        elif kind == "step":
            ep.steps.append(rec)
        elif kind == "final":
            ep.final = rec
    return ep


def _goals(tasks: Sequence[str], registry: str | None = None) -> dict[str, str]:
    """Each task's goal from the run's task registry (tasks it does not know are left out)."""
    try:
        from halo_cli.tasks.registry import open_registry

        reg = open_registry(Path(registry) if registry and Path(registry).is_file() else None)
    except Exception:  # no registry: goals are shown as absent
        return {}
    found = {t: reg.tasks.get(reg.normalise(t)) for t in tasks}
    return {t: info.goal for t, info in found.items() if info is not None}


def run_from_results(run_id: str, results: Sequence[EpisodeResult],
                     config: dict[str, Any] | None = None, planned: int = 0) -> RunData:
    """A RunData for `results` (e.g. the one episode of `halo debug`)."""
    episodes = [load_episode(r) for r in results]
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
