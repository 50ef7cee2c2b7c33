"""`halo export` on runs recorded here (no browser): the real HaloAgent over the HTTP double
writes the trajectories, the real `halo` command exports them, `datasets` loads them; bad
input is one line, exit 2, nothing written."""

from __future__ import annotations

import json
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
GOAL = "Archive the email about Lunch"
EMAILS = [("Alice", "Lunch"), ("Bob", "Invoice from ACME")]
MACRO = "```\nmacro_select_emails_and_act('Lunch', 'Archive')\n```"


@pytest.fixture
def llm() -> Iterator[LLMDouble]:
    with LLMDouble() as d:
        yield d


def _episode(tmp: Path, llm: LLMDouble, run_id: str, attempt: int, reward: float) -> EpisodeResult:
    """Two steps: the Worker starts a macro (a Worker step), the macro ticks on (a macro step)."""
    mode = MODES["hierarchy_vac_macros"]
    llm.queue(MACRO)
    client = LLMClient(model="gpt-4o-mini", base_url=llm.url, api_key="k", timeout=2, seed=attempt)
    agent = HaloAgent(mode, client, None, None, site="gomail", goal=GOAL, start_url=START)
    w = TrajectoryWriter(tmp / "data", mode=mode.name, run_id=run_id, task="v2.gomail-1",
                         attempt=attempt, screenshots=True)
    w.header(models={"worker": "gpt-4o-mini"})
    for i, ax in enumerate((tree(inbox(EMAILS)), tree(inbox(EMAILS, checked=(0,))))):
        w.step(i, agent.act(obs(ax, START + "inbox", goal=GOAL)), goal=GOAL,
               screenshot=screenshot())
    w.final(reward=reward, success=reward >= 1)
    w.close()
    return EpisodeResult(task_id="v2.gomail-1", mode=mode.name, attempt=attempt, reward=reward,
                         steps=2, trajectory_path=str(w.path))


def _run(tmp: Path, results: list[EpisodeResult], run_id: str) -> None:
    store = RunStore(tmp / "results", run_id)
    store.create({"run_id": run_id, "command": "rollout", "plan": []})
    for r in results:
        store.append(r)


#: every run here is of v2.gomail-1: exports of the test set must say so
V2 = "--allow-test-tasks"


def _env(tmp: Path) -> dict[str, str]:
    return {"HALO_RESULTS_DIR": str(tmp / "results"), "HALO_DATA_DIR": str(tmp / "data"),
            "OPENAI_API_KEY": "sk-test-export-cli-9f8e7d"}


def _load(path: Path):
    from datasets import load_dataset

    return load_dataset(str(path), split="train", cache_dir=str(path.parent / "hf-cache"))


def test_sft_keeps_macro_steps_once_and_worker_only_drops_them(tmp_path: Path, llm) -> None:
    _run(tmp_path, [_episode(tmp_path, llm, "r1", k, 1.0) for k in (1, 2)], "r1")
    out = halo("export", "sft", "--runs", "r1", "--out", str(tmp_path / "sft"), V2,
               env=_env(tmp_path))
    assert out.returncode == 0, out.stdout + out.stderr
    ds = _load(tmp_path / "sft")
    # two identical rollouts: each (observation, action) kept once
    assert sorted(ds["source"]) == ["macro", "worker"] and len(ds) == 2
    macro = ds[ds["source"].index("macro")]
    assert macro["messages"][-1]["content"][0]["text"] == f"```\n{macro['action']}\n```"
    assert macro["messages"][1]["content"][1] == {"type": "image", "text": None}
    worker = ds[ds["source"].index("worker")]
    assert worker["messages"][-1]["content"][0]["text"] == MACRO  # the raw reply
    card = (tmp_path / "sft" / "README.md").read_text()
    assert "| macro | 1 |" in card and "| r1 | rollout | 1 |" in card  # the 2nd only repeats

    only = halo("export", "sft", "--runs", "r1", "--out", str(tmp_path / "w"), "--worker-only",
                V2, env=_env(tmp_path))
    assert only.returncode == 0, only.stderr
    assert _load(tmp_path / "w")["source"] == ["worker"]


def _fails(tmp: Path, *args: str, out: str = "o", allow: bool = True) -> str:
    res = halo("export", *args, "--out", str(tmp / out), *([V2] if allow else []),
               env=_env(tmp))
    assert res.returncode == 2, res.stdout + res.stderr
    assert len(res.stderr.strip().splitlines()) == 1 and "Traceback" not in res.stderr
    assert not (tmp / out).exists() or out == "taken"
    assert not list(tmp.glob(f".{out}.partial-*"))
    return res.stderr.strip()


def test_bad_input_is_one_line_and_writes_nothing(tmp_path: Path, llm) -> None:
    assert "unknown run nope" in _fails(tmp_path, "sft", "--runs", "nope")

    _run(tmp_path, [EpisodeResult(task_id="v2.gomail-1", mode="m", trajectory_path=str(
        tmp_path / "missing.jsonl"))], "empty")
    assert "run empty has no trajectories" in _fails(tmp_path, "dpo", "--runs", "empty")

    _run(tmp_path, [_episode(tmp_path, llm, "lost", 1, 0.0)], "lost")
    assert _fails(tmp_path, "sft", "--runs", "lost") == (
        "error: 0 examples: no episode of lost succeeded (1 episodes)")
    assert _fails(tmp_path, "dpo", "--runs", "lost").startswith("error: 0 examples: ")

    old = _episode(tmp_path, llm, "old", 1, 1.0)
    lines = Path(old.trajectory_path).read_text().splitlines()
    header = json.loads(lines[0])
    del header["schema"]
    Path(old.trajectory_path).write_text("\n".join([json.dumps(header), *lines[1:]]) + "\n")
    _run(tmp_path, [old], "old")
    assert "trajectory schema 1, this HALO reads schema 2" in _fails(
        tmp_path, "sft", "--runs", "old")

    _run(tmp_path, [_episode(tmp_path, llm, "won", 1, 1.0)], "won")
    (tmp_path / "taken").mkdir()
    (tmp_path / "taken" / "x").write_text("keep me")
    assert "exists and is not empty" in _fails(tmp_path, "sft", "--runs", "won", out="taken")
    assert (tmp_path / "taken" / "x").read_text() == "keep me"


def _gated_episode(tmp: Path, llm: LLMDouble) -> EpisodeResult:
    """hierarchy_mgr_gate, reward 1, three steps: the Worker ends too early and the
    Manager's finish review gives a click instead; the Worker's answer is invalid and the
    Manager ends the task as impossible (its own end, reviewed once more); the Worker ends
    and the Manager confirms it."""
    mode = MODES["hierarchy_mgr_gate"]
    first = tree(inbox(EMAILS))
    lunch = find(first, "link", "Lunch", exact=True).bid  # type: ignore[union-attr]
    done, infeasible = "send_msg_to_user('All done.')", "report_infeasible('No such email.')"
    llm.queue(f"Finished.\n```{done}```", f"Lunch is still there.\n```click('{lunch}')```",
              "Hmm.", "Still hmm.", f"```{infeasible}```", f"```{infeasible}```",
              f"Archived now.\n```{done}```", f"Confirmed.\n```{done}```")
    worker, manager = (LLMClient(model=m, base_url=llm.url, api_key="k", timeout=2)
                       for m in ("gpt-4o-mini", "gpt-4o"))
    agent = HaloAgent(mode, worker, manager, None, site="gomail", goal=GOAL, start_url=START)
    w = TrajectoryWriter(tmp / "data", mode=mode.name, run_id="gated", task="v2.gomail-1",
                         attempt=1, screenshots=True)
    w.header(models={"worker": "gpt-4o-mini", "manager": "gpt-4o"})
    pages = (first, tree(inbox(EMAILS[1:])), tree(inbox(EMAILS[1:])))
    for i, ax in enumerate(pages):
        w.step(i, agent.act(obs(ax, START + "inbox", goal=GOAL)), goal=GOAL,
               screenshot=screenshot())
    w.final(reward=1.0, success=True)
    w.close()
    return EpisodeResult(task_id="v2.gomail-1", mode=mode.name, attempt=1, reward=1.0,
                         steps=3, trajectory_path=str(w.path))


def test_the_managers_finish_review_in_records_and_exports(tmp_path: Path, llm) -> None:
    """The finish review's calls are in the step records; a confirmed end is the Worker's
    example, a premature end the Manager replaced is one only with --manager-target, and
    report_infeasible (not offered to the Worker) never is."""
    episode = _gated_episode(tmp_path, llm)
    _run(tmp_path, [episode], "gated")
    steps = [r for r in map(json.loads, Path(episode.trajectory_path).read_text().splitlines())
             if r["type"] == "step"]
    assert [(s["trigger"], s["triggers"], s["source"]) for s in steps] == [
        ("finish", ["finish"], "manager"),
        ("invalid_action", ["invalid_action", "finish"], "manager"),
        ("finish", ["finish"], "manager")]
    assert [[c["role"] for c in s["calls"]] for s in steps] == [
        ["worker", "manager"], ["worker", "worker", "manager", "manager"], ["worker", "manager"]]
    assert [c["action"] for c in steps[0]["calls"]] == [
        "send_msg_to_user('All done.')", steps[0]["action"]]

    def sft(out: str, *extra: str) -> list[tuple[int, str]]:
        res = halo("export", "sft", "--runs", "gated", "--text-only", "--out",
                   str(tmp_path / out), V2, *extra, env=_env(tmp_path))
        assert res.returncode == 0, res.stdout + res.stderr
        ds = _load(tmp_path / out)
        return sorted(zip(ds["step"], (m[-1]["content"] for m in ds["messages"]), strict=True))

    confirmed = (2, "Archived now.\n```send_msg_to_user('All done.')```")  # the Worker's reply
    assert sft("sft") == [confirmed]
    assert sft("worker-only", "--worker-only") == [confirmed]
    assert sft("manager", "--manager-target") == [
        (0, f"```\n{steps[0]['action']}\n```"), confirmed]
