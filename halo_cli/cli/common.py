"""Shared CLI pieces: consoles, common options, the settings loader."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

console = Console()
err_console = Console(stderr=True)

TaskRegistryOpt = Annotated[
    Path | None,
    typer.Option(
        "--task-registry",
        help="Task registry snapshot JSON (default: the packaged v2 snapshot, "
        "halo_cli/tasks/real_v2_task_registry.json; other versions: the installed agisdk).",
        dir_okay=False,
    ),
]
TaskSetOpt = Annotated[
    Path | None,
    typer.Option(
        "--task-set",
        help="Generated training tasks (a JSON Lines file from `halo tasks generate`) "
        "instead of REAL's v2 tasks; local sites only.",
        dir_okay=False,
    ),
]
TaskVersionOpt = Annotated[str, typer.Option("--task-version", help="REAL task version.")]


def settings():  # -> Settings, imported lazily to keep `--help` fast
    # deferred: loaded when the command runs, so every `halo` command starts fast
    from halo_cli.config.settings import load_settings

    return load_settings()


class TrueFalse(str, Enum):
    """A `true|false` option value (as in `--headless false`)."""

    true = "true"
    false = "false"

    def __bool__(self) -> bool:
        return self is TrueFalse.true



HeadlessOpt = Annotated[
    TrueFalse, typer.Option("--headless", help="Run Chromium headless (true|false).")
]


FreshBrowserOpt = Annotated[
    bool, typer.Option("--fresh-browser", help="agisdk's env as it is: a new browser and a chat "
                       "browser per episode, a 1 s slow_mo and a fixed 0.5 s wait per action (slower; for "
                       "comparison). By default workers keep a warm browser, a fresh context "
                       "per episode.")
]


class Sites(str, Enum):
    """Where task sites come from."""

    local = "local"
    remote = "remote"


SitesOpt = Annotated[
    Sites,
    typer.Option("--sites", help="local: the bundled replicas; remote: the hosted REAL sites."),
]


class CacheKind(str, Enum):
    """Which Verified Action Cache a run's vac modes use."""

    user = "user"
    fresh = "fresh"
    none = "none"


PackagedCacheOpt = Annotated[bool, typer.Option(
    "--packaged-cache/--no-packaged-cache", help="Also replay HALO's packaged cache: actions "
    "recorded from the local sites' reference solutions (the answer key; local sites only). Off by default: "
    "a run then measures the agent, not the key.")]
