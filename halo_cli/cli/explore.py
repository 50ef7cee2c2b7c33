"""`halo verify-exploration`: does sampling temperature change the agent's actions?

Two episodes of one task on the same task seed (attempt 1 at temperature A, attempt 2
at B), then their first K actions side by side and a verdict. Both trajectories stay.
The command parses its options into an `ExplorationRequest`, runs it, and renders the
comparison the library made (`runner.exploration.conclude`, also in exploration.json).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from halo_cli.cli.common import TaskRegistryOpt, console
from halo_cli.cli.run_options import MaxStepsOpt, run_command
from halo_cli.cli.runs import run_request

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

    from halo_cli.runner.exploration import conclude
    from halo_cli.runner.requests import ExplorationRequest

    request = ExplorationRequest(task, mode, task_seed, temperature_a, temperature_b,
                                 compare_steps, seed, task_registry, max_steps)
    prepared, outcome = run_request(request, run)
    if outcome is None:
        return
    task_id = prepared.plan[0].task_id
    found = conclude(outcome.results, compare_steps, (temperature_a, temperature_b), task_seed,
                     prepared.store.root)
    table = Table(title=f"{task_id} ({mode}), task seed {task_seed}: first {compare_steps} actions")
    table.add_column("step", justify="right")
    table.add_column(f"temperature {temperature_a:g}", overflow="fold")
    table.add_column(f"temperature {temperature_b:g}", overflow="fold")
    table.add_column("same")
    for step, a, b, same in found.comparison.rows():
        table.add_row(str(step), a, b, "yes" if same else "[bold]no[/bold]")
    console.print(table)
    console.print(f"[bold]verdict[/bold]: {found.verdict}")
    for k, p in zip((1, 2), found.trajectories, strict=True):
        console.print(f"trajectory {k}: {p or '(none: the episode wrote no trajectory)'}")
