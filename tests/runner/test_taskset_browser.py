"""Generated tasks through the real env and Chromium: every template of every site (as
`templates_of` finds them) replays its reference solution to reward 1.0, and doing nothing
and its near miss's browser solution to 0.0 (`halo sites verify --task-set`), and a Worker
that only says "done" wins none (`halo eval subset --task-set`); the judge's words are the
template's."""

from __future__ import annotations

import json

import pytest

from halo_cli.sites.templates import templates_of
from halo_cli.tasks.generate import generate, sites_with_templates
from halo_cli.tasks.taskset import write_task_set
from tests.support.helpers import halo
from tests.support.llm_double import LLMDouble
from tests.support.run_helpers import env_for, finish_at_once, jsonl, rows

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    """One task per template of every site with templates (seed 11)."""
    tasks = []
    for site in sites_with_templates():
        tasks += generate([site], len(templates_of(site)), seed=11).tasks
    path = tmp_path_factory.mktemp("taskset") / "train.jsonl"
    write_task_set(path, tasks)
    return path, tasks


@pytest.mark.timeout(1500)
def test_every_template_replays_to_1_and_no_action_and_near_miss_score_0(generated, tmp_path,
                                                                          browser_ready):
    path, tasks = generated
    wanted = {(s, t.name) for s in sites_with_templates() for t in templates_of(s)}
    assert {(t.site, t.template) for t in tasks} == wanted  # no template came up empty
    out = halo("sites", "verify", "--task-set", str(path), "--json", "--workers", "2",
               cwd=tmp_path, env={"HALO_DATA_DIR": str(tmp_path / "data")}, timeout=1400)
    assert out.returncode == 0, out.stdout + out.stderr
    got = json.loads(out.stdout)
    refs = {r["task"]: r for r in got if r["kind"] == "reference"}
    nothing = {r["task"]: r for r in got if r["label"] == "no action"}
    assert set(refs) == set(nothing) == {t.id for t in tasks}
    assert all(r["reward"] == 1.0 and r["ok"] for r in refs.values()), refs
    assert all(r["reward"] == 0.0 and r["ok"] for r in nothing.values()), nothing
    near = {r["task"]: r for r in got if r["label"].startswith("near miss")}
    assert set(near) == {t.id for t in tasks}  # every template has one the browser can play
    assert all(r["reward"] == 0.0 and r["ok"] for r in near.values()), near


@pytest.mark.timeout(900)
def test_a_done_only_worker_wins_no_generated_task(generated, tmp_path, browser_ready):
    path, tasks = generated
    picked = list({t.site: t for t in reversed(tasks)}.values())[:4]  # one per site
    with LLMDouble() as llm:
        llm.handler = finish_at_once  # every answer: send_msg_to_user('done')
        out = halo("eval", "subset", "--task-set", str(path), "--tasks",
                   ",".join(t.id for t in picked), "--mode", "baseline_worker",
                   "--max-steps", "3", "--run-id", "done", env=env_for(llm, tmp_path),
                   timeout=800)
    assert out.returncode == 0, out.stdout + out.stderr
    run = tmp_path / "results" / "done"
    got = rows(run / "matrix.csv")
    assert sorted(r["task_id"] for r in got) == sorted(t.id for t in picked)
    for r in got:
        assert r["error_type"] == "" and float(r["reward"]) == 0.0 and r["success"] == "False"
        assert r["site"] == r["task_id"].split(".")[1] and r["sites"] == "local replicas"
        assert r["judge"].startswith("FAILURE: "), r["judge"]
    for episode in jsonl(run / "episodes.jsonl"):
        tid = episode["task_id"].split(".")
        [script] = episode["judge"]["scripts"]
        assert script["script"] == f"template:{tid[1]}.{tid[2]}" and not script["passed"]
    assert "successes" in (run / "matrix.md").read_text()
