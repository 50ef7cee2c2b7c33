"""One episode: the HALO agent on one task in a real BrowserEnv, recorded as a trajectory.

`run_episode` never raises for what goes wrong inside an episode: env start-up, agent
and eval failures come back in the result (`error_phase` init | agent | eval), with the
trajectory written so far. A cache miss with no LLM configured ends the episode with
`error_type == "NoLLMConfigured"`, which `halo debug` reports as its one-line error.
"""

from __future__ import annotations

import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from halo_cli.config.settings import Settings
from halo_cli.runner.models import EpisodeResult, EpisodeSpec


@dataclass
class StepEvent:
    """What a live view shows for one finished step."""

    index: int
    decision: Any  # StepDecision
    error: str | None
    wall_s: float


StepCallback = Callable[[StepEvent], None]


def _fail(result: EpisodeResult, phase: str, exc: BaseException) -> None:
    result.error_phase = phase  # type: ignore[assignment]
    result.error_type = type(exc).__name__
    result.error_message = str(exc)[:2000] or type(exc).__name__
    result.traceback = "".join(traceback.format_exception(exc))[-8000:]


def build_agent(spec: EpisodeSpec, settings: Settings, obs: dict, site: str, vac: Any) -> Any:
    """The orchestrator for this episode; LLM clients are built only when first needed."""
    from halo_cli.agent.orchestrator import HaloAgent
    from halo_cli.policy.clients import lazy_manager, lazy_worker

    kw = {"timeout": spec.llm_timeout_s}
    return HaloAgent(
        spec.mode,
        lazy_worker(spec.mode, settings, **kw),
        lazy_manager(spec.mode, settings, **kw),
        vac,
        site=site,
        goal=str(obs.get("goal") or ""),
        start_url=str(obs.get("url") or ""),
    )


def run_episode(spec: EpisodeSpec, settings: Settings, on_step: StepCallback | None = None,
                on_ready: Callable[[], None] | None = None) -> EpisodeResult:
    """Run `spec` to the end (agent's final message, max steps, or an error).

    `on_ready` is called once the env has started (so a runner that must kill a hung
    episode knows whether it hung in start-up or later); `on_step` after every step.
    """
    from halo_cli.harness.envs import private_tempdir

    with private_tempdir():
        return _run(spec, settings, on_step, on_ready)


def _run(spec: EpisodeSpec, settings: Settings, on_step: StepCallback | None,
         on_ready: Callable[[], None] | None) -> EpisodeResult:
    from halo_cli.cache.vac import PACKAGED_CACHE, VerifiedActionCache
    from halo_cli.harness.browser import activate
    from halo_cli.harness.envs import make_env
    from halo_cli.trajectory.writer import TrajectoryWriter

    mode = spec.mode
    site = spec.task_id.partition(".")[2].rsplit("-", 1)[0]
    result = EpisodeResult(task_id=spec.task_id, mode=mode.name, attempt=spec.attempt,
                           task_seed=spec.task_seed, temperature=mode.temperature)
    start = time.monotonic()
    writer = TrajectoryWriter(spec.data_dir, mode=mode.name, run_id=spec.run_id,
                              task=spec.task_id, attempt=spec.attempt,
                              secrets=settings.secrets(), screenshots=spec.keep_screenshots)
    result.trajectory_path = str(writer.path)
    writer.header(
        models={"worker": mode.worker_request_model,
                "manager": mode.manager_model if mode.manager else None},
        seeds={"task_seed": spec.task_seed, "llm_seed": mode.seed},
        extra={"run_id": spec.run_id, "sites": spec.sites, "max_steps": mode.max_steps,
               "temperature": mode.temperature, "vac": mode.vac, "macros": mode.macros},
    )
    env = vac = None
    try:
        try:
            activate(settings.chromium_path, spec.data_dir)
            env = make_env(spec.task_id, spec.sites, base_url=spec.sites_url,
                           headless=spec.headless)
            obs, _ = env.reset(seed=spec.task_seed)
        except Exception as exc:
            _fail(result, "init", exc)
            return result
        if on_ready is not None:
            on_ready()
        if mode.vac:
            vac = VerifiedActionCache.under(
                spec.data_dir, PACKAGED_CACHE if spec.use_packaged_cache else None)
        agent = build_agent(spec, settings, obs, site, vac)
        done, reward = False, 0.0
        for index in range(mode.max_steps):
            t0 = time.monotonic()
            try:
                decision = agent.act(obs)
            except Exception as exc:  # NoLLMConfigured, LLMTimeout, LLMError, ...
                _fail(result, "agent", exc)
                break
            ending = decision.action.startswith(("send_msg_to_user", "report_infeasible"))
            try:
                obs, reward, done, truncated, _ = env.step(decision.action)
            except Exception as exc:
                _fail(result, "eval" if ending else "agent", exc)
                break
            error = obs.get("last_action_error") or None
            verdict = agent.observe_result(obs) if not done else None
            wall = time.monotonic() - t0
            writer.step(index, decision, last_action_error=error, step_wall_s=round(wall, 3),
                        verdict=verdict.value if verdict else None,
                        screenshot=obs.get("screenshot"))
            _count(result, decision)
            if on_step is not None:
                on_step(StepEvent(index, decision, error, wall))
            if done or truncated:
                break
        result.reward = float(reward) if done else 0.0
        result.success = result.reward >= 1.0
        if done and result.error_phase is None:
            agent.finish(result.reward)
    finally:
        if env is not None:
            try:
                env.close()
            except Exception:  # a dead browser must not hide the episode's result
                pass
        if vac is not None:
            vac.close()
        result.wall_time_s = round(time.monotonic() - start, 3)
        writer.final(reward=result.reward, success=result.success, steps=result.steps,
                     wall_s=result.wall_time_s, cost=round(result.cost_usd, 6),
                     error=(f"{result.error_type}: {result.error_message}"
                            if result.error_type else None),
                     extra={"llm_calls": result.llm_calls, "tokens_in": result.tokens_in,
                            "tokens_out": result.tokens_out, "error_phase": result.error_phase})
        writer.close()
    return result


def _count(result: EpisodeResult, decision: Any) -> None:
    result.steps += 1
    result.llm_calls += decision.llm_calls
    result.tokens_in += decision.tokens_in
    result.tokens_out += decision.tokens_out
    result.cost_usd += decision.cost
    result.manager_calls += int(decision.manager_called)
    result.cache_hits += int(decision.cache_hit)
    result.invalid_actions += int(bool(decision.note and "no valid action" in decision.note))
