"""The train/test split in exports: generated training tasks (`train.…`) are the training
split, REAL's v2 tasks the test set.

`check_split` refuses runs that include v2 tasks unless the caller allows them (the CLI's
`--allow-test-tasks`); `split_lines` and `template_table` are what the dataset card says
about where its rows come from, in its first lines.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from halo_cli.errors import UserError
from halo_cli.runner.recorded import Episode
from halo_cli.task_id import TaskId

#: the flag that lets v2 (test) tasks into an export
ALLOW_FLAG = "--allow-test-tasks"


def v2_tasks(episodes: Sequence[Episode]) -> list[str]:
    """The REAL (non-generated) tasks among `episodes`, each once, in order."""
    return list(dict.fromkeys(e.task for e in episodes if not TaskId.parse(e.task).generated))


def check_split(episodes: Sequence[Episode], run_ids: Sequence[str], allow_test_tasks: bool
                ) -> None:
    """A one-line UserError when `episodes` include REAL v2 tasks and they are not allowed."""
    found = v2_tasks(episodes)
    if not found or allow_test_tasks:
        return
    runs = ", ".join(dict.fromkeys(run_ids))
    n = sum(not TaskId.parse(e.task).generated for e in episodes)
    shown = ", ".join(found[:3]) + (", ..." if len(found) > 3 else "")
    raise UserError(f"{runs}: {n} episodes of {len(found)} REAL v2 tasks ({shown}), the test "
                    f"set: training on them contaminates every v2 measurement after; export "
                    f"runs of generated tasks (halo tasks generate) or pass {ALLOW_FLAG}")


def template_of(task_id: str) -> str:
    """`zilloft.search_kind` for `train.zilloft.search_kind.3`; "" for a v2 task."""
    tid = TaskId.parse(task_id)
    return f"{tid.site}.{tid.template}" if tid.generated and tid.template else ""


def split_lines(rows_by_task: Counter[str], unit: str) -> list[str]:
    """The card's opening lines: which tasks the rows come from (generated: how many tasks
    of how many templates; v2: none, or a warning that the data holds the test set)."""
    train = {t: n for t, n in rows_by_task.items() if TaskId.parse(t).generated}
    test = {t: n for t, n in rows_by_task.items() if not TaskId.parse(t).generated}
    templates = {template_of(t) for t in train}
    generated = (f"{sum(train.values())} {unit} from {len(train)} generated training tasks "
                 f"(`train.<site>.<template>.<n>`) of {len(templates)} templates")
    if not test:
        return [f"**Tasks: generated training tasks only** (the training split): {generated}; "
                "from REAL v2 tasks (the test set): none."]
    return [
        f"> **Warning: this data includes REAL v2's test tasks**: {sum(test.values())} {unit} "
        f"from {len(test)} v2 tasks (exported with `{ALLOW_FLAG}`). A model trained on it has "
        "seen the test set: numbers measured on REAL v2 after training on it are "
        "contaminated.",
        "",
        f"**Tasks:** {generated}; {sum(test.values())} {unit} from {len(test)} REAL v2 tasks "
        "(the test set).",
    ]


def template_table(rows_by_task: Counter[str]) -> list[str]:
    """Rows and tasks per template of the generated tasks (none: no table)."""
    rows: Counter[str] = Counter()
    tasks: Counter[str] = Counter()
    for task, n in rows_by_task.items():
        name = template_of(task)
        if name:
            rows[name] += n
            tasks[name] += 1
    if not rows:
        return []
    out = ["## Per template", "", "| template | tasks | rows |", "|---|---:|---:|"]
    out += [f"| {t} | {tasks[t]} | {n} |" for t, n in sorted(rows.items(), key=lambda kv: -kv[1])]
    return [*out, ""]
