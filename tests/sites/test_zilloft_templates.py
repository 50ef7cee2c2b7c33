"""Zilloft's task templates, in-process: start state False, reference True, near misses
False, the judge tolerant of how the city is typed and strict about the filters; a
generated task's `/config` seeds its template's base task."""

from __future__ import annotations

import random

import pytest
from starlette.testclient import TestClient

from halo_cli.sites.reference import Solution, _Once
from halo_cli.sites.server import build_app
from halo_cli.sites.templates import SiteClient, template_of, templates_of
from halo_cli.sites.zilloft.site import Zilloft

SITE = Zilloft()
TEMPLATES = templates_of("zilloft")


def drafts(template, n: int = 6):
    rng = random.Random(f"test:{template.name}")
    out = []
    while len(out) < n:
        d = template.draft(rng, SITE.seed_state(template.base_task))
        if d is not None:
            out.append(d)
    return out


def reached(template, params) -> dict:
    client = SiteClient(SITE, template.base_task)
    template.reach(params, client)
    return client.finish()


def test_three_templates_with_unique_names():
    assert [t.name for t in TEMPLATES] == ["search_budget", "search_kind", "search_range"]
    assert all(t.site == "zilloft" and t.base_task in SITE.supported_tasks() for t in TEMPLATES)


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda t: t.name)
def test_start_false_reference_true_near_misses_false(template):
    start = SiteClient(SITE, template.base_task).finish()
    for d in drafts(template):
        assert not template.judge(d.params, start).ok
        verdict = template.judge(d.params, reached(template, d.params))
        assert verdict.ok, (d.goal, verdict.reason)
        misses = template.near_misses(d.params, SITE.seed_state(template.base_task))
        assert len(misses) >= 3
        for miss in misses:
            said = template.judge(d.params, reached(template, miss))
            assert not said.ok, (d.goal, miss)
        assert d.params["city"] in d.goal and 1 <= d.difficulty <= 3


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda t: t.name)
def test_solution_types_the_city_and_ends_with_a_message(template):
    d = drafts(template, 1)[0]
    steps = template.solution(d.params)
    assert isinstance(steps[0], _Once) and steps[0].args == (f"{d.params['city']}, "
                                                             f"{d.params['state']}",)
    assert steps[-1].fn == "send_msg_to_user"
    assert Solution("t", steps).kind == "reference"


def test_judge_takes_any_spelling_of_the_city_and_filters_set_in_two_goes():
    budget = template_of("zilloft", "search_budget")
    params = {"city": "Boston", "state": "MA", "max_price": 800000, "beds": 2}
    client = SiteClient(SITE, budget.base_task)
    client.get("/homes", params={"q": "boston"})
    client.get("/homes", params={"filters": "1", "maxPrice": "800k", "beds": "2"})
    assert budget.judge(params, client.finish()).ok
    client.get("/homes", params={"filters": "1", "maxPrice": "800k", "beds": "2", "baths": "2"})
    said = budget.judge(params, client.finish())
    assert not said.ok and said.reason == "filter minBaths is 2, the goal asks for None"
    wide = SiteClient(SITE, budget.base_task)
    wide.get("/homes", params={"q": "Greater Boston", "filters": "1", "maxPrice": "800000",
                               "beds": "2"})  # Boston and Cambridge: not what was asked
    assert "does not select Boston's homes" in budget.judge(params, wide.finish()).reason


def test_config_seeds_a_generated_task_from_its_template_base_task():
    c = TestClient(build_app([SITE]))
    ok = c.get("/zilloft/config?task_id=train.zilloft.search_kind.4&run_id=0")
    assert ok.status_code == 200 and "configured train.zilloft.search_kind.4" in ok.text
    state = c.get("/zilloft/finish").text
    assert "train.zilloft.search_kind.4" in state  # config.zilloft.task_id, as REAL records it
    for bad in ("train.zilloft.no_such_template.1", "train.gomail.search_kind.1"):
        r = c.get(f"/zilloft/config?task_id={bad}")
        assert r.status_code == 404 and r.text == f"unknown task for zilloft: {bad}\n"
