"""`halo sites serve|list|verify`: the local REAL-compatible sites."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from halo_cli.cli.common import FreshBrowserOpt, TaskSetOpt, console, err_console, settings
from halo_cli.errors import UserError

app = typer.Typer(help="Serve, list and verify the local replicas of REAL sites.",
                  no_args_is_help=True)


@app.command("serve")
def serve(
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port (0 picks a free one).")] = 8000,
) -> None:
    """Serve every local site; prints one JSON line {site: base URL}; runs until Ctrl-C."""
    import uvicorn

    from halo_cli.sites.registry import all_sites
    from halo_cli.sites.server import bind, build_app

    sites = all_sites()
    try:
        sock = bind(host, port)  # held from here on: fails with one line, not a uvicorn log
    except OSError as exc:
        raise UserError(f"cannot serve on {host}:{port}: {exc.strerror or exc}") from None
    port = sock.getsockname()[1]
    typer.echo(json.dumps({s.id: f"http://{host}:{port}/{s.id}" for s in sites}))
    config = uvicorn.Config(build_app(sites), host=host, port=port, log_level="warning",
                            access_log=False)
    uvicorn.Server(config).run(sockets=[sock])


@app.command("list")
def list_sites(
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
) -> None:
    """Local sites and the v2 task ids each supports."""
    from rich.table import Table

    from halo_cli.sites.registry import supported_task_ids

    ids = supported_task_ids()
    if as_json:
        typer.echo(json.dumps(ids, indent=2))
        return
    table = Table(title="Local REAL sites")
    table.add_column("site")
    table.add_column("tasks", justify="right")
    table.add_column("supported task ids")
    for sid, tasks in ids.items():
        table.add_row(sid, str(len(tasks)), ", ".join(tasks))
    console.print(table)


@app.command("verify")
def verify(
    site: Annotated[list[str] | None, typer.Option(
        "--site", "-s", help="Only these sites, comma-separated or repeated.")] = None,
    tasks: Annotated[list[str] | None, typer.Option(
        "--tasks", help="Task ids, comma-separated or repeated (default: all).")] = None,
    as_json: Annotated[bool, typer.Option(
        "--json", help="Print the rows as JSON (progress goes to stderr).")] = False,
    headless: Annotated[bool, typer.Option(help="Run Chromium headless.")] = True,
    negatives: Annotated[
        bool, typer.Option(help="Also run the negative controls (must score 0).")
    ] = True,
    workers: Annotated[int, typer.Option(
        "--workers", "-w", min=1, help="Episodes at once, each worker a process with its "
        "own browser.")] = 1,
    fresh_browser: FreshBrowserOpt = False,
    task_set: TaskSetOpt = None,
) -> None:
    """Replay reference solutions and negative controls through the real env and eval scripts.

    Each reference must score 1.0 and each negative control 0.0 without an error (a
    negative that crashed or timed out proves nothing); exit code 1 otherwise. With
    --task-set: each generated task's template solution (judged by its template) and a
    "no action" control.
    """
    from halo_cli.cli.verify_view import VerifyView
    from halo_cli.runner import verify as verifying
    from halo_cli.runner.plan import split_list
    from halo_cli.sites.registry import pick_sites
    from halo_cli.tasks.registry import open_registry

    if task_set is not None:
        from halo_cli.tasks.taskset import load_task_set

        generated = load_task_set(task_set).select(split_list(tasks) or None,
                                                   split_list(site) or None)
        chosen_sites = pick_sites(sorted({t.site for t in generated}))
        cases = verifying.plan_generated_cases(generated, negatives)
    else:
        chosen_sites = pick_sites(split_list(site) or None)
        wanted = None
        if tasks:
            reg = open_registry()
            wanted = {reg.get(t).name for t in split_list(tasks)}
        cases = verifying.plan_cases(chosen_sites, wanted, negatives)
    if not cases:
        raise UserError("nothing to verify: no supported task matches")
    view = VerifyView(err_console if as_json else console, len(cases), transient=as_json)
    try:
        with view:
            done = verifying.verify(cases, chosen_sites, settings(), workers=workers,
                                    headless=headless, fresh_browser=fresh_browser,
                                    on_row=view.add, on_start=view.started)
    except KeyboardInterrupt:
        err_console.print("[yellow]interrupted[/yellow]")
        raise typer.Exit(130) from None
    if as_json:
        typer.echo(json.dumps([r.to_dict() for r in done.rows], indent=2))
    else:
        console.print(f"{len(done.rows) - len(done.failed)}/{done.planned} runs as expected",
                      highlight=False)
    if done.logs is not None:
        err_console.print(f"episode logs: {done.logs}", highlight=False, soft_wrap=True)
    if done.failed:
        raise typer.Exit(1)
