"""TopWork's templates, what is TopWork's own (the contract every template keeps is
tests/sites/test_templates.py): the site's pages show the reference end state; every near
miss has browser steps of its own; the judges ignore what the goal does not ask, hold to
who and what, and read dates and amounts as people write them; reference messages say
nothing REAL's message scripts look for; and, in Chromium, the two solution branches a
generated task may not take (`tests/runner/test_taskset_browser.py` plays one task per
template)."""

from __future__ import annotations

import html

import pytest

from halo_cli.sites.registry import get_site
from halo_cli.sites.templates import SiteClient, template_of
from halo_cli.sites.topwork.templates import TEMPLATES, quiet
from tests.support.templates import draft, draft_or_none, vetter

SITE = get_site("topwork")


def _page_after(template, params) -> str:
    client = SiteClient(SITE, template.base_task)
    template.reach(params, client)
    where = {"save_freelancers": "/talent/saved", "save_best_match": "/talent/saved",
             "post_job": "/jobs", "remove_job_posts": "/jobs"}
    return client.get(where.get(template.name, f"/messages/{params.get('fid')}")).text


@pytest.mark.parametrize("template", TEMPLATES, ids=[t.name for t in TEMPLATES])
def test_what_the_client_sees_after_the_reference(template):
    """The reference end state shows on the site's own pages: the conversation holds the
    invitation or the message, Saved talent lists who was saved, My jobs lists the new
    post and no longer lists the removed ones."""
    d = draft(template, 3)
    page = _page_after(template, d.params)
    p = d.params
    if template.name.startswith("invite"):
        assert f"Invitation to job: {html.escape(p['job_title'], quote=False)}" in page
    elif template.name.startswith("save"):
        for name in p.get("names") or [p["name"]]:
            assert f"Remove {name} from saved talent" in page
    elif template.name == "post_job":
        assert html.escape(p["role"], quote=False) in page and f"${p['lo']}–${p['hi']}/hr" in page
    elif template.name == "remove_job_posts":
        for title in p["titles"]:
            assert html.escape(title, quote=False) not in page
        assert "My jobs" in page
    else:
        assert html.escape(p["text"], quote=False) in page


@pytest.mark.parametrize("template", TEMPLATES, ids=[t.name for t in TEMPLATES])
def test_every_near_miss_has_its_own_browser_steps(template):
    """A near miss plays in the browser too (`sites verify --task-set`) only when its
    solution's steps differ from the reference's."""
    for seed in range(5):
        d = draft(template, seed)
        reference = template.solution(d.params)
        for near in template.near_misses(d.params, vetter("topwork").seed_state(template)):
            assert template.solution(near) != reference, (d.goal, near)


def test_judges_ignore_what_the_goal_does_not_ask():
    """Reading other conversations, searching and browsing after the reference change
    nothing; a job post that states more than the goal asks still passes."""
    for name in ("invite_to_job", "reply_with_detail", "post_job"):
        t = template_of("topwork", name)
        d = draft(t, 1)
        client = SiteClient(SITE, t.base_task)
        client.get("/messages/jameswilson")
        client.get("/talent", params={"q": "designer"})
        t.reach(d.params, client)
        client.get("/jobs")
        client.get("/messages/priyapatel")
        assert t.judge(d.params, client.finish()).ok, name


def test_judges_hold_to_who_and_what():
    """Saving an extra freelancer, inviting a second one, or a job post after a removal
    (the jobs list shifts under the diff): each judged on what the goal asked."""
    save = template_of("topwork", "save_freelancers")
    d = draft(save, 2)
    client = SiteClient(SITE, save.base_task)
    save.reach(d.params, client)
    extra = next(f for f in ("gracetaylor", "priyapatel") if f not in d.params["fids"])
    client.post(f"/talent/{extra}/save", data={"next": "/talent"})
    assert not save.judge(d.params, client.finish()).ok

    post = template_of("topwork", "post_job")
    d = draft(post, 4)
    client = SiteClient(SITE, post.base_task)
    client.post("/jobs/job-5/remove")
    client.post("/jobs/job-2/remove")
    post.reach(d.params, client)
    assert post.judge(d.params, client.finish()).ok
    client = SiteClient(SITE, post.base_task)
    client.post("/jobs/job-6/remove")
    post.reach({**d.params, "lo": d.params["lo"] + 5, "hi": d.params["hi"] + 5}, client)
    assert not post.judge(d.params, client.finish()).ok


def test_reply_judge_reads_dates_and_amounts_as_people_write_them():
    t = template_of("topwork", "reply_with_detail")
    seen = set()
    for seed in range(40):
        d = draft_or_none(t, seed)
        if d.params["kind"] in seen:
            continue
        seen.add(d.params["kind"])
        if d.params["kind"] == "date":
            day = d.params["value"]
            month, num = int(day[5:7]), int(day[8:])
            abbr = ["Jul", "Aug", "Sep"][month - 7]
            good = [f"{abbr} {num}th works", f"by {month}/{num}", f"due {day}"]
            bad = [f"{abbr} {num + 1}", f"{month}/{num}0"]
        else:
            v = d.params["value"]
            good = [f"${v}", f"{v:,} dollars", f"we have ${v:,} total"]
            bad = [f"${v + 250:,}", f"${v}0"]
        for text, ok in [(g, True) for g in good] + [(b, False) for b in bad]:
            client = SiteClient(SITE, t.base_task)
            t.reach({**d.params, "text": text}, client)
            assert t.judge(d.params, client.finish()).ok is ok, (d.goal, text)
    assert seen == {"date", "budget"}


def test_reference_messages_say_nothing_reals_message_scripts_look_for():
    for name in ("message_about_skill", "reply_with_detail"):
        t = template_of("topwork", name)
        for seed in range(60):
            assert quiet(draft(t, seed).params["text"])


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


def _first_seed(name: str, holds) -> int:
    t = template_of("topwork", name)
    return next(s for s in range(100) if holds(draft(t, s).params))


#: the other branch of two solutions: a message to someone with no conversation yet (the
#: message form, not the chat), a search with an availability
BROWSER_CASES = [
    (template_of("topwork", "message_about_skill"),
     _first_seed("message_about_skill", lambda p: p["fid"] not in {
         c["id"] for c in SITE.seed_state("topwork-21")["messages"]["contactList"]})),
    (template_of("topwork", "invite_described"),
     _first_seed("invite_described", lambda p: p["availability"] != "")),
]


@pytest.mark.browser
@pytest.mark.timeout(600)
@pytest.mark.parametrize("template,seed", BROWSER_CASES,
                         ids=[f"{t.name}-{s}" for t, s in BROWSER_CASES])
def test_the_other_solution_branches_reach_what_the_judge_accepts(browser_ready, local_server,
                                                                   template, seed):
    d = draft(template, seed)
    verdict = template.judge(d.params, _play(template, d.params, local_server))
    assert verdict.ok, (d.goal, verdict.reason)
