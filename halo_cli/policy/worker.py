"""The Worker: a cheap model choosing one action per step from the summarised page."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from halo_cli.config.settings import ImageDetail
from halo_cli.policy.actions import SPECS, ActionError, Param, action_docs, parse_action
from halo_cli.policy.llm import ChatModel
from halo_cli.policy.step import PolicyOutcome, StepView, observation_text, user_content

WORKER_SYSTEM = """\
You are a web agent operating a browser to complete the user's GOAL on one website.
Each turn you see the page as an accessibility tree (and a screenshot) and choose ONE action.
Elements are written [bid] role "name"; a bare "quoted" line is page text.
Act on elements by their bid, exactly as shown.

Actions:
{actions}
{macros}
Rules:
- Use only bids that appear in the PAGE. Stay on this website.
- If the last action failed, do something different.
- When the goal is achieved (or it asks for information), call send_msg_to_user with the
  answer or a short confirmation; this ends the task.
Reply with one short sentence of reasoning, then the action alone in a ``` block."""

REPAIR = (
    "Your answer did not contain a valid action: {error}. Reply with exactly one valid "
    "action in a ``` block, using a bid from the PAGE."
)


def system_prompt(template: str, macro_docs: str | None,
                  specs: Mapping[str, tuple[Param, ...]] = SPECS) -> str:
    """`template` with the doc lines of the actions in `specs` (and the macros')."""
    macros = f"\nMacros (several steps as one action):\n{macro_docs}\n" if macro_docs else ""
    return template.format(actions=action_docs(specs), macros=macros)


def ask(
    client: ChatModel,
    messages: list[dict[str, Any]],
    view: StepView,
    specs: Mapping[str, tuple[Param, ...]],
) -> PolicyOutcome:
    """Ask once; on an invalid answer ask ONCE more, saying what was wrong."""
    out = PolicyOutcome(action=None)
    for attempt in range(2):
        result = client.complete(messages)
        if not result.request:  # a client that does not say what it sent (a test double)
            result = replace(result, request=tuple(messages))
        out.calls.append(result)
        out.raw.append(result.text)
        try:
            out.action = parse_action(result.text, view.bids, specs=specs)
            out.error = None
            out.parsed.append(out.action.text)
            out.errors.append(None)
            return out
        except ActionError as exc:
            out.error = str(exc)
            out.parsed.append(None)
            out.errors.append(out.error)
        if attempt == 0:
            messages = [
                *messages,
                {"role": "assistant", "content": result.text},
                {"role": "user", "content": REPAIR.format(error=out.error)},
            ]
    return out


class Policy:
    """What the Worker and the Manager share: a client, prompt options, the action set."""

    system_template = ""
    default_history = 5

    def __init__(
        self,
        client: ChatModel,
        *,
        image: ImageDetail = "auto",
        history_len: int | None = None,
        specs: Mapping[str, tuple[Param, ...]] = SPECS,
        macro_docs: str | None = None,
    ) -> None:
        self.client = client
        self.image = image
        self.history_len = self.default_history if history_len is None else history_len
        self.specs = specs
        self.system = system_prompt(self.system_template, macro_docs, specs)


class Worker(Policy):
    """Goal + page summary + screenshot + last action/error + short history -> one action."""

    system_template = WORKER_SYSTEM
    default_history = 5

    def messages(self, view: StepView) -> list[dict[str, Any]]:
        text = observation_text(view, self.history_len) + "\n\nWhat is the next action?"
        return [
            {"role": "system", "content": self.system},
            {"role": "user", "content": user_content(
                text, view.screenshot, self.image)},
        ]

    def act(self, view: StepView) -> PolicyOutcome:
        """One action, or `action=None` with the error after one repair try (escalate)."""
        return ask(self.client, self.messages(view), view, self.specs)
