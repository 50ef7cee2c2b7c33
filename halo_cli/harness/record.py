"""Fill a Verified Action Cache by running the local sites' reference solutions through
the HALO agent (a scripted Worker answers each step with the reference's next action).

The agent verifies each step and writes the episode to the cache only if the real eval
script gives reward 1, exactly as for live episodes. The packaged cache shipped in
`halo_cli/cache/packaged/vac_local.jsonl` is built this way (`halo cache build --packaged`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from halo_cli.config.modes import MODES
from halo_cli.sites.reference import Solution


class ScriptedWorker:
    """A ChatModel whose answer is the reference solution's next action for `obs`."""

    model = "reference-solution"

    def __init__(self, solution: Solution) -> None:
        self.steps = list(solution.steps)
        for step in self.steps:
            step.reset()
        self.obs: dict[str, Any] = {}

    def complete(self, messages: Any, **_: Any) -> Any:
        from halo_cli.policy.llm import LLMResult

        text = "send_msg_to_user('Done.')"
        while self.steps:
            action = self.steps[0].next_action(self.obs)
            if action is not None:
                text = action
                break
            self.steps.pop(0)
        return LLMResult(text=f"```{text}```", tokens_in=0, tokens_out=0, cost=0.0,
                         latency_s=0.0, model=self.model, attempts=1)


@dataclass
class BuildRow:
    task: str
    reward: float
    steps: int
    written: int


def record_solution(solution: Solution, vac: Any, base_url: str, max_steps: int = 80) -> BuildRow:
    """Play `solution` through the agent in a real env; the agent writes `vac` on reward 1."""
    from halo_cli.agent.orchestrator import HaloAgent
    from halo_cli.harness.envs import make_env

    mode = MODES["hierarchy_vac"].model_copy(update={"manager": False})
    env = make_env(f"v2.{solution.task}", "local", base_url=base_url)
    try:
        obs, _ = env.reset(seed=0)
        worker = ScriptedWorker(solution)
        agent = HaloAgent(mode, worker, None, vac, site=solution.task.rsplit("-", 1)[0],
                          goal=str(obs["goal"]), start_url=str(obs["url"]))
        reward, done, steps = 0.0, False, 0
        while not done and steps < max_steps:
            worker.obs = obs
            decision = agent.act(obs)
            obs, reward, done, _, _ = env.step(decision.action)
            steps += 1
            if not done:
                agent.observe_result(obs)
        written = agent.finish(float(reward)) if done else 0
    finally:
        env.close()
    return BuildRow(solution.task, float(reward), steps, written)


def build_cache(vac: Any, sites: list[Any], tasks: set[str] | None = None,
                on_row: Callable[[BuildRow], None] | None = None) -> list[BuildRow]:
    """Record every reference solution of `sites` (or only `tasks`) into `vac`."""
    from halo_cli.harness.replay import site_solutions
    from halo_cli.sites.server import start_server

    server = start_server(sites)
    rows = []
    try:
        for site in sites:
            refs, _ = site_solutions(site)
            for ref in refs:
                if tasks is None or ref.task in tasks:
                    row = record_solution(ref, vac, f"http://{server.host}:{server.port}")
                    rows.append(row)
                    if on_row is not None:
                        on_row(row)
    finally:
        server.stop()
    return rows
