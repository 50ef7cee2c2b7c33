"""`halo rollout` end to end: 2 sampled rollouts of one task, trajectories where training
reads them, one summary line per rollout, no Chromium left."""

from __future__ import annotations

import os

import pytest

from tests.support.helpers import halo
from tests.support.llm_double import LLMDouble
from tests.support.run_helpers import browsers_left, env_for, finish_at_once, jsonl

pytestmark = [pytest.mark.browser, pytest.mark.timeout(450)]


def test_two_rollouts_per_task(tmp_path, browser_ready):
    with LLMDouble() as llm:
        llm.handler = finish_at_once
        out = halo("rollout", "--experiment", "explore", "--tasks", "gomail-1",
                   "--rollouts-per-task", "2", "--task-seed", "3", "--seed", "10",
                   "--max-steps", "3", "--workers", "2", "--run-id", "ro1",
                   env=env_for(llm, tmp_path), timeout=300)
        sent = [(r.body.get("temperature"), r.body.get("seed")) for r in llm.requests]
    assert out.returncode == 0, out.stdout + out.stderr
    summary = jsonl(tmp_path / "results" / "ro1" / "rollout_summary.jsonl")
    assert [(r["task"], r["attempt"]) for r in summary] == [("v2.gomail-1", 1), ("v2.gomail-1", 2)]
    for k, r in enumerate(summary, start=1):
        assert r["task_seed"] == 3 and r["temperature"] == 0.7 and r["steps"] == 1
        assert {"reward", "wall_time_s", "trajectory_path"} <= set(r)
        expected = tmp_path / "data" / "trajectories" / "hierarchy_mgr_gate" / "ro1" / \
            f"v2.gomail-1__attempt_{k}.jsonl"
        assert r["trajectory_path"] == str(expected) and os.path.exists(expected)
    # explore's temperature; seed + k - 1; per episode the Worker's finish and the
    # Manager's confirmation of it (the finish trigger)
    assert sorted(sent) == [(0.7, 10), (0.7, 10), (0.7, 11), (0.7, 11)]
    assert browsers_left("ro1") == []
