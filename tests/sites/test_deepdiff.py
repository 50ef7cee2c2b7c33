"""The Python `detailed_diff` gives what npm deep-object-diff 1.1.9 gives, case for case.

The cases were generated once by `tests/sites/data/gen_deep_object_diff_cases.mjs` running the
real npm package (random stores: empty arrays and objects, shrinking and growing arrays,
object <-> scalar changes, nested arrays).
"""

from __future__ import annotations

import json
from pathlib import Path

from halo_cli.sites.deepdiff import detailed_diff

DATA = json.loads((Path(__file__).parent / "data" / "deep_object_diff_cases.json").read_text())


def test_cases_come_from_the_npm_package() -> None:
    assert DATA["package"] == "deep-object-diff" and DATA["version"] == "1.1.9"
    assert len(DATA["cases"]) >= 2000


def test_every_generated_case_matches_the_npm_package() -> None:
    wrong = [c for c in DATA["cases"] if detailed_diff(c["lhs"], c["rhs"]) != c["diff"]]
    assert not wrong, f"{len(wrong)} cases differ, first: {json.dumps(wrong[0])}"


def test_arrays_are_walked_by_index_and_new_keys_come_whole() -> None:
    before = {"cart": {"foodOrders": []}, "chat": {"r1": {"messages": ["hi"]}}}
    after = {"cart": {"foodOrders": [{"orderId": "ORD-1"}]},
             "chat": {"r1": {"messages": ["hi", "there"]}, "r2": {"messages": ["new"]}}}
    diff = detailed_diff(before, after)
    assert diff["added"] == {"cart": {"foodOrders": {"0": {"orderId": "ORD-1"}}},
                             "chat": {"r1": {"messages": {"1": "there"}},
                                      "r2": {"messages": ["new"]}}}
    assert diff["updated"] == {} and diff["deleted"] == {}


def test_leaves_compare_like_javascript_strict_equality() -> None:
    assert detailed_diff({"a": True}, {"a": 1})["updated"] == {"a": 1}
    assert detailed_diff({"a": 1}, {"a": 1.0})["updated"] == {}
    assert detailed_diff({"a": {"b": 1, "c": 2}}, {"a": {"b": 1}})["deleted"] == {"a": {}}
