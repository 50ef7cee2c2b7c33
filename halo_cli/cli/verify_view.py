"""How `halo sites verify` shows its rows as they finish: a rich Live table on a
terminal, one plain line per row otherwise (a pipe, a log file, CI)."""

from __future__ import annotations

from types import TracebackType

from rich.console import Console
from rich.live import Live
from rich.markup import escape
from rich.table import Table

from halo_cli.runner.verify import Case, VerifyRow

COLUMNS = ("task", "kind", "label", "reward", "steps", "seconds", "ok")


def plain_line(row: VerifyRow) -> str:
    """One row as a line of text: `ok` or `FAIL`, what ran, and why it failed."""
    head = "ok  " if row.ok else "FAIL"
    line = (f"{head} {row.task} {row.kind} {row.label!r}: reward {row.reward:g}, "
            f"{row.steps} steps, {row.seconds:.1f} s")
    return line + (f": {row.problem}" if row.problem else "")


class VerifyView:
    """Draws on `console`: a Live table when its file is a terminal, else plain lines."""

    def __init__(self, console: Console, planned: int, transient: bool = False) -> None:
        self.console = console
        self.planned = planned
        self.done = 0
        self.running = 0
        isatty = getattr(console.file, "isatty", None)
        self.live_table = bool(isatty and isatty())
        self.table = Table(title="halo sites verify")
        for col in COLUMNS:
            self.table.add_column(col)
        self.live = (Live(self.table, console=console, transient=transient, auto_refresh=False)
                     if self.live_table else None)

    def __enter__(self) -> VerifyView:
        if self.live is not None:
            self._caption()
            self.live.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if self.live is not None:
            self.live.stop()

    def _caption(self) -> None:
        self.table.caption = f"{self.done}/{self.planned} done, {self.running} running"

    def started(self, case: Case) -> None:
        self.running += 1
        if self.live is not None:
            self._caption()
            self.live.refresh()

    def add(self, row: VerifyRow) -> None:
        self.done += 1
        self.running = max(0, self.running - 1)
        if self.live is None:
            self.console.print(plain_line(row), highlight=False, soft_wrap=True, markup=False)
            self.console.file.flush()
            return
        mark = "[green]yes[/]" if row.ok else f"[red]NO[/] {escape(row.problem or '')}"
        self.table.add_row(row.task, row.kind, escape(row.label), f"{row.reward:.1f}",
                           str(row.steps), f"{row.seconds:.1f}", mark)
        self._caption()
        self.live.refresh()
