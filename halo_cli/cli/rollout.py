"""`halo rollout`: N sampled rollouts per task of one experiment, for RL data.

Trajectories land where every episode writes them
(`<data>/trajectories/<mode>/<run_id>/<task>__attempt_<k>.jsonl`); the run folder gets
`rollout_summary.jsonl` (one line per rollout) besides the usual matrix files.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from halo_cli.cli.common import HeadlessOpt, Sites, SitesOpt, TaskRegistryOpt, TrueFalse
from halo_cli.cli.eval import (
    DebugOpt,
    DryRunOpt,
    MaxStepsOpt,
    RayOpt,
    ResultsDirOpt,
    ResumeOpt,
    RunArgs,
    RunIdOpt,
    TasksOpt,
    TimeoutOpt,
    WorkersOpt,
    open_store,
    print_dry_run,
    run_plan,
)
from halo_cli.errors import UserError


def rollout(
    config: Annotated[
        Path, typer.Option("--config", help="Experiments file.", dir_okay=False)
    ] = Path("configs/experiments.yaml"),
    experiment: Annotated[
        str, typer.Option("--experiment", "-e", help="Experiment name in --config.")
    ] = "explore",
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
    headless: HeadlessOpt = TrueFalse.true,
    debug: DebugOpt = False,
    dry_run: DryRunOpt = False,
    sites: SitesOpt = Sites.local,
    workers: WorkersOpt = None,
    ray_address: RayOpt = None,
    results_dir: ResultsDirOpt = None,
    run_id: RunIdOpt = None,
    resume: ResumeOpt = None,
    episode_timeout: TimeoutOpt = None,
) -> None:
    """Sample rollouts of an experiment's mode on a task subset (trajectories for training)."""
    from halo_cli.cli.common import settings as load_settings
    from halo_cli.runner import plan as planning

    args = RunArgs(headless, debug, dry_run, sites, workers, ray_address, results_dir, run_id,
                   resume, episode_timeout)
    args.check()
    settings = load_settings()
    store = open_store(args, settings)
    if args.resume:
        plan = store.plan()
    else:
        from halo_cli.config.experiments import load_experiments
        from halo_cli.tasks.registry import open_registry

        registry = open_registry(task_registry)
        doc = load_experiments(config, registry)
        mode = doc.mode(experiment).with_overrides(max_steps=max_steps, temperature=temperature)
        ids = planning.split_list(tasks)
        if subset and ids:
            raise UserError("--subset and --tasks both choose tasks: pass one of them")
        if subset:
            ids = doc.subset(subset)
        if not ids and sample_size is None:
            raise UserError("choose tasks: --subset NAME, --tasks IDS or --sample-size N")
        eligible = planning.local_task_ids() if args.sites == "local" and not ids else None
        chosen = planning.select_tasks(registry, ids, None, sample_size, seed, eligible)
        task_ids = [t.id for t in chosen]
        planning.check_local_sites(task_ids, args.sites)
        plan = planning.rollout_specs(
            task_ids, mode, store.run_id, rollouts_per_task, seed=seed, sites=args.sites,
            headless=args.headless, task_seed=task_seed, data_dir=settings.data_dir.resolve(),
            wall_limit_s=episode_timeout, keep_screenshots=debug,
        )
    if args.dry_run:
        print_dry_run(store, plan, args)
        return
    options = {"config": str(config), "experiment": experiment, "subset": subset, "tasks": tasks,
               "task_registry": str(task_registry) if task_registry else None,
               "sample_size": sample_size, "rollouts_per_task": rollouts_per_task, "seed": seed,
               "task_seed": task_seed, "temperature": temperature, "max_steps": max_steps}
    run_plan("rollout", store, plan, args, settings, options, "halo rollout", rollouts=True)
