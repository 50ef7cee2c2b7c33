"""`halo tasks list|snapshot|generate`: the REAL task registry, and generated training
task sets."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from halo_cli.cli.common import TaskRegistryOpt, console, err_console

if TYPE_CHECKING:
    from halo_cli.tasks.generate import Generation

app = typer.Typer(help="List and snapshot the REAL tasks shipped in agisdk; generate training "
                  "task sets.", no_args_is_help=True)


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


@app.command("generate")
def generate(
    out: Annotated[Path, typer.Option("--out", "-o", dir_okay=False,
                                      help="The task-set file to write (JSON Lines).")],
    site: Annotated[str | None, typer.Option(
        "--site", "-s", help="Local sites with task templates, comma-separated, or 'all' "
        "(every such site).")] = None,
    count: Annotated[int | None, typer.Option(
        "--count", "-n", min=1, help="Tasks per site (with --from-failures: in all, default "
        "one per failed task).")] = None,
    seed: Annotated[int, typer.Option("--seed", help="The same seed gives the same file.")] = 0,
    from_failures: Annotated[str | None, typer.Option(
        "--from-failures", metavar="RUN_ID", help="New tasks from the templates of the "
        "generated tasks this run failed (instead of --site), shared by failed episodes.")
    ] = None,
    easier: Annotated[bool, typer.Option(
        "--easier", help="With --from-failures: only drafts easier than the failed tasks "
        "(fewer constraints), where a template can express it.")] = False,
    results_dir: Annotated[Path | None, typer.Option(
        "--results-dir", help="Where --from-failures finds the run (default "
        "HALO_RESULTS_DIR).")] = None,
) -> None:
    """Generate verified training tasks from the local sites' templates into a task set.

    Each task is kept only when its template's judge passes the reference end state and
    fails the start state and every near miss, its goal shares no 8-word run with a v2
    goal, and its end state passes none of the site's v2 eval scripts. Exit 1 when a site
    got fewer tasks than asked (the file is written with what was kept).

    --from-failures RUN_ID (a curriculum, as WebRL's): the tasks come from the templates
    of the run's failed generated tasks, with new parameters and goals unlike any task of
    the run or its task set; a run with none failed is one line, exit 2.
    """
    from halo_cli.errors import UserError
    from halo_cli.tasks.taskset import write_task_set

    if (site is None) == (from_failures is None):
        raise UserError("pass --site S|all, or --from-failures RUN_ID (one of them)")
    if easier and from_failures is None:
        raise UserError("--easier goes with --from-failures RUN_ID")
    bar, update = _generation_bar()
    if from_failures is not None:
        done = _curriculum(from_failures, count, seed, easier, results_dir, bar, update)
    else:
        from halo_cli.tasks.generate import generate as run_generation
        from halo_cli.tasks.generate import resolve_sites

        if count is None:
            raise UserError("--site needs --count N (tasks per site)")
        sites = resolve_sites(site or "")
        with bar:
            update(total=count * len(sites), site=sites[0])
            done = run_generation(sites, count, seed, on_progress=update)
    write_task_set(out, done.tasks)
    _show_generation(done, out)
    if done.short:
        raise typer.Exit(1)


def _generation_bar() -> tuple[Any, Any]:
    """The progress bar of `tasks generate` and its update callback (a `Progress` of the
    generator, or total= and site= to set it up)."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    bar = Progress(TextColumn("generating [bold]{task.fields[site]}[/bold]"), BarColumn(),
                   MofNCompleteColumn(), TextColumn("{task.fields[drafted]} drafted"),
                   TimeElapsedColumn(), console=err_console, transient=True)
    job = bar.add_task("tasks", total=None, site="", drafted=0)

    def update(p: Any = None, *, total: int | None = None, site: str | None = None) -> None:
        if p is None:
            bar.update(job, total=total, site=site)
        else:
            bar.update(job, completed=p.kept, total=p.target, site=p.site, drafted=p.drafted)

    return bar, update


def _curriculum(run_id: str, count: int | None, seed: int, easier: bool,
                results_dir: Path | None, bar: Any, update: Any) -> Generation:
    """`--from-failures`: the run's failed generated tasks, then new tasks of their
    templates (what failed is printed first)."""
    from rich.table import Table

    from halo_cli.cli.common import settings as load_settings
    from halo_cli.runner.failures import run_failures
    from halo_cli.tasks.curriculum import failed_summary, from_failures

    found = run_failures(results_dir or load_settings().results_dir, run_id)
    if found.failed:
        table = Table(title=f"failed in run {run_id} ({found.episodes} judged episodes of "
                            "generated tasks)")
        for col in ("template", "tasks", "episodes"):
            table.add_column(col, justify="left" if col == "template" else "right")
        for name, tasks, episodes in failed_summary(found.failed, found.tasks):
            table.add_row(name, str(tasks), str(episodes))
        console.print(table)
    with bar:
        return from_failures(found.failed, found.tasks, run_id, count, seed, easier,
                             on_progress=update)


def _show_generation(done: Generation, out: Path) -> None:
    """The summary: tasks per template, rejections per reason, the v2 tasks that caused
    them, and where the file went."""
    from rich.table import Table

    table = Table(title="generated tasks")
    for col in ("site", "template", "kept", "rejected"):
        table.add_column(col, justify="right" if col in ("kept", "rejected") else "left")
    rejected: dict[tuple[str, str], int] = {}
    for (s, t, _), n in done.rejected.items():
        rejected[(s, t)] = rejected.get((s, t), 0) + n
    for key in sorted(set(done.kept) | set(rejected)):
        table.add_row(key[0], key[1], str(done.kept.get(key, 0)), str(rejected.get(key, 0)))
    console.print(table)
    reasons = done.reasons()
    if reasons:
        why = Table(title="rejected drafts, by reason")
        why.add_column("reason")
        why.add_column("drafts", justify="right")
        for reason, n in reasons.most_common():
            why.add_row(reason, str(n))
        console.print(why)
    if done.v2_hits:
        hits = ", ".join(f"{t} ({n})" for t, n in done.v2_hits.most_common())
        console.print(f"v2 tasks that caused rejections: {hits}", highlight=False, soft_wrap=True)
    for s, names in done.spent.items():
        console.print(f"{s}: templates spent (too many rejections in a row): {', '.join(names)}",
                      highlight=False)
    for s, missing in done.short.items():
        console.print(f"[yellow]{s}: {missing} fewer tasks than asked[/yellow]", highlight=False)
    console.print(f"wrote {out}: {len(done.tasks)} tasks from {done.drafted} drafts "
                  f"({sum(reasons.values())} rejected) in {done.seconds:.1f} s", highlight=False)
