"""Describe an action's target by role + name (+ nth), and find it again later.

Bids are renumbered between runs; role and accessible name are not.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from halo_cli.obs.locate import find, find_all, nodes
from halo_cli.policy.actions import SPECS, Action


@dataclass(frozen=True)
class Target:
    role: str
    name: str
    nth: int = 0

    def describe(self) -> str:
        nth = f" #{self.nth + 1}" if self.nth else ""
        return f'{self.role} "{self.name}"{nth}'

    def to_json(self) -> dict[str, Any]:
        return {"role": self.role, "name": self.name, "nth": self.nth}

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Target:
        return cls(str(d["role"]), str(d.get("name", "")), int(d.get("nth", 0)))


def describe(axtree: dict | None, bid: str) -> Target | None:
    """The role/name/nth of the element with `bid`, or None if it's not in the tree."""
    node = next((n for n in nodes(axtree or {}) if n.bid == bid), None)
    if node is None:
        return None
    same = find_all(axtree or {}, node.role, node.name, exact=True)
    nth = next((i for i, n in enumerate(same) if n.bid == bid), 0)
    return Target(node.role, node.name, nth)


def refind(axtree: dict | None, target: Target) -> str | None:
    """The bid of `target` in this tree, or None."""
    node = find(axtree or {}, target.role, target.name, nth=target.nth, exact=True)
    return node.bid if node else None


BID_MARK = "$target"


def abstract(action: Action, axtree: dict | None) -> tuple[list[Any], dict[str, Any]] | None:
    """(args, kwargs) with every bid replaced by {"$target": {...}}; None if a bid is gone."""
    spec = SPECS.get(action.name, ())
    kinds = {p: k for p, k, _ in spec}
    args: list[Any] = []
    for i, value in enumerate(action.args):
        if i < len(spec) and spec[i][1] == "bid":
            t = describe(axtree, str(value))
            if t is None:
                return None
            args.append({BID_MARK: t.to_json()})
        else:
            args.append(value)
    kwargs: dict[str, Any] = {}
    for k, value in action.kwargs.items():
        if kinds.get(k) == "bid":
            t = describe(axtree, str(value))
            if t is None:
                return None
            kwargs[k] = {BID_MARK: t.to_json()}
        else:
            kwargs[k] = value
    return args, kwargs


def concretise(
    name: str, args: list[Any], kwargs: dict[str, Any], axtree: dict | None
) -> Action | None:
    """The action with targets resolved to current bids; None when a target is missing."""

    def resolve(v: Any) -> Any:
        if isinstance(v, dict) and BID_MARK in v:
            bid = refind(axtree, Target.from_json(v[BID_MARK]))
            if bid is None:
                raise LookupError
            return bid
        return v

    try:
        return Action(name, tuple(resolve(a) for a in args),
                      {k: resolve(v) for k, v in kwargs.items()})
    except LookupError:
        return None
