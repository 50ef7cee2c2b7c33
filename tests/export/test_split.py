"""`halo export` knows the split: runs of REAL v2 tasks (the test set) are refused unless
`--allow-test-tasks`, and the dataset card opens with where its rows come from (the real
HaloAgent over the HTTP double writes the trajectories; the real `halo` command exports)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from halo_cli.agent.orchestrator import HaloAgent
from halo_cli.config.modes import MODES
from halo_cli.obs.locate import find
from halo_cli.policy.llm import LLMClient
from halo_cli.runner.models import EpisodeResult
from halo_cli.runner.store import RunStore
from halo_cli.trajectory.writer import TrajectoryWriter
from tests.support.axfixtures import inbox, obs, screenshot, tree
from tests.support.helpers import halo
from tests.support.llm_double import LLMDouble

START = "http://127.0.0.1:5000/"
GOAL = "Open the email about Lunch"
EMAILS = [("Alice", "Lunch"), ("Bob", "Invoice from ACME")]
TRAIN = ("train.gomail.open_by_subject.1", "train.gomail.open_by_subject.2",
         "train.gomail.star_by_sender.1")


@pytest.fixture
def llm() -> Iterator[LLMDouble]:
    with LLMDouble() as d:
        yield d


def _episode(tmp: Path, llm: LLMDouble, run_id: str, task: str, reward: float = 1.0
             ) -> EpisodeResult:
    """One Worker step (a click) of `task` (a goal of its own), judged `reward`."""
    mode = MODES["baseline_worker"]
    ax = tree(inbox(EMAILS))
    goal = f"{GOAL} ({task})"
    llm.queue(f"Open it.\n```click('{find(ax, 'link', 'Lunch', exact=True).bid}')```")
    client = LLMClient(model="gpt-4o-mini", base_url=llm.url, api_key="k", timeout=2)
    agent = HaloAgent(mode, client, None, None, site="gomail", goal=goal, start_url=START)
    w = TrajectoryWriter(tmp / "data", mode=mode.name, run_id=run_id, task=task, attempt=1,
                         screenshots=True)
    w.header(models={"worker": "gpt-4o-mini"})
    w.step(0, agent.act(obs(ax, START + "inbox", goal=goal)), goal=goal, screenshot=screenshot())
    w.final(reward=reward, success=reward >= 1)
    w.close()
    return EpisodeResult(task_id=task, mode=mode.name, attempt=1, reward=reward, steps=1,
                         trajectory_path=str(w.path))


def _run(tmp: Path, llm: LLMDouble, run_id: str, tasks: tuple[str, ...]) -> None:
    store = RunStore(tmp / "results", run_id)
    store.create({"run_id": run_id, "command": "rollout", "plan": []})
    for t in tasks:
        store.append(_episode(tmp, llm, run_id, t))


def _export(tmp: Path, kind: str, runs: str, out: str, *extra: str):
    return halo("export", kind, "--runs", runs, "--out", str(tmp / out), "--text-only", *extra,
                env={"HALO_RESULTS_DIR": str(tmp / "results"), "HALO_DATA_DIR": str(tmp / "data")})


def _body(card: str) -> list[str]:
    """The card's lines after its YAML header."""
    return card.split("\n---\n", 1)[1].splitlines()


def test_a_run_of_generated_tasks_exports_and_its_card_says_so(tmp_path: Path, llm) -> None:
    _run(tmp_path, llm, "gen", TRAIN)
    out = _export(tmp_path, "sft", "gen", "sft")
    assert out.returncode == 0, out.stdout + out.stderr
    card = (tmp_path / "sft" / "README.md").read_text()
    head = _body(card)[:3]
    assert head[0] == "# HALO SFT dataset"
    assert head[2] == ("**Tasks: generated training tasks only** (the training split): 3 "
                       "examples from 3 generated training tasks (`train.<site>.<template>.<n>`) "
                       "of 2 templates; from REAL v2 tasks (the test set): none.")
    assert "Warning" not in card
    assert "| gomail.open_by_subject | 2 | 2 |" in card
    assert "| gomail.star_by_sender | 1 | 1 |" in card


def test_runs_with_v2_tasks_are_refused_unless_allowed_and_then_the_card_warns(
        tmp_path: Path, llm) -> None:
    _run(tmp_path, llm, "gen", TRAIN[:1])
    _run(tmp_path, llm, "mixed", ("v2.gomail-1", "v2.gomail-2", TRAIN[1]))
    for kind in ("sft", "dpo"):
        res = _export(tmp_path, kind, "gen,mixed", kind)
        assert res.returncode == 2, res.stdout + res.stderr
        assert res.stderr.strip().splitlines() == [
            "error: gen, mixed: 2 episodes of 2 REAL v2 tasks (v2.gomail-1, v2.gomail-2), the "
            "test set: training on them contaminates every v2 measurement after; export runs "
            "of generated tasks (halo tasks generate) or pass --allow-test-tasks"]
        assert not (tmp_path / kind).exists()

    res = _export(tmp_path, "sft", "gen,mixed", "sft", "--allow-test-tasks")
    assert res.returncode == 0, res.stdout + res.stderr
    head = _body((tmp_path / "sft" / "README.md").read_text())[:5]
    assert head[2] == ("> **Warning: this data includes REAL v2's test tasks**: 2 examples "
                       "from 2 v2 tasks (exported with `--allow-test-tasks`). A model trained "
                       "on it has seen the test set: numbers measured on REAL v2 after "
                       "training on it are contaminated.")
    assert head[4] == ("**Tasks:** 2 examples from 2 generated training tasks "
                       "(`train.<site>.<template>.<n>`) of 1 templates; 2 examples from 2 "
                       "REAL v2 tasks (the test set).")
