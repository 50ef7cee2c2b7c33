"""Read trajectories back: the reader beside the writer (`trajectory/writer.py`).

`load_trajectory(path)` gives one episode as a `Trajectory` (header, steps, final line,
shared texts) with the requests restored byte for byte and the screenshots' bytes;
`read_trajectory` / `step_actions` read any schema's lines as plain dicts.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from halo_cli.trajectory.schema import SCHEMA, unpack


class TrajectoryError(ValueError):
    """A trajectory that cannot be read as the current schema (older, or no header)."""


def read_trajectory(path: str | Path) -> list[dict[str, Any]]:
    """Every record of a trajectory JSONL (header, texts, steps, final), in order.

    A line cut short by a killed process is skipped; a missing file is an OSError.
    """
    out = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except ValueError:
            continue
        if isinstance(rec, dict):
            out.append(rec)
    return out


def step_actions(path: str | Path | None, limit: int | None = None) -> list[str]:
    """The actions of a trajectory's steps (the refused one where a step was refused);
    empty when there is no file."""
    if not path:
        return []
    try:
        records = read_trajectory(path)
    except OSError:
        return []
    acts = [str(r.get("action") or r.get("refused_action") or "")
            for r in records if r.get("type") == "step"]
    return acts[:limit] if limit is not None else acts


@dataclass
class Trajectory:
    """One episode's records, schema `SCHEMA`."""

    path: Path
    header: dict[str, Any]
    steps: list[dict[str, Any]] = field(default_factory=list)
    final: dict[str, Any] | None = None
    texts: dict[str, str] = field(default_factory=dict)

    @property
    def reward(self) -> float:
        return float((self.final or {}).get("reward") or 0.0)

    def image_bytes(self, ref: dict[str, Any] | str) -> bytes:
        """The bytes of an image reference (or a file name from an observation);
        FileNotFoundError when the episode kept no screenshots."""
        name = ref.get("$image") if isinstance(ref, dict) else ref
        if not name:
            raise FileNotFoundError(f"{self.path}: screenshots were not kept")
        return (self.path.parent / name).read_bytes()

    def request(self, step: dict[str, Any], call: int = 0,
                images: Literal["inline", "refs", "drop"] = "inline") -> list[dict[str, Any]]:
        """The messages of a step's `call`-th LLM call, exactly as they were sent (images
        as data URLs; or left as their references, or left out: see `worker_prompt`)."""
        return unpack(step["calls"][call]["request"], self.texts,
                      self.image_bytes if images == "inline" else None,
                      drop_images=images == "drop")

    def worker_call(self, step: dict[str, Any]) -> int | None:
        """Index of the step's first Worker call, or None (cache, macro, manager only)."""
        return next((i for i, c in enumerate(step.get("calls") or ())
                     if c.get("role") == "worker"), None)

    def worker_prompt(self, step: dict[str, Any],
                      images: Literal["inline", "refs", "drop"] = "inline") -> list[dict[str, Any]]:
        """The Worker's request at this step: the one it was sent, else the one it would
        have been sent (cache, macro and manager-only steps). Images as data URLs
        ("inline"), left as their references ("refs", no file read) or left out ("drop")."""
        i = self.worker_call(step)
        packed = step["calls"][i]["request"] if i is not None else step.get("prompt")
        if packed is None:
            raise TrajectoryError(f"{self.path}: step {step.get('index')} has no Worker prompt")
        return unpack(packed, self.texts, self.image_bytes if images == "inline" else None,
                      drop_images=images == "drop")


def load_trajectory(path: str | Path) -> Trajectory:
    """One episode; TrajectoryError when it has no header or an older schema."""
    path = Path(path)
    records = read_trajectory(path)
    if not records or records[0].get("type") != "header":
        raise TrajectoryError(f"{path}: not a trajectory (no header line)")
    header = records[0]
    schema = header.get("schema", 1)
    if schema != SCHEMA:
        raise TrajectoryError(f"{path}: trajectory schema {schema}, this HALO reads "
                              f"schema {SCHEMA} (re-run the rollout to record full steps)")
    traj = Trajectory(path, header)
    for rec in records[1:]:
        kind = rec.get("type")
        if kind == "step":
            traj.steps.append(rec)
        elif kind == "text":
            traj.texts[rec["id"]] = rec["text"]
        elif kind == "final":
            traj.final = rec
    return traj
