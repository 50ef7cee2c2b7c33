"""npm `deep-object-diff`'s `detailedDiff`, as REAL's React sites compute `initialfinaldiff`.

Rules (deep-object-diff 1.1.9, checked against the npm package in
`tests/sites/data/deep_object_diff_cases.json`):
- arrays are walked as objects keyed by index strings (`"0"`, `"1"`, ...);
- a key absent on the left appears whole under `added` (a list stays a list);
- `updated` holds only changed leaves; a value that changes between an object and a
  scalar appears whole; an object that became empty appears as `{}`;
- a deleted key is JS `undefined`, which `JSON.stringify` drops: its parent stays, as `{}`;
- leaves compare with JS `===`: `true` is not `1`, `1` is `1.0`.
"""

from __future__ import annotations

from typing import Any

_EMPTY: dict = {}


def _is_object(value: Any) -> bool:
    return isinstance(value, (dict, list))


def _keys(value: dict | list) -> list[str]:
    return [str(i) for i in range(len(value))] if isinstance(value, list) else list(value)


def _get(value: dict | list, key: str) -> Any:
    return value[int(key)] if isinstance(value, list) else value[key]


def _has(value: dict | list, key: str) -> bool:
    if isinstance(value, list):
        return key.isdigit() and str(int(key)) == key and int(key) < len(value)
    return key in value


def _strict_equal(a: Any, b: Any) -> bool:
    """JS `===` on JSON values: objects are never equal to a different object."""
    if _is_object(a) or _is_object(b):
        return a is b
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool) and a == b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return a == b
    return type(a) is type(b) and a == b


def _is_empty_object(value: Any) -> bool:
    return _is_object(value) and len(value) == 0


def added_diff(lhs: Any, rhs: Any) -> dict:
    if _strict_equal(lhs, rhs) or not _is_object(lhs) or not _is_object(rhs):
        return {}
    out: dict = {}
    for key in _keys(rhs):
        if _has(lhs, key):
            diff = added_diff(_get(lhs, key), _get(rhs, key))
            if diff:
                out[key] = diff
        else:
            out[key] = _get(rhs, key)
    return out


def deleted_diff(lhs: Any, rhs: Any) -> dict:
    """Deleted keys are dropped (JS `undefined`); a parent that held them stays as `{}`."""
    if _strict_equal(lhs, rhs) or not _is_object(lhs) or not _is_object(rhs):
        return {}
    out: dict = {}
    for key in _keys(lhs):
        if _has(rhs, key):
            diff = deleted_diff(_get(lhs, key), _get(rhs, key))
            if diff is not _EMPTY and diff:
                out[key] = diff
            elif diff is _EMPTY:
                out[key] = {}
        else:
            out.setdefault(_GONE, True)
    if out.pop(_GONE, False) and not out:
        return _EMPTY
    return out


_GONE = "\x00gone"


def updated_diff(lhs: Any, rhs: Any) -> Any:
    if _strict_equal(lhs, rhs):
        return {}
    if not _is_object(lhs) or not _is_object(rhs):
        return rhs
    out: dict = {}
    for key in _keys(rhs):
        if not _has(lhs, key):
            continue
        left, right = _get(lhs, key), _get(rhs, key)
        diff = updated_diff(left, right)
        if _is_empty_object(diff) and (_is_empty_object(left) or not _is_empty_object(right)):
            continue
        out[key] = diff
    return out


def detailed_diff(lhs: Any, rhs: Any) -> dict[str, Any]:
    """`{"added", "deleted", "updated"}` as `JSON.stringify(detailedDiff(lhs, rhs))` gives."""
    deleted = deleted_diff(lhs, rhs)
    return {
        "added": added_diff(lhs, rhs),
        "deleted": {} if deleted is _EMPTY else deleted,
        "updated": updated_diff(lhs, rhs),
    }
