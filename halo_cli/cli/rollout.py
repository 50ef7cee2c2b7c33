"""`halo rollout`: N sampled rollouts per task of one experiment (or mode), for RL data.

Trajectories land where every episode writes them
(`<data>/trajectories/<mode>/<run_id>/<task>__attempt_<k>.jsonl`), screenshots kept
(`halo export sft|dpo` turns them into datasets); the run folder gets
`rollout_summary.jsonl` (one line per rollout) besides the usual matrix files. The
command parses its options into a `RolloutRequest` (`runner.requests`) and runs it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from halo_cli.cli.common import TaskRegistryOpt, TaskSetOpt
from halo_cli.cli.run_options import MaxStepsOpt, TasksOpt, run_command
from halo_cli.cli.runs import run_request

if TYPE_CHECKING:
    from halo_cli.runner.run import RunOptions

DEFAULT_EXPERIMENT = "explore"  # runner.requests.DEFAULT_EXPERIMENT (kept here for --help)


@run_command
def rollout(
    config: Annotated[Path | None, typer.Option(
        "--config", dir_okay=False, help="Experiments file (default: the packaged "
        "halo_cli/config/experiments.yaml; copy it to edit).")] = None,
    experiment: Annotated[
        str | None, typer.Option("--experiment", "-e", help="Experiment name in --config (a mode "
                                 f"name works too; default {DEFAULT_EXPERIMENT}).")
    ] = None,
    mode: Annotated[
        str | None, typer.Option("--mode", "-m", help="Agent mode (instead of --experiment).")
    ] = None,
    subset: Annotated[str | None, typer.Option("--subset", help="Task subset name in --config.")] = None,
    tasks: TasksOpt = None,
    task_registry: TaskRegistryOpt = None,
    task_set: TaskSetOpt = None,
    sample_size: Annotated[
        int | None, typer.Option("--sample-size", min=1, help="Sample this many tasks (with --seed).")
    ] = None,
    rollouts_per_task: Annotated[
        int, typer.Option("--rollouts-per-task", "-n", min=1, help="Rollouts per task.")
    ] = 4,
    seed: Annotated[
        int, typer.Option("--seed", help="Seeds the task sample; rollout k samples the LLM with seed+k-1.")
    ] = 0,
    task_seed: Annotated[
        int, typer.Option("--task-seed", help="env.reset seed, the same for every rollout.")
    ] = 0,
    temperature: Annotated[
        float | None, typer.Option("--temperature", min=0.0, max=2.0, help="Override the experiment's.")
    ] = None,
    max_steps: MaxStepsOpt = None,
    *,
    run: RunOptions,
) -> None:
    """Sample rollouts of an experiment's mode on tasks (trajectories for training).

    Tasks: --subset, --tasks or --sample-size; with none, the experiment's own subset when
    it names one, else every task the chosen sites serve.
    """
    from halo_cli.runner.requests import RolloutRequest

    request = RolloutRequest(config, experiment, mode, subset, tasks, task_registry, sample_size,
                             rollouts_per_task, seed, task_seed, temperature, max_steps,
                             task_set)
    run_request(request, run)
