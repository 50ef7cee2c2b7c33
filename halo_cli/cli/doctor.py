"""`halo doctor`: is this machine ready to run HALO?"""

from __future__ import annotations

from typing import Annotated

import typer

from halo_cli.cli.common import console, settings


def doctor(
    remote: Annotated[bool, typer.Option(
        "--remote", help="Instead: reach each hosted REAL site (a task's /config and /finish "
        "over HTTP, all at once) and say per site what works.")] = False,
) -> None:
    """Check Python, agisdk, Playwright, a launchable Chromium, API keys, vLLM and the
    local model (when HALO_WORKER_BACKEND=local or HALO_LOCAL_MODEL is set); with
    --remote, the hosted REAL sites."""
    # deferred: loaded when the command runs, so every `halo` command starts fast
    from rich.table import Table

    from halo_cli.doctor import check_hosted_sites, run_checks

    checks = check_hosted_sites() if remote else run_checks(settings())
    style = {"ok": "green", "warn": "yellow", "fail": "red"}
    table = Table(title="halo doctor --remote" if remote else "halo doctor")
    for col in ("check", "status", "detail"):
        table.add_column(col)
    for c in checks:
        table.add_row(c.name, f"[{style[c.status]}]{c.status}[/]", c.detail)
    console.print(table)
    failed = [c for c in checks if c.status == "fail"]
    for c in checks:
        if c.fix and c.status != "ok":
            console.print(f"[{style[c.status]}]{c.name}[/]: {c.fix}")
    if failed:
        console.print(f"[red]{len(failed)} required check(s) failed[/red]")
        raise typer.Exit(1)
    console.print("[green]ready[/green]")
