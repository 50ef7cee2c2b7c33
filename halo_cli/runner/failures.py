"""The generated tasks a run failed, for a curriculum (`halo tasks generate --from-failures`).

An episode failed when its task's judge said no (not when an error cut it short: that is
no verdict on the policy). The tasks' definitions come from the run's own plan (each
spec of a generated task carries it), so the task-set file need not be there; when it
is, its tasks are returned too, so new tasks can be kept apart from all of them.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from halo_cli.errors import UserError
from halo_cli.runner.store import RunStore
from halo_cli.tasks.taskset import GeneratedTask, load_task_set


@dataclass
class RunFailures:
    """A run's generated tasks: those it failed (with their failed episodes), and every
    one it or its task set holds."""

    run_id: str
    failed: dict[str, int] = field(default_factory=dict)  # task id -> failed episodes
    tasks: dict[str, GeneratedTask] = field(default_factory=dict)  # every known task, by id
    episodes: int = 0  # episodes of generated tasks judged (success or failure)

    def failed_tasks(self) -> list[GeneratedTask]:
        """The failed tasks, in the run's order."""
        return [self.tasks[t] for t in self.failed]


def run_failures(results_dir: Path, run_id: str) -> RunFailures:
    """The failed generated tasks of `run_id`; UserError for an unknown run."""
    store = RunStore(results_dir, run_id)
    if not store.exists():
        raise UserError(f"unknown run {run_id}: no {store.config_path}")
    plan = store.plan()
    out = RunFailures(run_id)
    out.tasks = {s.task.id: s.task for s in plan if s.task is not None}
    recorded = store.read_config().get("options", {}).get("task_set")
    if recorded and Path(recorded).is_file():
        for task in load_task_set(Path(recorded)).tasks.values():
            out.tasks.setdefault(task.id, task)
    failed: Counter[str] = Counter()
    for r in store.results(plan):
        if r.task_id not in out.tasks or r.error_phase is not None:
            continue
        out.episodes += 1
        if not r.success:
            failed[r.task_id] += 1
    out.failed = dict(failed)
    return out
