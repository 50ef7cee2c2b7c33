"""`halo verify-exploration`: does sampling temperature change the agent's actions?

Two episodes of one task on the same task seed (attempt 1 at temperature A, attempt 2
at B), then their first K actions side by side and a verdict. Both trajectories stay.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Annotated

import typer

from halo_cli.cli.common import TaskRegistryOpt, console
from halo_cli.cli.run_options import MaxStepsOpt, report, run_command, start

if TYPE_CHECKING:
    from halo_cli.runner.run import RunOptions


@run_command
def verify_exploration(
    task: Annotated[str, typer.Option("--task", help="Task id (gomail-1 = v2.gomail-1).")],
    mode: Annotated[str, typer.Option("--mode", "-m", help="Agent mode.")] = "baseline_worker",
    task_seed: Annotated[int, typer.Option("--task-seed", help="env.reset seed for both runs.")] = 0,
    temperature_a: Annotated[float, typer.Option("--temperature-a", min=0.0, max=2.0)] = 0.0,
    temperature_b: Annotated[float, typer.Option("--temperature-b", min=0.0, max=2.0)] = 1.0,
    compare_steps: Annotated[
        int, typer.Option("--compare-steps", "-k", min=1, help="Compare the first K actions.")
    ] = 5,
    seed: Annotated[
        int | None, typer.Option("--seed", help="LLM sampling seed, the same for both runs.")
    ] = None,
    task_registry: TaskRegistryOpt = None,
    max_steps: MaxStepsOpt = None,
    *,
    run: RunOptions,
) -> None:
    """Run a task twice on one task seed at two temperatures; compare the first K actions."""
    # deferred: loaded when the command runs, so every `halo` command starts fast
    from rich.table import Table

    from halo_cli.config.modes import get_mode
    from halo_cli.runner import exploration
    from halo_cli.runner import plan as planning
    from halo_cli.tasks.registry import open_registry

    store, settings = start(run)
    if run.resume:
        plan = store.plan()
        task_id = plan[0].task_id
    else:
        task_id = open_registry(task_registry).get(task).id
        planning.check_local_sites([task_id], run.sites)
        [base] = run.modes([get_mode(mode).with_overrides(seed=seed)], max_steps)
        plan = []
        for attempt, temp in ((1, temperature_a), (2, temperature_b)):
            plan += planning.episode_specs([task_id], [base.with_overrides(temperature=temp)],
                                           store.run_id, task_seed=task_seed,
                                           **run.spec_options(settings))
            plan[-1] = plan[-1].model_copy(update={"attempt": attempt})
    options = {"task": task_id, "mode": mode, "task_seed": task_seed, "seed": seed,
               "temperature_a": temperature_a, "temperature_b": temperature_b,
               "compare_steps": compare_steps, "max_steps": max_steps}
    outcome = report("verify-exploration", store, plan, run, settings, options,
                     "halo verify-exploration")
    if outcome is None:
        return
    by_attempt = {r.attempt: r for r in outcome.results}
    paths = [by_attempt[k].trajectory_path if k in by_attempt else None for k in (1, 2)]
    cmp = exploration.compare(exploration.actions(paths[0], compare_steps),
                              exploration.actions(paths[1], compare_steps), compare_steps)
    table = Table(title=f"{task_id} ({mode}), task seed {task_seed}: first {compare_steps} actions")
    table.add_column("step", justify="right")
    table.add_column(f"temperature {temperature_a:g}", overflow="fold")
    table.add_column(f"temperature {temperature_b:g}", overflow="fold")
    table.add_column("same")
    for step, a, b, same in cmp.rows():
        table.add_row(str(step), a, b, "yes" if same else "[bold]no[/bold]")
    console.print(table)
    verdict = cmp.verdict(temperature_a, temperature_b)
    console.print(f"[bold]verdict[/bold]: {verdict}")
    for k, p in zip((1, 2), paths, strict=True):
        console.print(f"trajectory {k}: {p or '(none: the episode wrote no trajectory)'}")
    doc = {**cmp.to_json(), "verdict": verdict, "trajectories": paths,
           "temperatures": [temperature_a, temperature_b], "task_seed": task_seed}
    (store.root / "exploration.json").write_text(json.dumps(doc, indent=2) + "\n")
