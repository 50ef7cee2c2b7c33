"""GoCalendar's training-task templates, in-process: drafts, judges, reference end states
reached through the site's own handlers, near misses that must fail, and the distance from
REAL's own gocalendar tasks."""

from __future__ import annotations

import html
import json
import random
import re

import pytest

from halo_cli.sites.gocalendar.goal_words import form_time
from halo_cli.sites.gocalendar.template_parts import event_form
from halo_cli.sites.gocalendar.templates import TEMPLATES
from halo_cli.sites.registry import get_site
from halo_cli.sites.templates import SiteClient, template_of, templates_of

SITE = get_site("gocalendar")
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
    found = templates_of("gocalendar")
    assert len(found) >= 6 and [t.name for t in found] == [t.name for t in TEMPLATES]
    assert len({t.name for t in found}) == len(found)
    for t in found:
        assert t.site == "gocalendar" and t.base_task in SITE.tasks
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
        end = reached(template, near)
        assert end != start, (d.goal, near)  # the near miss changed the calendar...
        wrong = template.judge(d.params, end)
        assert not wrong.ok, (d.goal, near, wrong.reason)  # ...and not the way asked


def _page_text(client: SiteClient, path: str, **params: str) -> str:
    return html.unescape(client.get(path, params=params or None).text)


@pytest.mark.parametrize("template", TEMPLATES, ids=[t.name for t in TEMPLATES])
def test_what_the_user_sees_after_the_reference(template):
    """The reference end state shows on the site's own pages: the new event in its week,
    the task in the task list, the deleted event in the Bin, the moved event at its new
    time, the new guest on the event's page."""
    d = draft(template, 3)
    p = d.params
    client = SiteClient(SITE, template.base_task)
    template.reach(p, client)
    if template.name == "add_task":
        assert p["title"] in _page_text(client, "/tasks")
    elif template.name == "delete_event":
        assert p["title"] in _page_text(client, "/bin")
        assert f"/event/{p['eid']}\"" not in client.get("/week", params={
            "date": p["old_date"]}).text
    elif template.name == "invite_to_event":
        assert p["email"] in _page_text(client, f"/event/{p['eid']}")
    else:
        week = _page_text(client, "/week", date=p["date"])
        assert f'aria-label="{p["title"]}, ' in week
        if template.name == "reschedule_event":
            detail = _page_text(client, f"/event/{p['eid']}")
            assert f"{form_time(p['start'])} to {form_time(p['end'])}" in detail


@pytest.mark.parametrize("template", TEMPLATES, ids=[t.name for t in TEMPLATES])
def test_solution_ends_by_reporting(template):
    d = draft(template, 5)
    steps = template.solution(d.params)
    assert len(steps) >= 3
    assert steps[-1].next_action({}).startswith("send_msg_to_user(")


def test_goals_are_many_and_distinct():
    """100 drafts round-robin over the templates give >= 60 distinct goals whose reference
    end state the judge accepts; each template alone gives >= 30 in 60 drafts."""
    state = SITE.seed_state("gocalendar-4")
    verified = set()
    for i in range(100):
        t = TEMPLATES[i % len(TEMPLATES)]
        d = t.draft(random.Random(i), state)
        if d is not None and t.judge(d.params, reached(t, d.params)).ok:
            verified.add(d.goal)
    assert len(verified) >= 60
    for t in TEMPLATES:
        own = {t.draft(random.Random(s), state).goal for s in range(60)}
        assert len(own) >= 30, (t.name, len(own))


def test_judges_ignore_what_the_goal_does_not_ask():
    """Looking at other weeks, searching, a description and the Work calendar on a new
    event, or deleting and re-creating an event instead of editing it change nothing."""
    create = template_of("gocalendar", "create_event")
    d = draft(create, 1)
    client = SiteClient(SITE, create.base_task)
    client.get("/month", params={"date": "2024-08-01"})
    client.get("/search", params={"q": "lunch"})
    form = {**event_form(d.params), "description": "bring the papers"}
    if not d.params.get("calendar"):
        form["calendarId"] = "work"
    client.post("/create", data=form)
    assert create.judge(d.params, client.finish()).ok

    move = template_of("gocalendar", "reschedule_event")
    d = draft(move, 2)
    client = SiteClient(SITE, move.base_task)
    client.post(f"/event/{d.params['eid']}/delete")
    client.post("/create", data=event_form({**d.params, "recurrence": "none"}))
    assert move.judge(d.params, client.finish()).ok


def test_all_day_judge_wants_the_inclusive_last_day_and_time_zone_is_pacific():
    """An all-day event ending a day late fails; a timed event stored in UTC as if the
    typed time were UTC fails (the site is on Pacific time)."""
    all_day = template_of("gocalendar", "create_all_day_event")
    d = draft(all_day, 0)
    finish = reached(all_day, d.params)
    (ev,) = finish["differences"]["events"]["added"].values()
    assert ev["start"][:10] == d.params["date"] and ev["end"][:10] == d.params["last"]

    create = template_of("gocalendar", "create_event")
    d = draft(create, 4)
    finish = reached(create, d.params)
    (ev,) = finish["differences"]["events"]["added"].values()
    naive = f"{d.params['date']}T{d.params['start']}:00.000Z"
    assert ev["start"] != naive
    ev["start"] = naive
    assert not create.judge(d.params, finish).ok


def _runs(text: str, n: int = 8) -> set[tuple[str, ...]]:
    words = re.sub(r"[^\w\s]", "", text.lower()).split()
    return {tuple(words[i:i + n]) for i in range(len(words) - n + 1)}


def test_goals_share_no_eight_word_run_with_a_v2_goal():
    """The training split's rule: no generated goal repeats 8 words in a row of a test goal."""
    from halo_cli.tasks.registry import DEFAULT_SNAPSHOT

    real = set().union(*(_runs(t["goal"])
                         for t in json.loads(DEFAULT_SNAPSHOT.read_text())["tasks"]))
    assert len(real) > 1000
    state = SITE.seed_state("gocalendar-4")
    for t in TEMPLATES:
        for s in range(200):
            goal = t.draft(random.Random(s), state).goal
            assert not _runs(goal) & real, (t.name, goal)


def test_reference_end_states_do_not_pass_reals_gocalendar_scripts(tmp_path):
    """A training task does not redo a test task: REAL's own gocalendar eval scripts all
    judge each reference end state a failure (gocalendar-11's script is an empty file)."""
    from halo_cli.sites.gocalendar.site import TASKS
    from tests.support.sites import Replica

    scripts = [task for task in TASKS if task != "gocalendar-11"]
    replica = Replica("gocalendar", python_flags=("-S",))
    for template in TEMPLATES:
        jobs = []
        for seed in range(6):
            end = reached(template, draft(template, seed).params)
            jobs += [(task, end) for task in scripts]
        folder = tmp_path / template.name
        folder.mkdir()
        said = replica.run_scripts(jobs, folder)
        assert said == ["FAILURE"] * len(jobs), (template.name, said)


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
