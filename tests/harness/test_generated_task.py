"""The generated task's evaluator answers as agisdk's does, and the judge's words reach
the episode's record through `watch_judge`, as an eval script's do."""

from __future__ import annotations

from types import SimpleNamespace

from halo_cli.harness.generated_task import GeneratedWebCloneTask, TemplateEvaluator
from halo_cli.harness.judge import short, watch_judge
from halo_cli.sites.registry import get_site
from halo_cli.sites.templates import SiteClient, template_of

PARAMS = {"city": "Boston", "state": "MA", "kind": "condo"}
TASK = {"id": "train.zilloft.search_kind.1", "site": "zilloft", "template": "search_kind",
        "goal": "Show me only condos for sale in Boston, MA.", "start_path": "/",
        "params": PARAMS, "difficulty": 1, "base_task": "zilloft-23"}


def searched() -> dict:
    client = SiteClient(get_site("zilloft"), "zilloft-23")
    template_of("zilloft", "search_kind").reach(PARAMS, client)
    return client.finish()


def test_evaluator_answers_like_agisdks_with_the_templates_words():
    ev = TemplateEvaluator("zilloft", "search_kind", PARAMS)
    reward, done, message, info = ev.evaluate(searched(), "done")
    assert (reward, done, message) == (1.0, True, "SUCCESS")
    assert info["results"] == [(True, {"script": "template:zilloft.search_kind",
                                       "output": "homes in Boston searched with the asked "
                                                 "filters"})]
    reward, _, _, info = ev.evaluate({}, "done")
    assert reward == 0.0 and info["results"][0][1]["output"] == "no location was searched"


def test_a_judge_that_breaks_fails_the_task_and_says_why():
    reward, _, _, info = TemplateEvaluator("zilloft", "search_kind", {}).evaluate(searched())
    ok, detail = info["results"][0]
    assert reward == 0.0 and not ok and detail["error"] == "KeyError: 'city'"


def test_watch_judge_records_the_template_verdict():
    task = GeneratedWebCloneTask(0, task=TASK, base_url="http://127.0.0.1:1/")
    assert (task.goal, task.url, task.canonical_task_id, task.run_id) == (
        TASK["goal"], "http://127.0.0.1:1/zilloft", "train.zilloft.search_kind.1", "0")
    env = SimpleNamespace(unwrapped=SimpleNamespace(task=task))
    log = watch_judge(env)
    task.evaluator.evaluate({}, "done")
    record = log.record()
    assert record["verdict"] == "FAILURE" and record["scripts"][0]["script"] == (
        "template:zilloft.search_kind")
    assert short(record) == "FAILURE: no location was searched"
