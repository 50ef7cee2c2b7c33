"""`halo verify-exploration` end to end, with an LLM double whose answer depends on the
sampling temperature: the two runs' first actions differ, and the verdict says so."""

from __future__ import annotations

import json
import os

import pytest

from tests.support.helpers import halo
from tests.support.llm_double import LLMDouble
from tests.support.run_helpers import FINISH, SCROLL, browsers_left, env_for, request_text

pytestmark = [pytest.mark.browser, pytest.mark.timeout(450)]


def by_temperature(body):
    """Greedy: finish at once. Hot: scroll first, then finish."""
    hot = (body.get("temperature") or 0) >= 0.5
    return SCROLL if hot and "scroll(0, 200)" not in request_text(body) else FINISH


def test_verify_exploration_sees_the_sequences_differ(tmp_path, browser_ready):
    with LLMDouble() as llm:
        llm.handler = by_temperature
        out = halo("verify-exploration", "--task", "gomail-1", "--mode", "baseline_worker",
                   "--task-seed", "5", "--temperature-a", "0", "--temperature-b", "1",
                   "--compare-steps", "2", "--max-steps", "4", "--workers", "2",
                   "--run-id", "vx1", env=env_for(llm, tmp_path), timeout=300)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "exploration changed the sequence" in out.stdout and "first differ at step 1" in out.stdout
    assert "send_msg_to_user('done')" in out.stdout and "scroll(0, 200)" in out.stdout
    doc = json.loads((tmp_path / "results" / "vx1" / "exploration.json").read_text())
    assert doc["changed"] and doc["a"] == ["send_msg_to_user('done')"]
    assert doc["b"] == ["scroll(0, 200)", "send_msg_to_user('done')"]
    assert all(os.path.exists(p) for p in doc["trajectories"])  # both kept
    assert browsers_left("vx1") == []


def test_verify_exploration_same_temperature_same_sequence(tmp_path, browser_ready):
    with LLMDouble() as llm:
        llm.handler = by_temperature
        out = halo("verify-exploration", "--task", "gomail-1", "--temperature-a", "0",
                   "--temperature-b", "0.2", "--compare-steps", "3", "--max-steps", "4",
                   "--workers", "2", "--run-id", "vx2", env=env_for(llm, tmp_path), timeout=300)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "exploration did not change the sequence" in out.stdout
    assert browsers_left("vx2") == []
