"""Run reference solutions and negative controls through the real env and eval scripts."""

from __future__ import annotations

import importlib
import time
from dataclasses import asdict, dataclass
from typing import Any

from halo_cli.sites.base import Site
from halo_cli.sites.reference import Solution


@dataclass
class VerifyRow:
    """One run of a solution: what `halo sites verify` prints."""

    task: str
    kind: str  # reference | negative
    label: str
    reward: float
    steps: int
    seconds: float
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.reward >= 1.0 if self.kind == "reference" else self.reward <= 0.0

    def to_dict(self) -> dict:
        return {**asdict(self), "ok": self.ok}


def run_solution(solution: Solution, base_url: str | None = None, headless: bool = True,
                 max_actions: int = 80, timeout_retries: int = 1) -> VerifyRow:
    """Play `solution` in a fresh env on the local sites; reward comes from agisdk's eval.

    A run cut short by a Playwright timeout (browsergym gives each action 500 ms, which a
    loaded machine can miss) is played again, up to `timeout_retries` times; a wrong
    reward or any other error stands.
    """
    row = _run_once(solution, base_url, headless, max_actions)
    for _ in range(timeout_retries):
        if not (row.error and "Timeout" in row.error):
            break
        row = _run_once(solution, base_url, headless, max_actions)
    return row


def _run_once(solution: Solution, base_url: str | None, headless: bool,
              max_actions: int) -> VerifyRow:
    from halo_cli.harness.envs import make_env, private_tempdir

    start = time.monotonic()
    steps, reward, error = 0, 0.0, None
    with private_tempdir():
        env = make_env(f"v2.{solution.task}", "local", base_url=base_url, headless=headless)
        try:
            reward, steps, error = _play(env, solution, max_actions)
        except Exception as exc:  # a broken run is a failed row, not a crash of verify
            error = f"{type(exc).__name__}: {exc}"
        finally:
            env.close()
    return VerifyRow(solution.task, solution.kind, solution.label, float(reward), steps,
                     round(time.monotonic() - start, 2), error)


def _play(env: Any, solution: Solution, max_actions: int) -> tuple[float, int, str | None]:
    """Step `env` through `solution`, ending with a final message; (reward, steps, error)."""
    steps, reward, error, done = 0, 0.0, None, False
    obs, _ = env.reset(seed=0)
    for step in [*solution.steps]:
        step.reset()
        while not done and (action := step.next_action(obs)) is not None:
            obs, reward, done, _, _ = env.step(action)
            steps += 1
            if obs.get("last_action_error"):
                error = f"step {steps} {action}: {obs['last_action_error'][:200]}"
                break
            if steps >= max_actions:
                raise RuntimeError(f"more than {max_actions} actions")
        if error or done:
            break
    if not done:
        obs, reward, done, _, _ = env.step("send_msg_to_user('Done.')")
        steps += 1
    return float(reward), steps, error


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
