"""Find elements in a BrowserGym AXTree by role and accessible name (never by fixed bid).

Reference solutions, the Verified Action Cache and macros all name their targets this
way, so they survive bid renumbering between runs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Node:
    """One AXTree node that carries a BrowserGym id (bid)."""

    bid: str
    role: str
    name: str
    value: str | None
    props: dict[str, Any]


def nodes(axtree: dict) -> list[Node]:
    """Nodes with a bid, in document order, skipping ignored ones."""
    out = []
    for n in axtree.get("nodes", []):
        bid = n.get("browsergym_id")
        if bid is None or n.get("ignored"):
            continue
        props = {
            p["name"]: p["value"].get("value")
            for p in n.get("properties", [])
            if "value" in p.get("value", {})
        }
        value = n.get("value", {}).get("value")
        out.append(
            Node(
                bid=str(bid),
                role=n.get("role", {}).get("value", ""),
                name=(n.get("name", {}).get("value") or "").strip(),
                value=None if value is None else str(value),
                props=props,
            )
        )
    return out


def _norm(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip().lower()


def find_all(
    axtree: dict, role: str | None = None, name: str | None = None, exact: bool = False
) -> list[Node]:
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
) -> Node | None:
    """The `nth` match (exact-name matches ranked first), or None."""
    hits = find_all(axtree, role, name, exact=exact)
    if name is not None and not exact:
        want = _norm(name)
        hits.sort(key=lambda n: _norm(n.name) != want)  # stable: exact names first
    return hits[nth] if len(hits) > nth else None
