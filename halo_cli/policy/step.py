"""What the Worker and Manager see of a step, and what they hand back."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from halo_cli.images import screenshot_data_url
from halo_cli.policy.actions import Action
from halo_cli.policy.llm import LLMResult
from halo_cli.usage import Usage

#: how much of an element's name a memory line keeps (recent / older steps)
NAME_CHARS, OLD_NAME_CHARS = 80, 40


@dataclass(frozen=True)
class HistoryItem:
    """One past step as the models see it: its real number (1-based), the action, the
    element it acted on (role and name, read when the action was taken) and the verdict."""

    action: str
    source: str
    verdict: str | None = None
    error: str | None = None
    url: str = ""
    page_type: str = ""
    number: int = 0
    target: str = ""  # e.g. 'button "Send"'

    def line(self) -> str:
        """`7. click('79') button "Send" -> progressed  [worker]  error: ...`"""
        out = self._head(NAME_CHARS) + f"  [{self.source}]"
        if self.error:
            out += f"  error: {_one_line(self.error, 200)}"
        return out

    def short(self) -> str:
        """An older step, compressed: number, action, element, verdict."""
        return self._head(OLD_NAME_CHARS)

    def _head(self, name_chars: int) -> str:
        out = f"{self.number}. {self.action}" if self.number else self.action
        if self.target:
            out += f" {_one_line(self.target, name_chars)}"
        return out + (f" -> {self.verdict}" if self.verdict else "")


def memory_lines(history: tuple[HistoryItem, ...], recent: int) -> list[str]:
    """The whole episode's steps, oldest first: the last `recent` in full, older ones
    compressed (a run of the same action with the same verdict is one line), so a long
    episode's first steps stay in view."""
    cut = max(0, len(history) - recent)
    lines: list[str] = []
    i = 0
    older = history[:cut]
    while i < len(older):
        j = i
        key = (older[i].action, older[i].target, older[i].verdict)
        while j + 1 < len(older) and (older[j + 1].action, older[j + 1].target,
                                      older[j + 1].verdict) == key:
            j += 1
        if j == i:
            lines.append(older[i].short())
        else:
            first, last = older[i], older[j]
            head = replace(first, number=0).short()
            lines.append(f"{first.number}-{last.number}. {head} (x{j - i + 1})")
        i = j + 1
    return lines + [h.line() for h in history[cut:]]


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

    @property
    def reasoning(self) -> str:
        """What the last reply said before its action (empty when it said nothing)."""
        return reasoning_of(self.raw[-1]) if self.raw else ""


def reasoning_of(reply: str, limit: int = 600) -> str:
    """A reply's reasoning: its text before the action's ``` block (or before its last
    line, when the action is not fenced), on one line."""
    if "```" in reply:
        head = reply.split("```", 1)[0]
    else:
        head = "\n".join(reply.strip().splitlines()[:-1])
    return _one_line(head, limit) if head.strip() else ""


def _one_line(text: str, limit: int) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def user_content(text: str, screenshot: Any, image: str = "auto") -> Any:
    """A user message's content: plain text (`image` "none", or no screenshot), or text +
    an image_url part with `image` as its detail ("auto" | "low")."""
    url = screenshot_data_url(screenshot) if image != "none" else None
    if url is None:
        return text
    return [
        {"type": "text", "text": text},
        {"type": "image_url", "image_url": {"url": url, "detail": image}},
    ]


def observation_text(view: StepView, history_len: int) -> str:
    """The shared body of worker/manager prompts; every past step is in it, the last
    `history_len` in full (`memory_lines`)."""
    # the page type is shown: 97% right on every page the reference solutions visit
    # (tests/obs/data/page_types.jsonl, benchmarks/observation.py); below 95% it would not be
    parts = [f"GOAL: {view.goal}", f"URL: {view.url}  (page type: {view.page_type})"]
    if len(view.open_tabs) > 1:
        tabs = ", ".join(f"{i}: {u}" for i, u in view.open_tabs)
        parts.append(f"OPEN TABS: {tabs}")
    if view.history:
        parts.append("STEPS SO FAR (oldest first; older ones compressed):\n"
                     + "\n".join(memory_lines(view.history, history_len)))
    if view.last_action:
        status = f"failed: {_one_line(view.last_error, 300)}" if view.last_error else "ok"
        parts.append(f"LAST ACTION: {view.last_action} -> {status}")
    if view.note:
        parts.append(f"NOTE: {view.note}")
    if view.messages:
        parts.append("PAGE MESSAGES:\n" + "\n".join(f"- {m}" for m in view.messages))
    parts.append("PAGE (accessibility tree, [bid] role \"name\"):\n" + view.summary)
    return "\n\n".join(parts)
