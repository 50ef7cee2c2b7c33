"""The root `halo` Typer app: one sub-app or module per command group."""

from __future__ import annotations

import sys
from typing import Annotated

import typer
from rich.markup import escape

from halo_cli import __version__
from halo_cli.cli import cache, debug, doctor, explore, export, report, rollout, sites, tasks
from halo_cli.cli import eval as eval_cmd
from halo_cli.cli.common import err_console
from halo_cli.errors import UserError

app = typer.Typer(
    name="halo",
    help="HALO: a hierarchical web agent and its evaluation tooling for REAL Bench v2.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_show_locals=False,
)
app.add_typer(tasks.app, name="tasks")
app.add_typer(sites.app, name="sites")
app.add_typer(cache.app, name="cache")
app.command("doctor")(doctor.doctor)
app.command("debug")(debug.debug)
app.add_typer(eval_cmd.app, name="eval")
app.command("rollout")(rollout.rollout)
app.add_typer(export.app, name="export")
app.command("verify-exploration")(explore.verify_exploration)
app.command("report")(report.report)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"halo {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """HALO: a hierarchical web agent and its evaluation tooling for REAL Bench v2."""


def main() -> None:
    """Console entry point: user errors are one line on stderr and exit code 2."""
    try:
        app()
    except UserError as exc:
        # escaped: a message may hold brackets (`pip install 'halo-cli[local]'`, `[bid]`)
        err_console.print(f"[red]error:[/red] {escape(str(exc))}", highlight=False,
                          soft_wrap=True)
        sys.exit(exc.exit_code)
