"""`halo eval subset|matrix`: run modes on REAL v2 tasks, in parallel, durably.

The commands choose tasks and modes, build the plan (`runner.plan`), and hand it to the
library (`runner.run.execute_run`) through `cli.run_options.report`.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from halo_cli.cli.common import TaskRegistryOpt, TaskVersionOpt
from halo_cli.cli.common import settings as load_settings
from halo_cli.cli.run_options import (
    MaxStepsOpt,
    ModeOpt,
    SeedOpt,
    TasksOpt,
    TaskTypeOpt,
    option_group,
    report,
    run_command,
    start,
)

if TYPE_CHECKING:
    from halo_cli.config.settings import Settings
    from halo_cli.runner.run import RunOptions

app = typer.Typer(help="Evaluate agent modes on REAL v2 tasks.", no_args_is_help=True)

AttemptsOpt = Annotated[int, typer.Option("--attempts", min=1, help="Attempts per task x mode.")]
KeepShotsOpt = Annotated[bool, typer.Option(
    "--keep-screenshots", help="Keep each step's screenshot beside its trajectory (as rollouts do).")]


@dataclass
class Selection:
    """What subset and matrix share: which tasks and modes, how often, how long."""

    tasks: list[str] | None
    task_type: str | None
    task_version: str
    task_registry: Path | None
    mode: list[str] | None
    max_steps: int | None
    seed: int
    attempts: int
    keep_screenshots: bool = False


selection = option_group([
    ("tasks", TasksOpt, None), ("task_type", TaskTypeOpt, None),
    ("task_version", TaskVersionOpt, "v2"), ("task_registry", TaskRegistryOpt, None),
    ("mode", ModeOpt, None), ("max_steps", MaxStepsOpt, None), ("seed", SeedOpt, 0),
    ("attempts", AttemptsOpt, 1), ("keep_screenshots", KeepShotsOpt, False),
], "chosen", lambda: Selection)


def _eval(command: str, run: RunOptions, chosen: Selection, default_modes: list[str],
          sample_size: int | None, note: str = "") -> None:
    # deferred: loaded when the command runs, so every `halo` command starts fast
    from halo_cli.runner import plan as planning

    run.keep_screenshots = chosen.keep_screenshots
    store, settings = start(run)
    if run.resume:
        plan = store.plan()
    else:
        # deferred: loaded when the command runs, so every `halo` command starts fast
        from halo_cli.tasks.registry import open_registry

        registry = open_registry(chosen.task_registry, chosen.task_version)
        ids = planning.split_list(chosen.tasks)
        eligible = planning.local_task_ids() if run.sites == "local" and not ids else None
        picked = planning.select_tasks(registry, ids, chosen.task_type, sample_size, chosen.seed,
                                       eligible)
        if eligible is not None and sample_size is None:
            every = registry.select(None, [chosen.task_type] if chosen.task_type else None)
            if len(picked) < len(every):
                note = "\n".join(filter(None, [note, f"note: local sites serve {len(picked)} of "
                                                f"{len(every)} tasks; --sites remote runs all"]))
        task_ids = [t.id for t in picked]
        planning.check_local_sites(task_ids, run.sites)
        names = planning.split_list(chosen.mode) or default_modes
        plan = planning.episode_specs(
            task_ids, run.modes(planning.resolve_modes(names), chosen.max_steps), store.run_id,
            chosen.attempts, **run.spec_options(settings))
    options = {**asdict(chosen), "modes": chosen.mode, "sample_size": sample_size}
    options["task_registry"] = str(chosen.task_registry) if chosen.task_registry else None
    del options["mode"]
    report(f"eval {command}", store, plan, run, settings, options, f"halo eval {command}",
           note=note)


def _default_matrix_modes(settings: Settings) -> tuple[list[str], str]:
    """Every mode, less the vLLM ones when HALO_VLLM_URL is unset (and a note saying so)."""
    # deferred: loaded when the command runs, so every `halo` command starts fast
    from halo_cli.config.modes import MODES

    names = [m.name for m in MODES.values() if m.worker_backend != "vllm" or settings.vllm_url]
    skipped = [n for n in MODES if n not in names]
    note = f"note: skipping {', '.join(skipped)} (HALO_VLLM_URL not set)" if skipped else ""
    return names, note


@app.command("subset")
@run_command
@selection
def subset(
    sample_size: Annotated[
        int, typer.Option("--sample-size", min=1, help="Tasks sampled (with --seed) when --tasks is absent.")
    ] = 50,
    *,
    chosen: Selection,
    run: RunOptions,
) -> None:
    """Run mode(s) (default hierarchy_vac_macros) on chosen or sampled tasks."""
    _eval("subset", run, chosen, ["hierarchy_vac_macros"], sample_size)


@app.command("matrix")
@run_command
@selection
def matrix(
    sample_size: Annotated[
        int | None, typer.Option("--sample-size", min=1, help="Sample this many tasks (default: all).")
    ] = None,
    *,
    chosen: Selection,
    run: RunOptions,
) -> None:
    """Every mode (or --mode ...) on every v2 task (or --tasks): matrix.csv / matrix.md."""
    defaults, note = ([], "") if chosen.mode or run.resume else _default_matrix_modes(load_settings())
    _eval("matrix", run, chosen, defaults, sample_size, note)
