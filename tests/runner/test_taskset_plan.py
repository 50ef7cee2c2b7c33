"""Runs over a task set: the plan's specs carry each generated task (through run.json and
back, as a resume or a Ray worker reads them); the hosted sites are refused."""

from __future__ import annotations

import pickle

import pytest

from halo_cli.config.settings import Settings
from halo_cli.errors import UserError
from halo_cli.runner import plan as planning
from halo_cli.runner.models import EpisodeSpec
from halo_cli.runner.requests import EvalRequest, RolloutRequest
from halo_cli.runner.run import RunOptions
from halo_cli.tasks.taskset import write_task_set
from tests.tasks.test_taskset import task


@pytest.fixture()
def task_set(tmp_path):
    path = tmp_path / "set.jsonl"
    write_task_set(path, [task(1), task(2), task(3, template="search_budget")])
    return path


def settings(tmp_path) -> Settings:
    return Settings(results_dir=tmp_path / "results", data_dir=tmp_path / "data")


def test_eval_plan_carries_each_task_definition(task_set, tmp_path):
    req = EvalRequest(tasks=["train.zilloft.search_kind.2", "train.zilloft.search_budget.3"],
                      modes=["baseline_worker"], task_set=task_set)
    specs = req.plan(RunOptions(), "r1", settings(tmp_path)).specs
    assert [s.task_id for s in specs] == ["train.zilloft.search_kind.2",
                                          "train.zilloft.search_budget.3"]
    assert specs[0].task == task(2)
    back = EpisodeSpec(**specs[0].model_dump(mode="json"))  # run.json's plan, on --resume
    assert back.task == task(2) and pickle.loads(pickle.dumps(back)).task == task(2)


def test_rollout_and_sampling_take_the_task_set(task_set, tmp_path):
    req = RolloutRequest(mode="baseline_worker", sample_size=2, rollouts_per_task=2,
                         task_set=task_set)
    specs = req.plan(RunOptions(), "r2", settings(tmp_path)).specs
    assert len(specs) == 4 and all(s.task is not None and s.task.id == s.task_id for s in specs)
    with pytest.raises(UserError, match="--subset names v2 tasks"):
        RolloutRequest(subset="smoke", task_set=task_set)


def test_task_sets_run_on_the_local_sites_only(task_set, tmp_path):
    with pytest.raises(UserError, match="^--task-set tasks run on the local sites only"):
        EvalRequest(task_set=task_set).plan(RunOptions(sites="remote"), "r3", settings(tmp_path))
    with pytest.raises(UserError, match="is a generated task: it runs on the local sites"):
        planning.check_local_sites(["train.zilloft.search_kind.1"], "remote")
    planning.check_local_sites(["train.zilloft.search_kind.1", "v2.gomail-1"], "local")
    with pytest.raises(UserError, match="no local replica for: train.zilloft.nothing.1"):
        planning.check_local_sites(["train.zilloft.nothing.1"], "local")
