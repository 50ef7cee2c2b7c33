"""Find elements in a BrowserGym AXTree by role and accessible name (never by fixed bid).

Reference solutions, the Verified Action Cache and macros all name their targets this
way, so they survive bid renumbering between runs; `Target` is that name, the one type
the cache stores and the local sites' reference solutions script.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from halo_cli.obs.tree import AXNode, listed


def nodes(axtree: dict) -> list[AXNode]:
    """Nodes with a bid, in the order browsergym lists them, skipping ignored ones."""
    return [n for n in listed(axtree) if n.bid is not None and not n.ignored]


def _norm(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip().lower()


def find_all(
    axtree: dict, role: str | None = None, name: str | None = None, exact: bool = False
) -> list[AXNode]:
    """All nodes matching `role` (exact) and `name` (case-insensitive; substring unless exact)."""
    want = _norm(name) if name is not None else None
    hits = []
    for node in nodes(axtree):
        if role is not None and node.role != role:
            continue
        if want is not None:
            have = _norm(node.name)
            if (have != want) if exact else (want not in have):
                continue
        hits.append(node)
    return hits


def find(
    axtree: dict, role: str | None = None, name: str | None = None, nth: int = 0,
    exact: bool = False,
) -> AXNode | None:
    """The `nth` match (exact-name matches ranked first), or None."""
    hits = find_all(axtree, role, name, exact=exact)
    if name is not None and not exact:
        want = _norm(name)
        hits.sort(key=lambda n: _norm(n.name) != want)  # stable: exact names first
    return hits[nth] if len(hits) > nth else None


class TargetNotFound(LookupError):
    """A target is not on the page."""


@dataclass(frozen=True)
class Target:
    """An element named by role and accessible name (either None: any), the `nth` match.

    `exact`: the whole name must match (case and spaces aside); else a substring does,
    exact names ranked first.
    """

    role: str | None
    name: str | None
    nth: int = 0
    exact: bool = False

    def find(self, axtree: dict | None) -> AXNode | None:
        """The element in this tree, or None."""
        return find(axtree or {}, self.role, self.name, nth=self.nth, exact=self.exact)

    def bid(self, axtree: dict | None) -> str:
        """The element's bid in this tree; TargetNotFound when it is not there."""
        node = self.find(axtree)
        if node is None or node.bid is None:
            raise TargetNotFound(f"no {self.role or 'element'} named {self.name!r} (nth={self.nth})")
        return node.bid

    def to_json(self) -> dict[str, Any]:
        """`{"role", "name", "nth"}`, plus `"exact": false` for a substring target."""
        out: dict[str, Any] = {"role": self.role, "name": self.name, "nth": self.nth}
        return out if self.exact else {**out, "exact": False}

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Target:
        """The inverse of `to_json` (a stored target without `exact` is an exact one)."""
        return cls(str(d["role"]), str(d.get("name", "")), int(d.get("nth", 0)),
                   bool(d.get("exact", True)))


def target_of(axtree: dict | None, bid: str) -> Target | None:
    """The exact target (role, name, nth among same-named) of the element with `bid`, or
    None when it is not in the tree."""
    node = node_of(axtree, bid)
    if node is None:
        return None
    same = find_all(axtree or {}, node.role, node.name, exact=True)
    nth = next((i for i, n in enumerate(same) if n.bid == bid), 0)
    return Target(node.role, node.name, nth, exact=True)


def node_of(axtree: dict | None, bid: str) -> AXNode | None:
    """The element with `bid`, or None when it is not in the tree."""
    return next((n for n in nodes(axtree or {}) if n.bid == bid), None)


def describe(axtree: dict | None, bid: str) -> str:
    """`button "Send"`: the element with `bid` as a model reads it ('' when absent)."""
    node = node_of(axtree, bid)
    if node is None:
        return ""
    return f'{node.role} "{node.name}"' if node.name else node.role
