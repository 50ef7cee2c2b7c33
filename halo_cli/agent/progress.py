"""Action verifier: compare the page before and after an action.

progressed: the URL, the page kind or the page state (values, checked / selected /
expanded states, named content) changed, or a chat message was sent; rejected: a click
or Enter left a new error message on the page (a form's validation error: the submit
did not go through, whatever else changed); no_change: nothing did; error: the env
reported an error for the action.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from enum import Enum

from halo_cli.obs.messages import page_errors
from halo_cli.obs.pages import classify, fingerprint
from halo_cli.obs.tree import iter_nodes
from halo_cli.policy.actions import Action
from halo_cli.policy.step import HistoryItem

_STATE_PROPS = ("checked", "selected", "expanded", "pressed", "disabled", "modal")
_SKIP_ROLES = {"InlineTextBox", "LineBreak", "ListMarker"}
_SUBMITS = ("click", "dblclick", "press")  # what can submit a form


class Verdict(str, Enum):
    PROGRESSED = "progressed"
    NO_CHANGE = "no_change"
    REJECTED = "rejected"
    ERROR = "error"


@dataclass(frozen=True)
class PageState:
    """What the verifier compares: where we are and what the page holds."""

    url: str
    page_type: str
    fingerprint: str
    digest: str
    errors: tuple[str, ...] = ()  # the error messages the page shows (alerts)


def state_digest(axtree: dict | None) -> str:
    """Hash of every visible node's role, name, value and states (bids and focus excluded)."""
    h = hashlib.sha1()
    for n in iter_nodes(axtree):
        if n.ignored or n.hidden or n.role in _SKIP_ROLES:
            continue
        if not (n.name or n.value or any(p in n.props for p in _STATE_PROPS)):
            continue
        states = ",".join(f"{p}={n.props[p]}" for p in _STATE_PROPS if p in n.props)
        h.update(f"{n.role}|{n.name}|{n.value or ''}|{states}\n".encode())
    return h.hexdigest()[:16]


def page_state(url: str, axtree: dict | None, page_type: str | None = None) -> PageState:
    ptype = page_type or classify(url, axtree)
    return PageState(url, ptype, fingerprint(url, axtree, ptype), state_digest(axtree),
                     page_errors(axtree))


def verify(
    before: PageState, after: PageState, error: str | None, action_name: str | None = None
) -> Verdict:
    """The verdict for one executed action."""
    if error:
        return Verdict.ERROR
    if action_name in ("send_msg_to_user", "report_infeasible"):
        return Verdict.PROGRESSED
    if action_name in _SUBMITS and set(after.errors) - set(before.errors):
        return Verdict.REJECTED
    if (before.url, before.fingerprint, before.digest) != (after.url, after.fingerprint,
                                                           after.digest):
        return Verdict.PROGRESSED
    return Verdict.NO_CHANGE


@dataclass
class StepRecord:
    """One step as the agent remembers it (for history, loops, the cache)."""

    index: int
    action: Action
    source: str
    state: PageState
    ordinal: int
    axtree: dict | None
    refused: str | None = None  # why the guard refused the policy's action
    verdict: Verdict | None = None
    error: str | None = None
    #: the element acted on, as the model read it then (`button "Send"`)
    target: str = ""
    #: what the policy said before its action (empty for cache, macro and script steps)
    reasoning: str = ""

    def history(self) -> HistoryItem:
        err = self.error
        if self.refused:
            err = f"refused: {self.refused}"
        return HistoryItem(self.action.text, self.source,
                           self.verdict.value if self.verdict else None, err,
                           self.state.url, self.state.page_type, number=self.index + 1,
                           target=self.target)
