"""Shared CLI pieces: consoles, common options, the settings loader."""

from __future__ import annotations

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
        help="Task registry snapshot JSON (default: configs/real_v2_task_registry.json "
        "when present, else the installed agisdk).",
        dir_okay=False,
    ),
]
TaskVersionOpt = Annotated[str, typer.Option("--task-version", help="REAL task version.")]


def settings():  # -> Settings, imported lazily to keep `--help` fast
    from halo_cli.config.settings import load_settings

    return load_settings()
