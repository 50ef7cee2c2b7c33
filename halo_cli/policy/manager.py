"""The Manager: a stronger model consulted only when a trigger fires.

It sees more history, is told why it was called (error, loop, high-stakes step, no
progress, invalid worker answer) and what the Worker proposed, and answers with the
action to take.
"""

from __future__ import annotations

from typing import Any

from halo_cli.policy.actions import Action
from halo_cli.policy.step import PolicyOutcome, StepView, observation_text, user_content
from halo_cli.policy.worker import Policy, ask

MANAGER_SYSTEM = """\
You supervise a web agent (the worker) that operates a browser for the user's GOAL on one
website. You are called only when something needs judgement: an action failed, the agent
is looping or making no progress, its answer was invalid, it is about to take an
irreversible step (placing an order, sending, deleting, paying, submitting), or it wants
to end the task.

First reason briefly: what is the state of the task, what went wrong or what is at stake,
and what the right next step is. For an irreversible step, check it matches the GOAL
exactly (right item, recipient, quantity, details) before approving it. Before the task
ends, check on the PAGE and in the history that every part of the GOAL is done.

Actions:
{actions}
{macros}
Use only bids from the PAGE. End with the single chosen action alone in a ``` block."""

TRIGGER_TEXT = {
    "error": "The last action failed with an error.",
    "loop": "The agent is repeating the same actions without getting anywhere.",
    "high_stakes": "The worker wants to take an irreversible step; approve it or correct it.",
    "no_progress": "Several steps have passed without the page changing.",
    "invalid_action": "The worker could not produce a valid action.",
    "finish": "The agent wants to end the task, which cannot be undone. If every part of "
              "the GOAL is done, repeat the final message; otherwise give the next action.",
}


class Manager(Policy):
    """Trigger + full context (+ the worker's proposal) -> one action."""

    system_template = MANAGER_SYSTEM
    default_history = 20

    def messages(
        self, view: StepView, trigger: str, proposed: Action | None = None,
        worker_error: str | None = None, target: str | None = None, proposer: str = "worker",
        reasoning: str = "",
    ) -> list[dict[str, Any]]:
        why = TRIGGER_TEXT.get(trigger, trigger)
        text = observation_text(view, self.history_len)
        text += f"\n\nWHY YOU ARE CALLED ({trigger}): {why}"
        if proposed is not None:
            who = "WORKER PROPOSES" if proposer == "worker" else "YOUR LAST ANSWER WAS"
            text += f"\n{who}: {proposed.text}"
            if target:
                text += f"  (on {target})"
            if reasoning:
                who = "WORKER'S REASONING" if proposer == "worker" else "YOUR REASONING"
                text += f"\n{who}: {reasoning}"
        if worker_error:
            text += f"\nWORKER'S ANSWER WAS INVALID: {worker_error}"
        text += "\n\nReason, then give the next action."
        return [
            {"role": "system", "content": self.system},
            {"role": "user", "content": user_content(
                text, view.screenshot, self.image)},
        ]

    def decide(
        self,
        view: StepView,
        trigger: str,
        proposed: Action | None = None,
        worker_error: str | None = None,
        target: str | None = None,
        proposer: str = "worker",
        reasoning: str = "",
    ) -> PolicyOutcome:
        """The manager's action (None if it too answered invalidly, after one repair);
        `reasoning` is what the proposer said before `proposed`."""
        msgs = self.messages(view, trigger, proposed, worker_error, target, proposer,
                             reasoning)
        return ask(self.client, msgs, view, self.specs)
