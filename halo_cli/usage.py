"""What LLM calls cost: one value that adds up from call to step to episode to run."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from typing import Any


@dataclass(frozen=True)
class Usage:
    """Calls, tokens, cost (USD, `cost`) and LLM latency; `a + b` adds every field."""

    llm_calls: int = 0
    tokens_in: int = 0
    tokens_out: int = 0
    cost: float = 0.0
    llm_latency_s: float = 0.0

    def __add__(self, other: Usage) -> Usage:
        return Usage(**{f.name: getattr(self, f.name) + getattr(other, f.name)
                        for f in fields(self)})

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def total(cls, parts: Any) -> Usage:
        """The sum of an iterable of Usage values (an empty one is zero)."""
        return sum(parts, cls())
