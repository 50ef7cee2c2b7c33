"""What the orchestrator decides for one step (and the trajectory records)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from halo_cli.usage import Usage

Source = Literal["worker", "manager", "cache", "macro", "fallback", "script"]


@dataclass
class StepDecision:
    """The action to run and how it was chosen."""

    action: str
    source: Source
    url: str = ""
    page_type: str = ""
    fingerprint: str = ""
    cache_hit: bool = False
    manager_called: bool = False
    trigger: str | None = None
    triggers: list[str] = field(default_factory=list)
    usage: Usage = field(default_factory=Usage)
    refused: bool = False
    refused_action: str | None = None
    macro: str | None = None
    note: str | None = None
    #: each model call of the step: role, model, the raw reply text (and its logprobs)
    replies: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)
