"""The training-task template contract, once, for every template of every site that has
templates (`sites_with_templates()`), in-process through each site's own handlers.

Per template, on its first `DRAFTS` usable drafts (seeds 0, 1, 2, ...): the same seed
gives the same draft, its parameters survive JSON, its solution ends by telling the user;
the start state is judged False, the reference end state True and every near miss False
(`halo_cli.tasks.vetting`, as the generator verifies); one near miss has browser steps of
its own (`near_miss_solution`, what `sites verify --task-set` plays). Per site: drafts are
many and distinct, share no 8-word run with a v2 goal, and no reference end state passes
one of the site's v2 eval scripts (`halo_cli.tasks.disjoint`, as the generator checks).

The browser side (each template's reference solution in the real env and Chromium, to
reward 1; doing nothing and a near miss, to 0) is `tests/runner/test_taskset_browser.py`.
"""

from __future__ import annotations

import functools
import json
import random
import re
from collections import Counter

import pytest

from halo_cli.harness.replay import near_miss_solution
from halo_cli.sites.registry import get_site
from halo_cli.sites.templates import Draft, Template, templates_of
from halo_cli.task_id import TRAIN_VERSION
from halo_cli.tasks.disjoint import V2Goals, V2Scripts
from halo_cli.tasks.generate import sites_with_templates
from halo_cli.tasks.registry import open_registry
from halo_cli.tasks.taskset import GeneratedTask
from tests.support.templates import draft_or_none, vetter

SITES = sites_with_templates()
TEMPLATES = [t for site in SITES for t in templates_of(site)]
#: usable drafts per template the in-process checks run on
DRAFTS = 8
#: of those, how many reference end states meet the site's v2 eval scripts
SCRIPT_DRAFTS = 3

#: (site, template) -> the v2 goals its drafts may share 8 words with: REAL's own phrasing
#: ("... and make sure the final price is under ...") or a place a v2 goal names ("a ride
#: from 1 Hotel San Francisco to"). The generator rejects those drafts ("shares 8 words
#: with a v2 goal"); every other pair of template and v2 goal shares none.
SHARED_GOAL_RUNS = {
    ("dashdish", "dish_under_budget"): {"v2.dashdish-1", "v2.dashdish-10"},
    ("udriver", "schedule_ride"): {"v2.udriver-16"},
}
#: site -> its v2 scripts that accept a broad end state ("any fries under $15", "$20 of
#: food from Taco Boys", "houses in California under 900k with 3+ bedrooms"), which what a
#: template asks for can meet by coincidence (the generator rejects those drafts, "passes
#: a v2 eval script"); the site's other scripts must fail every reference end state
BROAD_V2_SCRIPTS = {
    "dashdish": {f"v2.dashdish-{n}" for n in (1, 3, 4, 8, 10, 11, 12)},
    "zilloft": {"v2.zilloft-23"},
}


def _id(template: Template) -> str:
    return f"{template.site}-{template.name}"


@functools.cache
def _usable(site: str, name: str, count: int) -> tuple[tuple[int, Draft], ...]:
    """(seed, draft) of the template's first `count` usable drafts, seeds 0, 1, 2, ..."""
    template = next(t for t in templates_of(site) if t.name == name)
    found = []
    for seed in range(40 * count):
        d = draft_or_none(template, seed)
        if d is not None:
            found.append((seed, d))
            if len(found) == count:
                return tuple(found)
    raise AssertionError(f"{site}-{name}: {len(found)} usable drafts in {40 * count} seeds")


def usable(template: Template, count: int = DRAFTS) -> tuple[tuple[int, Draft], ...]:
    return _usable(template.site, template.name, count)


@pytest.fixture(scope="module")
def v2_goals() -> V2Goals:
    return V2Goals(open_registry())


@pytest.mark.parametrize("site", SITES)
def test_site_names_each_template_once(site):
    found = templates_of(site)
    names = [t.name for t in found]
    assert len(set(names)) == len(names), names
    supported = get_site(site).supported_tasks()
    for t in found:
        assert t.site == site and re.fullmatch(r"[a-z][a-z0-9_]*", t.name), t.name
        assert t.base_task in supported, (t.name, t.base_task)


@pytest.mark.parametrize("template", TEMPLATES, ids=_id)
def test_drafts_are_deterministic_and_json_able(template):
    """The same seed gives the same draft (unusable ones too); a draft's parameters
    survive JSON, its goal is filled in, and its solution ends by telling the user."""
    last = usable(template)[-1][0]
    for seed in range(last + 1):
        assert draft_or_none(template, seed) == draft_or_none(template, seed), seed
    for seed, d in usable(template):
        assert json.loads(json.dumps(d.params)) == d.params, seed
        assert d.goal.strip() and not re.search(r"[{}]", d.goal), d.goal
        assert d.start_path.startswith("/") and 1 <= d.difficulty <= 3, (seed, d)
        steps = template.solution(d.params)
        assert steps[-1].next_action({}).startswith("send_msg_to_user("), (seed, steps[-1])


@pytest.mark.parametrize("template", TEMPLATES, ids=_id)
def test_start_false_reference_true_near_misses_false(template):
    """What the generator keeps: the start state (one per base task) judged False, the
    reference end state True, every near miss reached in a fresh session False; the
    judge's reason one line."""
    check = vetter(template.site)
    for seed, d in usable(template):
        vetted = check.vet(template, d)
        assert vetted.reason is None, (seed, d.goal, vetted.reason, vetted.detail)
        said = template.judge(d.params, vetted.end_state).reason
        assert said.strip() and "\n" not in said, (seed, said)


@pytest.mark.parametrize("template", TEMPLATES, ids=_id)
def test_a_near_miss_has_browser_steps_of_its_own(template):
    """`sites verify --task-set` plays a near miss in the browser: one of each draft's
    near misses has steps that differ from the reference's."""
    for seed, d in usable(template):
        task = GeneratedTask(id=f"{TRAIN_VERSION}.{template.site}.{template.name}.1",
                             site=template.site, template=template.name, goal=d.goal,
                             params=d.params, base_task=template.base_task)
        assert near_miss_solution(task) is not None, (seed, d.goal)


@pytest.mark.parametrize("template", TEMPLATES, ids=_id)
def test_goals_are_varied_and_share_no_eight_words_with_a_v2_goal(template, v2_goals):
    """60 drafts phrase at least 30 distinct goals, and none repeats 8 words in a row of
    a v2 goal (but where `SHARED_GOAL_RUNS` says the generator has to reject some)."""
    goals = [d.goal for _, d in usable(template, 60)]
    assert len(set(goals)) >= 30, len(set(goals))
    allowed = SHARED_GOAL_RUNS.get((template.site, template.name), set())
    shared = [(g, hit) for g in goals if (hit := v2_goals.shared_run(g)) and hit[0] not in allowed]
    assert not shared, shared


def test_goals_shared_with_v2_are_still_there(v2_goals):
    """`SHARED_GOAL_RUNS` lists only what drafts still share (a fixed template leaves it)."""
    for (site, name), tasks in SHARED_GOAL_RUNS.items():
        template = next(t for t in templates_of(site) if t.name == name)
        hits = {hit[0] for _, d in usable(template, 60) if (hit := v2_goals.shared_run(d.goal))}
        assert hits == tasks, (site, name, hits)


@pytest.mark.parametrize("site", SITES)
def test_a_hundred_drafts_round_robin_give_sixty_distinct_goals(site):
    """As the generator drafts: each template its own random stream, the template with
    the fewest usable drafts next; goals told apart as it tells them (case, spacing)."""
    templates = templates_of(site)
    rngs = {t.name: random.Random(f"contract:{site}:{t.name}") for t in templates}
    kept: Counter[str] = Counter()
    goals = set()
    for _ in range(100 * 40):
        if sum(kept.values()) == 100:
            break
        t = min(templates, key=lambda t: kept[t.name])
        d = t.draft(rngs[t.name], vetter(site).seed_state(t))
        if d is not None:
            kept[t.name] += 1
            goals.add(" ".join(d.goal.split()).lower())
    assert sum(kept.values()) == 100, kept
    assert len(goals) >= 60, len(goals)


@pytest.mark.parametrize("site", SITES)
def test_no_reference_end_state_passes_a_v2_script_of_its_site(site):
    """A training task does not redo a test task: REAL's v2 eval scripts of the site, run
    as the generator runs them, fail each template's reference end states (but the
    `BROAD_V2_SCRIPTS` a reference may meet by coincidence)."""
    check = vetter(site)
    passed = []
    with V2Scripts(open_registry(), site) as scripts:
        assert scripts.scripts, f"{site} has no judgeable v2 script"
        assert BROAD_V2_SCRIPTS.get(site, set()) < set(scripts.scripts)  # some stay checked
        for template in templates_of(site):
            for seed, d in usable(template, SCRIPT_DRAFTS):
                hits = set(scripts.passing(check.reached(template, d.params)))
                passed += [(template.name, seed, task)
                           for task in sorted(hits - BROAD_V2_SCRIPTS.get(site, set()))]
    assert not passed, passed
