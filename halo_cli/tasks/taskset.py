"""Task sets: generated training tasks in a JSON Lines file, one task a line.

A line is a `GeneratedTask`: `id` (`train.<site>.<template>.<n>`), `site`, `goal`,
`start_path`, `template`, `params`, `difficulty` and `base_task` (the v2 task whose seed
store the task starts from). `load_task_set(path)` reads a file (a missing file or a bad
line is a one-line UserError naming the line); `TaskSet` answers the same questions as
the v2 registry (`get`, `select`, `sites`), so runners take either.
"""

from __future__ import annotations

import difflib
import json
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError, model_validator

from halo_cli.errors import UserError
from halo_cli.task_id import TRAIN_VERSION, TaskId

#: the fields of a line, in the order they are written
FIELDS = ("id", "site", "template", "goal", "start_path", "params", "difficulty", "base_task")


class GeneratedTask(BaseModel):
    """One generated task: what an episode needs to run and judge it (it travels with
    the episode's spec to worker processes and Ray nodes, so nothing is re-read there)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    site: str
    template: str
    goal: str
    start_path: str = "/"
    params: dict[str, Any]
    difficulty: int = 1
    base_task: str

    @model_validator(mode="after")
    def _consistent(self) -> GeneratedTask:
        tid = TaskId.parse(self.id)
        if not tid.generated or tid.template is None or not tid.name.rsplit(".", 1)[-1].isdigit():
            raise ValueError(f"id must be {TRAIN_VERSION}.<site>.<template>.<n>: {self.id}")
        if (tid.site, tid.template) != (self.site, self.template):
            raise ValueError(f"id {self.id} does not match site {self.site!r} and template "
                             f"{self.template!r}")
        if not self.start_path.startswith("/"):
            raise ValueError(f"start_path must start with '/': {self.start_path}")
        if not 1 <= self.difficulty <= 3:
            raise ValueError(f"difficulty must be 1, 2 or 3: {self.difficulty}")
        if not self.goal.strip():
            raise ValueError("goal is empty")
        return self

    @property
    def name(self) -> str:
        """The id without its version (`zilloft.tour_home.3`), as `TaskInfo.name`."""
        return TaskId.parse(self.id).name

    def line(self) -> str:
        """The task as one JSON line (fixed field order, no trailing newline)."""
        doc = self.model_dump()
        return json.dumps({k: doc[k] for k in FIELDS}, ensure_ascii=False)


class TaskSet:
    """Generated tasks in file order, looked up by id; `path` names the file they came
    from (None when built in memory)."""

    version = TRAIN_VERSION

    def __init__(self, tasks: Iterable[GeneratedTask], path: Path | None = None) -> None:
        self.path = path
        self.tasks: dict[str, GeneratedTask] = {}
        for task in tasks:
            if task.id in self.tasks:
                raise UserError(f"{path or 'task set'}: task {task.id} appears twice")
            self.tasks[task.id] = task

    def __len__(self) -> int:
        return len(self.tasks)

    def normalise(self, ref: str) -> str:
        """Ids are used as written (`train.<site>.<template>.<n>`)."""
        return ref.strip()

    def get(self, ref: str) -> GeneratedTask:
        """The task `ref`, or a UserError naming close matches."""
        task_id = self.normalise(ref)
        if task_id in self.tasks:
            return self.tasks[task_id]
        close = difflib.get_close_matches(task_id, list(self.tasks), n=3, cutoff=0.75)
        hint = f" (did you mean: {', '.join(close)}?)" if close else ""
        raise UserError(f"unknown task in {self.path or 'the task set'}: {task_id}{hint}")

    def select(self, refs: list[str] | None = None, sites: list[str] | None = None
               ) -> list[GeneratedTask]:
        """Tasks by id and/or site, in file order; unknown ids or sites are UserErrors."""
        chosen = [self.get(r) for r in refs] if refs else list(self.tasks.values())
        if sites:
            known = set(self.sites())
            for s in sites:
                if s not in known:
                    raise UserError(f"no task of site {s} in {self.path or 'the task set'} "
                                    f"(its sites: {', '.join(sorted(known)) or 'none'})")
            chosen = [t for t in chosen if t.site in sites]
        return chosen

    def sites(self) -> dict[str, int]:
        """Task count per site, sites sorted by name."""
        return dict(sorted(Counter(t.site for t in self.tasks.values()).items()))

    def text(self) -> str:
        """The file's text: one line per task, in order."""
        return "".join(t.line() + "\n" for t in self.tasks.values())


def parse_line(text: str, where: str) -> GeneratedTask:
    """One line of a task-set file; a UserError naming `where` (`FILE:LINE`) if it is bad."""
    try:
        return GeneratedTask.model_validate_json(text)
    except ValidationError as exc:
        first = exc.errors()[0]
        field = ".".join(str(p) for p in first.get("loc", ()))
        message = first.get("msg", str(exc)).removeprefix("Value error, ")
        raise UserError(f"{where}: not a task ({field + ': ' if field else ''}{message})"
                        ) from None


def load_task_set(path: Path) -> TaskSet:
    """The task set in `path`; a missing file or a bad line is a one-line UserError."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise UserError(f"{path}: task set not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise UserError(f"{path}: cannot read the task set ({exc})") from None
    tasks = [parse_line(line, f"{path}:{n}") for n, line in enumerate(text.splitlines(), 1)
             if line.strip()]
    if not tasks:
        raise UserError(f"{path}: the task set is empty")
    return TaskSet(tasks, path)


def write_task_set(path: Path, tasks: Iterable[GeneratedTask]) -> None:
    """Write `tasks` to `path` (built aside, then renamed: a reader never sees half)."""
    text = TaskSet(tasks, path).text()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)
