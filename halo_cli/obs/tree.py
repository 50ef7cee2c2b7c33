"""A walkable view of browsergym's `axtree_object` (CDP getFullAXTree nodes + bids).

Summary, page typing, state digests and macros all need parent/child structure that
`obs.locate` (a flat list) does not give; this module builds it once per tree.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any


@dataclass
class AXNode:
    """One AXTree node with its role, name, value, properties and children."""

    node_id: str
    role: str
    name: str
    value: str | None
    props: dict[str, Any]
    bid: str | None
    ignored: bool
    children: list[AXNode] = field(default_factory=list)
    parent: AXNode | None = field(default=None, repr=False)

    @property
    def hidden(self) -> bool:
        return bool(self.props.get("hidden"))

    def walk(self) -> Iterator[AXNode]:
        """This node and all its descendants, in document order."""
        stack = [self]
        while stack:
            node = stack.pop()
            yield node
            stack.extend(reversed(node.children))

    def ancestors(self) -> Iterator[AXNode]:
        node = self.parent
        while node is not None:
            yield node
            node = node.parent


def _prop_map(raw: dict) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for p in raw.get("properties", []) or []:
        val = p.get("value") or {}
        if "value" in val:
            out[p.get("name", "")] = val["value"]
    return out


@dataclass
class _Built:
    roots: list[AXNode]
    in_order: list[AXNode]  # every node, in the order browsergym lists them


_MEMO: list[tuple[dict, _Built]] = []  # the last few trees built (held, so ids stay)
_MEMO_SIZE = 4


def _built(axtree: dict) -> _Built:
    """Memoised by identity for the last few trees: one step summarises, classifies,
    fingerprints, digests and locates in the same observation. Read-only."""
    for tree, built in _MEMO:
        if tree is axtree:
            return built
    built = _build(axtree)
    _MEMO.insert(0, (axtree, built))
    del _MEMO[_MEMO_SIZE:]
    return built


def build(axtree: dict | None) -> list[AXNode]:
    """The tree's roots (normally one RootWebArea), children linked in document order."""
    return [] if axtree is None else _built(axtree).roots


def listed(axtree: dict | None) -> list[AXNode]:
    """Every node in the order browsergym lists them (ignored ones included)."""
    return [] if axtree is None else _built(axtree).in_order


def _build(axtree: dict) -> _Built:
    raw_nodes = (axtree or {}).get("nodes", []) or []
    by_id: dict[str, AXNode] = {}
    for raw in raw_nodes:
        nid = str(raw.get("nodeId"))
        value = (raw.get("value") or {}).get("value")
        bid = raw.get("browsergym_id")
        by_id[nid] = AXNode(
            node_id=nid,
            role=str((raw.get("role") or {}).get("value", "") or ""),
            name=str((raw.get("name") or {}).get("value", "") or "").strip(),
            value=None if value is None else str(value),
            props=_prop_map(raw),
            bid=None if bid is None else str(bid),
            ignored=bool(raw.get("ignored")),
        )
    has_parent: set[str] = set()
    for raw in raw_nodes:
        node = by_id[str(raw.get("nodeId"))]
        for cid in raw.get("childIds", []) or []:
            child = by_id.get(str(cid))
            if child is None or child is node or child.parent is not None:
                continue
            child.parent = node
            node.children.append(child)
            has_parent.add(child.node_id)
    return _Built([n for n in by_id.values() if n.node_id not in has_parent], list(by_id.values()))


def iter_nodes(axtree: dict | None) -> Iterator[AXNode]:
    """Every node in document order (ignored ones included; callers filter)."""
    for root in build(axtree):
        yield from root.walk()


def bids(axtree: dict | None) -> set[str]:
    """All bids present in the tree (what an action may target)."""
    return {n.bid for n in iter_nodes(axtree) if n.bid is not None}

