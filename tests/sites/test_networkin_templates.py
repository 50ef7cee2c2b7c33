"""NetworkIn's training-task templates, in-process: drafts, judges, reference end states
reached through the site's own handlers, near misses that must fail, and REAL's own
networkin scripts failing every reference end state."""

from __future__ import annotations

import html
import json
import random
import re

import pytest

from halo_cli.sites.networkin import store
from halo_cli.sites.networkin.templates import TEMPLATES, clean
from halo_cli.sites.registry import get_site
from halo_cli.sites.templates import SiteClient, templates_of
from halo_cli.tasks.registry import open_registry

SITE = get_site("networkin")
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


def named(name: str):
    return next(t for t in TEMPLATES if t.name == name)


def test_the_site_offers_its_templates():
    found = templates_of("networkin")
    assert len(found) >= 6 and [t.name for t in found] == [t.name for t in TEMPLATES]
    assert len({t.name for t in found}) == len(found)
    for t in found:
        assert t.site == "networkin" and t.base_task in SITE.tasks
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


def _text_of(page: str) -> str:
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page)))


def test_what_the_user_sees_after_the_references():
    """Each reference end state shows on the site's own pages."""
    client = SiteClient(SITE, "networkin-10")
    d = draft(named("post_update"), 1)
    named("post_update").reach(d.params, client)
    assert d.params["text"] in _text_of(client.get("/").text)

    d = draft(named("like_post"), 2)
    named("like_post").reach(d.params, client)
    assert f'aria-label="Like post by {d.params["author"]}">Liked' in client.get("/").text

    d = draft(named("connect_with_people"), 3)
    named("connect_with_people").reach(d.params, client)
    page = _text_of(client.get("/mynetwork/connections").text)
    assert all(store.profiles()[u]["name"] in page for u in d.params["people"])

    d = draft(named("message_person"), 4)
    named("message_person").reach(d.params, client)
    assert d.params["text"] in _text_of(client.get(f"/messaging/{d.params['person']}").text)

    d = draft(named("follow_companies"), 5)
    named("follow_companies").reach(d.params, client)
    page = client.get("/companies").text
    for cid in d.params["companies"]:
        assert f'aria-label="Unfollow {store.companies()[cid]["name"]}"' in page

    d = draft(named("share_post"), 6)
    named("share_post").reach(d.params, client)
    page = _text_of(client.get(f"/messaging/{d.params['people'][0]}").text)
    assert f"Shared a post by {d.params['author']}" in page


@pytest.mark.parametrize("template", TEMPLATES, ids=[t.name for t in TEMPLATES])
def test_solution_ends_by_reporting(template):
    d = draft(template, 5)
    steps = template.solution(d.params)
    assert len(steps) >= 2
    assert steps[-1].next_action({}).startswith("send_msg_to_user(")


def test_goals_are_many_and_distinct():
    state = SITE.seed_state("networkin-10")
    goals = [TEMPLATES[i % len(TEMPLATES)].draft(random.Random(i), state) for i in range(100)]
    assert len({g.goal for g in goals if g is not None}) >= 60
    for t in TEMPLATES:
        own = {d.goal for s in range(60) if (d := t.draft(random.Random(s), state))}
        assert len(own) >= 30, (t.name, len(own))


def _runs(text: str, n: int = 8) -> set[tuple[str, ...]]:
    words = re.findall(r"[a-z0-9']+", text.lower())
    return {tuple(words[i:i + n]) for i in range(len(words) - n + 1)}


def test_goals_share_no_eight_word_run_with_reals_goals_and_state_no_banned_words():
    reals = set().union(*(_runs(t.goal) for t in open_registry().tasks.values()))
    state = SITE.seed_state("networkin-10")
    for t in TEMPLATES:
        for s in range(40):
            d = t.draft(random.Random(s), state)
            assert not _runs(d.goal) & reals, d.goal
            if "text" in d.params:
                assert clean(d.params["text"]), d.params["text"]


def test_judges_ignore_what_the_goal_does_not_ask():
    """Browsing and searching around the reference, or wording the stated text a little
    differently, changes nothing."""
    post = named("post_update")
    d = draft(post, 3)
    client = SiteClient(SITE, post.base_task)
    client.get("/search", params={"keywords": "Stripe"})
    client.post("/posts", data={"description": f"  {d.params['text'].upper()}  "})
    client.get("/events")
    client.get("/mynetwork")
    assert post.judge(d.params, client.finish()).ok

    message = named("message_person")
    d = draft(message, 8)
    client = SiteClient(SITE, message.base_task)
    client.get("/messaging")
    client.post(f"/messaging/{d.params['person']}", data={"message": d.params["text"] + " :)"})
    assert message.judge(d.params, client.finish()).ok


def test_a_like_undone_fails_and_no_goal_targets_reals_people_or_companies():
    """Liking the post and unliking it leaves nothing liked; no draft names Olivia Martinez
    (REAL's networkin-27) or asks to follow Microsoft (networkin-1)."""
    like = named("like_post")
    d = draft(like, 0)
    client = SiteClient(SITE, like.base_task)
    client.post(f"/posts/{d.params['post']}/like", data={"next": ""})
    client.post(f"/posts/{d.params['post']}/like", data={"next": ""})
    assert not like.judge(d.params, client.finish()).ok
    for t in TEMPLATES:
        for s in range(30):
            params = t.draft(random.Random(s), SITE.seed_state(t.base_task)).params
            assert "oliviamartinez" not in json.dumps(params)
            assert "microsoft" not in params.get("companies", []) + [params.get("company")]


# -- REAL's scripts: no reference end state does a test task -------------------------------
def test_reference_end_states_do_not_pass_reals_networkin_scripts(tmp_path):
    """A training task does not redo a test task: REAL's own networkin eval scripts all
    judge each reference end state a failure."""
    from tests.support.sites import Replica

    replica = Replica("networkin", dump={"sort_keys": True})
    jobs = []
    for template in TEMPLATES:
        for seed in range(6):
            d = draft(template, seed)
            end = reached(template, d.params)
            jobs += [(task, end) for task in store.TASKS]
    said = replica.run_scripts(jobs, tmp_path)
    failed = [(j // len(store.TASKS), task) for j, ((task, _), v) in enumerate(zip(jobs, said,
              strict=True)) if v != "FAILURE"]
    assert not failed, failed


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
