"""Runs written the way HALO writes them (RunStore, TrajectoryWriter), for report tests:
no episode is run, but every file is the real format (no tests here)."""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image

from halo_cli.agent.decision import Observed, PolicyCall, StepDecision
from halo_cli.config.modes import get_mode
from halo_cli.policy.llm import LLMResult
from halo_cli.policy.manager import Manager
from halo_cli.policy.step import StepView
from halo_cli.policy.worker import Worker
from halo_cli.runner.models import EpisodeResult, EpisodeSpec
from halo_cli.runner.store import RunStore
from halo_cli.trajectory import writer as _writer
from halo_cli.trajectory.writer import TrajectoryWriter, trajectory_path
from halo_cli.usage import Usage

URL = "http://127.0.0.1:9/gomail/"

SOURCES = ["cache", "worker", "macro", "manager"]
STYLES = ("v2", "v2-noshots", "v1-png", "v1", "none")
# reading package metadata takes ~60 ms per header: once is enough for hundreds of files
_writer.package_versions = functools.cache(_writer.package_versions)
_WORKER, _MANAGER = Worker(None), Manager(None)  # type: ignore[arg-type]  # prompts only


def _image(seed: int) -> np.ndarray:
    img = np.full((72, 128, 3), 240, dtype=np.uint8)
    img[10:30, (seed * 7) % 100:(seed * 7) % 100 + 20] = (66, 105, 208)
    return img


def _view(i: int) -> StepView:
    return StepView(goal=f"Archive the Lunch email (step {i})", url=f"{URL}{i}",
                    page_type="inbox", summary=f'[{i}] button "Archive"\n[{i + 1}] link "Inbox"',
                    bids=frozenset({str(i), str(i + 1), str(i + 10)}), screenshot=_image(i),
                    open_tabs=(f"{URL}{i}",))


def _call(role: str, messages: list[dict[str, Any]], action: str, i: int) -> PolicyCall:
    text = f"I click.\n```{action}```" if role == "worker" else f"The Manager agrees.\n```{action}```"
    result = LLMResult(text=text, tokens_in=100, tokens_out=10, cost=0.001, latency_s=0.2,
                       model="gpt-4o-mini" if role == "worker" else "gpt-4o",
                       request=tuple(messages), finish_reason="stop",
                       logprobs=[["I", -0.01], [" click", -0.2]], temperature=0.0, seed=i)
    return PolicyCall(role=role, result=result, action=action)


def _decision(i: int) -> StepDecision:
    """A real StepDecision as the orchestrator makes it: cache and macro steps make no
    call (the writer records the Worker prompt they would have had), a Worker step one, a
    Manager step the Worker's then the Manager's."""
    source, action, view = SOURCES[i % 4], f"click('{i + 10}')", _view(i)
    calls = []
    if source in ("worker", "manager"):
        calls.append(_call("worker", _WORKER.messages(view), action, i))
    if source == "manager":
        calls.append(_call("manager", _MANAGER.messages(view, "high_stakes"), action, i))
    return StepDecision(action=action, source=source, url=view.url, page_type=view.page_type,
                        manager_called=source == "manager",
                        trigger="high_stakes" if source == "manager" else None,
                        usage=Usage(llm_calls=len(calls), tokens_in=100 * len(calls),
                                    tokens_out=10 * len(calls), cost=0.001 * len(calls),
                                    llm_latency_s=0.2 * len(calls)),
                        calls=calls, observed=Observed(lambda: view, _WORKER.messages))


def _write_v1(path: Path, spec: EpisodeSpec, steps: int, reward: float, pngs: bool) -> None:
    """Schema 1 as older HALO wrote it (no `schema`, actions only, `step_NNN.png`)."""
    lines = [{"type": "header", "task": spec.task_id, "mode": spec.mode.name,
              "attempt": spec.attempt, "models": {"worker": spec.mode.worker_model,
                                                  "manager": None},
              "seeds": {"task_seed": 0}, "versions": {}, "started": 0.0}]
    for i in range(steps):
        src = SOURCES[i % 4]
        rec = {"type": "step", "index": i, "url": f"{URL}{i}", "page_type": "inbox",
               "fingerprint": f"fp{i}", "action": f"click('{i + 10}')", "source": src,
               "cache_hit": src == "cache", "manager_called": src == "manager",
               "trigger": "high_stakes" if src == "manager" else None, "triggers": [],
               "last_action_error": "TimeoutError: no element" if i == 1 else None,
               "verdict": "progress", "llm_calls": 1, "tokens_in": 100, "tokens_out": 10,
               "cost": 0.001, "llm_latency_s": 0.2, "step_wall_s": 1.5, "refused": False,
               "refused_action": None, "macro": None, "note": None}
        if pngs:
            shots = path.with_suffix("")
            shots.mkdir(parents=True, exist_ok=True)
            Image.fromarray(_image(i)).save(shots / f"step_{i:03d}.png", format="PNG")
            rec["screenshot"] = f"{shots.name}/step_{i:03d}.png"
        lines.append(rec)
    lines.append({"type": "final", "reward": reward, "success": reward >= 1, "steps": steps,
                  "wall_s": 3.0 + steps, "cost": 0.001 * steps, "error": None})
    path.write_text("".join(json.dumps(r) + "\n" for r in lines), encoding="utf-8")


def write_episode(data: Path, spec: EpisodeSpec, steps: int, reward: float, *,
                  style: str = "v2", error: str | None = None) -> EpisodeResult:
    """One episode's trajectory and result. style: v2 (schema 2, screenshots kept: a
    rollout or --debug), v2-noshots (schema 2, `halo eval` without --keep-screenshots),
    v1-png (schema 1 with --debug's PNGs), v1 (schema 1, no screenshot), none (no file)."""
    assert style in STYLES, style
    mode = spec.mode
    result = EpisodeResult(task_id=spec.task_id, mode=mode.name, attempt=spec.attempt,
                           reward=reward, steps=steps, wall_time_s=3.0 + steps,
                           usage=Usage(llm_calls=steps, tokens_in=100 * steps,
                                       tokens_out=10 * steps, cost=0.001 * steps))
    if error:
        result.error_phase, result.error_type, result.error_message = "agent", error, "boom"
    if style == "none":
        return result
    if style.startswith("v1"):
        path = trajectory_path(data, mode.name, spec.run_id, spec.task_id, spec.attempt)
        path.parent.mkdir(parents=True, exist_ok=True)
        _write_v1(path, spec, steps, reward, pngs=style == "v1-png")
        result.trajectory_path = str(path)
        return result
    w = TrajectoryWriter(data, mode=mode.name, run_id=spec.run_id, task=spec.task_id,
                         attempt=spec.attempt, screenshots=style == "v2")
    result.trajectory_path = str(w.path)
    w.header(models={"worker": mode.worker_model, "manager": None}, seeds={"task_seed": 0})
    for i in range(steps):
        w.step(i, _decision(i), goal=f"Archive the Lunch email (step {i})",
               last_action_error="TimeoutError: no element" if i == 1 else None,
               step_wall_s=1.5, verdict="progressed", screenshot=_image(i))
    w.final(reward=reward, success=reward >= 1, steps=steps, wall_s=result.wall_time_s)
    w.close()
    return result


def make_run(results: Path, data: Path, run_id: str, tasks: list[str], modes: list[str],
             attempts: int = 1, style: str | dict[str, str] = "v2", steps: int = 3) -> RunStore:
    """A finished run: run.json with its plan, one result per (task, mode, attempt): the
    first task succeeds, the last one fails with an agent error in the first mode.
    `style` (see write_episode) for every episode, or per "task/mode" or task (v2 else)."""
    plan = [EpisodeSpec(task_id=t, mode=get_mode(m), run_id=run_id, attempt=a, data_dir=data)
            for t in tasks for m in modes for a in range(1, attempts + 1)]
    store = RunStore(results, run_id)
    store.create({"run_id": run_id, "command": "eval subset", "options": {"sites": "local"},
                  "plan": [s.model_dump(mode="json") for s in plan]})
    for s in plan:
        err = "LLMError" if s.task_id == tasks[-1] and s.mode.name == modes[0] else None
        reward = 1.0 if s.task_id == tasks[0] else 0.0
        kind = style if isinstance(style, str) else style.get(
            f"{s.task_id}/{s.mode.name}", style.get(s.task_id, "v2"))
        store.append(write_episode(data, s, 0 if err else steps, reward, style=kind, error=err))
    return store
