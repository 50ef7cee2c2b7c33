"""Write one attempt's trajectory as JSONL, flushed per line, secrets scrubbed.

`<data_dir>/trajectories/<mode>/<run_id>/<task>__attempt_<k>.jsonl`: a header line,
one line per step, a final line. Screenshots (optional) go to PNG files in a sibling
folder `<task>__attempt_<k>/`, never into the JSONL.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Sequence
from enum import Enum
from pathlib import Path
from typing import Any

from halo_cli.redact import Scrubber
from halo_cli.usage import Usage
from halo_cli.versions import package_versions


def _safe(part: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "_", part).strip("_") or "_"


def trajectory_path(data_dir: Path, mode: str, run_id: str, task: str, attempt: int) -> Path:
    return (Path(data_dir) / "trajectories" / _safe(mode) / _safe(run_id)
            / f"{_safe(task)}__attempt_{attempt}.jsonl")


def _jsonable(value: Any) -> Any:
    if hasattr(value, "to_dict"):
        return value.to_dict()
    if isinstance(value, Enum):
        return value.value
    return str(value)


class TrajectoryWriter:
    """Header, steps, final: each a JSON line written and flushed at once."""

    def __init__(
        self,
        data_dir: Path,
        *,
        mode: str,
        run_id: str,
        task: str,
        attempt: int,
        secrets: Sequence[str] = (),
        screenshots: bool = False,
    ) -> None:
        self.path = trajectory_path(data_dir, mode, run_id, task, attempt)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.shots_dir = self.path.with_suffix("")
        self.task, self.mode, self.attempt = task, mode, attempt
        self.screenshots = screenshots
        self._scrub = Scrubber(secrets)
        self._f = self.path.open("w", encoding="utf-8")
        self._steps = 0

    def _write(self, record: dict[str, Any]) -> None:
        line = json.dumps(self._scrub.obj(record), ensure_ascii=False, default=_jsonable)
        self._f.write(self._scrub.text(line) + "\n")
        self._f.flush()

    def header(
        self,
        *,
        models: dict[str, str | None],
        seeds: dict[str, int | None] | None = None,
        extra: dict[str, Any] | None = None,
    ) -> None:
        self._write({
            "type": "header", "task": self.task, "mode": self.mode, "attempt": self.attempt,
            "models": models, "seeds": seeds or {}, "versions": package_versions(),
            "started": time.time(), **(extra or {}),
        })

    def step(
        self,
        index: int,
        decision: Any,
        *,
        last_action_error: str | None = None,
        step_wall_s: float = 0.0,
        verdict: str | None = None,
        screenshot: Any = None,
        extra: dict[str, Any] | None = None,
    ) -> None:
        """One step; `decision` is a StepDecision (or a dict with the same fields)."""
        d = decision.to_dict() if hasattr(decision, "to_dict") else dict(decision)
        record: dict[str, Any] = {
            "type": "step", "index": index, "url": d.get("url"), "page_type": d.get("page_type"),
            "fingerprint": d.get("fingerprint"), "action": d.get("action"),
            "source": d.get("source"), "cache_hit": d.get("cache_hit", False),
            "manager_called": d.get("manager_called", False), "trigger": d.get("trigger"),
            "triggers": d.get("triggers", []), "last_action_error": last_action_error or None,
            "verdict": verdict, **Usage(**(d.get("usage") or {})).to_dict(),
            "step_wall_s": step_wall_s, "refused": d.get("refused", False),
            "refused_action": d.get("refused_action"), "macro": d.get("macro"),
            "note": d.get("note"), "replies": d.get("replies") or [],
        }
        if self.screenshots and screenshot is not None:
            record["screenshot"] = self._save_png(index, screenshot)
        if extra:
            record.update(extra)
        self._steps += 1
        self._write(record)

    def _save_png(self, index: int, screenshot: Any) -> str:
        from PIL import Image

        self.shots_dir.mkdir(parents=True, exist_ok=True)
        path = self.shots_dir / f"step_{index:03d}.png"
        Image.fromarray(screenshot).save(path, format="PNG")
        return f"{self.shots_dir.name}/{path.name}"

    def final(
        self,
        *,
        reward: float,
        success: bool,
        steps: int | None = None,
        wall_s: float = 0.0,
        cost: float = 0.0,
        error: str | None = None,
        extra: dict[str, Any] | None = None,
    ) -> None:
        self._write({
            "type": "final", "reward": reward, "success": success,
            "steps": self._steps if steps is None else steps, "wall_s": wall_s, "cost": cost,
            "error": error, **(extra or {}),
        })

    @property
    def path_text(self) -> str | None:
        return str(self.path)

    def close(self) -> None:
        if not self._f.closed:
            self._f.close()

    def __enter__(self) -> TrajectoryWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class NullWriter:
    """Writes nothing: for episodes that keep no trajectory (reference replays)."""

    path_text: str | None = None

    def header(self, **_: Any) -> None: ...
    def step(self, *_: Any, **__: Any) -> None: ...
    def final(self, **_: Any) -> None: ...
    def close(self) -> None: ...
