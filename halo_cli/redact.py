"""The one secret scrubber: every file HALO writes passes through it."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

REDACTED = "[REDACTED]"


class Scrubber:
    """Replaces each secret, raw and JSON-escaped, with [REDACTED]."""

    def __init__(self, secrets: Sequence[str]) -> None:
        forms: set[str] = set()
        for s in secrets:
            if s:
                forms.add(s)
                forms.add(json.dumps(s)[1:-1])
        self._forms = sorted(forms, key=len, reverse=True)

    def text(self, s: str) -> str:
        for f in self._forms:
            s = s.replace(f, REDACTED)
        return s

    def optional(self, s: str | None) -> str | None:
        return None if s is None else self.text(s)

    def obj(self, value: Any) -> Any:
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, dict):
            return {self.text(str(k)): self.obj(v) for k, v in value.items()}
        if isinstance(value, (list, tuple)):
            return [self.obj(v) for v in value]
        return value
