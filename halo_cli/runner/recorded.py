"""A finished episode read back: its result joined to its trajectory.

The one loader `halo report` and `halo export` read runs through. `load_episode(result)`
reads the episode's trajectory: schema 2 through `trajectory.reader.load_trajectory`
(`Episode.trajectory`), an older or header-less one as its plain records (`problem` says
why it is not the current schema). A trajectory that is not there, or cannot be read,
leaves the episode with no steps, never an error: what to do about it is the caller's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, Literal

from halo_cli.runner.metrics import is_valid
from halo_cli.runner.models import EpisodeResult
from halo_cli.task_id import site_of
from halo_cli.trajectory.reader import Trajectory, TrajectoryError, load_trajectory, read_trajectory

Kept = Literal["read", "missing", "none"]


def slug(*parts: object) -> str:
    """A file-name-safe id: `v2.gomail-1__baseline_worker__1`."""
    return "__".join(re.sub(r"[^A-Za-z0-9._-]+", "_", str(p)).strip("_") or "_" for p in parts)


@dataclass
class Episode:
    """One attempt of one task in one mode: its result and, when found, its trajectory."""

    result: EpisodeResult
    run_id: str = ""
    command: str = ""  # the command that made the run (run.json's `command`)
    cache_state: dict | None = None  # the cache the run started with (run.json)
    header: dict[str, Any] = field(default_factory=dict)
    steps: list[dict[str, Any]] = field(default_factory=list)
    final: dict[str, Any] = field(default_factory=dict)
    traj_dir: Path | None = None  # the folder step paths (screenshots) are relative to
    kept: Kept = "none"  # "read"; "missing" (not there, or unreadable); "none" (not kept)
    trajectory: Trajectory | None = None  # schema 2 (requests restored through it); else None
    problem: str | None = None  # why a trajectory that is there is not read as schema 2

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
        """Unique within a run, safe in a file name."""
        return slug(self.task, self.mode, self.attempt)

    @property
    def success(self) -> bool:
        return self.result.success

    @property
    def failed_cleanly(self) -> bool:
        """Not a success, by the task's own judge (not cut short by an error)."""
        return not self.result.success and self.result.error_phase is None

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

    @property
    def models(self) -> dict[str, str]:
        """The models the trajectory header names (worker, manager), unset ones left out."""
        return {k: v for k, v in (self.header.get("models") or {}).items() if v}

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


def load_episode(result: EpisodeResult, run_id: str = "", command: str = "",
                 cache_state: dict | None = None) -> Episode:
    """`result` with its trajectory read (when its file is there and readable)."""
    ep = Episode(result=result, run_id=run_id, command=command, cache_state=cache_state)
    if not result.trajectory_path:
        return ep
    path = Path(result.trajectory_path)
    ep.traj_dir, ep.kept = path.parent, "missing"
    if not path.is_file():
        return ep
    try:
        traj = load_trajectory(path)
    except TrajectoryError as exc:  # schema 1 (or no header): its records as they are
        traj, ep.problem = None, str(exc)
    except (OSError, ValueError) as exc:
        ep.problem = f"{path}: unreadable ({exc})"
        return ep
    if traj is not None:
        ep.trajectory, ep.header, ep.steps, ep.final = traj, traj.header, traj.steps, traj.final or {}
        ep.kept = "read"
        return ep
    try:
        records = read_trajectory(path)
    except (OSError, ValueError) as exc:
        ep.problem = f"{path}: unreadable ({exc})"
        return ep
    ep.kept = "read"
    for rec in records:
        kind = rec.get("type")
        if kind == "header":
            ep.header = rec
        elif kind == "step":
            ep.steps.append(rec)
        elif kind == "final":
            ep.final = rec
    return ep
