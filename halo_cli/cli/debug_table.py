"""What `halo debug` shows: a live step table, a summary panel, the dry-run preview."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.live import Live
from rich.panel import Panel
from rich.table import Table

from halo_cli.config.settings import Settings
from halo_cli.runner.episode import StepEvent
from halo_cli.runner.models import EpisodeResult, EpisodeSpec

COLUMNS = ("step", "url", "action", "source", "error", "page", "cache", "manager")


def _short_url(url: str) -> str:
    """The path and query only: the host is the same for every step."""
    rest = url.split("//", 1)[-1]
    return ("/" + rest.split("/", 1)[1]) if "/" in rest else rest


class DebugView:
    """A rich Live table that grows by one row per step."""

    def __init__(self, console: Console) -> None:
        self.table = Table(expand=False)
        for col in COLUMNS:
            self.table.add_column(col, overflow="fold")
        self.live = Live(self.table, console=console, auto_refresh=False)

    def __enter__(self) -> DebugView:
        self.live.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        self.live.__exit__(*exc)  # type: ignore[arg-type]

    def add(self, ev: StepEvent) -> None:
        d = ev.decision
        manager = f"yes ({d.trigger})" if d.manager_called else ""
        action = d.action if not d.refused else f"[red]refused[/red] {d.refused_action}"
        self.table.add_row(str(ev.index), _short_url(d.url), action, d.source,
                           (ev.error or "")[:80], d.page_type, "hit" if d.cache_hit else "",
                           manager)
        self.live.refresh()


def print_summary(console: Console, r: EpisodeResult) -> None:
    colour = "green" if r.success else ("red" if r.error_phase else "yellow")
    lines = [
        f"reward        {r.reward:g}",
        f"steps         {r.steps}",
        f"time          {r.wall_time_s:.1f} s",
        f"LLM calls     {r.usage.llm_calls} (manager {r.manager_calls}, cache hits {r.cache_hits})",
        f"invalid       {r.invalid_actions} step(s) with no valid Worker action",
        f"tokens        {r.usage.tokens_in} in / {r.usage.tokens_out} out",
        f"cost          ${r.usage.cost:.4f}",
        f"trajectory    {r.trajectory_path}",
    ]
    if r.error_phase:
        lines.append(f"error         {r.error_phase}: {r.error_type}: {r.error_message}")
    console.print(Panel("\n".join(lines), title=f"{r.task_id} {r.mode}", border_style=colour))


def print_dry_run(spec: EpisodeSpec, settings: Settings) -> None:
    """Open the task's site, summarise the first observation, show the Worker's prompt."""
    from halo_cli.errors import UserError
    from halo_cli.runner.agents import preview_first_step

    console = Console()
    p = preview_first_step(spec, settings)
    if p.error:
        raise UserError(f"dry run of {spec.task_id} failed: {p.error}")
    head = (f"url: {p.url}\npage type: {p.page_type}   fingerprint: {p.fingerprint}   "
            f"summary: {p.summary_tokens} tokens, {p.elements} elements")
    console.print(Panel(head, title=f"dry run: {spec.task_id} ({spec.mode.name})"))
    body = "\n\n".join(_text_of(m) for m in p.messages)
    from halo_cli.policy.clients import worker_label

    console.print(Panel(body, title=f"what the Worker ({worker_label(spec.mode, settings)}) "
                                    "would be sent; no LLM call was made"))


def _text_of(message: dict[str, Any]) -> str:
    content = message.get("content")
    if isinstance(content, str):
        return f"[{message['role']}]\n{content}"
    parts = []
    for part in content or []:
        if part.get("type") == "text":
            parts.append(part["text"])
        else:
            parts.append("<screenshot: PNG image part>")
    return f"[{message['role']}]\n" + "\n".join(parts)
