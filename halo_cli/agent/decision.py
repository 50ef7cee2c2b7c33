"""What the orchestrator decides for one step (and the trajectory records)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, fields
from typing import Any, Literal

from halo_cli.policy.llm import LLMResult
from halo_cli.policy.step import StepView
from halo_cli.usage import Usage

Source = Literal["worker", "manager", "cache", "cache-packaged", "macro", "fallback", "script"]


@dataclass(frozen=True)
class PolicyCall:
    """One LLM call of a step: who asked (worker | manager), the result (with the exact
    request), and the action the reply parsed to or why it did not (then a repair follows)."""

    role: str
    result: LLMResult
    action: str | None = None
    error: str | None = None


class Observed:
    """What the policy saw at a step, or would have seen (cache and macro steps): the view,
    and the Worker's request for it. Both are built on first use (by the trajectory writer),
    so a step served from the cache pays nothing for them unless they are recorded."""

    def __init__(self, view: Callable[[], StepView],
                 prompt: Callable[[StepView], list[dict[str, Any]]]) -> None:
        self._build, self._prompt = view, prompt
        self._view: StepView | None = None

    def view(self) -> StepView:
        if self._view is None:
            self._view = self._build()
        return self._view

    def worker_prompt(self) -> list[dict[str, Any]]:
        return self._prompt(self.view())


@dataclass
class StepDecision:
    """The action to run and how it was chosen."""

    action: str
    source: Source
    url: str = ""
    page_type: str = ""
    fingerprint: str = ""
    ordinal: int = 0  # how often this page state had progressed before in the episode
    cache_hit: bool = False
    manager_called: bool = False
    trigger: str | None = None
    triggers: list[str] = field(default_factory=list)
    usage: Usage = field(default_factory=Usage)
    refused: bool = False
    refused_action: str | None = None
    macro: str | None = None
    note: str | None = None
    calls: list[PolicyCall] = field(default_factory=list)  # in the order they were made
    observed: Observed | None = None
    invalid_answer: str | None = None  # the policy's last answer when it held no valid action
    #: what the deciding policy said before its action (the Worker's, or the Manager's)
    reasoning: str = ""

    def to_dict(self) -> dict[str, Any]:
        """The plain fields (not `calls` / `observed`, which the trajectory writer packs)."""
        out = {f.name: getattr(self, f.name) for f in fields(self)
               if f.name not in ("calls", "observed")}
        out["triggers"] = list(self.triggers)
        out["usage"] = self.usage.to_dict()
        return out
