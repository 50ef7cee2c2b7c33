"""Full step records (schema 2): what the policy saw and said, read back by the reader.

The agent is the real HaloAgent, its Worker a real LLMClient talking HTTP to the double;
the assertions compare the trajectory with what the double actually received.
"""

import base64
import json
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from halo_cli.agent.orchestrator import HaloAgent
from halo_cli.config.modes import MODES
from halo_cli.obs.locate import find
from halo_cli.policy.llm import LLMClient
from halo_cli.trajectory.reader import TrajectoryError, load_trajectory
from halo_cli.trajectory.schema import SCHEMA
from halo_cli.trajectory.writer import TrajectoryWriter
from tests.support.axfixtures import inbox, obs, screenshot, tree
from tests.support.llm_double import LLMDouble

START = "http://127.0.0.1:5000/"
GOAL = "Archive the email about Lunch"
EMAILS = [("Alice", "Lunch"), ("Bob", "Invoice from ACME")]
KEY = "sk-test-Trajectory-0123456789"


@pytest.fixture
def llm() -> Iterator[LLMDouble]:
    with LLMDouble() as d:
        yield d


def _agent(llm: LLMDouble, mode: str = "baseline_worker", **kw) -> HaloAgent:
    m = MODES[mode].with_overrides(temperature=0.7, seed=5)
    client = LLMClient(model="gpt-4o-mini", base_url=llm.url, api_key=KEY, timeout=2,
                       temperature=m.temperature, seed=m.seed)
    return HaloAgent(m, client, None, None, site="gomail", goal=GOAL, start_url=START, **kw)


def _writer(tmp_path: Path, screenshots: bool = True) -> TrajectoryWriter:
    w = TrajectoryWriter(tmp_path, mode="m", run_id="r", task="v2.gomail-1", attempt=1,
                         secrets=[KEY], screenshots=screenshots)
    w.header(models={"worker": "gpt-4o-mini"})
    return w


def _bid(ax: dict, role: str, name: str) -> str:
    node = find(ax, role, name, exact=True)
    assert node is not None
    return node.bid


def _sent_image(request) -> bytes:
    (url,) = request.images()
    return base64.b64decode(url.split(";base64,", 1)[1])


def test_llm_step_records_the_exact_request_and_the_reply(tmp_path: Path, llm: LLMDouble) -> None:
    ax = tree(inbox(EMAILS))
    reply = f"Tick Lunch first.\n```\nclick('{_bid(ax, 'checkbox', 'Select Lunch')}')\n```"
    llm.queue("I will click it.", reply)  # the first answer has no action: one repair
    agent = _agent(llm)
    shot = screenshot()
    decision = agent.act(obs(ax, START + "inbox", shot=shot, goal=GOAL))
    with _writer(tmp_path) as w:
        w.step(0, decision, goal=GOAL, verdict="progressed", screenshot=shot)
        w.final(reward=1.0, success=True)
    traj = load_trajectory(w.path)
    assert traj.header["schema"] == SCHEMA == 2 and traj.reward == 1.0
    (step,) = traj.steps
    first, repair = step["calls"]
    assert first["action"] is None and first["error"] and first["raw"] == "I will click it."
    assert repair["action"] == decision.action and repair["error"] is None
    assert repair["raw"] == reply and repair["finish_reason"] == "stop"
    assert (repair["temperature"], repair["seed"]) == (0.7, 5)
    assert repair["logprobs"][0] == ["Tick ", 0.0] and len(repair["logprobs"]) == len(reply.split(" "))
    for i, sent in enumerate(llm.requests):  # byte for byte, images included
        assert json.dumps(traj.request(step, i)) == json.dumps(sent.body["messages"])
    assert traj.worker_prompt(step) == llm.requests[0].body["messages"]
    o = step["observation"]
    assert (o["goal"], o["url"], o["page_type"]) == (GOAL, START + "inbox", "inbox")
    assert "Select Lunch" in o["summary"] and o["summary"] in llm.requests[0].text()
    assert traj.image_bytes(o["screenshot"]) == _sent_image(llm.requests[0])
    assert len(list(w.shots_dir.iterdir())) == 1  # one image, however often it was sent
    content = w.path.read_text()
    assert "base64" not in content and KEY not in content
    assert content.count(agent.worker.system[:60]) == 1  # the system prompt is stored once


def test_cache_and_macro_steps_record_what_the_worker_would_have_seen(
    tmp_path: Path, llm: LLMDouble
) -> None:
    ax0 = tree(inbox(EMAILS))
    ax1 = tree(inbox(EMAILS, checked=(0,)))
    llm.queue("```\nmacro_select_emails_and_act('Lunch', 'Archive')\n```")
    agent = _agent(llm, "hierarchy_vac_macros")
    other = screenshot()
    other[:, :] = (10, 200, 10)
    first = agent.act(obs(ax0, START + "inbox"))
    second = agent.act(obs(ax1, START + "inbox", shot=other))
    assert (first.source, second.source) == ("worker", "macro") and len(llm.requests) == 1
    with _writer(tmp_path) as w:
        w.step(0, first, screenshot=screenshot())
        w.step(1, second, screenshot=other)
    traj = load_trajectory(w.path)
    s0, s1 = traj.steps
    assert s1["calls"] == [] and s1["action"] == f"click('{_bid(ax1, 'button', 'Archive')}')"
    prompt = traj.worker_prompt(s1)
    assert prompt == agent.prompts.messages(second.observed.view())
    assert prompt[0] == llm.requests[0].body["messages"][0]  # same system prompt
    assert "STEPS SO FAR" in prompt[1]["content"][0]["text"]
    assert s1["observation"]["summary"] and s1["observation"]["summary"] in prompt[1]["content"][0]["text"]
    assert s0["observation"]["screenshot"] != s1["observation"]["screenshot"]
    assert traj.image_bytes(s1["observation"]["screenshot"]) == base64.b64decode(
        prompt[1]["content"][1]["image_url"]["url"].split(",", 1)[1])
    assert len(list(w.shots_dir.iterdir())) == 2
    text_only = traj.worker_prompt(s1, images="drop")
    assert [p["type"] for p in text_only[1]["content"]] == ["text"]


def test_without_kept_screenshots_no_image_is_written(tmp_path: Path, llm: LLMDouble) -> None:
    ax = tree(inbox(EMAILS))
    llm.queue(f"```\nclick('{_bid(ax, 'checkbox', 'Select Lunch')}')\n```")
    decision = _agent(llm).act(obs(ax, START + "inbox"))
    with _writer(tmp_path, screenshots=False) as w:
        w.step(0, decision, screenshot=np.zeros((8, 8, 3), dtype=np.uint8))
    traj = load_trajectory(w.path)
    (step,) = traj.steps
    assert not w.shots_dir.exists() and step["observation"]["screenshot"] is None
    assert step["observation"]["screenshot_sha256"]
    sent = llm.requests[0].body["messages"][1]["content"]
    assert traj.worker_prompt(step, images="drop")[1]["content"] == sent[:1]  # text part only
    with pytest.raises(FileNotFoundError):
        traj.request(step)


def test_older_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "old.jsonl"
    path.write_text(json.dumps({"type": "header", "task": "v2.gomail-1"}) + "\n"
                    + json.dumps({"type": "step", "index": 0, "action": "noop()"}) + "\n")
    with pytest.raises(TrajectoryError, match="schema 1"):
        load_trajectory(path)
