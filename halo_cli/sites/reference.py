"""Reference solutions: scripted steps whose targets are found at run time by role and name.

A step turns the latest observation into one browsergym high-level action, or None when
it is done, so a step like `check_all` can act several times. Solutions never hold bids.
"""

from __future__ import annotations

from dataclasses import dataclass

from halo_cli.obs.locate import Target, find_all
from halo_cli.obs.locate import TargetNotFound as TargetNotFound  # what the sites' steps raise


class Step:
    """One scripted step; `next_action(obs)` gives the next action or None when finished."""

    def next_action(self, obs: dict) -> str | None:  # pragma: no cover - interface
        raise NotImplementedError

    def reset(self) -> None:
        """Forget progress, so a solution can run again."""


@dataclass
class _Once(Step):
    fn: str
    target: Target | None
    args: tuple[str, ...] = ()
    _done: bool = False

    def next_action(self, obs: dict) -> str | None:
        if self._done:
            return None
        self._done = True
        parts = [repr(self.target.bid(obs["axtree_object"]))] if self.target else []
        parts += [repr(a) for a in self.args]
        return f"{self.fn}({', '.join(parts)})"

    def reset(self) -> None:
        self._done = False


@dataclass
class _CheckAll(Step):
    """Check every unchecked checkbox whose name contains `name` (one action per call)."""

    name: str
    role: str = "checkbox"

    def next_action(self, obs: dict) -> str | None:
        for node in find_all(obs["axtree_object"], self.role, self.name):
            if str(node.props.get("checked", "false")).lower() not in ("true", "mixed"):
                return f"check({node.bid!r})"
        return None


def click(role: str | None, name: str | None, nth: int = 0, exact: bool = False) -> Step:
    return _Once("click", Target(role, name, nth, exact))


def fill(role: str | None, name: str | None, text: str, nth: int = 0) -> Step:
    return _Once("fill", Target(role, name, nth), (text,))


def select(role: str | None, name: str | None, option: str, nth: int = 0) -> Step:
    return _Once("select_option", Target(role, name, nth), (option,))


def check(role: str | None, name: str | None, nth: int = 0) -> Step:
    return _Once("check", Target(role, name, nth))


def press(role: str | None, name: str | None, key: str, nth: int = 0) -> Step:
    return _Once("press", Target(role, name, nth), (key,))


def check_all(name: str, role: str = "checkbox") -> Step:
    return _CheckAll(name, role)


def fill_form(*fields: tuple[str, str, str, object]) -> list[Step]:
    """The steps that set a form's given fields, in order: each `(how, role, name, value)`
    with `how` one of "fill", "select" (value: the option) or "check" (value: truthy);
    fields whose value is empty or None are left alone."""
    steps: list[Step] = []
    for how, role, name, value in fields:
        if value in (None, "", False):
            continue
        if how == "fill":
            steps.append(fill(role, name, str(value)))
        elif how == "select":
            steps.append(select(role, name, str(value)))
        elif how == "check":
            steps.append(check(role, name))
        else:
            raise ValueError(f"unknown form action: {how}")
    return steps


def send(message: str = "Done.") -> Step:
    """End the episode (the second assistant message triggers REAL's validation)."""
    return _Once("send_msg_to_user", None, (message,))


@dataclass
class Solution:
    """Steps for one task; `kind` is "reference" (must score 1) or "negative" (must score 0)."""

    task: str
    steps: list[Step]
    kind: str = "reference"
    label: str = "reference"
