"""Task ids: `gomail-1` means `v2.gomail-1`; parsed once into version, name and site.

A leaf (it imports nothing of HALO), so the local sites can name tasks too; `tasks`
re-exports it.
"""

from __future__ import annotations

from dataclasses import dataclass

DEFAULT_VERSION = "v2"


@dataclass(frozen=True)
class TaskId:
    """A versioned REAL task id, e.g. `TaskId.parse("gomail-1")` -> `v2.gomail-1`."""

    version: str
    name: str  # "gomail-1"

    @classmethod
    def parse(cls, ref: str, version: str = DEFAULT_VERSION) -> TaskId:
        """`gomail-1` (takes `version`, never agisdk's default v1) or `v2.gomail-1`."""
        ref = ref.strip()
        head, dot, rest = ref.partition(".")
        if dot and head.startswith("v") and head[1:].isdigit():
            return cls(head, rest)
        return cls(version, ref)

    @property
    def site(self) -> str:
        """`gomail` for `v2.gomail-12` (REAL names are `<site>-<n>`)."""
        return self.name.rsplit("-", 1)[0]

    @property
    def number(self) -> int:
        tail = self.name.rsplit("-", 1)[-1]
        return int(tail) if tail.isdigit() else 0

    def __str__(self) -> str:
        return f"{self.version}.{self.name}"


def site_of(task_id: str) -> str:
    """`v2.gomail-12` -> `gomail`."""
    return TaskId.parse(task_id).site
