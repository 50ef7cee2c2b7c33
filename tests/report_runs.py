"""Runs written the way HALO writes them (RunStore, TrajectoryWriter), for report tests:
no episode is run, but every file is the real format (no tests here)."""

from __future__ import annotations

import functools
import hashlib
import io
from pathlib import Path

import numpy as np
from PIL import Image

from halo_cli.config.modes import get_mode
from halo_cli.runner.models import EpisodeResult, EpisodeSpec
from halo_cli.runner.store import RunStore
from halo_cli.trajectory import writer as _writer
from halo_cli.trajectory.writer import TrajectoryWriter
from halo_cli.usage import Usage

SOURCES = ["cache", "worker", "macro", "manager"]
# reading package metadata takes ~60 ms per header: once is enough for hundreds of files
_writer.package_versions = functools.cache(_writer.package_versions)


def _image(seed: int) -> np.ndarray:
    img = np.full((72, 128, 3), 240, dtype=np.uint8)
    img[10:30, (seed * 7) % 100:(seed * 7) % 100 + 20] = (66, 105, 208)
    return img


def _jpeg_by_hash(folder: Path, seed: int) -> str:
    """A screenshot stored the richer way: a JPEG named by its content hash."""
    buf = io.BytesIO()
    Image.fromarray(_image(seed)).save(buf, format="JPEG")
    data = buf.getvalue()
    name = hashlib.sha256(data).hexdigest()[:16] + ".jpg"
    (folder / "shots").mkdir(parents=True, exist_ok=True)
    (folder / "shots" / name).write_bytes(data)
    return f"shots/{name}"


def write_episode(data: Path, spec: EpisodeSpec, steps: int, reward: float, *,
                  style: str = "png", error: str | None = None) -> EpisodeResult:
    """One episode's trajectory and result. style: png (today's --debug records), rich
    (observation, request, reply, JPEG by hash), plain (no screenshot), none (no file)."""
    mode = spec.mode
    result = EpisodeResult(task_id=spec.task_id, mode=mode.name, attempt=spec.attempt,
                           reward=reward, steps=steps, wall_time_s=3.0 + steps,
                           usage=Usage(llm_calls=steps, tokens_in=100 * steps,
                                       tokens_out=10 * steps, cost=0.001 * steps))
    if error:
        result.error_phase, result.error_type, result.error_message = "agent", error, "boom"
    if style == "none":
        return result
    w = TrajectoryWriter(data, mode=mode.name, run_id=spec.run_id, task=spec.task_id,
                         attempt=spec.attempt, screenshots=style == "png")
    result.trajectory_path = str(w.path)
    w.header(models={"worker": mode.worker_model, "manager": None}, seeds={"task_seed": 0})
    for i in range(steps):
        decision = {"action": f"click('{i + 10}')", "source": SOURCES[i % 4],
                    "url": f"http://127.0.0.1:9/gomail/{i}", "page_type": "inbox",
                    "manager_called": SOURCES[i % 4] == "manager",
                    "trigger": "high_stakes" if SOURCES[i % 4] == "manager" else None,
                    "usage": {"llm_calls": 1, "tokens_in": 100, "tokens_out": 10,
                              "cost": 0.001, "llm_latency_s": 0.2}}
        extra = None
        if style == "rich":
            extra = {"observation": f"[{i}] button \"Archive\"\n[{i + 1}] link \"Inbox\"",
                     "request": [{"role": "system", "content": "You are the Worker."},
                                 {"role": "user", "content": [
                                     {"type": "text", "text": f"GOAL: step {i}"},
                                     {"type": "image_url", "image_url": {"url": "data:" + "A" * 500}}]}],
                     "reply": f"I click.\n```click('{i + 10}')```",
                     "screenshot": _jpeg_by_hash(w.path.parent, i)}
        w.step(i, decision, last_action_error="TimeoutError: no element" if i == 1 else None,
               step_wall_s=1.5, verdict="progress", screenshot=_image(i), extra=extra)
    w.final(reward=reward, success=reward >= 1, steps=steps, wall_s=result.wall_time_s)
    w.close()
    return result


def make_run(results: Path, data: Path, run_id: str, tasks: list[str], modes: list[str],
             attempts: int = 1, style: str | dict[str, str] = "png", steps: int = 3) -> RunStore:
    """A finished run: run.json with its plan, one result per (task, mode, attempt): the
    first task succeeds, the last one fails with an agent error in the first mode.
    `style` (see write_episode) for every episode, or per task."""
    plan = [EpisodeSpec(task_id=t, mode=get_mode(m), run_id=run_id, attempt=a, data_dir=data)
            for t in tasks for m in modes for a in range(1, attempts + 1)]
    store = RunStore(results, run_id)
    store.create({"run_id": run_id, "command": "eval subset", "options": {"sites": "local"},
                  "plan": [s.model_dump(mode="json") for s in plan]})
    for s in plan:
        err = "LLMError" if s.task_id == tasks[-1] and s.mode.name == modes[0] else None
        reward = 1.0 if s.task_id == tasks[0] else 0.0
        kind = style if isinstance(style, str) else style.get(s.task_id, "png")
        store.append(write_episode(data, s, 0 if err else steps, reward, style=kind, error=err))
    return store
