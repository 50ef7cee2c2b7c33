"""Write one attempt's trajectory as JSONL, flushed per line, secrets scrubbed.

`<data_dir>/trajectories/<mode>/<run_id>/<task>__attempt_<k>.jsonl`: a header line
(with the `schema` version), one line per step, a final line; shared system prompts as
`text` lines before the first step that uses them. Each step records what the policy saw
(the observation, the Worker's request), every LLM call it made (exact request, raw
reply, finish reason, logprobs, temperature, seed, parsed action or error) and the
outcome. Screenshots (kept or not) go to JPEG files in a sibling folder
`<task>__attempt_<k>/`, one per distinct image, never into the JSONL. README.md
documents the format; `trajectory.reader` reads it back.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Sequence
from enum import Enum
from pathlib import Path
from typing import Any

from halo_cli.images import screenshot_data_url
from halo_cli.redact import Scrubber
from halo_cli.trajectory.schema import SCHEMA, Packer
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
        self._pack = Packer(self.shots_dir, screenshots)

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
            "type": "header", "schema": SCHEMA, "task": self.task, "mode": self.mode,
            "attempt": self.attempt, "screenshots": self.screenshots,
            "models": models, "seeds": seeds or {}, "versions": package_versions(),
            "started": time.time(), **(extra or {}),
        })

    def step(
        self,
        index: int,
        decision: Any,
        *,
        goal: str | None = None,
        last_action_error: str | None = None,
        step_wall_s: float = 0.0,
        verdict: str | None = None,
        screenshot: Any = None,
        extra: dict[str, Any] | None = None,
    ) -> None:
        """One step; `decision` is a StepDecision (or a dict with the same fields);
        `screenshot` the page the decision was made on (numpy RGB), `goal` the task's."""
        d = decision.to_dict() if hasattr(decision, "to_dict") else dict(decision)
        self._pack.begin_step()
        record: dict[str, Any] = {
            "type": "step", "index": index, "url": d.get("url"), "page_type": d.get("page_type"),
            "fingerprint": d.get("fingerprint"), "ordinal": d.get("ordinal"),
            "action": d.get("action"),
            "source": d.get("source"), "cache_hit": d.get("cache_hit", False),
            "manager_called": d.get("manager_called", False), "trigger": d.get("trigger"),
            "triggers": d.get("triggers", []), "last_action_error": last_action_error or None,
            "verdict": verdict, **Usage(**(d.get("usage") or {})).to_dict(),
            "step_wall_s": step_wall_s, "refused": d.get("refused", False),
            "refused_action": d.get("refused_action"), "macro": d.get("macro"),
            "note": d.get("note"), "invalid_answer": d.get("invalid_answer"),
        }
        calls = list(getattr(decision, "calls", None) or ())
        observed = getattr(decision, "observed", None)
        record["calls"] = [self._call(c) for c in calls]
        record["prompt"] = None  # the Worker's request, when no Worker call holds it
        if observed is not None and not any(c.role == "worker" for c in calls):
            record["prompt"] = self._pack.messages(observed.worker_prompt())
        record["observation"] = self._observation(d, observed, goal, screenshot)
        if extra:
            record.update(extra)
        self._steps += 1
        for text in self._pack.new_texts:
            self._write(text)
        self._write(record)

    def _call(self, call: Any) -> dict[str, Any]:
        r = call.result
        return {"role": call.role, "model": r.model, "request": self._pack.messages(r.request),
                "raw": r.text, "finish_reason": r.finish_reason, "action": call.action,
                "error": call.error, "logprobs": r.logprobs, "temperature": r.temperature,
                "seed": r.seed, "tokens_in": r.tokens_in, "tokens_out": r.tokens_out,
                "latency_s": round(r.latency_s, 4), "attempts": r.attempts}

    def _observation(self, d: dict[str, Any], observed: Any, goal: str | None,
                     screenshot: Any) -> dict[str, Any]:
        """Goal, URL, page type, AXTree summary, page messages and the screenshot as sent (or
        as it would have been: the same JPEG encoding)."""
        view = observed.view() if observed is not None else None
        if not self._pack.step_images and screenshot is not None:
            self._pack.messages([{"role": "user", "content": [{"type": "image_url", "image_url": {
                "url": screenshot_data_url(screenshot)}}]}])
        image = self._pack.step_images[0] if self._pack.step_images else None
        return {"goal": view.goal if view else goal, "url": view.url if view else d.get("url"),
               "page_type": view.page_type if view else d.get("page_type"),
               "summary": view.summary if view else None,
               "messages": list(view.messages) if view else [],
               "open_tabs": list(view.open_tabs) if view else [],
               "screenshot": image["$image"] if image else None,
               "screenshot_sha256": image["sha256"] if image else None}

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
