"""Options shared by the run commands (`eval subset|matrix`, `rollout`,
`verify-exploration`), declared once.

`@run_command` adds the shared run options to a command's signature and hands them to
it as one `RunOptions` (`run=`); `option_group` does the same for any other group of
options (e.g. eval's task and mode selection, built into an `EvalRequest`).
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from halo_cli.cli.common import (
    CacheKind,
    FreshBrowserOpt,
    HeadlessOpt,
    PackagedCacheOpt,
    Sites,
    SitesOpt,
    TrueFalse,
)

if TYPE_CHECKING:  # imported lazily at run time: `halo --help` stays fast
    from halo_cli.runner.run import RunOptions

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
    ("packaged_cache", PackagedCacheOpt, False),
    ("cache", Annotated[CacheKind | None, typer.Option(
        "--cache", help="The cache vac modes use: user (HALO_DATA_DIR's), fresh (an empty one "
        "of the run's own, in its results folder), none. Default: fresh for eval matrix, "
        "else user.")], None),
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
    from halo_cli.runner.run import RunOptions

    def build(**values: Any) -> RunOptions:
        run = RunOptions(**values)
        run.check()
        return run

    return build


#: gives a command the shared run options as `run: RunOptions`
run_command = option_group(_RUN_OPTIONS, "run", _run_options)
