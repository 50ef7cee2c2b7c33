"""`halo eval subset|matrix`: run modes on REAL v2 tasks, in parallel, durably.

The commands parse their options into an `EvalRequest` (`runner.requests`) and hand it,
with the run options, to the library through `cli.runs.run_request`.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Annotated

import typer

from halo_cli.cli.common import TaskRegistryOpt, TaskSetOpt, TaskVersionOpt
from halo_cli.cli.run_options import (
    MaxStepsOpt,
    ModeOpt,
    SeedOpt,
    TasksOpt,
    TaskTypeOpt,
    option_group,
    run_command,
)
from halo_cli.cli.runs import run_request

if TYPE_CHECKING:
    from halo_cli.runner.requests import EvalRequest
    from halo_cli.runner.run import RunOptions

app = typer.Typer(help="Evaluate agent modes on REAL v2 tasks.", no_args_is_help=True)

AttemptsOpt = Annotated[int, typer.Option("--attempts", min=1, help="Attempts per task x mode.")]
KeepShotsOpt = Annotated[bool, typer.Option(
    "--keep-screenshots", help="Keep each step's screenshot beside its trajectory (as rollouts do).")]
LeaderboardOpt = Annotated[bool, typer.Option(
    "--leaderboard", help="Submit every episode to REAL's leaderboard through agisdk (with "
    "--sites remote, --run-name and REAL_API_KEY).")]
RunNameOpt = Annotated[str | None, typer.Option(
    "--run-name", help="The run's name on REAL's leaderboard (with --leaderboard).")]


def _eval_request() -> type[EvalRequest]:
    from halo_cli.runner.requests import EvalRequest

    return EvalRequest


#: what subset and matrix share: which tasks and modes, how often, how long
selection = option_group([
    ("tasks", TasksOpt, None), ("task_type", TaskTypeOpt, None),
    ("task_version", TaskVersionOpt, "v2"), ("task_registry", TaskRegistryOpt, None),
    ("task_set", TaskSetOpt, None),
    ("modes", ModeOpt, None), ("max_steps", MaxStepsOpt, None), ("seed", SeedOpt, 0),
    ("attempts", AttemptsOpt, 1), ("keep_screenshots", KeepShotsOpt, False),
    ("leaderboard", LeaderboardOpt, False), ("run_name", RunNameOpt, None),
], "chosen", _eval_request)


@app.command("subset")
@run_command
@selection
def subset(
    sample_size: Annotated[
        int, typer.Option("--sample-size", min=1, help="Tasks sampled (with --seed) when --tasks is absent.")
    ] = 50,
    *,
    chosen: EvalRequest,
    run: RunOptions,
) -> None:
    """Run mode(s) (default hierarchy_vac_macros) on chosen or sampled tasks."""
    run_request(replace(chosen, kind="subset", sample_size=sample_size), run)


@app.command("matrix")
@run_command
@selection
def matrix(
    sample_size: Annotated[
        int | None, typer.Option("--sample-size", min=1, help="Sample this many tasks (default: all).")
    ] = None,
    *,
    chosen: EvalRequest,
    run: RunOptions,
) -> None:
    """Every mode (or --mode ...) on every v2 task (or --tasks): matrix.csv / matrix.md."""
    run_request(replace(chosen, kind="matrix", sample_size=sample_size), run)
