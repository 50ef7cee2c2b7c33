"""Options shared by the run commands (`eval subset|matrix`, `rollout`,
`verify-exploration`), declared once, and the part of a run the terminal shows.

`@run_command` adds the shared run options to a command's signature and hands them to
it as one `RunOptions` (`run=`); `start` opens the run's store and settings; `report`
executes the plan through the library with the live view and prints the results.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from halo_cli.cli.common import (
    FreshBrowserOpt,
    HeadlessOpt,
    Sites,
    SitesOpt,
    TrueFalse,
    console,
    err_console,
)
from halo_cli.cli.common import settings as load_settings
from halo_cli.cli.report import print_report

if TYPE_CHECKING:  # imported lazily at run time: `halo --help` stays fast
    from halo_cli.config.settings import Settings
    from halo_cli.runner.models import EpisodeSpec
    from halo_cli.runner.run import RunOptions
    from halo_cli.runner.store import RunStore
    from halo_cli.runner.study import Outcome

# ---- what to run: shared types, each command sets its own default --------------------
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
SeedOpt = Annotated[int, typer.Option("--seed", help="Seed of the task sample.")]

# ---- how to run: declared once, added to every run command by @run_command ------------
_RUN_OPTIONS: list[tuple[str, Any, Any]] = [
    ("headless", HeadlessOpt, TrueFalse.true),
    ("debug", Annotated[bool, typer.Option(
        "--debug", help="Keep screenshots; print each error's traceback at the end.")], False),
    ("dry_run", Annotated[bool, typer.Option(
        "--dry-run", help="Print what would run; run nothing.")], False),
    ("speed", Annotated[bool, typer.Option(
        "--speed", help="The runbook's speed mode: a 25-step budget per episode.")], False),
    ("fresh_browser", FreshBrowserOpt, False),
    ("sites", SitesOpt, Sites.local),
    ("sites_url", Annotated[str | None, typer.Option(
        "--sites-url", help="Root of a running `halo sites serve` (shared by every worker, "
        "e.g. Ray workers on other machines).")], None),
    ("workers", Annotated[int | None, typer.Option(
        "--workers", "-w", min=1, help="Episodes at once (default 1; Ray: its CPUs).")], None),
    ("ray_address", Annotated[str | None, typer.Option(
        "--ray-address", help="Run episodes on this Ray cluster (or 'auto').")], None),
    ("results_dir", Annotated[Path | None, typer.Option(
        "--results-dir", help="Where runs go (default HALO_RESULTS_DIR).")], None),
    ("run_id", Annotated[str | None, typer.Option(
        "--run-id", help="Name of the run (default: time + suffix).")], None),
    ("resume", Annotated[str | None, typer.Option(
        "--resume", metavar="RUN_ID", help="Finish this run: what its stored plan still "
        "misses (task and mode options are ignored).")], None),
    ("episode_timeout", Annotated[float | None, typer.Option(
        "--episode-timeout", min=1.0, help="Wall-time limit per episode, seconds "
        "(default 60 + 30 per step).")], None),
]


Option = tuple[str, Any, Any]  # (parameter name, Annotated type, default)


def _evaluated(param: inspect.Parameter, fn: Callable[..., Any]) -> inspect.Parameter:
    """`param` with its string annotation evaluated (kept as is when it names a type only
    imported for type checking: an outer option group removes that parameter)."""
    if not isinstance(param.annotation, str):
        return param
    globals_ = getattr(inspect.unwrap(fn), "__globals__", {})
    try:
        return param.replace(annotation=eval(param.annotation, globals_))  # noqa: S307
    except NameError:
        return param


def option_group(options: list[Option], into: str,
                 build: Callable[[], Callable[..., Any]]) -> Callable[[Callable[..., Any]], Any]:
    """A decorator that adds `options` to a command's signature (so Typer shows them) and
    hands them to the command as one object, `into=build()(**values)`."""

    def decorate(fn: Callable[..., Any]) -> Callable[..., Any]:
        sig = inspect.signature(fn)
        own = [_evaluated(p, fn) for p in sig.parameters.values() if p.name != into]
        extra = [inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=default,
                                   annotation=annotation) for name, annotation, default in options]

        @functools.wraps(fn)
        def command(**kwargs: Any) -> Any:
            group = build()(**{name: kwargs.pop(name) for name, _, _ in options})
            return fn(**kwargs, **{into: group})

        params = sorted(own, key=lambda p: p.kind) + extra
        command.__signature__ = sig.replace(parameters=params)  # type: ignore[attr-defined]
        command.__annotations__ = {p.name: p.annotation for p in params}
        return command

    return decorate


def _run_options() -> Callable[..., Any]:
    # deferred: loaded when the command runs, so every `halo` command starts fast
    from halo_cli.runner.run import RunOptions

    def build(**values: Any) -> RunOptions:
        run = RunOptions(**values)
        run.check()
        return run

    return build


#: gives a command the shared run options as `run: RunOptions`
run_command = option_group(_RUN_OPTIONS, "run", _run_options)


def start(run: RunOptions) -> tuple[RunStore, Settings]:
    """The settings and the run's store (resumed or new)."""
    # deferred: loaded when the command runs, so every `halo` command starts fast
    from halo_cli.runner.run import open_store

    settings = load_settings()
    return open_store(run, settings), settings


def print_dry_run(store: RunStore, plan: list[EpisodeSpec], run: RunOptions) -> None:
    done = store.done_keys() if run.resume else set()
    todo = [s for s in plan if s.key not in done]
    backend = (f"ray ({run.ray_address})" if run.ray_address
               else f"local, {run.workers or 1} worker(s)")
    tasks = list(dict.fromkeys(s.task_id for s in plan))
    modes = list(dict.fromkeys(s.mode.name for s in plan))
    console.print(f"[bold]dry run[/bold]: run {store.run_id} -> {store.root}")
    console.print(f"{len(tasks)} tasks x {len(modes)} modes ({', '.join(modes)}) = "
                  f"{len(plan)} episodes; {len(plan) - len(todo)} done, {len(todo)} to run")
    sites = run.sites + (f" ({run.sites_url})" if run.sites_url else "")
    console.print(f"sites: {sites}; backend: {backend}; headless: {run.headless}; "
                  f"speed: {run.speed}", highlight=False)
    for s in todo[:40]:
        console.print(f"  {s.task_id}  {s.mode.name}  #{s.attempt}  max_steps={s.mode.max_steps} "
                      f"temperature={s.mode.temperature:g} llm_seed={s.mode.seed} "
                      f"task_seed={s.task_seed} limit={s.wall_limit():.0f}s",
                      highlight=False, soft_wrap=True)
    if len(todo) > 40:
        console.print(f"  ... {len(todo) - 40} more")
    console.print("nothing was run")


def report(command: str, store: RunStore, plan: list[EpisodeSpec], run: RunOptions,
           settings: Settings, options: dict[str, Any], title: str, rollouts: bool = False,
           note: str = "") -> Outcome | None:
    """Print the note; a dry run prints the plan and returns None. Otherwise run the plan
    with the live view, print the results table and where the run's report is (rebuilt);
    exit 130 if interrupted."""
    # deferred: loaded when the command runs, so every `halo` command starts fast
    from halo_cli.cli.live import LiveView, results_table
    from halo_cli.runner.models import sites_label
    from halo_cli.runner.run import execute_run

    if note:
        err_console.print(note, highlight=False)
    if run.dry_run:
        print_dry_run(store, plan, run)
        return None

    where = sites_label(s.sites for s in plan) if plan else "no sites"

    def announce(backend: Any) -> None:
        console.print(f"run [bold]{store.run_id}[/bold]: {len(plan)} episodes on {where}, "
                      f"{backend.name} backend, {backend.workers} at once -> {store.root}",
                      highlight=False)

    outcome = execute_run(f"{command}", store, plan, run, settings, options,
                          observer=LiveView(console, command), title=title, rollouts=rollouts,
                          on_backend=announce)
    modes = list(dict.fromkeys(s.mode.name for s in plan))
    console.print(results_table(outcome.results, modes, f"{title} ({where})".strip()))
    console.print(f"{len(outcome.results)}/{outcome.planned} episodes recorded "
                  f"({outcome.ran} this time, {len(outcome.errors)} with errors) on {where}; "
                  f"files in {store.root}", highlight=False)
    if run.debug:
        for r in outcome.errors:
            err_console.print(f"--- {r.task_id} {r.mode} #{r.attempt}: {r.error_phase} "
                              f"{r.error_type}: {r.error_message}\n{r.traceback or ''}",
                              highlight=False)
    if outcome.results:
        print_report(store.root.parent, store.run_id, settings)
    if outcome.interrupted:
        console.print(f"[yellow]interrupted[/yellow]: finish with --resume {store.run_id}")
        raise typer.Exit(130)
    return outcome
