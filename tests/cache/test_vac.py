"""Verified Action Cache: writes only on success, re-finds by role/name, stale entries go."""

import sqlite3
from pathlib import Path

import pytest

from halo_cli.cache.vac import VerifiedActionCache, VerifiedStep, normalise_goal
from halo_cli.obs.locate import find
from halo_cli.obs.pages import fingerprint
from halo_cli.policy.actions import Action
from tests.support.axfixtures import compose, inbox, tree

EMAILS = [("Alice", "Lunch"), ("Bob", "Invoice"), ("Carol", "Party")]
GOAL = "Delete the email about the Party."
ORIGIN = "http://127.0.0.1:5000"
URL = ORIGIN + "/inbox"


def _bid(ax: dict, role: str, name: str) -> str:
    node = find(ax, role, name, exact=True)
    assert node is not None
    return node.bid


def _episode(ax: dict) -> list[VerifiedStep]:
    fp = fingerprint(URL, ax)
    return [
        VerifiedStep(fp, 0, Action("click", (_bid(ax, "checkbox", "Select Party"),)), ax,
                     "progressed", "inbox", URL),
        VerifiedStep(fp, 1, Action("scroll", (0, 300)), ax, "no_change", "inbox", URL),
        VerifiedStep(fp, 1, Action("click", (_bid(ax, "button", "Delete"),)), ax, "progressed",
                     "inbox", URL),
        VerifiedStep(fp, 2, Action("click", ("404",)), ax, "error", "inbox", URL),
        VerifiedStep(fp, 2, Action("goto", ("http://127.0.0.1:5000/sent",)), ax, "progressed",
                     "inbox", URL),
        VerifiedStep(fp, 3, Action("send_msg_to_user", ("Deleted.",)), ax, "progressed", "inbox",
                     URL),
    ]


@pytest.fixture
def vac(tmp_path: Path):
    with VerifiedActionCache.under(tmp_path) as cache:
        yield cache


def test_written_only_on_reward_1_and_only_progress_steps(vac: VerifiedActionCache) -> None:
    ax = tree(inbox(EMAILS))
    assert vac.record_episode("gomail", GOAL, _episode(ax), reward=0.0) == 0
    assert vac.stats().entries == 0
    assert vac.record_episode("gomail", GOAL, _episode(ax), reward=1.0, origin=ORIGIN) == 4
    rows = vac.entries()
    assert [r["func"] for r in rows] == ["click", "click", "goto", "send_msg_to_user"]
    assert (rows[0]["role"], rows[0]["name"], rows[0]["nth"]) == ("checkbox", "Select Party", 0)
    assert rows[0]["args"] == [{"$target": {"role": "checkbox", "name": "Select Party", "nth": 0}}]
    assert rows[2]["args"] == ["{origin}/sent"]
    assert rows[0]["goal"] == normalise_goal(GOAL) == "delete the email about the party"
    assert vac.path == vac.path.parent / "vac.sqlite" and vac.path.parent.name == "cache"


def test_lookup_refinds_target_after_bids_change(vac: VerifiedActionCache) -> None:
    ax = tree(inbox(EMAILS), bid_start=0)
    vac.record_episode("gomail", GOAL, _episode(ax), reward=1, origin=ORIGIN)
    moved = tree(inbox([("Zed", "New mail"), *EMAILS]), bid_start=700)  # new row, new bids
    fp = fingerprint(URL, moved)
    hit = vac.lookup("gomail", "delete the email about the party", fp, 0, moved)
    assert hit is not None and hit.layer == "user"
    assert hit.action.text == f"click('{_bid(moved, 'checkbox', 'Select Party')}')"
    assert int(hit.action.args[0]) >= 700
    hit = vac.lookup("gomail", GOAL, fp, 2, moved, origin="https://evals-gomail.example")
    assert hit is not None and hit.action.text == "goto('https://evals-gomail.example/sent')"
    assert vac.stats().hits_total == 2


def test_stale_entry_is_invalidated(vac: VerifiedActionCache) -> None:
    ax = tree(inbox(EMAILS))
    vac.record_episode("gomail", GOAL, _episode(ax), reward=1)
    fp = fingerprint(URL, ax)
    gone = tree(inbox(EMAILS[:2]))  # the Party email is no longer there
    assert fingerprint(URL, gone) == fp
    assert vac.lookup("gomail", GOAL, fp, 0, gone) is None
    stats = vac.stats()
    assert stats.session_stale == 1 and stats.stale == 1
    assert vac.lookup("gomail", GOAL, fp, 0, ax) is None  # invalidated, not just skipped
    assert vac.lookup("gomail", GOAL, fp, 1, ax) is not None  # other entries stay


def test_miss_for_other_site_goal_or_page(vac: VerifiedActionCache) -> None:
    ax = tree(inbox(EMAILS))
    vac.record_episode("gomail", GOAL, _episode(ax), reward=1)
    fp = fingerprint(URL, ax)
    assert vac.lookup("omnizon", GOAL, fp, 0, ax) is None
    assert vac.lookup("gomail", "Delete the email about Lunch", fp, 0, ax) is None
    assert vac.lookup("gomail", GOAL, fingerprint(URL, tree(compose())), 0, ax) is None
    assert vac.stats().session_misses == 3


def test_packaged_cache_is_layered_under_user_cache(tmp_path: Path) -> None:
    ax = tree(inbox(EMAILS))
    fp = fingerprint(URL, ax)
    with VerifiedActionCache(tmp_path / "build.sqlite") as build:
        build.record_episode("gomail", GOAL, _episode(ax), reward=1)
        build.export_jsonl(tmp_path / "packaged.jsonl")
    for packaged in (tmp_path / "packaged.jsonl", tmp_path / "build.sqlite"):
        user_dir = tmp_path / f"user-{packaged.suffix[1:]}"
        with VerifiedActionCache.under(user_dir, packaged=packaged) as vac:
            assert vac.stats().entries == 0 and vac.stats().packaged_entries == 4
            hit = vac.lookup("gomail", GOAL, fp, 1, ax)
            assert hit is not None and hit.layer == "packaged"
            # a user entry for the same key wins
            vac.record_episode("gomail", GOAL, [VerifiedStep(
                fp, 1, Action("click", (_bid(ax, "button", "Archive"),)), ax, "progressed")], 1)
            assert vac.lookup("gomail", GOAL, fp, 1, ax).layer == "user"
            # a stale packaged entry is masked, the packaged file untouched
            assert vac.lookup("gomail", GOAL, fp, 0, tree(inbox(EMAILS[:2]))) is None
            assert vac.lookup("gomail", GOAL, fp, 0, ax) is None
            assert vac.clear() == 1
    con = sqlite3.connect(tmp_path / "build.sqlite")
    assert con.execute("SELECT COUNT(*) FROM vac").fetchone()[0] == 4


def test_export_import_clear_stats(vac: VerifiedActionCache, tmp_path: Path) -> None:
    ax = tree(inbox(EMAILS))
    vac.record_episode("gomail", GOAL, _episode(ax), reward=1)
    vac.record_episode("omnizon", "buy a lamp", _episode(ax)[:1], reward=1)
    assert vac.stats().sites == {"gomail": 4, "omnizon": 1}
    assert vac.export_jsonl(tmp_path / "out" / "vac.jsonl") == 5
    assert vac.clear(site="gomail") == 4
    assert vac.stats().entries == 1
    assert vac.import_jsonl(tmp_path / "out" / "vac.jsonl") == 5
    assert vac.stats().entries == 5
    (tmp_path / "bad.jsonl").write_text('{"site": "x"}\n')
    with pytest.raises(ValueError, match="bad.jsonl:1"):
        vac.import_jsonl(tmp_path / "bad.jsonl")
