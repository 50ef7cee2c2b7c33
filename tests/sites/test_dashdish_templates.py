"""DashDish's training-task templates, in-process: every draft's start state fails its
judge, its reference end state (the site's own handlers) passes, every near miss fails,
the drafts are deterministic, varied and JSON-able, and none is a v2 task in disguise
(REAL's own eval scripts say so)."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from halo_cli.sites.dashdish.order_spec import placed_orders
from halo_cli.sites.dashdish.site import TASKS
from halo_cli.sites.registry import get_site
from halo_cli.sites.templates import SiteClient, Template, templates_of
from tests.support.sites import Replica, v2_tasks

SITE = get_site("dashdish")
TEMPLATES = templates_of("dashdish")
SEEDS = range(6)


def draft(template: Template, seed: int):
    return template.draft(random.Random(seed), SITE.seed_state(template.base_task))


def finish_after(template: Template, params: dict | None) -> dict:
    """`/finish` of a fresh session of the template's base task, after `reach(params)`."""
    client = SiteClient(SITE, template.base_task)
    if params is not None:
        template.reach(params, client)
    return client.finish()


def test_the_site_has_at_least_six_templates_with_unique_names():
    names = [t.name for t in TEMPLATES]
    assert len(names) >= 6 and len(set(names)) == len(names)
    for t in TEMPLATES:
        assert t.site == "dashdish" and t.base_task in TASKS and t.name.isidentifier()


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda t: t.name)
def test_drafts_are_deterministic_json_and_varied(template: Template):
    drafts = [draft(template, seed) for seed in range(40)]
    assert all(d is not None for d in drafts)
    again = draft(template, 7)
    assert (again.params, again.goal) == (drafts[7].params, drafts[7].goal)
    for d in drafts:
        assert json.loads(json.dumps(d.params)) == d.params
        assert 1 <= d.difficulty <= 3 and d.start_path == "/" and d.goal.strip()
    assert len({d.goal for d in drafts}) >= 30


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda t: t.name)
def test_start_fails_reference_passes_near_misses_fail(template: Template):
    for seed in SEEDS:
        d = draft(template, seed)
        start = template.judge(d.params, finish_after(template, None))
        assert not start.ok and start.reason, (seed, d.goal)

        done = finish_after(template, d.params)
        verdict = template.judge(d.params, done)
        assert verdict.ok, (seed, d.goal, verdict.reason)
        assert len(placed_orders(done)) == 1

        nears = template.near_misses(d.params, SITE.seed_state(template.base_task))
        assert nears, d.goal
        for near in nears:
            wrong = template.judge(d.params, finish_after(template, near))
            assert not wrong.ok, (seed, d.goal, near)


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda t: t.name)
def test_a_second_order_is_not_the_one_order_asked_for(template: Template):
    d = draft(template, 1)
    client = SiteClient(SITE, template.base_task)
    template.reach(d.params, client)
    template.reach(d.params, client)
    verdict = template.judge(d.params, client.finish())
    assert not verdict.ok and "2 orders" in verdict.reason


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda t: t.name)
def test_solutions_end_by_telling_the_user(template: Template):
    steps = template.solution(draft(template, 3).params)
    assert len(steps) >= 3
    assert steps[-1].next_action({}).startswith("send_msg_to_user(")


def test_a_hundred_round_robin_drafts_give_sixty_distinct_verified_goals():
    goals = set()
    for n in range(100):
        template = TEMPLATES[n % len(TEMPLATES)]
        d = draft(template, 1000 + n)
        if template.judge(d.params, finish_after(template, d.params)).ok:
            goals.add(d.goal)
    assert len(goals) >= 60


#: the v2 tasks whose goals name a store, a dish or an option (the others ask for "a pizza /
#: fries / a sub ... under $X", which a named order can meet by coincidence)
NAMED_GOALS = ("dashdish-7", "dashdish-17", "dashdish-24", "dashdish-26")


def _v2_verdicts(jobs: list[tuple[str, dict]], folder: Path) -> list[str]:
    replica, out = Replica("dashdish"), []
    for start in range(0, len(jobs), 150):  # one interpreter per batch of scripts
        out += replica.run_scripts(jobs[start:start + 150], folder)
    assert len(out) == len(jobs) and any("FAILURE" in v for v in out)  # they ran and judged
    return out


def test_no_training_task_is_a_v2_task_in_disguise(tmp_path: Path):
    """No reference end state answers a v2 goal that names a store, dish or option, and
    the "<word> under $X" template (REAL's own shape) answers no v2 task at all."""
    jobs, seen = [], []
    for template in TEMPLATES:
        keyword = template.name == "dish_under_budget"
        for seed in range(30 if keyword else 8):
            d = draft(template, seed)
            done = finish_after(template, d.params)
            for task in v2_tasks("dashdish") if keyword else NAMED_GOALS:
                jobs.append((task, done))
                seen.append((template.name, d.goal, task))
    passed = [s for s, v in zip(seen, _v2_verdicts(jobs, tmp_path), strict=True) if "SUCCESS" in v]
    assert not passed, passed


def test_judge_is_tolerant_of_case_and_spacing_but_not_of_the_size():
    from halo_cli.sites.templates import template_of

    t = template_of("dashdish", "order_items")
    params = {"restaurant": "Papa Johns Pizza", "lines": [
        {"item_id": "pj-cheese", "name": "Cheese Pizza", "size": "Large", "sized": True,
         "price": 15.99, "quantity": 2}]}
    finish = finish_after(t, params)
    order = finish["differences"]["foodOrders"]["added"]["0"]
    for ln in order["cartItems"]:
        ln["name"], ln["restaurantName"] = "  cheese   PIZZA ", "papa johns pizza"
    finish["initialfinaldiff"]["added"]["cart"]["foodOrders"]["0"] = order
    assert t.judge(params, finish).ok
    order["cartItems"][0]["size"] = "Medium"
    verdict = t.judge(params, finish)
    assert not verdict.ok and "missing 2 × cheese pizza (large)" in verdict.reason


@pytest.mark.browser
@pytest.mark.timeout(1800)
def test_browser_solutions_end_where_the_judges_accept(browser_ready):
    """One draft per template (the one of 20 whose solution uses the most kinds of
    action: sizes, quantities, selects, notes) played in Chromium in the real env of
    `v2.<base_task>` (same seed store); the template's judge reads that env's `/finish`."""
    from halo_cli.harness.envs import make_env
    from halo_cli.harness.replay import ScriptedAgent
    from halo_cli.sites.reference import Solution
    from halo_cli.sites.server import start_server

    server = start_server([SITE])
    verdicts = {}
    try:
        for template in TEMPLATES:
            d = max((draft(template, seed) for seed in range(20)),  # the widest of 20
                    key=lambda d: len({type(s).__name__ + getattr(s, "fn", "")
                                       for s in template.solution(d.params)}))
            env = make_env(f"v2.{template.base_task}", "local",
                           base_url=f"http://{server.host}:{server.port}")
            try:
                obs, _ = env.reset(seed=0)
                agent = ScriptedAgent(Solution(template.base_task, template.solution(d.params)))
                done = False
                while not done:
                    obs, _, done, truncated, _ = env.step(agent.act(obs).action)
                    assert not truncated, (template.name, agent.taken)
                assert agent.taken[-1].startswith("send_msg_to_user("), agent.taken
                verdicts[template.name] = template.judge(d.params, env.task.get_finish_json())
            finally:
                env.close()
    finally:
        server.stop()
    failed = {name: v.reason for name, v in verdicts.items() if not v.ok}
    assert len(verdicts) == len(TEMPLATES) and not failed, failed
