"""Find elements in a BrowserGym AXTree by role and accessible name (never by fixed bid).

Reference solutions, the Verified Action Cache and macros all name their targets this
way, so they survive bid renumbering between runs.
"""

from __future__ import annotations

import re

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
