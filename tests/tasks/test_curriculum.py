"""A curriculum from failures: `halo tasks generate --from-failures RUN_ID` makes new,
verified tasks from the templates of the generated tasks a recorded run failed."""

from __future__ import annotations

from pathlib import Path

import pytest

from halo_cli.config.modes import MODES
from halo_cli.errors import UserError
from halo_cli.runner.models import EpisodeResult, EpisodeSpec
from halo_cli.runner.store import RunStore
from halo_cli.sites.registry import get_site
from halo_cli.sites.templates import SiteClient, template_of
from halo_cli.tasks import curriculum as C
from halo_cli.tasks.generate import generate
from halo_cli.tasks.taskset import GeneratedTask, load_task_set, write_task_set
from tests.support.helpers import halo

SITES = ["zilloft", "gomail"]


@pytest.fixture(scope="module")
def train(tmp_path_factory) -> Path:
    """A task set of 2 sites (3 tasks each)."""
    path = tmp_path_factory.mktemp("cur") / "train.jsonl"
    write_task_set(path, generate(SITES, 3, seed=0).tasks)
    return path


def _record_run(results: Path, run_id: str, tasks: list[GeneratedTask],
                outcomes: dict[str, list[float | None]], task_set: Path | None = None) -> None:
    """A run of `tasks` as run.json and episodes.jsonl record it: per task, one episode a
    reward (None: cut short by an error)."""
    mode = MODES["baseline_worker"]
    specs = [EpisodeSpec(task_id=t.id, mode=mode, run_id=run_id, attempt=k, task=t)
             for t in tasks for k in range(1, len(outcomes.get(t.id, [])) + 1)]
    store = RunStore(results, run_id)
    store.create({"run_id": run_id, "command": "rollout",
                  "options": {"task_set": str(task_set) if task_set else None},
                  "plan": [s.model_dump(mode="json") for s in specs]})
    for s in specs:
        reward = outcomes[s.task_id][s.attempt - 1]
        store.append(EpisodeResult(task_id=s.task_id, mode=mode.name, attempt=s.attempt,
                                   reward=reward or 0.0,
                                   error_phase="agent" if reward is None else None))


def test_quotas_follow_failed_episodes_by_largest_remainder():
    failed = {("gomail", "a"): 3, ("gomail", "b"): 1, ("zilloft", "c"): 1}
    assert C.quotas(failed, 5) == {("gomail", "a"): 3, ("gomail", "b"): 1, ("zilloft", "c"): 1}
    # 1.2, 0.4, 0.4: one each by the whole part, the rest to the largest remainder (tie: b)
    assert C.quotas(failed, 2) == {("gomail", "a"): 1, ("gomail", "b"): 1}
    assert C.quotas(failed, 10) == {("gomail", "a"): 6, ("gomail", "b"): 2, ("zilloft", "c"): 2}
    assert C.quotas({}, 3) == {}


def test_new_tasks_come_from_the_failed_templates_verified_new_and_numbered_on(train, tmp_path):
    tasks = list(load_task_set(train).tasks.values())
    zilloft = [t for t in tasks if t.site == "zilloft"]
    failing = zilloft[0]
    _record_run(tmp_path / "results", "r", zilloft,
                {failing.id: [0.0, 0.0, None], zilloft[1].id: [1.0, None]}, task_set=train)
    from halo_cli.runner.failures import run_failures

    found = run_failures(tmp_path / "results", "r")
    assert found.failed == {failing.id: 2}  # the error is no verdict; the success no failure
    assert set(found.tasks) == {t.id for t in tasks}  # the run's and its task set's
    done = C.from_failures(found.failed, found.tasks, "r", count=3, seed=0)
    assert len(done.tasks) == 3 and done.short == {}
    known_goals = {t.goal.lower() for t in tasks}
    last = max(int(t.id.rsplit(".", 1)[1]) for t in tasks if t.template == failing.template)
    assert [t.id for t in done.tasks] == [
        f"train.zilloft.{failing.template}.{last + k}" for k in (1, 2, 3)]
    site = get_site("zilloft")
    template = template_of("zilloft", failing.template)
    for t in done.tasks:
        assert t.template == failing.template and t.goal.lower() not in known_goals
        client = SiteClient(site, t.base_task)
        template.reach(t.params, client)
        assert template.judge(t.params, client.finish()).ok
    again = C.from_failures(found.failed, found.tasks, "r", count=3, seed=0)
    assert [t.line() for t in again.tasks] == [t.line() for t in done.tasks]


def test_easier_keeps_only_drafts_below_the_failed_difficulty(train):
    tasks = list(load_task_set(train).tasks.values())
    hard = next(t for t in tasks if t.site == "gomail").model_copy(update={"difficulty": 3})
    done = C.from_failures({hard.id: 1}, {t.id: t for t in tasks} | {hard.id: hard}, "r",
                           count=2, seed=1, easier=True)
    assert C.ceilings([hard], easier=True) == {("gomail", hard.template): 2}
    assert done.tasks and all(t.difficulty <= 2 for t in done.tasks)
    assert {t.template for t in done.tasks} == {hard.template}


def test_nothing_failed_or_a_template_gone_is_one_error(train):
    with pytest.raises(UserError, match="run r has no failed generated task"):
        C.from_failures({}, {}, "r")
    task = next(iter(load_task_set(train).tasks.values()))
    gone = task.model_copy(update={"id": f"train.{task.site}.gone.1", "template": "gone"})
    with pytest.raises(UserError, match=f"failed tasks of {task.site}.gone, a template this "
                                        "HALO no longer has"):
        C.from_failures({gone.id: 1}, {gone.id: gone}, "r")


def test_the_command(train, tmp_path):
    tasks = list(load_task_set(train).tasks.values())
    gomail = [t for t in tasks if t.site == "gomail"]
    _record_run(tmp_path / "results", "lost", gomail, {gomail[0].id: [0.0, 0.0],
                                                       gomail[1].id: [0.0, 1.0]})
    _record_run(tmp_path / "results", "won", gomail, {gomail[0].id: [1.0]})
    env = {"HALO_RESULTS_DIR": str(tmp_path / "results")}
    out = tmp_path / "more.jsonl"
    res = halo("tasks", "generate", "--from-failures", "lost", "--count", "3", "--out",
               str(out), env=env, timeout=300)
    assert res.returncode == 0, res.stdout + res.stderr
    assert "failed in run lost" in res.stdout and f"wrote {out}: 3 tasks" in res.stdout
    made = list(load_task_set(out).tasks.values())
    weights = {gomail[0].template: 2, gomail[1].template: 1}
    if gomail[0].template == gomail[1].template:
        assert {t.template for t in made} == {gomail[0].template}
    else:
        assert sorted(t.template for t in made) == sorted(
            n for name, k in weights.items() for n in [name] * k)

    none = halo("tasks", "generate", "--from-failures", "won", "--out", str(tmp_path / "x"),
                env=env)
    assert none.returncode == 2 and none.stderr.strip().splitlines() == [
        "error: run won has no failed generated task: nothing to make a curriculum from"]
    assert not (tmp_path / "x").exists()
    both = halo("tasks", "generate", "--from-failures", "won", "--site", "gomail", "--out",
                str(tmp_path / "x"), env=env)
    assert both.returncode == 2 and "one of them" in both.stderr
