"""THE episode loop: reset, act, step, record, validate. Every episode HALO runs goes here.

`run_episode(spec, make_agent)` takes an agent factory, as AgentLab's `make_agent()`:
the HALO agent for evals, rollouts and `halo debug` (`runner.agents.halo_agent`), a
scripted agent replaying a reference solution (`halo sites verify`, `halo cache build`),
a dry-run agent that only previews the first prompt, and the benchmarks' measuring
wrappers. This module is the one place in the package that calls the env's `step`.

It never raises for what goes wrong inside an episode: env start-up, agent and eval
failures come back in the result (`error_phase` init | agent | eval), with the trajectory
written so far. A cache miss with no LLM configured ends the episode with
`error_type == "NoLLMConfigured"`, which `halo debug` reports as its one-line error.
"""

from __future__ import annotations

import contextlib
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from halo_cli.agent.decision import StepDecision
from halo_cli.config.settings import Settings
from halo_cli.harness.browser import activate
from halo_cli.harness.envs import make_env, private_tempdir
from halo_cli.harness.judge import watch_judge
from halo_cli.harness.leaderboard import submission
from halo_cli.policy.clients import (
    manager_backend,
    manager_label,
    worker_backend,
    worker_image,
    worker_label,
)
from halo_cli.runner.models import EpisodeResult, EpisodeSpec
from halo_cli.trajectory.writer import NullWriter, TrajectoryWriter

ENDING_ACTIONS = ("send_msg_to_user", "report_infeasible")


class EndEpisode(Exception):  # noqa: N818 - a signal, not an error
    """Raised by an agent's `act` to stop the episode before acting (no error recorded)."""


class Agent(Protocol):
    """What the loop needs from an agent."""

    def act(self, obs: dict[str, Any]) -> StepDecision: ...
    def observe_result(self, obs_after: dict[str, Any]) -> Any: ...
    def finish(self, reward: float) -> int: ...


#: (spec, first observation, resources) -> agent; register clean-ups on `resources`
AgentFactory = Callable[[EpisodeSpec, dict[str, Any], contextlib.ExitStack], Agent]


@dataclass
class StepEvent:
    """What a live view shows for one finished step."""

    index: int
    decision: StepDecision
    error: str | None
    wall_s: float


StepCallback = Callable[[StepEvent], None]


def _fail(result: EpisodeResult, phase: str, exc: BaseException) -> None:
    result.error_phase = phase  # type: ignore[assignment]
    result.error_type = type(exc).__name__
    result.error_message = str(exc)[:2000] or type(exc).__name__
    result.traceback = "".join(traceback.format_exception(exc))[-8000:]


def run_episode(spec: EpisodeSpec, make_agent: AgentFactory, *, settings: Settings | None = None,
                on_step: StepCallback | None = None,
                on_ready: Callable[[], None] | None = None) -> EpisodeResult:
    """Run `spec` to the end (agent's final message, max steps, or an error).

    `settings` (when given) supplies the Chromium to use and the secrets to scrub;
    `on_ready` is called once the env has started (so a runner that must kill a hung
    episode knows whether it hung in start-up or later); `on_step` after every step.
    """
    with private_tempdir(), contextlib.ExitStack() as resources:
        return _run(spec, make_agent, settings, on_step, on_ready, resources)


def _writer(spec: EpisodeSpec, settings: Settings | None) -> Any:
    if not spec.trajectory:
        return NullWriter()

    mode = spec.mode
    backend = worker_backend(mode, settings) if settings else mode.worker_backend
    # what the Worker is sent: the screenshot unless HALO_WORKER_IMAGE=none or text only
    images = worker_image(mode, settings) != "none" if settings else backend != "local"
    writer = TrajectoryWriter(spec.data_dir, mode=mode.name, run_id=spec.run_id,
                              task=spec.task_id, attempt=spec.attempt,
                              secrets=settings.secrets() if settings else (),
                              screenshots=spec.keep_screenshots)
    writer.header(
        models={"worker": worker_label(mode, settings), "manager": manager_label(mode, settings)},
        seeds={"task_seed": spec.task_seed, "llm_seed": mode.seed},
        extra={"run_id": spec.run_id, "sites": spec.sites, "speed": spec.speed,
               "max_steps": mode.max_steps,
               "temperature": mode.temperature, "vac": mode.vac, "macros": mode.macros,
               "cache": {"cache": spec.cache if mode.vac else "none",
                         "packaged": bool(mode.vac and spec.use_packaged_cache)},
               # a text-only Worker (the local GGUF backend) is sent no screenshot
               "worker_backend": backend, "worker_inputs": "text+image" if images else "text",
               "manager_backend": (manager_backend(mode, settings) if settings
                                   else mode.manager_backend) if mode.manager else None},
    )
    return writer


def _leaderboard(spec: EpisodeSpec, settings: Settings | None) -> dict[str, Any]:
    """make_env's leaderboard arguments: REAL's run id and where submissions go."""
    if spec.leaderboard is None or not spec.leaderboard.real_run_id:
        return {}
    return {"leaderboard_run_id": spec.leaderboard.real_run_id,
            "real_eval_url": settings.real_eval_url if settings else None}


def _settle(settings: Settings | None) -> dict[str, Any]:
    if settings is None:
        return {}
    # deferred: fast_env subclasses agisdk's env (seconds to import); see harness.envs
    from halo_cli.harness.fast_env import Settle

    return {"settle": Settle(quiet_ms=settings.settle_quiet_ms, cap_ms=settings.settle_cap_ms)}


def _run(spec: EpisodeSpec, make_agent: AgentFactory, settings: Settings | None,
         on_step: StepCallback | None, on_ready: Callable[[], None] | None,
         resources: contextlib.ExitStack) -> EpisodeResult:
    mode = spec.mode
    result = EpisodeResult(task_id=spec.task_id, mode=mode.name, attempt=spec.attempt,
                           task_seed=spec.task_seed, temperature=mode.temperature)
    if spec.leaderboard is not None:  # until the episode ends with an answer: not sent
        result.leaderboard = submission(None)
    start = time.monotonic()
    writer = _writer(spec, settings)
    result.trajectory_path = writer.path_text
    env = None
    try:
        try:
            if settings is not None:
                activate(settings.chromium_path, spec.data_dir)
            env = make_env(spec.task_id, spec.sites, base_url=spec.sites_url,
                           headless=spec.headless, fresh_browser=spec.fresh_browser,
                           task=spec.task.model_dump() if spec.task else None,
                           **_settle(settings), **_leaderboard(spec, settings))
            obs, _ = env.reset(seed=spec.task_seed)
            judge = watch_judge(env)
        except Exception as exc:
            _fail(result, "init", exc)
            return result
        if on_ready is not None:
            on_ready()
        try:
            agent = make_agent(spec, obs, resources)
        except Exception as exc:
            _fail(result, "agent", exc)
            return result
        done, reward, info = False, 0.0, {}
        for index in range(mode.max_steps):
            t0 = time.monotonic()
            try:
                decision = agent.act(obs)
            except EndEpisode:
                break
            except Exception as exc:  # NoLLMConfigured, LLMTimeout, LLMError, ...
                _fail(result, "agent", exc)
                break
            ending = decision.action.startswith(ENDING_ACTIONS)
            seen = obs  # what the decision was made on: the step records it
            try:
                obs, reward, done, truncated, info = env.step(decision.action)
            except Exception as exc:
                _fail(result, "eval" if ending else "agent", exc)
                break
            error = obs.get("last_action_error") or None
            if note := (info or {}).get("halo_note"):
                decision.note = f"{decision.note}; {note}" if decision.note else note
            verdict = agent.observe_result(obs) if not done else None
            wall = time.monotonic() - t0
            writer.step(index, decision, goal=str(seen.get("goal") or ""),
                        last_action_error=error, step_wall_s=round(wall, 3),
                        verdict=verdict.value if verdict else None,
                        screenshot=seen.get("screenshot"))
            _count(result, decision)
            if on_step is not None:
                on_step(StepEvent(index, decision, error, wall))
            if done or truncated:
                break
        result.reward = float(reward) if done else 0.0
        result.judge = judge.record()
        if spec.leaderboard is not None:
            result.leaderboard = submission((info or {}).get("task_info") if done else None)
        if done and result.error_phase is None:
            agent.finish(result.reward)
    finally:
        if env is not None:
            try:
                env.close()
            except Exception:  # a dead browser must not hide the episode's result
                pass
        result.wall_time_s = round(time.monotonic() - start, 3)
        writer.final(reward=result.reward, success=result.success, steps=result.steps,
                     wall_s=result.wall_time_s,
                     error=(f"{result.error_type}: {result.error_message}"
                            if result.error_type else None),
                     extra={**result.usage.to_dict(), "cost": round(result.usage.cost, 6),
                            "error_phase": result.error_phase, "judge": result.judge,
                            **({"leaderboard": result.leaderboard} if result.leaderboard else {})})
        writer.close()
    return result


def _count(result: EpisodeResult, decision: StepDecision) -> None:
    result.steps += 1
    result.usage += decision.usage
    result.manager_calls += int(decision.manager_called)
    result.cache_hits += int(decision.cache_hit)
    result.invalid_actions += int(bool(decision.note and "no valid action" in decision.note))
