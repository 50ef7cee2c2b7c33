"""`halo report RUN_ID`: a run as a self-contained web folder; also the line the run
commands and `halo debug --report` print at the end."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from halo_cli.cli.common import console, err_console, settings
from halo_cli.errors import UserError

if TYPE_CHECKING:
    from halo_cli.config.settings import Settings


def report(
    run_id: Annotated[str, typer.Argument(help="The run's id (its folder in the results dir).")],
    out: Annotated[Path | None, typer.Option(
        "--out", file_okay=False,
        help="Folder to write (default: <results dir>/RUN_ID/report); rebuilt each time.")] = None,
    open_: Annotated[bool, typer.Option("--open", help="Open it in the default browser.")] = False,
    results_dir: Annotated[Path | None, typer.Option(
        "--results-dir", help="Where runs are (default HALO_RESULTS_DIR).")] = None,
    compare: Annotated[str | None, typer.Option(
        "--compare", metavar="RUN_B", help="Compare RUN_ID (A) with RUN_B on the same tasks "
        "and attempts: both outcomes side by side, the flips, the paired difference "
        "(one file, compare-A-vs-B.html, in RUN_B's folder or --out).")] = None,
) -> None:
    """Write a run's report: metrics, charts, an episode grid, each episode's steps with
    screenshots; opens from file:// with no server and no network."""
    # deferred: loaded when the command runs, so every `halo` command starts fast
    from halo_cli.report.build import compare_runs, report_run

    cfg = settings()
    where = results_dir or cfg.results_dir
    if compare:
        index = compare_runs(where, run_id, compare, out, cfg.secrets())
    else:
        index = report_run(where, run_id, out, cfg.secrets())
    console.print(f"report: {index.as_uri()}", highlight=False, soft_wrap=True)
    if open_:
        # deferred: loaded when the command runs, so every `halo` command starts fast
        import webbrowser

        webbrowser.open(index.as_uri())


def print_report(results_dir: Path, run_id: str, cfg: Settings) -> None:
    """Rebuild the run's report and print where it is; a failure is one warning line
    (the run's results are already safe)."""
    # deferred: loaded when the command runs, so every `halo` command starts fast
    from halo_cli.report.build import report_run

    try:
        index = report_run(results_dir, run_id, None, cfg.secrets())
    except (UserError, OSError) as exc:
        err_console.print(f"[yellow]no report[/yellow]: {exc}", highlight=False, soft_wrap=True)
        return
    console.print(f"report: {index.as_uri()}", highlight=False, soft_wrap=True)
