"""An action with its bids replaced by targets (role + name + nth), and back again.

Bids are renumbered between runs; role and accessible name are not. The target is
`obs.locate.Target`, stored as its JSON under the `$target` mark.
"""

from __future__ import annotations

from typing import Any

from halo_cli.obs.locate import Target, target_of
from halo_cli.policy.actions import SPECS, Action

BID_MARK = "$target"


def abstract(action: Action, axtree: dict | None) -> tuple[list[Any], dict[str, Any]] | None:
    """(args, kwargs) with every bid replaced by {"$target": {...}}; None if a bid is gone."""
    spec = SPECS.get(action.name, ())
    kinds = {p: k for p, k, _ in spec}
    args: list[Any] = []
    for i, value in enumerate(action.args):
        if i < len(spec) and spec[i][1] == "bid":
            t = target_of(axtree, str(value))
            if t is None:
                return None
            args.append({BID_MARK: t.to_json()})
        else:
            args.append(value)
    kwargs: dict[str, Any] = {}
    for k, value in action.kwargs.items():
        if kinds.get(k) == "bid":
            t = target_of(axtree, str(value))
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
            node = Target.from_json(v[BID_MARK]).find(axtree)
            if node is None or node.bid is None:
                raise LookupError
            return node.bid
        return v

    try:
        return Action(name, tuple(resolve(a) for a in args),
                      {k: resolve(v) for k, v in kwargs.items()})
    except LookupError:
        return None
