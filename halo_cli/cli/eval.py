"""`halo eval subset|matrix`: run modes on REAL v2 tasks, in parallel, durably.

The commands parse options, build the plan (`runner.plan`), and hand it to
`runner.study.execute`; the options shared with `halo rollout` and
`halo verify-exploration` live here too.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from halo_cli.cli.common import (
    HeadlessOpt,
    Sites,
    SitesOpt,
    TaskRegistryOpt,
    TaskVersionOpt,
    TrueFalse,
    console,
    err_console,
)
from halo_cli.errors import UserError

if TYPE_CHECKING:  # imported lazily at run time: `halo --help` stays fast
    from halo_cli.config.settings import Settings
    from halo_cli.runner.models import EpisodeSpec
    from halo_cli.runner.store import RunStore
    from halo_cli.runner.study import Outcome

app = typer.Typer(help="Evaluate agent modes on REAL v2 tasks.", no_args_is_help=True)

# ---- options shared by eval, rollout and verify-exploration ----------------------------

TasksOpt = Annotated[
    list[str] | None,
    typer.Option("--tasks", help="Task ids, comma-separated or repeated (gomail-1 = v2.gomail-1)."),
]
TaskTypeOpt = Annotated[str | None, typer.Option("--task-type", help="Only tasks of this site.")]
ModeOpt = Annotated[
    list[str] | None, typer.Option("--mode", "-m", help="Mode(s), comma-separated or repeated.")
]
MaxStepsOpt = Annotated[
    int | None, typer.Option("--max-steps", min=1, max=500, help="Step budget per episode.")
]
DebugOpt = Annotated[
    bool, typer.Option("--debug", help="Keep screenshots; print each error's traceback at the end.")
]
SeedOpt = Annotated[int, typer.Option("--seed", help="Seed of the task sample.")]
DryRunOpt = Annotated[bool, typer.Option("--dry-run", help="Print what would run; run nothing.")]
WorkersOpt = Annotated[
    int | None,
    typer.Option("--workers", "-w", min=1, help="Episodes at once (default 1; Ray: its CPUs)."),
]
RayOpt = Annotated[
    str | None, typer.Option("--ray-address", help="Run episodes on this Ray cluster (or 'auto').")
]
ResultsDirOpt = Annotated[
    Path | None, typer.Option("--results-dir", help="Where runs go (default HALO_RESULTS_DIR).")
]
RunIdOpt = Annotated[str | None, typer.Option("--run-id", help="Name of the run (default: time + suffix).")]
ResumeOpt = Annotated[
    str | None,
    typer.Option("--resume", metavar="RUN_ID", help="Finish this run: what its stored plan "
                 "still misses (task and mode options are ignored)."),
]
TimeoutOpt = Annotated[
    float | None,
    typer.Option("--episode-timeout", min=1.0, help="Wall-time limit per episode, seconds "
                 "(default 60 + 30 per step)."),
]


@dataclass
class RunArgs:
    """The options every run command shares, as parsed."""

    headless: bool = True
    debug: bool = False
    dry_run: bool = False
    sites: str = "local"
    workers: int | None = None
    ray_address: str | None = None
    results_dir: Path | None = None
    run_id: str | None = None
    resume: str | None = None
    episode_timeout: float | None = None

    def __post_init__(self) -> None:  # typer hands enums; keep plain values
        self.headless = bool(self.headless)
        self.sites = getattr(self.sites, "value", self.sites)

    def check(self) -> None:
        if self.resume and self.run_id and self.run_id != self.resume:
            raise UserError("--run-id and --resume name different runs: pass one of them")

    def options(self) -> dict[str, Any]:
        """What run.json records about how the run was asked for."""
        return {k: (str(v) if isinstance(v, Path) else v) for k, v in self.__dict__.items()}


def open_store(args: RunArgs, settings: Settings) -> RunStore:
    """The run's store: the one named by --resume (must exist), or a new run id."""
    from halo_cli.runner.plan import check_run_id, new_run_id
    from halo_cli.runner.store import RunStore

    results_dir = args.results_dir or settings.results_dir
    if args.resume:
        store = RunStore(results_dir, check_run_id(args.resume))
        store.read_config()  # UserError when there is no such run
        return store
    store = RunStore(results_dir, check_run_id(args.run_id or new_run_id()))
    if store.exists():
        raise UserError(f"run {store.run_id} already exists in {results_dir}: "
                        f"use --resume {store.run_id} or another --run-id")
    return store


def print_dry_run(store: RunStore, plan: list[EpisodeSpec], args: RunArgs) -> None:
    done = store.done_keys() if args.resume else set()
    todo = [s for s in plan if s.key not in done]
    backend = f"ray ({args.ray_address})" if args.ray_address else f"local, {args.workers or 1} worker(s)"
    tasks = list(dict.fromkeys(s.task_id for s in plan))
    modes = list(dict.fromkeys(s.mode.name for s in plan))
    console.print(f"[bold]dry run[/bold]: run {store.run_id} -> {store.root}")
    console.print(f"{len(tasks)} tasks x {len(modes)} modes ({', '.join(modes)}) = "
                  f"{len(plan)} episodes; {len(plan) - len(todo)} done, {len(todo)} to run")
    console.print(f"sites: {args.sites}; backend: {backend}; headless: {args.headless}")
    for s in todo[:40]:
        console.print(f"  {s.task_id}  {s.mode.name}  #{s.attempt}  max_steps={s.mode.max_steps} "
                      f"temperature={s.mode.temperature:g} llm_seed={s.mode.seed} task_seed={s.task_seed} "
                      f"limit={s.wall_limit():.0f}s", highlight=False, soft_wrap=True)
    if len(todo) > 40:
        console.print(f"  ... {len(todo) - 40} more")
    console.print("nothing was run")


def run_plan(
    command: str, store: RunStore, plan: list[EpisodeSpec], args: RunArgs, settings: Settings,
    options: dict[str, Any], title: str, rollouts: bool = False,
) -> Outcome:
    """Check, record (new runs), execute with the live view, print the table; exit 130 if
    interrupted. Returns the study Outcome."""
    from halo_cli.cli.live import LiveView, results_table
    from halo_cli.runner.plan import check_llm
    from halo_cli.runner.study import Execution, execute, make_backend, run_document

    check_llm(list({s.mode.name: s.mode for s in plan}.values()), settings)
    execution = Execution(workers=args.workers, ray_address=args.ray_address)
    backend = make_backend(execution, settings, store)  # Ray connects here: fails before writing
    if args.resume:
        store.lock()
        doc = store.read_config()
        doc.setdefault("resumed", []).append({"options": args.options(), "backend": backend.name})
        store.write_config(doc)
    else:
        store.create(run_document(command, store.run_id, {**options, **args.options()}, plan,
                                  settings))
        store.lock()
    console.print(f"run [bold]{store.run_id}[/bold]: {len(plan)} episodes, {backend.name} backend, "
                  f"{backend.workers} at once -> {store.root}", highlight=False)
    outcome = execute(store, plan, settings, backend, LiveView(console, command), title, rollouts)
    close = getattr(backend, "close", None)
    if close is not None:
        close()
    modes = list(dict.fromkeys(s.mode.name for s in plan))
    console.print(results_table(outcome.results, modes, title))
    console.print(f"{len(outcome.results)}/{outcome.planned} episodes recorded "
                  f"({outcome.ran} this time, {len(outcome.errors)} with errors); "
                  f"files in {store.root}", highlight=False)
    if args.debug:
        for r in outcome.errors:
            err_console.print(f"--- {r.task_id} {r.mode} #{r.attempt}: {r.error_phase} "
                              f"{r.error_type}: {r.error_message}\n{r.traceback or ''}",
                              highlight=False)
    if outcome.interrupted:
        console.print(f"[yellow]interrupted[/yellow]: finish with --resume {store.run_id}")
        raise typer.Exit(130)
    return outcome


# ---- eval subset / matrix --------------------------------------------------------------


def _eval(
    command: str, args: RunArgs, *, tasks: list[str] | None, task_type: str | None,
    task_version: str, task_registry: Path | None, modes: list[str] | None,
    default_modes: list[str], max_steps: int | None, sample_size: int | None, seed: int,
    attempts: int, note: str = "",
) -> None:
    from halo_cli.cli.common import settings as load_settings
    from halo_cli.runner import plan as planning

    args.check()
    settings = load_settings()
    store = open_store(args, settings)
    if args.resume:
        plan = store.plan()
    else:
        from halo_cli.tasks.registry import open_registry

        registry = open_registry(task_registry, task_version)
        ids = planning.split_list(tasks)
        eligible = planning.local_task_ids() if args.sites == "local" and not ids else None
        chosen = planning.select_tasks(registry, ids, task_type, sample_size, seed, eligible)
        if eligible is not None and sample_size is None:
            every = registry.select(None, [task_type] if task_type else None)
            if len(chosen) < len(every):
                note = "\n".join(filter(None, [note, f"note: local sites serve {len(chosen)} of "
                                                f"{len(every)} tasks; --sites remote runs all"]))
        task_ids = [t.id for t in chosen]
        planning.check_local_sites(task_ids, args.sites)
        names = planning.split_list(modes) or default_modes
        plan = planning.episode_specs(
            task_ids, planning.resolve_modes(names, max_steps), store.run_id, attempts,
            sites=args.sites, headless=args.headless, data_dir=settings.data_dir.resolve(),
            wall_limit_s=args.episode_timeout, keep_screenshots=args.debug,
        )
    if note:
        err_console.print(note, highlight=False)
    if args.dry_run:
        print_dry_run(store, plan, args)
        return
    options = {"tasks": tasks, "task_type": task_type, "task_version": task_version,
               "task_registry": str(task_registry) if task_registry else None, "modes": modes,
               "max_steps": max_steps, "sample_size": sample_size, "seed": seed,
               "attempts": attempts}
    run_plan(f"eval {command}", store, plan, args, settings, options, f"halo eval {command}")


def _default_matrix_modes(settings: Settings) -> tuple[list[str], str]:
    """Every mode, less the vLLM ones when HALO_VLLM_URL is unset (and a note saying so)."""
    from halo_cli.config.modes import MODES

    names = [m.name for m in MODES.values() if m.worker_backend != "vllm" or settings.vllm_url]
    skipped = [n for n in MODES if n not in names]
    note = f"note: skipping {', '.join(skipped)} (HALO_VLLM_URL not set)" if skipped else ""
    return names, note


@app.command("subset")
def subset(
    tasks: TasksOpt = None,
    task_type: TaskTypeOpt = None,
    task_version: TaskVersionOpt = "v2",
    task_registry: TaskRegistryOpt = None,
    mode: ModeOpt = None,
    max_steps: MaxStepsOpt = 70,
    headless: HeadlessOpt = TrueFalse.true,
    debug: DebugOpt = False,
    sample_size: Annotated[
        int, typer.Option("--sample-size", min=1, help="Tasks sampled (with --seed) when --tasks is absent.")
    ] = 50,
    seed: SeedOpt = 0,
    attempts: Annotated[int, typer.Option("--attempts", min=1, help="Attempts per task x mode.")] = 1,
    dry_run: DryRunOpt = False,
    sites: SitesOpt = Sites.local,
    workers: WorkersOpt = None,
    ray_address: RayOpt = None,
    results_dir: ResultsDirOpt = None,
    run_id: RunIdOpt = None,
    resume: ResumeOpt = None,
    episode_timeout: TimeoutOpt = None,
) -> None:
    """Run mode(s) (default hierarchy_vac_macros) on chosen or sampled tasks."""
    args = RunArgs(headless, debug, dry_run, sites, workers, ray_address, results_dir, run_id,
                   resume, episode_timeout)
    _eval("subset", args, tasks=tasks, task_type=task_type, task_version=task_version,
          task_registry=task_registry, modes=mode, default_modes=["hierarchy_vac_macros"],
          max_steps=max_steps, sample_size=sample_size, seed=seed, attempts=attempts)


@app.command("matrix")
def matrix(
    tasks: TasksOpt = None,
    task_type: TaskTypeOpt = None,
    task_version: TaskVersionOpt = "v2",
    task_registry: TaskRegistryOpt = None,
    mode: ModeOpt = None,
    max_steps: MaxStepsOpt = 70,
    headless: HeadlessOpt = TrueFalse.true,
    debug: DebugOpt = False,
    sample_size: Annotated[
        int | None, typer.Option("--sample-size", min=1, help="Sample this many tasks (default: all).")
    ] = None,
    seed: SeedOpt = 0,
    attempts: Annotated[int, typer.Option("--attempts", min=1, help="Attempts per task x mode.")] = 1,
    dry_run: DryRunOpt = False,
    sites: SitesOpt = Sites.local,
    workers: WorkersOpt = None,
    ray_address: RayOpt = None,
    results_dir: ResultsDirOpt = None,
    run_id: RunIdOpt = None,
    resume: ResumeOpt = None,
    episode_timeout: TimeoutOpt = None,
) -> None:
    """Every mode (or --mode ...) on every v2 task (or --tasks): matrix.csv / matrix.md."""
    from halo_cli.cli.common import settings as load_settings

    args = RunArgs(headless, debug, dry_run, sites, workers, ray_address, results_dir, run_id,
                   resume, episode_timeout)
    defaults, note = ([], "") if mode or resume else _default_matrix_modes(load_settings())
    _eval("matrix", args, tasks=tasks, task_type=task_type, task_version=task_version,
          task_registry=task_registry, modes=mode, default_modes=defaults,
          max_steps=max_steps, sample_size=sample_size, seed=seed, attempts=attempts, note=note)
