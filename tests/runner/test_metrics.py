"""Summary math (the runbook's definitions), the append-only store and its de-duplication."""

from __future__ import annotations

import csv
import json

import pytest
from pydantic import SecretStr

from halo_cli.config.modes import get_mode
from halo_cli.config.settings import Settings
from halo_cli.runner import metrics as summary
from halo_cli.runner.models import EpisodeResult
from halo_cli.runner.plan import episode_specs
from halo_cli.runner.store import RunStore
from halo_cli.runner.study import run_document


def R(task: str = "v2.gomail-1", mode: str = "baseline_worker", attempt: int = 1, **kw) -> EpisodeResult:
    return EpisodeResult(task_id=task, mode=mode, attempt=attempt, **kw)


RESULTS = [
    R("v2.gomail-1", reward=1.0, success=True, steps=4, wall_time_s=10, llm_calls=4,
      tokens_in=400, tokens_out=40, cost_usd=0.01, invalid_actions=1),
    R("v2.gomail-2", reward=0.0, steps=10, wall_time_s=30, llm_calls=10),
    R("v2.omnizon-3", reward=0.0, steps=6, wall_time_s=20, error_phase="eval",
      error_type="EvalError"),  # eval error: valid, a failure
    R("v2.omnizon-4", steps=0, error_phase="init", error_type="TimeoutError"),
    R("v2.omnizon-5", steps=3, error_phase="agent", error_type="LLMTimeout"),
]


def test_definitions_valid_errors_successes_failures_rate():
    s = summary.stats("baseline_worker", RESULTS)
    assert s.episodes == 5
    assert s.init_or_agent_errors == 2  # init + agent, not eval
    assert s.valid_tasks == 3
    assert s.successes == 1 and s.failures == 2
    assert s.success_rate == pytest.approx(1 / 3)
    assert s.median_steps == 6  # over valid episodes: 4, 10, 6
    assert s.median_wall_time == 20
    assert s.llm_calls == 14 and s.tokens == 440 and s.cost_usd == pytest.approx(0.01)
    assert s.invalid_action_rate == pytest.approx(1 / 23)  # per step over all episodes


def test_reward_below_one_is_not_a_success_and_empty_group_has_no_rate():
    assert not summary.is_success(R(reward=0.99))
    assert not summary.is_success(R(reward=1.0, error_phase="agent"))
    empty = summary.stats("x", [])
    assert empty.success_rate is None and empty.median_steps is None


def test_delta_against_baseline_and_per_site():
    results = RESULTS + [
        R("v2.gomail-1", "hierarchy_vac", reward=1, steps=2, wall_time_s=5),
        R("v2.gomail-2", "hierarchy_vac", reward=1, steps=4, wall_time_s=5),
    ]
    table = summary.by_mode(results, ["baseline_worker", "hierarchy_vac", "hierarchy_mgr_gate"])
    assert [s.name for s in table] == ["baseline_worker", "hierarchy_vac", "hierarchy_mgr_gate"]
    d = summary.delta_vs_baseline(table)
    assert d["hierarchy_vac"].success_rate_pts == pytest.approx(100 - 100 / 3)
    assert d["hierarchy_vac"].median_steps == pytest.approx(3 - 6)
    assert d["hierarchy_mgr_gate"].success_rate_pts is None  # no results yet
    sites = {s.name: s for s in summary.by_site(results)["baseline_worker"]}
    assert sites["gomail"].success_rate == 0.5 and sites["omnizon"].init_or_agent_errors == 2
    assert summary.delta_vs_baseline(summary.by_mode(results[5:])) == {}  # no baseline ran


def test_matrix_markdown_has_definitions_table_and_sites():
    md = summary.matrix_markdown(RESULTS, ["baseline_worker"], "Run x", planned=6)
    assert "5 of 6 planned episodes finished" in md
    assert "valid_tasks**: episodes that finished without an init or agent error" in md
    assert "| baseline_worker | 5 | 3 | 2 | 1 | 2 | 33.3% | [6, 79]% | 6.0 | 20.0s |" in md
    assert "### baseline_worker" in md and "| omnizon | 3 | 1 | 2 | 0 | 0.0% | [0, 79]% | 6.0 |" in md
    assert "Paired against" not in md  # one mode: nothing to pair


def test_matrix_markdown_pairs_each_mode_with_the_baseline_on_the_same_episodes():
    base = [R(f"v2.gomail-{i}", "baseline_worker", reward=float(i <= 3)) for i in range(1, 9)]
    vac = [R(f"v2.gomail-{i}", "hierarchy_vac", reward=float(i <= 7)) for i in range(1, 9)]
    extra = [R("v2.gomail-9", "hierarchy_vac", reward=1.0)]  # the baseline never ran it
    md = summary.matrix_markdown(base + vac + extra, ["baseline_worker", "hierarchy_vac"])
    row = next(ln for ln in md.splitlines() if ln.startswith("| hierarchy_vac | 8 |"))
    # 8 pairs: baseline 3/8, vac 7/8, 4 flipped to success, none back: exact McNemar p = 2/16
    assert row.startswith("| hierarchy_vac | 8 | 3 | 7 | 4 | 0 | +50.0 pts | [+")
    assert row.endswith("| 0.125 |")


def _plan(run_id: str = "r1"):
    return episode_specs(["v2.gomail-1", "v2.gomail-2"], [get_mode("baseline_worker"),
                         get_mode("hierarchy_vac")], run_id)


def test_store_dedups_by_key_last_wins_and_survives_a_torn_line(tmp_path):
    store = RunStore(tmp_path, "r1")
    store.append(R("v2.gomail-1", reward=0))
    store.append(R("v2.gomail-1", reward=1, success=True))  # same key again: counted once
    with open(store.episodes, "a") as fh:
        fh.write('{"task_id": "v2.gomail-2", "mode": "basel')  # SIGKILL mid-write
    store.append(R("v2.gomail-2", "hierarchy_vac"))
    lines = store.episodes.read_text().splitlines()
    assert len(lines) == 4 and lines[-1].startswith('{"task_id":"v2.gomail-2"')
    got = store.results(_plan())
    assert [(r.task_id, r.mode, r.reward) for r in got] == [
        ("v2.gomail-1", "baseline_worker", 1.0), ("v2.gomail-2", "hierarchy_vac", 0.0)]
    assert store.done_keys() == {("v2.gomail-1", "baseline_worker", 1),
                                 ("v2.gomail-2", "hierarchy_vac", 1)}


def test_store_drops_results_outside_the_plan(tmp_path):
    store = RunStore(tmp_path, "r1")
    store.append(R("v2.omnizon-9"))
    assert store.results(_plan()) == [] and len(store.results()) == 1


def test_outputs_are_regenerated_from_the_log(tmp_path):
    store = RunStore(tmp_path, "r1")
    plan = _plan()
    store.append(R("v2.gomail-1", reward=1, success=True, steps=3, trajectory_path="/t/a.jsonl"))
    store.append(R("v2.gomail-1", "hierarchy_vac", error_phase="init", error_type="BrowserDied",
                   error_message="boom sk-SECRET", traceback="Traceback... sk-SECRET"),
                 secrets=["sk-SECRET"])
    store.append(R("v2.gomail-1", reward=1, success=True, steps=3))  # duplicate
    store.write_outputs(plan, rollouts=True)
    rows = list(csv.DictReader((store.root / "matrix.csv").open()))
    assert len(rows) == 2 and rows[0]["site"] == "gomail" and rows[1]["error_type"] == "BrowserDied"
    errors = [json.loads(x) for x in (store.root / "errors.jsonl").read_text().splitlines()]
    assert errors == [{"task": "v2.gomail-1", "mode": "hierarchy_vac", "attempt": 1,
                       "phase": "init", "type": "BrowserDied", "message": "boom [REDACTED]",
                       "traceback": "Traceback... [REDACTED]"}]
    assert "sk-SECRET" not in store.episodes.read_text()
    assert "2 of 4 planned episodes finished" in (store.root / "matrix.md").read_text()
    roll = [json.loads(x) for x in (store.root / "rollout_summary.jsonl").read_text().splitlines()]
    assert [r["task"] for r in roll] == ["v2.gomail-1", "v2.gomail-1"]
    assert set(roll[0]) >= {"task", "attempt", "task_seed", "temperature", "reward", "steps",
                            "wall_time_s", "trajectory_path"}


@pytest.mark.parametrize("sites, label", [("local", "local replicas"),
                                          ("remote", "hosted REAL")])
def test_matrix_names_the_sites_the_episodes_ran_on(tmp_path, sites, label):
    store = RunStore(tmp_path, "r1")
    plan = episode_specs(["v2.gomail-1"], [get_mode("baseline_worker")], "r1", sites=sites)
    store.append(R("v2.gomail-1", reward=1, success=True, steps=3))
    store.write_outputs(plan)
    md = (store.root / "matrix.md").read_text()
    assert md.splitlines()[2].startswith(f"Sites: **{label}**: ")
    if sites == "local":
        assert "these are not results on the hosted REAL sites" in md
    [row] = list(csv.DictReader((store.root / "matrix.csv").open()))
    assert row["sites"] == label and row["site"] == "gomail"


def test_run_json_never_holds_the_key(tmp_path):
    settings = Settings(_env_file=None, OPENAI_API_KEY=SecretStr("sk-live-123"))  # type: ignore[call-arg]
    store = RunStore(tmp_path, "r1")
    store.create(run_document("eval subset", "r1", {"workers": 2}, _plan(), settings))
    text = store.config_path.read_text()
    assert "sk-live-123" not in text
    doc = json.loads(text)
    assert doc["settings"]["OPENAI_API_KEY"] == "set" and doc["versions"]["agisdk"] == "0.3.5"
    assert len(store.plan()) == 4
    with pytest.raises(Exception, match="already exists"):
        store.create({})


def test_a_run_is_held_by_one_process_at_a_time(tmp_path):
    import subprocess
    import sys

    store = RunStore(tmp_path, "r1")
    store.lock()
    code = ("import sys; from pathlib import Path; from halo_cli.runner.store import RunStore\n"
            "try:\n    RunStore(Path(sys.argv[1]), 'r1').lock()\nexcept Exception as e:\n"
            "    print(e)")
    out = subprocess.run([sys.executable, "-c", code, str(tmp_path)], capture_output=True, text=True)
    assert "run r1 is in progress in another process" in out.stdout
    del store


def test_an_unjudgeable_task_counts_in_success_all_but_not_in_success_judgeable():
    results = [R("v2.gomail-1", reward=1.0), R("v2.gocalendar-11", reward=0.0),
               R("v2.gocalendar-4", reward=1.0), R("v2.gocalendar-6", reward=0.0)]
    s = summary.stats("hierarchy_vac", results)
    assert s.success_all == pytest.approx(2 / 4) and s.success_judgeable == pytest.approx(2 / 3)
    md = summary.matrix_markdown(results, ["hierarchy_vac"], "t")
    assert "| 50.0% | 66.7% |" in md
    assert "## Task audit" in md and "| v2.gocalendar-11 | unjudgeable |" in md
