"""Omnizon's training-task templates, in-process: drafts, judges, reference end states
reached through the site's own handlers, and near misses that must fail."""

from __future__ import annotations

import html
import json
import random

import pytest

from halo_cli.sites.omnizon.templates import TEMPLATES
from halo_cli.sites.registry import get_site
from halo_cli.sites.templates import SiteClient, templates_of

SITE = get_site("omnizon")
SEEDS = range(10)
CASES = [(t, s) for t in TEMPLATES for s in SEEDS]
IDS = [f"{t.name}-{s}" for t, s in CASES]


def draft(template, seed: int):
    found = template.draft(random.Random(seed), SITE.seed_state(template.base_task))
    assert found is not None, (template.name, seed)
    return found


def reached(template, params) -> dict:
    client = SiteClient(SITE, template.base_task)
    template.reach(params, client)
    return client.finish()


def test_the_site_offers_its_templates():
    found = templates_of("omnizon")
    assert len(found) >= 6 and [t.name for t in found] == [t.name for t in TEMPLATES]
    assert len({t.name for t in found}) == len(found)
    for t in found:
        assert t.site == "omnizon" and t.base_task in SITE.tasks
        assert t.name.isidentifier() and t.name == t.name.lower()


@pytest.mark.parametrize("template,seed", CASES, ids=IDS)
def test_draft_is_deterministic_and_json_able(template, seed):
    a, b = draft(template, seed), draft(template, seed)
    assert a == b
    assert json.loads(json.dumps(a.params)) == a.params
    assert a.start_path == "/" and 1 <= a.difficulty <= 3 and a.goal.strip()


@pytest.mark.parametrize("template,seed", CASES, ids=IDS)
def test_start_fails_reference_passes_near_misses_fail(template, seed):
    d = draft(template, seed)
    start = SiteClient(SITE, template.base_task).finish()
    assert not template.judge(d.params, start).ok

    verdict = template.judge(d.params, reached(template, d.params))
    assert verdict.ok, (d.goal, verdict.reason)
    assert verdict.reason and "\n" not in verdict.reason

    misses = template.near_misses(d.params, SITE.seed_state(template.base_task))
    assert misses
    for near in misses:
        wrong = template.judge(d.params, reached(template, near))
        assert not wrong.ok, (d.goal, near, wrong.reason)


@pytest.mark.parametrize("template", TEMPLATES, ids=[t.name for t in TEMPLATES])
def test_what_the_shopper_sees_after_the_reference(template):
    """The reference end state shows on the site's own pages: the orders page lists what
    was bought, or the cart lists what was added."""
    d = draft(template, 3)
    client = SiteClient(SITE, template.base_task)
    template.reach(d.params, client)
    page = client.get("/cart" if d.params["checkout"] == "none" else "/orders").text
    for line in d.params["lines"]:
        assert html.escape(line["name"], quote=False) in page


@pytest.mark.parametrize("template", TEMPLATES, ids=[t.name for t in TEMPLATES])
def test_solution_ends_by_reporting(template):
    d = draft(template, 5)
    steps = template.solution(d.params)
    assert len(steps) >= 4
    assert steps[-1].next_action({}).startswith("send_msg_to_user(")


def test_goals_are_many_and_distinct():
    state = SITE.seed_state("omnizon-25")
    goals = [TEMPLATES[i % len(TEMPLATES)].draft(random.Random(i), state) for i in range(100)]
    assert len({g.goal for g in goals if g is not None}) >= 60
    for t in TEMPLATES:
        own = {t.draft(random.Random(s), state).goal for s in range(60)}
        assert len(own) >= 30, (t.name, len(own))


def test_judges_ignore_what_the_goal_does_not_ask():
    """Browsing on after the order (another search, the orders page) changes nothing; an
    order of several items placed as two orders still buys what was asked."""
    named, several = TEMPLATES[0], TEMPLATES[3]
    d = draft(named, 1)
    client = SiteClient(SITE, named.base_task)
    named.reach(d.params, client)
    client.get("/search", params={"q": "anything else"})
    client.get("/orders")
    assert named.judge(d.params, client.finish()).ok

    d = draft(several, 2)
    client = SiteClient(SITE, several.base_task)
    for line in d.params["lines"]:  # each bought on its own with Buy Now
        several.reach({**d.params, "lines": [line], "checkout": "buy_now"}, client)
    assert several.judge(d.params, client.finish()).ok


def test_price_range_judge_holds_to_the_bounds():
    """An item of the kind priced outside the range fails, one inside passes, whichever
    the reference picked."""
    template = next(t for t in TEMPLATES if t.name == "buy_in_price_range")
    d = draft(template, 4)
    for pid in d.params["allowed"]:
        near = {**d.params, "lines": [{**d.params["lines"][0], "id": pid}]}
        assert template.judge(d.params, reached(template, near)).ok


# -- the browser reference solutions, in the real env -------------------------------------
@pytest.fixture(scope="module")
def local_server():
    from halo_cli.sites.server import start_server

    server = start_server([SITE])
    yield f"http://{server.host}:{server.port}"
    server.stop()


def _play(template, params, base_url: str) -> dict:
    """Replay `template.solution(params)` in agisdk's env of `v2.<base_task>` on the local
    replica; the `/finish` JSON the env's task reads at the end."""
    from halo_cli.harness.envs import make_env
    from halo_cli.harness.replay import ScriptedAgent
    from halo_cli.sites.reference import Solution

    agent = ScriptedAgent(Solution(template.base_task, template.solution(params)))
    env = make_env(f"v2.{template.base_task}", "local", base_url=base_url)
    try:
        obs, _ = env.reset(seed=0)
        for _ in range(agent.max_actions):
            action = agent.act(obs).action
            obs, _, done, truncated, _ = env.step(action)
            if done or truncated or action.startswith("send_msg_to_user("):
                break
        assert not obs.get("last_action_error"), (agent.taken, obs["last_action_error"])
        return env.task.get_finish_json()
    finally:
        env.close()


@pytest.mark.browser
@pytest.mark.timeout(600)
@pytest.mark.parametrize("template", TEMPLATES, ids=[t.name for t in TEMPLATES])
def test_browser_solution_reaches_what_the_judge_accepts(browser_ready, local_server,
                                                         template):
    d = draft(template, 7)
    verdict = template.judge(d.params, _play(template, d.params, local_server))
    assert verdict.ok, (d.goal, verdict.reason)


def test_reference_end_states_do_not_pass_reals_omnizon_scripts(tmp_path):
    """A training task does not redo a test task: REAL's own omnizon eval scripts all
    judge each reference end state a failure."""
    from halo_cli.sites.omnizon.store import TASKS
    from tests.support.sites import Replica

    replica = Replica("omnizon", dump={"sort_keys": True})
    for template in TEMPLATES:
        for seed in range(4):
            d = draft(template, seed)
            folder = tmp_path / f"{template.name}-{seed}"  # eval_omnizon_28 reads siblings
            folder.mkdir()
            end = reached(template, d.params)
            said = replica.run_scripts([(task, end) for task in TASKS], folder)
            assert said == ["FAILURE"] * len(TASKS), (d.goal, dict(zip(TASKS, said, strict=True)))
