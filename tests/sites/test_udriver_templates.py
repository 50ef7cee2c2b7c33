"""UDriver's task templates in-process: drafts are deterministic and varied, the start state
fails, the reference end state passes, every near miss fails, and no reached end state is
one of REAL's v2 udriver tasks (their own eval scripts say so)."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

import pytest

from halo_cli.sites.registry import get_site
from halo_cli.sites.templates import Draft, SiteClient, Template, templates_of
from halo_cli.sites.udriver.site import TASKS
from halo_cli.sites.udriver.template_parts import book as book_ride
from tests.support.sites import Replica, v2_tasks

SITE = get_site("udriver")
TEMPLATES = templates_of("udriver")
SEEDS = range(10)
ids = [t.name for t in TEMPLATES]


def _draft(template: Template, seed: int) -> Draft | None:
    return template.draft(random.Random(seed), SITE.seed_state(template.base_task))


def _drafts(template: Template, seeds=SEEDS) -> list[Draft]:
    return [d for d in (_draft(template, s) for s in seeds) if d is not None]


def _reached(template: Template, params: dict) -> dict:
    client = SiteClient(SITE, template.base_task)
    template.reach(params, client)
    return client.finish()


def test_udriver_has_at_least_six_templates_with_their_own_names():
    assert len(TEMPLATES) >= 6
    assert len(set(ids)) == len(ids)
    for t in TEMPLATES:
        assert t.site == "udriver" and re.fullmatch(r"[a-z]+(_[a-z]+)*", t.name)
        assert t.base_task in TASKS


@pytest.mark.parametrize("template", TEMPLATES, ids=ids)
def test_draft_is_deterministic_json_and_in_range(template):
    drafts = _drafts(template)
    assert len(drafts) >= 8  # few draws are unusable
    for seed in SEEDS:
        first, again = _draft(template, seed), _draft(template, seed)
        assert first == again
        if first is not None:
            assert json.loads(json.dumps(first.params)) == first.params
            assert 1 <= first.difficulty <= 3 and first.start_path == "/"
            assert first.goal.strip() and "{" not in first.goal


@pytest.mark.parametrize("template", TEMPLATES, ids=ids)
def test_goals_come_in_several_phrasings(template):
    goals = [d.goal for d in _drafts(template, range(60))]
    openings = {" ".join(g.lower().split()[:2]) for g in goals}
    assert len(set(goals)) >= 30
    assert len(openings) >= 3, openings


@pytest.mark.parametrize("template", TEMPLATES, ids=ids)
def test_start_fails_reference_passes_near_misses_fail(template):
    start = SiteClient(SITE, template.base_task).finish()
    state = SITE.seed_state(template.base_task)
    for draft in _drafts(template):
        before = template.judge(draft.params, start)
        assert not before.ok, (draft.goal, before)
        after = template.judge(draft.params, _reached(template, draft.params))
        assert after.ok, (draft.goal, after)
        misses = template.near_misses(draft.params, state)
        assert misses
        missed = [template.judge(draft.params, _reached(template, near)) for near in misses]
        assert not any(v.ok for v in missed), (draft.goal, misses, missed)
        for verdict in (before, after, *missed):
            assert verdict.reason and "\n" not in verdict.reason


def test_a_hundred_drafts_round_robin_give_sixty_distinct_verified_goals():
    rng = random.Random(2024)
    goals = set()
    for n in range(100):
        template = TEMPLATES[n % len(TEMPLATES)]
        draft = template.draft(rng, SITE.seed_state(template.base_task))
        if draft is not None and template.judge(draft.params,
                                                _reached(template, draft.params)).ok:
            goals.add(draft.goal)
    assert len(goals) >= 60


def test_booking_judges_are_strict_about_what_was_asked_and_deaf_to_browsing():
    book = next(t for t in TEMPLATES if t.name == "book_ride")
    params = _draft(book, 3).params
    client = SiteClient(SITE, book.base_task)
    for path in ("/trips", "/wallet", "/payment", "/trips/2"):
        assert client.get(path).status_code == 200
    client.get("/", params={"pickup": "hotel", "dropoff": "bank"})
    book.reach(params, client)
    assert book.judge(params, client.finish()).ok  # browsing first does not matter
    book_ride(client, params["dropoff"], params["pickup"], "UdriverX", "cash")  # and another
    verdict = book.judge(params, client.finish())
    assert not verdict.ok and verdict.reason.startswith("2 rides were booked")


def test_a_wrong_card_default_and_a_top_up_of_the_wrong_amount_say_why():
    card = next(t for t in TEMPLATES if t.name == "add_card_as_default")
    params = _draft(card, 1).params
    verdict = card.judge(params, _reached(card, {**params, "keep_default": True}))
    assert not verdict.ok and "UDriver Credits" in verdict.reason
    top = next(t for t in TEMPLATES if t.name == "top_up_credits")
    params = _draft(top, 1).params
    verdict = top.judge(params, _reached(top, {**params, "amount": params["amount"] + 5}))
    assert not verdict.ok and verdict.reason.startswith(f"added ${params['amount'] + 5}")


def test_no_reference_end_state_passes_a_v2_udriver_script(tmp_path: Path):
    replica = Replica("udriver")
    jobs, seen = [], []
    for template in TEMPLATES:
        for draft in _drafts(template, range(3)):
            finish = _reached(template, draft.params)
            jobs += [(task, finish) for task in v2_tasks("udriver")]
            seen += [(template.name, draft.goal, task) for task in v2_tasks("udriver")]
    verdicts = replica.run_scripts(jobs, tmp_path)
    assert len(verdicts) == len(jobs)
    passed = [s for s, v in zip(seen, verdicts, strict=True) if "SUCCESS" in v]
    assert not passed, passed
    assert any("FAILURE" in v for v in verdicts)  # the scripts ran and judged


def _play(template: Template, params: dict, base_url: str) -> dict:
    """`template.solution(params)` played by the replay agent in Chromium, in the real env of
    the template's base task; the `/finish` JSON agisdk read at the end."""
    from halo_cli.harness.envs import make_env
    from halo_cli.harness.replay import ScriptedAgent
    from halo_cli.sites.reference import Solution

    agent = ScriptedAgent(Solution(template.base_task, template.solution(params)))
    env = make_env(f"v2.{template.base_task}", "local", base_url=base_url)
    try:
        obs, _ = env.reset(seed=0)
        done = False
        while not done:
            obs, _, terminated, truncated, _ = env.step(agent.act(obs).action)
            done = terminated or truncated
        assert agent.taken[-1].startswith("send_msg_to_user"), agent.taken
        return env.task.get_finish_json()
    finally:
        env.close()


@pytest.mark.browser
def test_browser_solutions_reach_what_the_judges_accept(browser_ready):
    from halo_cli.sites.server import start_server

    server = start_server([SITE])
    verdicts = {}
    try:
        for template in TEMPLATES:
            # the draft whose solution works the most controls (dates, cars, payment)
            params = max(_drafts(template), key=lambda d: len(template.solution(d.params))).params
            verdicts[template.name] = template.judge(
                params, _play(template, params, f"http://{server.host}:{server.port}"))
    finally:
        server.stop()
    assert all(v.ok for v in verdicts.values()), verdicts
