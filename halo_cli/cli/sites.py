"""`halo sites serve|list|verify`: the local REAL-compatible sites."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from halo_cli.cli.common import FreshBrowserOpt, console, settings
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
    site: Annotated[list[str] | None, typer.Option("--site", "-s", help="Only this site.")] = None,
    tasks: Annotated[
        str | None, typer.Option("--tasks", help="Comma list of task ids (default: all).")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the rows as JSON.")] = False,
    headless: Annotated[bool, typer.Option(help="Run Chromium headless.")] = True,
    negatives: Annotated[
        bool, typer.Option(help="Also run the negative controls (must score 0).")
    ] = True,
    fresh_browser: FreshBrowserOpt = False,
) -> None:
    """Replay reference solutions and negative controls through the real env and eval scripts.

    Each reference must score 1.0 and each negative control 0.0; exit code 1 otherwise.
    """
    from rich.live import Live
    from rich.table import Table

    from halo_cli.harness.browser import BrowserNotFound, activate
    from halo_cli.harness.replay import plan_verification
    from halo_cli.runner.solutions import run_solution
    from halo_cli.sites.registry import pick_sites
    from halo_cli.sites.server import start_server
    from halo_cli.tasks.registry import from_agisdk

    chosen_sites = pick_sites(site)
    wanted = None
    if tasks:
        reg = from_agisdk()
        wanted = {reg.get(t).name for t in tasks.split(",") if t.strip()}
    plan = plan_verification(chosen_sites, wanted, with_negatives=negatives)
    if not plan:
        raise UserError("nothing to verify: no supported task matches")
    cfg = settings()
    try:
        activate(cfg.chromium_path, cfg.data_dir)
    except BrowserNotFound as exc:
        raise UserError(str(exc)) from None
    server = start_server(chosen_sites)
    base = f"http://{server.host}:{server.port}"
    rows = []
    table = Table(title="halo sites verify")
    for col in ("task", "kind", "label", "reward", "steps", "seconds", "ok"):
        table.add_column(col)
    try:
        with Live(table, console=console, transient=as_json, auto_refresh=False) as live:
            for solution in plan:
                row = run_solution(solution, base_url=base, headless=headless,
                                   fresh_browser=fresh_browser)
                rows.append(row)
                mark = "[green]yes[/]" if row.ok else f"[red]NO[/] {row.error or ''}"
                table.add_row(row.task, row.kind, row.label, f"{row.reward:.1f}",
                              str(row.steps), f"{row.seconds:.1f}", mark)
                live.refresh()
    finally:
        server.stop()
    bad = [r for r in rows if not r.ok]
    if as_json:
        typer.echo(json.dumps([r.to_dict() for r in rows], indent=2))
    else:
        console.print(f"{len(rows) - len(bad)}/{len(rows)} runs as expected")
    if bad:
        raise typer.Exit(1)
