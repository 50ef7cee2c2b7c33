"""`tasks.generate`: deterministic, verified, disjoint from v2; rejections counted by reason."""

from __future__ import annotations

import random
from typing import Any

import pytest

from halo_cli.errors import UserError
from halo_cli.sites import server
from halo_cli.sites.registry import all_sites, get_site
from halo_cli.sites.templates import Draft, SiteClient, Template, Verdict, templates_of
from halo_cli.sites.zilloft import templates as Z
from halo_cli.tasks import generate as G
from halo_cli.tasks.disjoint import V2Goals, word_runs
from halo_cli.tasks.registry import open_registry
from halo_cli.tasks.taskset import write_task_set


def test_same_seed_same_bytes_and_another_seed_other_tasks(tmp_path):
    a, b, c = tmp_path / "a.jsonl", tmp_path / "b.jsonl", tmp_path / "c.jsonl"
    write_task_set(a, G.generate(["zilloft"], 6, seed=5).tasks)
    write_task_set(b, G.generate(["zilloft"], 6, seed=5).tasks)
    write_task_set(c, G.generate(["zilloft"], 6, seed=6).tasks)
    assert a.read_bytes() == b.read_bytes()
    assert a.read_bytes() != c.read_bytes()


def test_generated_tasks_are_distinct_balanced_verified_and_disjoint():
    names = [t.name for t in Z.TEMPLATES]
    done = G.generate(["zilloft"], 2 * len(names), seed=1)
    assert len(done.tasks) == 2 * len(names) and done.short == {}
    goals = [t.goal for t in done.tasks]
    assert len({g.lower() for g in goals}) == len(goals)
    assert sorted(done.kept.values()) == [2] * len(names)  # round-robin over the templates
    for name in names:
        assert [t.id for t in done.tasks if t.template == name] == [
            f"train.zilloft.{name}.{n}" for n in (1, 2)]
    v2_runs = set().union(*(word_runs(t.goal) for t in open_registry().tasks.values()))
    site = get_site("zilloft")
    for t in done.tasks:
        assert not word_runs(t.goal) & v2_runs
        template = {x.name: x for x in Z.TEMPLATES}[t.template]
        client = SiteClient(site, t.base_task)
        template.reach(t.params, client)
        assert template.judge(t.params, client.finish()).ok
        assert not template.judge(t.params, SiteClient(site, t.base_task).finish()).ok
    assert done.drafted == len(done.tasks) + sum(done.rejected.values())


def test_eight_word_runs_ignore_case_and_punctuation():
    goals = V2Goals(open_registry())
    v2 = open_registry().get("zilloft-23").goal  # Show me houses in California under 900k ...
    hit = goals.shared_run("Please, SHOW me houses in California under 900K, and have a pool")
    assert hit == ("v2.zilloft-23", "show me houses in california under 900k and")
    assert goals.shared_run("Show me houses in California under 900k, please") is None  # 7
    assert len(v2.split()) > 8


class CopiesV2Goal(Z.SearchKind):
    """Phrases its goal as a v2 goal does."""

    def draft(self, rng: random.Random, state: dict[str, Any]) -> Draft | None:
        d = super().draft(rng, state)
        return d and Draft(d.params, "Show me houses in California under 900k and have 3+ "
                           f"bedrooms near {d.params['city']}", "/", 1)


class JudgesAnything(Z.SearchKind):
    name = "judges_anything"

    def judge(self, params: dict[str, Any], finish: dict[str, Any]) -> Verdict:
        return Verdict(True, "always")


class RequestsTours(Template):
    """A tour of a named home: every such end state passes eval_zilloft_9 (any tour)."""

    site, name, base_task = "zilloft", "tour", "zilloft-2"

    def draft(self, rng: random.Random, state: dict[str, Any]) -> Draft | None:
        home = rng.choice(Z.store.listings().homes)
        return Draft({"home_id": home["id"]}, f"Request a tour of {Z.store.full_address(home)}.")

    def judge(self, params: dict[str, Any], finish: dict[str, Any]) -> Verdict:
        added = finish["differences"]["requestTours"]["added"].values()
        return Verdict(any(e["homeId"] == params["home_id"] for e in added), "")

    def reach(self, params: dict[str, Any], client: SiteClient) -> None:
        client.post(f"/homes/{params['home_id']}/tour",
                    {"date": "2024-07-20", "time": "10:00 AM", **Z.store.USER, "message": "hi"})

    def near_misses(self, params: dict[str, Any], state: dict[str, Any]) -> list[dict[str, Any]]:
        return []

    def solution(self, params: dict[str, Any]) -> list:
        return []


@pytest.mark.parametrize(("template", "reason", "v2_task"), [
    (CopiesV2Goal(), G.V2_GOAL, "v2.zilloft-23"),
    (JudgesAnything(), "start state judged True", None),
    (RequestsTours(), G.V2_SCRIPT, "v2.zilloft-9"),
])
def test_rejected_drafts_are_counted_and_never_written(monkeypatch, template, reason, v2_task):
    monkeypatch.setattr(G, "MAX_FAILS", 5)
    monkeypatch.setattr(G, "templates_of", lambda site: [template])
    # the sites' `/config` seeds `train.zilloft.<name>.<n>` from its template's base task
    monkeypatch.setattr(server, "template_of", lambda site, name: template)
    done = G.generate(["zilloft"], 3, seed=0)
    assert done.tasks == [] and done.short == {"zilloft": 3}
    # five in a row, each for this reason or an unusable draw (a search with no results)
    assert sum(done.rejected.values()) == 5 and done.rejected[("zilloft", template.name, reason)]
    assert {r for _, _, r in done.rejected} <= {reason, G.UNUSABLE}
    assert done.spent == {"zilloft": [template.name]}
    if v2_task:
        assert done.v2_hits[v2_task] >= 1


def test_sites_are_checked():
    # every local site has templates, at least 6 each
    assert G.sites_with_templates() == sorted(s.id for s in all_sites())
    assert all(len(templates_of(s)) >= 6 for s in G.sites_with_templates())
    assert G.resolve_sites("zilloft") == ["zilloft"]
    with pytest.raises(UserError, match="unknown local site: nowhere"):
        G.resolve_sites("nowhere")
