"""OpenDining's training-task templates, in-process: drafts are deterministic and distinct,
the start state fails, the reference end state passes, near misses fail, and no reference
end state passes one of REAL's own v2 opendining scripts."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

import pytest

from halo_cli.sites.opendining.templates import TEMPLATES
from halo_cli.sites.registry import get_site
from halo_cli.sites.templates import SiteClient, Template, templates_of
from tests.support.sites import Replica, v2_tasks

SITE = get_site("opendining")
SEEDS = range(10)


def seed_state(template: Template) -> dict:
    return SITE.new_session(template.base_task, {"run_id": "0"}).state


def drafted(template: Template, seed: int):
    return template.draft(random.Random(seed), seed_state(template))


def reached(template: Template, params: dict) -> dict:
    client = SiteClient(SITE, template.base_task)
    template.reach(params, client)
    return client.finish()


def test_the_site_offers_enough_templates_with_unique_names():
    assert [t.name for t in templates_of("opendining")] == [t.name for t in TEMPLATES]
    assert len(TEMPLATES) >= 6 and len({t.name for t in TEMPLATES}) == len(TEMPLATES)
    for t in TEMPLATES:
        assert t.site == "opendining" and t.base_task in v2_tasks("opendining"), t.name


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda t: t.name)
def test_draft_is_deterministic_json_and_varied(template):
    goals = set()
    for seed in range(60):
        one, two = drafted(template, seed), drafted(template, seed)
        assert one == two, seed
        if one is None:
            continue
        assert json.loads(json.dumps(one.params)) == one.params
        assert one.start_path == "/" and 1 <= one.difficulty <= 3 and one.goal.strip()
        goals.add(one.goal)
    assert len(goals) >= 30, sorted(goals)[:5]


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda t: t.name)
def test_start_fails_reference_passes_near_misses_fail(template):
    blank = SiteClient(SITE, template.base_task).finish()
    for seed in SEEDS:
        draft = drafted(template, seed)
        assert draft is not None, seed
        start = template.judge(draft.params, blank)
        assert not start.ok and start.reason, (seed, draft.goal)
        done = template.judge(draft.params, reached(template, draft.params))
        assert done.ok, (seed, draft.goal, done.reason)
        misses = template.near_misses(draft.params, seed_state(template))
        assert misses, (seed, draft.goal)
        for near in misses:
            verdict = template.judge(draft.params, reached(template, near))
            assert not verdict.ok, (seed, draft.goal, near, verdict.reason)


def test_a_hundred_drafts_round_robin_give_sixty_distinct_verified_goals():
    goals = set()
    for i in range(100):
        template = TEMPLATES[i % len(TEMPLATES)]
        draft = template.draft(random.Random(1000 + i), seed_state(template))
        if draft is not None and template.judge(draft.params,
                                                reached(template, draft.params)).ok:
            goals.add(draft.goal)
    assert len(goals) >= 60


def _runs(text: str, n: int = 8) -> set[tuple[str, ...]]:
    words = re.sub(r"[^\w\s]", "", text.lower()).split()
    return {tuple(words[i:i + n]) for i in range(len(words) - n + 1)}


def test_goals_share_no_eight_word_run_with_a_v2_goal():
    """The training split's rule: no generated goal repeats 8 words in a row of a test goal."""
    import halo_cli.tasks

    registry = Path(halo_cli.tasks.__file__).parent / "real_v2_task_registry.json"
    test_runs = set().union(*(_runs(t["goal"]) for t in json.loads(registry.read_text())["tasks"]))
    assert len(test_runs) > 1000
    for template in TEMPLATES:
        for seed in range(200):
            draft = drafted(template, seed)
            assert not _runs(draft.goal) & test_runs, (template.name, draft.goal)


def test_solutions_end_by_sending_and_name_the_slot_they_book():
    for template in TEMPLATES:
        draft = drafted(template, 3)
        steps = template.solution(draft.params)
        assert type(steps[-1]).__name__ == "_Once" and steps[-1].fn == "send_msg_to_user"
        targets = [s.target.name for s in steps if getattr(s, "target", None)]
        assert "Let's go" in targets, template.name


def test_no_reference_end_state_passes_a_v2_opendining_script(tmp_path):
    """A generated task's answer must not be a test task's: REAL's scripts judge each."""
    replica = Replica("opendining")
    jobs = []
    for template in TEMPLATES:
        for seed in range(6):
            draft = drafted(template, seed)
            state = reached(template, draft.params)
            jobs += [(task, state) for task in v2_tasks("opendining")]
    verdicts = replica.run_scripts(jobs, tmp_path)
    passed = [(jobs[i][0], i // len(v2_tasks("opendining"))) for i, v in enumerate(verdicts)
              if v != "FAILURE"]
    assert len(verdicts) == len(jobs) and not passed


@pytest.mark.browser
@pytest.mark.timeout(1800)
def test_browser_solutions_reach_what_the_judges_accept(browser_ready):
    """Each template's reference solution, replayed in agisdk's env for its base task on the
    local server (Chromium), ends in a `/finish` state its judge accepts."""
    from halo_cli.harness.envs import make_env
    from halo_cli.harness.replay import ScriptedAgent
    from halo_cli.sites.reference import Solution
    from halo_cli.sites.server import start_server

    server = start_server([SITE])
    verdicts = {}
    try:
        for template in TEMPLATES:
            draft = drafted(template, 2)
            env = make_env(f"v2.{template.base_task}", "local",
                           base_url=f"http://{server.host}:{server.port}")
            try:
                obs, _ = env.reset(seed=0)
                agent = ScriptedAgent(Solution(template.base_task,
                                               template.solution(draft.params)))
                done = False
                while not done:
                    obs, _, done, truncated, _ = env.step(agent.act(obs).action)
                    assert not obs.get("last_action_error"), (template.name, agent.taken)
                    done = done or truncated
                finish = env.unwrapped.task.get_finish_json()
            finally:
                env.close()
            verdicts[template.name] = template.judge(draft.params, finish)
    finally:
        server.stop()
    assert {name: v.ok for name, v in verdicts.items()} == {t.name: True for t in TEMPLATES}, \
        {name: v.reason for name, v in verdicts.items() if not v.ok}
