"""Read trajectories back: the reader beside the writer (`trajectory/writer.py`)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any


def read_trajectory(path: str | Path) -> list[dict[str, Any]]:
    """Every record of a trajectory JSONL (header, steps, final), in order.

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
