"""Replaying the local sites' reference solutions: the agents that play them, and the plan.

A reference solution is a list of scripted steps whose targets are found on each page by
role and name (`halo_cli.sites.reference`). Two ways to play one through the episode loop:
- `ScriptedAgent`: acts the solution's steps directly (`halo sites verify`);
- `ScriptedWorker`: a chat model answering the solution's next action, so the HALO agent
  itself runs the episode, verifies each step and writes the VAC (`halo cache build`).
"""

from __future__ import annotations

import importlib
from typing import Any

from halo_cli.agent.decision import StepDecision
from halo_cli.policy.llm import LLMResult
from halo_cli.sites.base import Site
from halo_cli.sites.reference import Solution
from halo_cli.sites.registry import get_site
from halo_cli.sites.templates import template_of
from halo_cli.tasks.taskset import GeneratedTask

FINAL_MESSAGE = "send_msg_to_user('Done.')"


class ReplayError(RuntimeError):
    """A scripted step failed (its action errored, or the solution ran too long)."""


class _Steps:
    """The solution's steps, consumed one action at a time; the final message when done."""

    def __init__(self, solution: Solution) -> None:
        self.steps = list(solution.steps)
        for step in self.steps:
            step.reset()

    def next_action(self, obs: dict[str, Any]) -> str:
        while self.steps:
            action = self.steps[0].next_action(obs)
            if action is not None:
                return action
            self.steps.pop(0)
        return FINAL_MESSAGE


class ScriptedAgent:
    """Plays a solution as the episode's agent; stops at the first action that errors."""

    def __init__(self, solution: Solution, max_actions: int = 80) -> None:
        self.steps = _Steps(solution)
        self.max_actions = max_actions
        self.taken: list[str] = []

    def act(self, obs: dict[str, Any]) -> StepDecision:
        error = obs.get("last_action_error")
        if self.taken and error:
            raise ReplayError(f"step {len(self.taken)} {self.taken[-1]}: {error[:200]}")
        if len(self.taken) >= self.max_actions:
            raise ReplayError(f"more than {self.max_actions} actions")
        action = self.steps.next_action(obs)
        self.taken.append(action)
        return StepDecision(action, "script")

    def observe_result(self, obs_after: dict[str, Any]) -> None:
        return None

    def finish(self, reward: float) -> int:
        return 0


class ScriptedWorker:
    """A ChatModel whose answer is the solution's next action for `obs` (set before each
    step by the agent factory's wrapper)."""

    model = "reference-solution"

    def __init__(self, solution: Solution) -> None:
        self.steps = _Steps(solution)
        self.obs: dict[str, Any] = {}

    def complete(self, messages: Any, **_: Any) -> Any:
        text = self.steps.next_action(self.obs)
        return LLMResult(text=f"```{text}```", tokens_in=0, tokens_out=0, cost=0.0,
                         latency_s=0.0, model=self.model, attempts=1)


def site_solutions(site: Site) -> tuple[list[Solution], list[Solution]]:
    """(references, negatives) from `halo_cli.sites.<id>.solutions`."""
    mod = importlib.import_module(f"halo_cli.sites.{site.id}.solutions")
    return mod.solutions(), mod.negatives()


def plan_verification(sites: list[Site], tasks: set[str] | None = None,
                      with_negatives: bool = True) -> list[Solution]:
    """Every reference, the "no action" control per task, and the site's wrong solutions."""
    plan: list[Solution] = []
    for site in sites:
        refs, negs = site_solutions(site)
        supported = set(site.supported_tasks())
        for ref in refs:
            if ref.task in supported and (tasks is None or ref.task in tasks):
                plan.append(ref)
                if with_negatives:
                    plan.append(Solution(ref.task, [], kind="negative", label="no action"))
        if with_negatives:
            plan += [n for n in negs if n.task in supported and (tasks is None or n.task in tasks)]
    return plan


def generated_solutions(task: GeneratedTask, with_negatives: bool = True) -> list[Solution]:
    """A generated task's reference (its template's `solution(params)`) and, unless
    `with_negatives` is False, the "no action" control and the near miss played in the
    browser (`near_miss_solution`, when the template has one): fresh objects on every call."""
    steps = template_of(task.site, task.template).solution(dict(task.params))
    plan = [Solution(task.id, steps)]
    if with_negatives:
        plan.append(Solution(task.id, [], kind="negative", label="no action"))
        near = near_miss_solution(task)
        if near is not None:
            plan.append(near)
    return plan


def near_miss_solution(task: GeneratedTask) -> Solution | None:
    """The browser solution of the task's first near miss that the browser can play: one
    whose steps differ from the reference's (a near miss told apart only by what `reach`
    does in-process has none). It must score 0 under the task's judge."""
    template = template_of(task.site, task.template)
    reference = template.solution(dict(task.params))
    state = get_site(task.site).seed_state(task.base_task)
    for index, near in enumerate(template.near_misses(dict(task.params), state), 1):
        try:
            steps = template.solution(dict(near))
        except (KeyError, ValueError, TypeError):  # a near miss only `reach` can take
            continue
        if steps != reference:
            return Solution(task.id, steps, kind="negative", label=f"near miss {index}")
    return None
