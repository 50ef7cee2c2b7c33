"""Task ids: `gomail-1` means `v2.gomail-1`; parsed once into version, name and site.

Two kinds: REAL's (`v2.gomail-1`: version, then `<site>-<n>`) and generated training
tasks (`train.zilloft.save_home.3`: version `train`, then `<site>.<template>.<n>`).
A leaf (it imports nothing of HALO), so the local sites can name tasks too; `tasks`
re-exports it.
"""

from __future__ import annotations

from dataclasses import dataclass

DEFAULT_VERSION = "v2"
#: the version of generated training tasks (`train.<site>.<template>.<n>`)
TRAIN_VERSION = "train"


@dataclass(frozen=True)
class TaskId:
    """A versioned task id, e.g. `TaskId.parse("gomail-1")` -> `v2.gomail-1`, or
    `TaskId.parse("train.zilloft.save_home.3")` (site `zilloft`, template `save_home`)."""

    version: str
    name: str  # "gomail-1", or "zilloft.save_home.3" for a generated task

    @classmethod
    def parse(cls, ref: str, version: str = DEFAULT_VERSION) -> TaskId:
        """`gomail-1` (takes `version`, never agisdk's default v1), `v2.gomail-1`, or
        `train.<site>.<template>.<n>`."""
        ref = ref.strip()
        head, dot, rest = ref.partition(".")
        if dot and (head == TRAIN_VERSION or (head.startswith("v") and head[1:].isdigit())):
            return cls(head, rest)
        return cls(version, ref)

    @classmethod
    def train(cls, site: str, template: str, number: int) -> TaskId:
        """The id of a generated task: `train.<site>.<template>.<number>`."""
        return cls(TRAIN_VERSION, f"{site}.{template}.{number}")

    @property
    def generated(self) -> bool:
        """A generated training task (`train.…`), not one of REAL's."""
        return self.version == TRAIN_VERSION

    @property
    def split(self) -> str:
        """`train` for a generated task, `test` for REAL's (what exports count rows by)."""
        return "train" if self.generated else "test"

    @property
    def site(self) -> str:
        """`gomail` for `v2.gomail-12` (REAL names are `<site>-<n>`), `zilloft` for
        `train.zilloft.save_home.3`."""
        if self.generated:
            return self.name.split(".", 1)[0]
        return self.name.rsplit("-", 1)[0]

    @property
    def template(self) -> str | None:
        """`save_home` for `train.zilloft.save_home.3`; None for REAL's tasks."""
        parts = self.name.split(".")
        return parts[1] if self.generated and len(parts) == 3 else None

    @property
    def number(self) -> int:
        tail = self.name.rsplit("." if self.generated else "-", 1)[-1]
        return int(tail) if tail.isdigit() else 0

    def __str__(self) -> str:
        return f"{self.version}.{self.name}"


def site_of(task_id: str) -> str:
    """`v2.gomail-12` -> `gomail`; `train.zilloft.save_home.3` -> `zilloft`."""
    return TaskId.parse(task_id).site
