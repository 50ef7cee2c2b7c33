"""`halo rollout`: N sampled rollouts per task of one experiment (or mode), for RL data.

Trajectories land where every episode writes them
(`<data>/trajectories/<mode>/<run_id>/<task>__attempt_<k>.jsonl`), screenshots kept
(`halo export sft|dpo` turns them into datasets); the run folder gets
`rollout_summary.jsonl` (one line per rollout) besides the usual matrix files.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from halo_cli.cli.common import TaskRegistryOpt
from halo_cli.cli.run_options import MaxStepsOpt, TasksOpt, report, run_command, start
from halo_cli.errors import UserError

if TYPE_CHECKING:
    from halo_cli.runner.run import RunOptions

DEFAULT_EXPERIMENT = "explore"


@run_command
def rollout(
    config: Annotated[
        Path, typer.Option("--config", help="Experiments file.", dir_okay=False)
    ] = Path("configs/experiments.yaml"),
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
    # deferred: loaded when the command runs, so every `halo` command starts fast
    from halo_cli.runner import plan as planning

    if experiment and mode:
        raise UserError("--experiment and --mode both choose the agent: pass one of them")
    if subset and tasks:
        raise UserError("--subset and --tasks both choose tasks: pass one of them")
    name = mode or experiment or DEFAULT_EXPERIMENT
    run.keep_screenshots = True  # training data: what the policy saw, image included
    store, settings = start(run)
    if run.resume:
        plan = store.plan()
    else:
        # deferred: loaded when the command runs, so every `halo` command starts fast
        from halo_cli.config.experiments import load_experiments
        from halo_cli.config.modes import get_mode
        from halo_cli.tasks.registry import open_registry

        registry = open_registry(task_registry)
        doc = load_experiments(config, registry)
        chosen_mode = get_mode(mode) if mode else doc.mode(name)
        [chosen_mode] = run.modes([chosen_mode.with_overrides(temperature=temperature)], max_steps)
        ids = planning.split_list(tasks)
        subset = subset or (None if ids or sample_size or mode else doc.default_subset(name))
        if subset:
            ids = doc.subset(subset)
        eligible = planning.local_task_ids() if run.sites == "local" and not ids else None
        chosen = planning.select_tasks(registry, ids, None, sample_size, seed, eligible)
        task_ids = [t.id for t in chosen]
        planning.check_local_sites(task_ids, run.sites)
        plan = planning.rollout_specs(task_ids, chosen_mode, store.run_id, rollouts_per_task,
                                      seed=seed, task_seed=task_seed, **run.spec_options(settings))
    options = {"config": str(config), "experiment": None if mode else name, "mode": mode,
               "subset": subset, "tasks": tasks,
               "task_registry": str(task_registry) if task_registry else None,
               "sample_size": sample_size, "rollouts_per_task": rollouts_per_task, "seed": seed,
               "task_seed": task_seed, "temperature": temperature, "max_steps": max_steps}
    report("rollout", store, plan, run, settings, options, "halo rollout", rollouts=True)
