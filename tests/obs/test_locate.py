"""Targets by role and name: one type for the cache (exact, stored) and the sites' scripts."""

import pytest

from halo_cli.obs.locate import Target, TargetNotFound, target_of
from tests.support.axfixtures import inbox, tree

EMAILS = [("Alice", "Lunch"), ("Bob", "Lunch"), ("Carol", "Party")]


def test_a_stored_target_finds_its_element_again_after_bids_change() -> None:
    ax = tree(inbox(EMAILS), bid_start=0)
    second = Target("checkbox", "Select Lunch", nth=1, exact=True).bid(ax)  # Bob's
    t = target_of(ax, second)
    assert t is not None and t.to_json() == {"role": "checkbox", "name": "Select Lunch", "nth": 1}
    moved = tree(inbox([("Zed", "New"), *EMAILS]), bid_start=500)  # a new row, every bid new
    again = Target.from_json(t.to_json()).bid(moved)
    assert int(again) >= 500 and again != Target("checkbox", "Select Lunch", exact=True).bid(moved)


def test_a_script_target_matches_a_name_part_and_says_what_is_missing() -> None:
    ax = tree(inbox(EMAILS))
    assert Target("checkbox", "party").bid(ax) == Target("checkbox", "Select Party", exact=True).bid(ax)
    assert Target.from_json(Target("checkbox", "party").to_json()) == Target("checkbox", "party")
    with pytest.raises(TargetNotFound, match="no checkbox named 'Invoice' \\(nth=0\\)"):
        Target("checkbox", "Invoice").bid(ax)
