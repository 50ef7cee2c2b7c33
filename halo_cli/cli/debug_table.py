"""What `halo debug` shows: a live step table, a summary panel, the dry-run preview."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.live import Live
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from halo_cli.config.settings import Settings
from halo_cli.errors import UserError
from halo_cli.runner.episode import StepEvent
from halo_cli.runner.models import EpisodeResult, EpisodeSpec, sites_label

COLUMNS = ("step", "url", "action", "source", "error / why", "page", "cache", "manager")


def _short_url(url: str) -> str:
    """The path and query only: the host is the same for every step."""
    rest = url.split("//", 1)[-1]
    return ("/" + rest.split("/", 1)[1]) if "/" in rest else rest


def _clip(text: str, limit: int) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def first_line(text: str, limit: int = 300) -> str:
    """The first non-empty line of an error (Playwright appends its call log), clipped."""
    line = next((x for x in str(text).splitlines() if x.strip()), "")
    return _clip(line, limit)


def why(ev: StepEvent) -> str:
    """What went wrong in a step, readable: the env's error, the orchestrator's note
    (no valid action, refused, a macro stopped), and the model's answer when invalid."""
    d = ev.decision
    parts = []
    if ev.error:
        parts.append(first_line(ev.error))
    if d.note:
        parts.append(_clip(d.note, 400))
    if d.invalid_answer:
        parts.append(f"model answered: {_clip(d.invalid_answer, 300)}")
    return "\n".join(parts)


class DebugView:
    """A rich Live table that grows by one row per step; long cells wrap. Nothing is
    drawn before the first step (an episode that cannot start shows no empty table)."""

    def __init__(self, console: Console) -> None:
        self.table = Table(expand=True)
        widths = {"step": (4, 4), "url": (8, 28), "action": (12, 40), "source": (6, 8),
                  "page": (6, 16), "cache": (5, 5), "manager": (7, 16)}
        for col in COLUMNS:
            lo, hi = widths.get(col, (30, None))
            self.table.add_column(col, overflow="fold", min_width=lo, max_width=hi,
                                  ratio=1 if col == "error / why" else None)
        self.live = Live(self.table, console=console, auto_refresh=False)
        self.started = False

    def __enter__(self) -> DebugView:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.started:
            self.live.stop()
            if not self.live.console.is_terminal:  # rich leaves the last line open there
                self.live.console.line()

    def add(self, ev: StepEvent) -> None:
        d = ev.decision
        manager = f"yes ({d.trigger})" if d.manager_called else ""
        action = (Text(d.action) if not d.refused
                  else Text.assemble(("refused ", "red"), str(d.refused_action)))
        problem = why(ev)
        self.table.add_row(str(ev.index), Text(_short_url(d.url)), action, d.source,
                           Text(problem, style="red" if ev.error else ""), d.page_type,
                           "hit" if d.cache_hit else "", manager)
        if not self.started:
            self.live.start()
            self.started = True
        self.live.refresh()


def print_summary(console: Console, r: EpisodeResult, spec: EpisodeSpec) -> None:
    colour = "green" if r.success else ("red" if r.error_phase else "yellow")
    lines = [
        f"reward        {r.reward:g}",
        f"steps         {r.steps}",
        f"time          {r.wall_time_s:.1f} s",
        f"sites         {sites_label(spec.sites)}",
        f"browser       {'headless' if spec.headless else 'visible'}",
        f"LLM calls     {r.usage.llm_calls} (manager {r.manager_calls}, cache hits {r.cache_hits})",
        f"invalid       {r.invalid_actions} step(s) with no valid Worker action",
        f"tokens        {r.usage.tokens_in} in / {r.usage.tokens_out} out",
        f"cost          ${r.usage.cost:.4f}",
        f"trajectory    {r.trajectory_path}",
    ]
    if spec.use_packaged_cache and r.cache_hits and not r.usage.llm_calls:
        lines.append("replayed from the packaged cache (reference solutions); no model decided")
    if r.error_phase:
        lines.append(f"error         {r.error_phase}: {r.error_type}: "
                     f"{first_line(r.error_message or '')} (in full in the trajectory)")
    console.print(Panel(Text("\n".join(lines)), title=f"{r.task_id} {r.mode}",
                        border_style=colour))


def print_dry_run(spec: EpisodeSpec, settings: Settings) -> None:
    """Open the task's site, summarise the first observation, show the Worker's prompt."""
    # deferred: loaded when the command runs, so every `halo` command starts fast
    from halo_cli.runner.agents import preview_first_step

    console = Console()
    p = preview_first_step(spec, settings)
    if p.error:
        raise UserError(f"dry run of {spec.task_id} failed: {first_line(p.error)}")
    head = (f"sites: {sites_label(spec.sites)}\nurl: {p.url}\n"
            f"page type: {p.page_type}   fingerprint: {p.fingerprint}   "
            f"summary: {p.summary_tokens} tokens, {p.elements} elements")
    console.print(Panel(head, title=f"dry run: {spec.task_id} ({spec.mode.name})"))
    body = "\n\n".join(_text_of(m) for m in p.messages)
    # deferred: loaded when the command runs, so every `halo` command starts fast
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
