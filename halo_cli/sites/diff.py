"""Deep diff of two store trees, in the `initialfinaldiff` shape REAL's eval scripts read.

`added` / `deleted` / `updated` each mirror the store's nesting down to the changed key:
a key new in `final` goes to `added` (whole value), a key gone goes to `deleted` (old
value), a changed leaf goes to `updated` (new value). Dicts are walked; lists and scalars
are compared whole, so stores keep collections the scripts index by id as dicts.
"""

from __future__ import annotations

from typing import Any


def _put(tree: dict, path: tuple[str, ...], value: Any) -> None:
    for key in path[:-1]:
        tree = tree.setdefault(key, {})
    tree[path[-1]] = value


def _walk(a: dict, b: dict, path: tuple[str, ...], out: dict[str, dict]) -> None:
    for key in b.keys() - a.keys():
        _put(out["added"], (*path, key), b[key])
    for key in a.keys() - b.keys():
        _put(out["deleted"], (*path, key), a[key])
    for key in a.keys() & b.keys():
        old, new = a[key], b[key]
        if isinstance(old, dict) and isinstance(new, dict):
            _walk(old, new, (*path, key), out)
        elif old != new:
            _put(out["updated"], (*path, key), new)


def initialfinaldiff(initial: dict, final: dict) -> dict[str, dict]:
    """`{"added", "deleted", "updated"}` trees describing how `final` differs from `initial`."""
    out: dict[str, dict] = {"added": {}, "deleted": {}, "updated": {}}
    _walk(initial, final, (), out)
    return out


def collection_changes(initial: dict[str, dict], final: dict[str, dict]) -> dict[str, list]:
    """Per-item changes of an id-keyed collection: `{"added", "deleted", "updated"}` lists.

    `updated` entries hold the item's id plus only the fields that changed, which is the
    `differences.<collection>` shape some scripts read.
    """
    added = [dict(final[k], id=k) for k in sorted(final.keys() - initial.keys())]
    deleted = [dict(initial[k], id=k) for k in sorted(initial.keys() - final.keys())]
    updated = []
    for k in sorted(initial.keys() & final.keys()):
        old, new = initial[k], final[k]
        changed = {f: v for f, v in new.items() if old.get(f) != v}
        if changed:
            updated.append({"id": k, **changed})
    return {"added": added, "deleted": deleted, "updated": updated}


def keyed_changes(initial: dict[str, Any], final: dict[str, Any]) -> dict[str, dict]:
    """Per-item changes of a keyed collection as dicts, `{"added", "deleted", "updated"}`
    each `{key: whole item}` (the `differences.<collection>` shape of REAL's React sites)."""
    return {
        "added": {k: final[k] for k in final if k not in initial},
        "deleted": {k: initial[k] for k in initial if k not in final},
        "updated": {k: final[k] for k in final if k in initial and initial[k] != final[k]},
    }
