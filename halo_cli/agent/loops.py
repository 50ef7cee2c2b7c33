"""Loop detector: the same (page, action) cycle of length 1 to 3, repeated."""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass

# period -> how many times the cycle must occur back to back to count as a loop
DEFAULT_REPEATS = {1: 3, 2: 2, 3: 2}


@dataclass(frozen=True)
class Loop:
    period: int
    repeats: int
    actions: tuple[str, ...]


class LoopDetector:
    """Push one (fingerprint, action[, state]) per step; `detect()` reports a cycle.

    Including the page state digest makes paging through results (same page kind,
    same action, new content) not a loop, while toggling back and forth still is.
    """

    def __init__(self, max_period: int = 3, repeats: dict[int, int] | None = None) -> None:
        self.max_period = max_period
        self.repeats = {**DEFAULT_REPEATS, **(repeats or {})}
        self.history: list[tuple[str, str, Hashable]] = []

    def push(self, fingerprint: str, action: str, state: Hashable = None) -> None:
        self.history.append((fingerprint, action, state))

    def reset(self) -> None:
        self.history.clear()

    def detect(self) -> Loop | None:
        """The shortest cycle ending at the latest step that repeats enough, if any."""
        h = self.history
        for period in range(1, self.max_period + 1):
            need = self.repeats.get(period, 2)
            span = period * need
            if len(h) < span:
                continue
            tail = h[-span:]
            block = tail[-period:]
            if period > 1 and len(set(block)) == 1:
                continue  # a shorter period already describes it
            if all(tail[i] == block[i % period] for i in range(span)):
                return Loop(period, need, tuple(a for _, a, _ in block))
        return None
