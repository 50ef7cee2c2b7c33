"""Planning: task selection and sampling, modes, episode lists, input checks; comparisons."""

from __future__ import annotations

import re

import pytest
from pydantic import SecretStr

from halo_cli.config.modes import get_mode
from halo_cli.config.settings import Settings
from halo_cli.errors import UserError
from halo_cli.runner import exploration
from halo_cli.runner import plan as P
from halo_cli.tasks.registry import open_registry
from tests.support.helpers import REPO


@pytest.fixture(scope="module")
def registry():
    return open_registry(REPO / "halo_cli" / "tasks" / "real_v2_task_registry.json")


def test_split_list_accepts_commas_and_repeats():
    assert P.split_list(["a,b", " c ", "a", ""]) == ["a", "b", "c"]
    assert P.split_list(None) == []


def test_sample_is_seeded_in_registry_order_and_respects_site_and_eligible(registry):
    a = P.select_tasks(registry, sample_size=5, seed=7)
    assert a == P.select_tasks(registry, sample_size=5, seed=7)
    assert a != P.select_tasks(registry, sample_size=5, seed=8)
    order = list(registry.tasks)
    assert [order.index(t.id) for t in a] == sorted(order.index(t.id) for t in a)
    gomail = P.select_tasks(registry, site="gomail", sample_size=3, seed=0)
    assert len(gomail) == 3 and {t.site for t in gomail} == {"gomail"}
    assert len(P.select_tasks(registry, sample_size=500)) == len(registry)
    few = P.select_tasks(registry, sample_size=50, eligible={"v2.gomail-1", "v2.omnizon-3"})
    assert [t.id for t in few] == ["v2.gomail-1", "v2.omnizon-3"]


def test_explicit_tasks_are_not_sampled(registry):
    got = P.select_tasks(registry, ["omnizon-3", "v2.gomail-1"], sample_size=1)
    assert [t.id for t in got] == ["v2.omnizon-3", "v2.gomail-1"]


def test_bad_selections_are_user_errors(registry):
    with pytest.raises(UserError, match="unknown task: v2.gomail-999"):
        P.select_tasks(registry, ["gomail-999"])
    with pytest.raises(UserError, match="unknown site: nosite"):
        P.select_tasks(registry, site="nosite")
    with pytest.raises(UserError, match="no tasks selected on site dashdish"):
        P.select_tasks(registry, site="dashdish", eligible={"v2.gomail-1"})
    with pytest.raises(UserError, match="unknown mode: fast"):
        P.resolve_modes(["fast"])
    with pytest.raises(UserError, match="no mode selected"):
        P.resolve_modes([])
    with pytest.raises(UserError, match="mode baseline_worker: temperature"):
        get_mode("baseline_worker").with_overrides(temperature=5.0)
    with pytest.raises(UserError, match="invalid run id"):
        P.check_run_id("../x")


def test_local_sites_check_names_the_missing_tasks():
    P.check_local_sites(["v2.gomail-1"], "local")
    P.check_local_sites(["v1.dashdish-1"], "remote")
    with pytest.raises(UserError, match="no local replica for: v1.dashdish-1"):
        P.check_local_sites(["v2.gomail-1", "v1.dashdish-1"], "local")


def test_llm_check_needs_a_key_or_base_url_and_vllm_url(monkeypatch):
    for var in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "HALO_VLLM_URL", "HALO_WORKER_BACKEND"):
        monkeypatch.delenv(var, raising=False)
    none = Settings(_env_file=None)  # type: ignore[call-arg]
    with pytest.raises(UserError, match="set OPENAI_API_KEY"):
        P.check_llm([get_mode("baseline_worker")], none)
    P.check_llm([get_mode("hierarchy_vac")], none)  # cache hits need no model
    keyed = Settings(_env_file=None, OPENAI_API_KEY=SecretStr("sk-x"))  # type: ignore[call-arg]
    P.check_llm([get_mode("hierarchy_vac")], keyed)
    with pytest.raises(UserError, match="HALO_VLLM_URL"):
        P.check_llm([get_mode("qwen_worker_bc")], keyed)


def test_episode_specs_cover_task_x_mode_x_attempt_in_order():
    modes = P.resolve_modes(["baseline_worker", "hierarchy_vac"], max_steps=5)
    specs = P.episode_specs(["v2.gomail-1", "v2.omnizon-3"], modes, "r", attempts=2)
    assert len(specs) == 8 and len({s.key for s in specs}) == 8
    assert [s.key for s in specs[:3]] == [("v2.gomail-1", "baseline_worker", 1),
                                          ("v2.gomail-1", "hierarchy_vac", 1),
                                          ("v2.omnizon-3", "baseline_worker", 1)]
    assert all(s.mode.max_steps == 5 for s in specs)


def test_rollouts_share_the_task_seed_and_step_the_llm_seed():
    mode = get_mode("hierarchy_mgr_gate").with_overrides(temperature=0.7)
    specs = P.rollout_specs(["v2.gomail-1"], mode, "r", 3, seed=10, task_seed=4)
    assert [s.attempt for s in specs] == [1, 2, 3]
    assert [s.mode.seed for s in specs] == [10, 11, 12]
    assert {s.task_seed for s in specs} == {4} and {s.mode.temperature for s in specs} == {0.7}


def test_run_id_is_utc_stamp_plus_suffix():
    rid = P.new_run_id()
    assert re.fullmatch(r"\d{8}T\d{6}Z-[0-9a-f]{6}", rid) and P.check_run_id(rid) == rid
    assert P.new_run_id() != rid


def test_exploration_comparison(tmp_path):
    def traj(name: str, actions: list[str]):
        path = tmp_path / name
        lines = ['{"type": "header"}'] + [
            f'{{"type": "step", "index": {i}, "action": "{a}"}}' for i, a in enumerate(actions)
        ] + ['{"type": "final"}']
        path.write_text("\n".join(lines) + "\n")
        return path

    a = exploration.actions(traj("a.jsonl", ["click('1')", "scroll(0, 200)", "x", "y"]), 3)
    b = exploration.actions(traj("b.jsonl", ["click('1')", "send_msg_to_user('done')"]), 3)
    assert a == ["click('1')", "scroll(0, 200)", "x"]
    cmp = exploration.compare(a, b, 3)
    assert cmp.changed and cmp.first_difference == 2
    assert cmp.rows()[2] == (3, "x", "(ended)", False)
    same = exploration.compare(a, a, 3)
    assert not same.changed and "did not change" in same.verdict(0, 1)
    assert exploration.actions(tmp_path / "missing.jsonl", 3) == []
