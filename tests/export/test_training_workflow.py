"""README's "Training without touching the test set", small and end to end: `halo tasks
generate` on 2 sites -> rollouts of the generated tasks (`halo rollout`'s own path, the
simulated policy at e = 0.2 on loopback, real Chromium and agisdk env, the templates'
judges) -> `halo export sft` -> the dataset loads with `datasets` and its card says where
its rows come from; a run of a v2 task is refused without `--allow-test-tasks`."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from halo_cli.config.settings import Settings
from halo_cli.runner.requests import RolloutRequest
from halo_cli.runner.run import RunOptions
from halo_cli.tasks.taskset import load_task_set
from tests.support.helpers import REPO, halo
from tests.support.policy_sim import SimConfig
from tests.support.sim_episode import sim_rollout

pytestmark = [pytest.mark.browser, pytest.mark.timeout(1200)]


def _rollout(root: Path, run_id: str, e: float = 0.2, **request: object) -> list:
    settings = Settings(_env_file=None, HALO_DATA_DIR=str(root / "data"),
                        HALO_RESULTS_DIR=str(root / "results"))
    outcome = sim_rollout(RolloutRequest(mode="baseline_worker", temperature=0.7, max_steps=15,
                                         **request),
                          RunOptions(workers=2, run_id=run_id), settings, SimConfig(e=e))
    return outcome.results


def test_generate_rollout_export_on_generated_tasks_only(tmp_path: Path, browser_ready,
                                                         monkeypatch) -> None:
    # the episode workers import the simulator from tests/
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(
        p for p in (str(REPO), os.environ.get("PYTHONPATH")) if p))
    env = {"HALO_RESULTS_DIR": str(tmp_path / "results"), "HALO_DATA_DIR": str(tmp_path / "data")}
    train = tmp_path / "train.jsonl"
    gen = halo("tasks", "generate", "--site", "gomail,zilloft", "--count", "1", "--seed", "3",
               "--out", str(train), env=env, timeout=300)
    assert gen.returncode == 0, gen.stdout + gen.stderr
    tasks = load_task_set(train)
    assert tasks.sites() == {"gomail": 1, "zilloft": 1}

    results = _rollout(tmp_path, "wf", task_set=train, rollouts_per_task=2)
    assert sorted((r.task_id, r.attempt) for r in results) == sorted(
        (t, k) for t in tasks.tasks for k in (1, 2))
    assert all(r.error_type is None for r in results), [r.error_message for r in results]
    won = [r for r in results if r.success]
    assert won, [(r.task_id, r.judge) for r in results]
    for r in results:  # judged by the task's template, not a v2 eval script
        assert "template:" in json.dumps(r.judge)
    summary = (tmp_path / "results" / "wf" / "rollout_summary.jsonl").read_text().splitlines()
    assert len(summary) == 4

    sft = halo("export", "sft", "--runs", "wf", "--out", str(tmp_path / "sft"), env=env,
               timeout=300)
    assert sft.returncode == 0, sft.stdout + sft.stderr
    from datasets import load_dataset

    ds = load_dataset(str(tmp_path / "sft"), split="train", cache_dir=str(tmp_path / "hf"))
    assert len(ds) > 0 and set(ds["task"]) <= set(tasks.tasks)
    assert set(ds["task"]) == {r.task_id for r in won}
    card = (tmp_path / "sft" / "README.md").read_text()
    assert "**Tasks: generated training tasks only**" in card
    assert "from REAL v2 tasks (the test set): none." in card and "Warning" not in card

    # a run of a REAL v2 task (an error-free policy: it succeeds): refused, unless asked for
    # (then the card warns)
    v2 = _rollout(tmp_path, "v2", e=0.0, tasks=["gomail-17"], rollouts_per_task=1)
    assert [(r.task_id, r.success) for r in v2] == [("v2.gomail-17", True)]
    refused = halo("export", "sft", "--runs", "wf,v2", "--out", str(tmp_path / "mixed"), env=env)
    assert refused.returncode == 2, refused.stdout + refused.stderr
    assert len(refused.stderr.strip().splitlines()) == 1
    assert "REAL v2 tasks (v2.gomail-17)" in refused.stderr and "--allow-test-tasks" in \
        refused.stderr
    assert not (tmp_path / "mixed").exists()
    allowed = halo("export", "sft", "--runs", "wf,v2", "--allow-test-tasks", "--out",
                   str(tmp_path / "mixed"), env=env, timeout=300)
    assert allowed.returncode == 0, allowed.stdout + allowed.stderr
    assert "this data includes REAL v2's test tasks" in (
        tmp_path / "mixed" / "README.md").read_text()
