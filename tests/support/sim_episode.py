"""HALO episodes against the simulated policy (`tests.support.policy_sim`), in-process or on the run
engine's episode workers.

`sim_agent(settings, sim)` is an agent factory: the real HALO agent (real LLM client on
loopback, real prompts, parsing, repair, gating, cache), wrapped so the simulator's shadow
sees each observation and each action the agent ran. `run_sim_episode` is the run
engine's episode function for it (`Execution(episode_fn="tests.support.sim_episode:run_sim_episode")`):
each episode worker starts a simulator on loopback per configuration, the `SimConfig`
written as `sim.json` in the episode's data dir (so one run can hold cells with different
error rates, each with its own data dir and so its own, initially empty, user cache).
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pydantic import SecretStr

from halo_cli.agent.decision import StepDecision
from halo_cli.config.settings import Settings
from halo_cli.runner.episode import AgentFactory
from halo_cli.runner.models import EpisodeResult, EpisodeSpec
from halo_cli.sites.reference import Solution
from halo_cli.tasks.ids import TaskId
from halo_cli.tasks.taskset import GeneratedTask
from tests.support.llm_double import LLMDouble
from tests.support.policy_sim import PolicySim, Shadow, SimConfig

CONFIG_FILE = "sim.json"
SIM_SUFFIX = ".sim.json"  # beside each trajectory: the simulator's answers


def reference(task: str, generated: GeneratedTask | None = None) -> Solution:
    """The reference solution of a local task ("gomail-1" or "v2.gomail-1"), or of a
    generated task (`generated`: its template's `solution(params)`)."""
    from halo_cli.harness.replay import generated_solutions, site_solutions
    from halo_cli.sites.registry import get_site

    if generated is not None:
        return generated_solutions(generated, with_negatives=False)[0]
    tid = TaskId.parse(task)
    refs, _ = site_solutions(get_site(tid.site))
    return next(s for s in refs if s.task == tid.name)


class Shadowed:
    """An agent whose every observation and executed action the shadow also sees."""

    def __init__(self, agent: Any, shadow: Shadow) -> None:
        self.agent = agent
        self.shadow = shadow

    def act(self, obs: dict[str, Any]) -> StepDecision:
        self.shadow.observe(obs)
        decision = self.agent.act(obs)
        self.shadow.executed(decision.action)
        return decision

    def observe_result(self, obs_after: dict[str, Any]) -> Any:
        return self.agent.observe_result(obs_after)

    def finish(self, reward: float) -> int:
        return self.agent.finish(reward)


def sim_settings(settings: Settings, url: str) -> Settings:
    """`settings` with the LLM endpoint pointed at the simulator (a dummy key)."""
    return settings.model_copy(update={"openai_base_url": url,
                                       "openai_api_key": SecretStr("sk-sim")})


def sim_agent(settings: Settings, sim: PolicySim,
              on_shadow: Callable[[Shadow], None] | None = None) -> AgentFactory:
    """HALO agents (`runner.agents.halo_agent`) shadowed by `sim` (each new shadow is
    handed to `on_shadow`)."""
    from halo_cli.runner.agents import halo_agent

    base = halo_agent(settings)

    def make(spec: EpisodeSpec, obs: dict[str, Any], res: contextlib.ExitStack) -> Any:
        shadow = sim.begin(reference(spec.task_id, spec.task), str(obs.get("goal") or ""),
                           spec.attempt)
        if on_shadow is not None:
            on_shadow(shadow)
        return Shadowed(base(spec, obs, res), shadow)

    return make


_SERVERS: dict[str, tuple[LLMDouble, PolicySim]] = {}


def _simulator(raw: str) -> tuple[LLMDouble, PolicySim]:
    """This process's simulator for the config `raw` (started on first use)."""
    if raw not in _SERVERS:
        sim = PolicySim(SimConfig.from_dict(json.loads(raw or "{}")))
        llm = LLMDouble().start()
        llm.handler = sim
        _SERVERS[raw] = (llm, sim)
    return _SERVERS[raw]


def run_sim_episode(spec: EpisodeSpec, settings: Settings, on_step: Any = None,
                    on_ready: Any = None) -> EpisodeResult:
    """The run engine's episode function: one HALO episode against the simulator."""
    from halo_cli.runner.episode import run_episode

    path = spec.data_dir / CONFIG_FILE
    llm, sim = _simulator(path.read_text() if path.is_file() else "{}")
    llm.requests.clear()  # the double records requests; an episode worker lives long
    settings = sim_settings(settings, llm.url)
    shadows: list[Shadow] = []
    result = run_episode(spec, sim_agent(settings, sim, shadows.append), settings=settings,
                         on_step=on_step, on_ready=on_ready)
    if result.trajectory_path and shadows:  # what the simulator answered, for the benchmark
        Path(result.trajectory_path + SIM_SUFFIX).write_text(json.dumps(
            [{"role": r, "kind": k, "action": a} for r, k, a in shadows[0].answers]))
    return result


EPISODE_FN = "tests.support.sim_episode:run_sim_episode"


def sim_rollout(request: Any, options: Any, settings: Settings, config: SimConfig) -> Any:
    """`halo rollout`'s own path (`runner.run.prepare_run`, `execute_run`: the same plan,
    run.json, trajectories and summary files) with every episode played against the
    simulator (`config`, written to the data dir's `sim.json`); returns the `Outcome`.
    The episode workers import this module, so `tests` must be on their PYTHONPATH."""
    from halo_cli.runner.run import execute_run, prepare_run

    settings = sim_settings(settings, "http://127.0.0.1:9/v1")  # each worker starts its own
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    (settings.data_dir / CONFIG_FILE).write_text(json.dumps(config.to_dict()))
    prepared = prepare_run(request, options, settings)
    return execute_run(prepared, settings, episode_fn=EPISODE_FN)
