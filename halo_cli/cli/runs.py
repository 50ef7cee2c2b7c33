"""The run commands' common path: build Settings, hand the request and the run options to
the library (`runner.run.prepare_run`, `execute_run`), render what comes back: the plan
of a dry run, the live view, the results table, where the files and the report are."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import typer

from halo_cli.cli.common import console, err_console

if TYPE_CHECKING:
    from halo_cli.runner.requests import Request
    from halo_cli.runner.run import PreparedRun, RunOptions
    from halo_cli.runner.study import Outcome


def run_request(request: Request, run: RunOptions) -> tuple[PreparedRun, Outcome | None]:
    """Plan and run `request`; a dry run prints the plan and gives no outcome. Exit 130
    if interrupted (after printing what finished)."""
    from halo_cli.cli.common import settings as load_settings
    from halo_cli.cli.live import LiveView
    from halo_cli.runner.run import execute_run, prepare_run

    settings = load_settings()
    prepared = prepare_run(request, run, settings)
    if prepared.note:
        err_console.print(prepared.note, highlight=False)
    if run.dry_run:
        show_plan(prepared)
        return prepared, None

    def announce(backend: Any) -> None:
        console.print(f"run [bold]{prepared.store.run_id}[/bold]: {len(prepared.plan)} episodes "
                      f"on {prepared.where}, {backend.name} backend, {backend.workers} at once "
                      f"-> {prepared.store.root}", highlight=False)

    outcome = execute_run(prepared, settings, observer=LiveView(console, request.command),
                          on_backend=announce)
    show_outcome(prepared, outcome)
    if outcome.results:
        from halo_cli.cli.report import print_report

        print_report(prepared.store.root.parent, prepared.store.run_id, settings)
    if outcome.interrupted:
        console.print(f"[yellow]interrupted[/yellow]: finish with --resume {prepared.store.run_id}")
        raise typer.Exit(130)
    return prepared, outcome


def show_plan(prepared: PreparedRun) -> None:
    """A dry run: what would run, and how."""
    run, store, plan = prepared.options, prepared.store, prepared.plan
    todo = prepared.todo()
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
    boards = list(dict.fromkeys(s.leaderboard.model_name for s in plan if s.leaderboard))
    if boards:
        name = next(s.leaderboard.run_name for s in plan if s.leaderboard)
        console.print(f"REAL leaderboard: run {name!r} as {', '.join(boards)} (registered with "
                      "REAL when the run starts; nothing sent now)", highlight=False)
    for s in todo[:40]:
        console.print(f"  {s.task_id}  {s.mode.name}  #{s.attempt}  max_steps={s.mode.max_steps} "
                      f"temperature={s.mode.temperature:g} llm_seed={s.mode.seed} "
                      f"task_seed={s.task_seed} limit={s.wall_limit():.0f}s",
                      highlight=False, soft_wrap=True)
    if len(todo) > 40:
        console.print(f"  ... {len(todo) - 40} more")
    console.print("nothing was run")


def show_outcome(prepared: PreparedRun, outcome: Outcome) -> None:
    """The results table, the counts, and with --debug each error's traceback."""
    from halo_cli.cli.live import results_table

    modes = list(dict.fromkeys(s.mode.name for s in prepared.plan))
    where = prepared.where
    console.print(results_table(outcome.results, modes, f"{prepared.request.title} ({where})"))
    console.print(f"{len(outcome.results)}/{outcome.planned} episodes recorded "
                  f"({outcome.ran} this time, {len(outcome.errors)} with errors) on {where}; "
                  f"files in {prepared.store.root}", highlight=False)
    if prepared.options.debug:
        for r in outcome.errors:
            err_console.print(f"--- {r.task_id} {r.mode} #{r.attempt}: {r.error_phase} "
                              f"{r.error_type}: {r.error_message}\n{r.traceback or ''}",
                              highlight=False)
