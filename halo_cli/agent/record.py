"""What the orchestrator remembers of each step it took (and shows the models as history)."""

from __future__ import annotations

from dataclasses import dataclass

from halo_cli.agent.progress import PageState, Verdict
from halo_cli.policy.actions import Action
from halo_cli.policy.step import HistoryItem


@dataclass
class StepRecord:
    """One step as the orchestrator remembers it: the action, where, and its verdict."""

    index: int
    action: Action
    source: str
    state: PageState
    ordinal: int
    axtree: dict | None
    refused: bool = False
    verdict: Verdict | None = None
    error: str | None = None

    def history(self) -> HistoryItem:
        err = self.error
        if self.refused:
            err = "refused: it would leave the task's site"
        return HistoryItem(self.action.text, self.source,
                           self.verdict.value if self.verdict else None, err,
                           self.state.url, self.state.page_type)
