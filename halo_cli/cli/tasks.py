"""`halo tasks list|snapshot`: the REAL task registry."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from halo_cli.cli.common import TaskRegistryOpt, console

app = typer.Typer(help="List and snapshot the REAL tasks shipped in agisdk.", no_args_is_help=True)


@app.command("list")
def list_tasks(
    site: Annotated[
        list[str] | None, typer.Option("--site", "-s", help="Only these sites, comma-separated or repeated.")
    ] = None,
    json_out: Annotated[
        Path | None, typer.Option("--json", help="Also write the selected tasks to this JSON file.")
    ] = None,
    ids_only: Annotated[bool, typer.Option("--ids-only", help="Print task ids only.")] = False,
    task_version: Annotated[str, typer.Option("--task-version", help="REAL task version.")] = "v2",
    task_registry: TaskRegistryOpt = None,
) -> None:
    """Show how many tasks there are per site, and the tasks the audit flags: those no run
    can pass as shipped, those broken on the hosted site, and those whose eval script
    accepts far less than the goal asks."""
    from rich.table import Table

    from halo_cli.tasks.audit import flag
    from halo_cli.tasks.registry import open_registry

    registry = open_registry(task_registry, task_version)
    if site:
        from halo_cli.runner.plan import split_list

        site = split_list(site)
    chosen = registry.select(sites=site)
    flags = {t.id: f for t in chosen if (f := flag(t.id)) is not None}
    if json_out is not None:
        rows = [{**t.__dict__, "audit": ({"verdict": flags[t.id].verdict,
                                          "reason": flags[t.id].reason}
                                         if t.id in flags else None)} for t in chosen]
        json_out.write_text(json.dumps(rows, indent=2, ensure_ascii=False) + "\n")
    if ids_only:
        for t in chosen:
            typer.echo(t.id)
        return
    counts: dict[str, int] = {}
    for t in chosen:
        counts[t.site] = counts.get(t.site, 0) + 1
    table = Table(title=f"REAL {registry.version} tasks", caption=f"agisdk {registry.agisdk_version}")
    table.add_column("site")
    table.add_column("tasks", justify="right")
    for name, n in counts.items():
        table.add_row(name, str(n))
    table.add_section()
    table.add_row(f"{len(counts)} sites", str(len(chosen)), style="bold")
    console.print(table)
    console.print(f"total: {len(chosen)} tasks on {len(counts)} sites")
    if flags:
        audit = Table(title="audit (agisdk 0.3.5's eval scripts)")
        for col in ("task", "verdict", "reason"):
            audit.add_column(col, overflow="fold")
        for task_id, f in flags.items():
            audit.add_row(task_id, f.verdict, f.reason)
        console.print(audit)
    if json_out is not None:
        console.print(f"wrote {json_out}")


@app.command("snapshot")
def snapshot(
    task_version: Annotated[str, typer.Option("--task-version", help="REAL task version.")] = "v2",
    out: Annotated[Path, typer.Option(
        "--out", "-o", help="Where to write the snapshot (use it with --task-registry).")
    ] = Path("real_v2_task_registry.json"),
) -> None:
    """Write a deterministic JSON of the installed agisdk's tasks (ids, goals, eval scripts, hashes).

    The packaged default that task commands use is halo_cli/tasks/real_v2_task_registry.json.
    """
    from halo_cli.tasks.registry import from_agisdk

    registry = from_agisdk(task_version)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(registry.snapshot())
    console.print(f"wrote {out}: {len(registry)} {registry.version} tasks, "
                  f"agisdk {registry.agisdk_version}")
