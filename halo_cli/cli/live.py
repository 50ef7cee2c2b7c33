"""The live view of a run: rich progress (done / total, ETA) headed with the sites used,
success so far per mode, errors, one line per finished episode; at the end, the same
table as matrix.md."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table

from halo_cli.runner import metrics as summary
from halo_cli.runner.models import EpisodeResult, EpisodeSpec, sites_label


class LiveView:
    """An `Observer` for `study.execute` that draws on `console`."""

    def __init__(self, console: Console, title: str = "episodes") -> None:
        self.console = console
        self.title = title
        self.progress = Progress(
            SpinnerColumn(), TextColumn("[bold]{task.description}"), BarColumn(),
            MofNCompleteColumn(), TextColumn("{task.fields[stats]}"), TimeElapsedColumn(),
            TextColumn("ETA"), TimeRemainingColumn(), console=console, transient=False,
        )
        self.task = None
        self.modes: list[str] = []
        self.ok: Counter[str] = Counter()
        self.seen: Counter[str] = Counter()
        self.errors = 0
        self.running = 0

    def begin(self, plan: Sequence[EpisodeSpec], done: Sequence[EpisodeResult]) -> None:
        self.modes = list(dict.fromkeys(s.mode.name for s in plan))
        for r in done:
            self._count(r)
        where = f" on {sites_label(s.sites for s in plan)}" if plan else ""
        self.task = self.progress.add_task(self.title + where, total=len(plan),
                                           completed=len(done),
                                           stats=self._stats())
        self.progress.start()

    def _count(self, r: EpisodeResult) -> None:
        self.seen[r.mode] += 1
        self.ok[r.mode] += summary.is_success(r)
        self.errors += r.error_phase in ("init", "agent")

    def _stats(self) -> str:
        per_mode = "  ".join(f"{m} {self.ok[m]}/{self.seen[m]} ok" for m in self.modes)
        return f"{per_mode}  errors {self.errors}  running {self.running}"

    def episode_started(self, spec: EpisodeSpec) -> None:
        self.running += 1
        self._refresh(advance=0)

    def episode_finished(self, r: EpisodeResult) -> None:
        self.running = max(0, self.running - 1)
        self._count(r)
        if r.error_phase in ("init", "agent"):
            mark, what = "[red]ERR[/red]", f"{r.error_phase}: {r.error_type}: {(r.error_message or '')[:120]}"
        else:
            mark = "[green]OK [/green]" if summary.is_success(r) else "[yellow]--[/yellow] "
            what = f"reward {r.reward:g}" + (f" (eval error: {r.error_type})" if r.error_type else "")
        self.progress.console.print(
            f"{mark} {r.task_id} {r.mode} #{r.attempt}: {what}, {r.steps} steps, "
            f"{r.wall_time_s:.1f}s", highlight=False, soft_wrap=True,
        )
        self._refresh(advance=1)

    def _refresh(self, advance: int) -> None:
        if self.task is not None:
            self.progress.update(self.task, advance=advance, stats=self._stats())

    def stopping(self) -> None:
        self.progress.console.print(
            "[yellow]interrupted: no new episodes; ending the running ones "
            "(Ctrl-C again to kill at once)[/yellow]"
        )

    def end(self) -> None:
        self.running = 0
        self._refresh(advance=0)
        self.progress.stop()


def results_table(results: Sequence[EpisodeResult], modes: Sequence[str] = (), title: str = "") -> Table:
    """The per-mode table of matrix.md as a rich Table, one column per mode (fits a terminal)."""
    rows = summary.main_rows(summary.by_mode(results, modes))
    table = Table(title=title or None)
    table.add_column("metric", style="bold")
    for row in rows:
        table.add_column(row[0], justify="right", overflow="fold")
    for i, name in enumerate(summary.MAIN_HEADERS[1:], start=1):
        table.add_row(name, *(row[i] for row in rows))
    return table
