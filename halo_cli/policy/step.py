"""What the Worker and Manager see of a step, and what they hand back."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from halo_cli.images import screenshot_data_url
from halo_cli.policy.actions import Action
from halo_cli.policy.llm import LLMResult
from halo_cli.usage import Usage


@dataclass(frozen=True)
class HistoryItem:
    """One past step as the models see it."""

    action: str
    source: str
    verdict: str | None = None
    error: str | None = None
    url: str = ""
    page_type: str = ""

    def line(self) -> str:
        out = f"{self.action}  [{self.source}"
        if self.verdict:
            out += f", {self.verdict}"
        out += "]"
        if self.error:
            out += f"  error: {_one_line(self.error, 200)}"
        return out


@dataclass(frozen=True)
class StepView:
    """The current observation, summarised, plus recent history."""

    goal: str
    url: str
    page_type: str
    summary: str
    bids: frozenset[str]
    screenshot: Any = None  # numpy HxWx3 uint8, or None
    last_action: str | None = None
    last_error: str | None = None
    history: tuple[HistoryItem, ...] = ()
    open_tabs: tuple[tuple[int, str], ...] = ()  # (env tab index, url), evaluator's left out
    note: str | None = None  # e.g. a failed macro, a refused action
    messages: tuple[str, ...] = ()  # alerts, status lines, validation errors on the page


@dataclass
class PolicyOutcome:
    """A policy's answer: an action, or None with the reason (escalate).

    Per call (a repair is a second call): the LLM result (its `request` holds the exact
    messages), the raw reply, and what it parsed to (`parsed`) or why not (`errors`).
    """

    action: Action | None
    error: str | None = None
    calls: list[LLMResult] = field(default_factory=list)
    raw: list[str] = field(default_factory=list)
    parsed: list[str | None] = field(default_factory=list)
    errors: list[str | None] = field(default_factory=list)

    @property
    def usage(self) -> Usage:
        return Usage.total(c.usage for c in self.calls)


def _one_line(text: str, limit: int) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def user_content(text: str, screenshot: Any, include_image: bool, detail: str) -> Any:
    """A user message's content: plain text, or text + image_url part."""
    url = screenshot_data_url(screenshot) if include_image else None
    if url is None:
        return text
    return [
        {"type": "text", "text": text},
        {"type": "image_url", "image_url": {"url": url, "detail": detail}},
    ]


def observation_text(view: StepView, history_len: int) -> str:
    """The shared body of worker/manager prompts."""
    # the page type is shown: 97% right on every page the reference solutions visit
    # (tests/obs/data/page_types.jsonl, benchmarks/observation.py); below 95% it would not be
    parts = [f"GOAL: {view.goal}", f"URL: {view.url}  (page type: {view.page_type})"]
    if len(view.open_tabs) > 1:
        tabs = ", ".join(f"{i}: {u}" for i, u in view.open_tabs)
        parts.append(f"OPEN TABS: {tabs}")
    hist = view.history[-history_len:] if history_len > 0 else ()
    if hist:
        parts.append("PREVIOUS ACTIONS (oldest first):\n" + "\n".join(
            f"{i + 1}. {h.line()}" for i, h in enumerate(hist)
        ))
    if view.last_action:
        status = f"failed: {_one_line(view.last_error, 300)}" if view.last_error else "ok"
        parts.append(f"LAST ACTION: {view.last_action} -> {status}")
    if view.note:
        parts.append(f"NOTE: {view.note}")
    if view.messages:
        parts.append("PAGE MESSAGES:\n" + "\n".join(f"- {m}" for m in view.messages))
    parts.append("PAGE (accessibility tree, [bid] role \"name\"):\n" + view.summary)
    return "\n\n".join(parts)
