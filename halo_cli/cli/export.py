"""`halo export sft|dpo`: training datasets from rollouts (the library is `halo_cli.export`)."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Annotated, Any

import typer

from halo_cli.cli.common import console
from halo_cli.cli.common import settings as load_settings

app = typer.Typer(help="Training datasets (TRL formats, Parquet) from rollout runs.",
                  no_args_is_help=True)

RunsOpt = Annotated[list[str], typer.Option(
    "--runs", help="Run id(s), comma-separated or repeated (their trajectories are read).")]
OutOpt = Annotated[Path, typer.Option(
    "--out", help="Folder to create (absent or empty): Parquet + README.md dataset card.",
    file_okay=False)]
TextOnlyOpt = Annotated[bool, typer.Option(
    "--text-only", help="No images: message contents are plain text.")]
ResultsOpt = Annotated[Path | None, typer.Option(
    "--results-dir", help="Where the runs are (default HALO_RESULTS_DIR).")]

IncludePackagedOpt = Annotated[bool, typer.Option(
    "--include-packaged", help="Keep steps replayed from the packaged cache (the local sites' "
    "reference solutions: demonstrations, not the policy); left out by default, counted in "
    "the card.")]

AllowTestOpt = Annotated[bool, typer.Option(
    "--allow-test-tasks", help="Export runs that include REAL v2 tasks (the test set; "
    "refused by default): the card then warns that v2 numbers measured after training on "
    "it are contaminated.")]


def _progress(label: str) -> Any:
    """A rich progress bar and the (done, total) callback that drives it."""
    # deferred: loaded when the command runs, so every `halo` command starts fast
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

    bar = Progress("[progress.description]{task.description}", BarColumn(), MofNCompleteColumn(),
                   TimeElapsedColumn(), console=console, transient=True)
    task = bar.add_task(label, total=None)

    def update(done: int, total: int) -> None:
        bar.update(task, completed=done, total=total)

    return bar, update


def _setup(runs: list[str], results_dir: Path | None) -> tuple[Path, list[str], list[str]]:
    # deferred: loaded when the command runs, so every `halo` command starts fast
    from halo_cli.runner.plan import split_list

    settings = load_settings()
    return results_dir or settings.results_dir, split_list(runs), list(settings.secrets())


def _done(kind: str, count: int, unit: str, out: Path, tally: Any, seconds: float) -> None:
    rate = count / seconds if seconds > 0 else 0.0
    console.print(f"{kind}: {count} {unit} from {len(tally.episodes)} episodes of "
                  f"{len(tally.runs)} run(s) -> {out} ({seconds:.1f} s, {rate:.0f}/s)",
                  highlight=False)


@app.command("sft")
def sft(
    runs: RunsOpt,
    out: OutOpt,
    worker_only: Annotated[bool, typer.Option(
        "--worker-only", help="Only steps whose action the Worker chose (no cache, macro "
        "or Manager steps).")] = False,
    manager_target: Annotated[bool, typer.Option(
        "--manager-target", help="Where the Manager overrode the Worker, keep the step with "
        "the Manager's action as the target (left out by default).")] = False,
    text_only: TextOnlyOpt = False,
    include_packaged: IncludePackagedOpt = False,
    allow_test_tasks: AllowTestOpt = False,
    results_dir: ResultsOpt = None,
) -> None:
    """One example per step of the successful episodes (TRL conversational format)."""
    # deferred: loaded when the command runs, so every `halo` command starts fast
    from halo_cli.export.dataset import check_out
    from halo_cli.export.sft import SftOptions, export_sft

    check_out(out)
    where, run_ids, secrets = _setup(runs, results_dir)
    bar, update = _progress("sft")
    start = time.perf_counter()
    with bar:
        tally = export_sft(where, run_ids, out, SftOptions(worker_only, manager_target, text_only,
                                                          include_packaged, allow_test_tasks),
                           secrets=secrets, progress=update)
    _done("sft", tally.examples, "examples", out, tally, time.perf_counter() - start)


@app.command("dpo")
def dpo(
    runs: RunsOpt,
    out: OutOpt,
    text_only: TextOnlyOpt = False,
    include_packaged: IncludePackagedOpt = False,
    allow_test_tasks: AllowTestOpt = False,
    results_dir: ResultsOpt = None,
) -> None:
    """Step-level pairs: at one page state, a successful rollout's action (chosen) against
    a failed rollout's different action (rejected)."""
    # deferred: loaded when the command runs, so every `halo` command starts fast
    from halo_cli.export.dataset import check_out
    from halo_cli.export.dpo import export_dpo

    check_out(out)
    where, run_ids, secrets = _setup(runs, results_dir)
    bar, update = _progress("dpo")
    start = time.perf_counter()
    with bar:
        tally = export_dpo(where, run_ids, out, text_only=text_only, secrets=secrets,
                           progress=update, include_packaged=include_packaged,
                           allow_test_tasks=allow_test_tasks)
    _done("dpo", tally.examples, "pairs", out, tally, time.perf_counter() - start)
