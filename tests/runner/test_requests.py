"""Run requests as the library plans and records them (no episode runs)."""

from __future__ import annotations

import pytest
from pydantic import SecretStr

from halo_cli.config.settings import Settings
from halo_cli.errors import UserError
from halo_cli.runner.requests import EvalRequest, ExplorationRequest, RolloutRequest
from halo_cli.runner.run import RunOptions, prepare_run


@pytest.fixture()
def settings(tmp_path):
    return Settings(_env_file=None, OPENAI_API_KEY=SecretStr("sk-x"),  # type: ignore[call-arg]
                    HALO_RESULTS_DIR=tmp_path / "results", HALO_DATA_DIR=tmp_path / "data")


def test_rollout_experiment_and_subset_from_the_packaged_file_are_planned_and_recorded(settings):
    prepared = prepare_run(RolloutRequest(experiment="halo_speed", subset="smoke",
                                          rollouts_per_task=2, seed=5), RunOptions(), settings)
    assert [(s.task_id, s.attempt, s.mode.seed) for s in prepared.plan] == [
        ("v2.gomail-1", 1, 5), ("v2.omnizon-3", 1, 5), ("v2.gomail-1", 2, 6), ("v2.omnizon-3", 2, 6)]
    assert {s.mode.max_steps for s in prepared.plan} == {25}
    assert all(s.keep_screenshots for s in prepared.plan)
    doc = prepared.record()
    assert doc["experiment"] == "halo_speed" and doc["subset"] == "smoke"
    assert doc["config"].endswith("halo_cli/config/experiments.yaml") and doc["sites"] == "local"
    assert not prepared.store.root.exists()  # planning writes nothing


def test_eval_and_exploration_requests(settings):
    ev = prepare_run(EvalRequest(tasks=["gomail-1,omnizon-3"], modes=["baseline_worker"],
                                 attempts=2), RunOptions(speed=True), settings)
    assert len(ev.plan) == 4 and {s.mode.max_steps for s in ev.plan} == {25}
    assert ev.request.command == "eval subset" and ev.record()["modes"] == ["baseline_worker"]
    ex = prepare_run(ExplorationRequest("gomail-1", temperature_b=0.5), RunOptions(), settings)
    assert [(s.attempt, s.mode.temperature) for s in ex.plan] == [(1, 0.0), (2, 0.5)]
    assert ex.record()["task"] == "v2.gomail-1"


def test_conflicting_choices_are_user_errors():
    with pytest.raises(UserError, match="pass one of them"):
        RolloutRequest(experiment="explore", mode="baseline_worker")
    with pytest.raises(UserError, match="pass one of them"):
        RolloutRequest(subset="smoke", tasks=["gomail-1"])
