"""Trajectory JSONL: layout, one line per step, flushed, screenshots beside, no secrets."""

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from halo_cli.agent.orchestrator import HaloAgent
from halo_cli.config.modes import MODES
from halo_cli.policy.llm import LLMClient
from halo_cli.redact import Scrubber
from halo_cli.trajectory.reader import read_trajectory
from halo_cli.trajectory.writer import TrajectoryWriter
from tests.support.axfixtures import inbox, obs, screenshot, tree
from tests.support.llm_double import LLMDouble

KEY = "sk-proj-SuperSecret-0123456789"
START = "http://127.0.0.1:5000/"


@pytest.fixture
def llm() -> Iterator[LLMDouble]:
    with LLMDouble() as d:
        yield d


def _writer(tmp_path: Path, **kw) -> TrajectoryWriter:
    args = {"mode": "hierarchy_vac", "run_id": "r1", "task": "v2.gomail-1", "attempt": 2,
            "secrets": [KEY]}
    args.update(kw)
    return TrajectoryWriter(tmp_path / "data", **args)


def test_layout_and_lines(tmp_path: Path) -> None:
    w = _writer(tmp_path)
    assert w.path == (tmp_path / "data" / "trajectories" / "hierarchy_vac" / "r1"
                      / "v2.gomail-1__attempt_2.jsonl")
    w.header(models={"worker": "gpt-4o-mini", "manager": "gpt-4o"}, seeds={"env": 0})
    assert len(w.path.read_text().splitlines()) == 1  # flushed before close
    w.step(0, {"action": "click('3')", "source": "worker", "url": START, "page_type": "inbox",
               "fingerprint": "abc", "tokens_in": 10, "tokens_out": 2, "cost": 0.001},
           last_action_error="", step_wall_s=1.5, verdict="progressed")
    w.final(reward=1.0, success=True, wall_s=9.0, cost=0.001)
    w.close()
    header, step, final = read_trajectory(w.path)
    assert header["type"] == "header" and header["task"] == "v2.gomail-1"
    assert header["mode"] == "hierarchy_vac" and header["models"]["manager"] == "gpt-4o"
    assert {"agisdk", "playwright", "openai", "halo-cli"} <= set(header["versions"])
    assert header["versions"]["agisdk"] == "0.3.5"
    assert step["type"] == "step" and step["index"] == 0 and step["action"] == "click('3')"
    for field in ("url", "page_type", "fingerprint", "source", "cache_hit", "manager_called",
                  "trigger", "last_action_error", "tokens_in", "tokens_out", "cost",
                  "llm_latency_s", "step_wall_s", "refused"):
        assert field in step
    assert step["last_action_error"] is None and step["step_wall_s"] == 1.5
    assert final == {"type": "final", "reward": 1.0, "success": True, "steps": 1,
                     "wall_s": 9.0, "cost": 0.001, "error": None}


def test_screenshots_are_jpeg_files_not_base64_one_per_distinct_image(tmp_path: Path) -> None:
    with _writer(tmp_path, screenshots=True) as w:
        for i in range(3):  # the same page twice, then another
            shot = screenshot() if i < 2 else screenshot(h=40)
            w.step(i, {"action": "noop()", "source": "worker"}, screenshot=shot)
    s0, s1, s2 = read_trajectory(w.path)
    jpg = w.path.parent / s0["observation"]["screenshot"]
    assert jpg.read_bytes()[:3] == b"\xff\xd8\xff" and jpg.suffix == ".jpg"
    assert jpg.parent.name == "v2.gomail-1__attempt_2"
    assert s1["observation"]["screenshot"] == s0["observation"]["screenshot"]
    assert s2["observation"]["screenshot"] != s0["observation"]["screenshot"]
    assert len(list(jpg.parent.iterdir())) == 2
    assert "base64" not in w.path.read_text()


def test_api_key_never_reaches_a_trajectory(tmp_path: Path, llm: LLMDouble) -> None:
    ax = tree(inbox([("Alice", "Lunch")]))
    llm.queue(f"send_msg_to_user('my key is {KEY}')")
    client = LLMClient(model="gpt-4o-mini", base_url=llm.url, api_key=KEY, timeout=2)
    agent = HaloAgent(MODES["baseline_worker"], client, site="gomail", goal="g",
                      start_url=START, worker_image="none", manager_image="none")
    decision = agent.act(obs(ax, START))
    assert llm.requests[0].headers["authorization"] == f"Bearer {KEY}"
    with _writer(tmp_path, screenshots=True) as w:
        w.header(models={"worker": repr(client)}, extra={"settings": {"key": KEY}})
        w.step(0, decision, last_action_error=f"Error: bad key {KEY}",
               screenshot=screenshot(), extra={KEY: "as a key too"})
        w.final(reward=0.0, success=False, error=f"openai: Incorrect API key {KEY}")
    content = w.path.read_text()
    assert KEY not in content
    assert content.count("[REDACTED]") >= 5
    lines = read_trajectory(w.path)
    assert [ln["type"] for ln in lines] == ["header", "text", "step", "final"]  # text: system prompt
    assert lines[2]["action"] == "send_msg_to_user('my key is [REDACTED]')"
    assert lines[2]["calls"][0]["raw"] == "send_msg_to_user('my key is [REDACTED]')"


def test_scrubber_handles_json_escaped_secrets() -> None:
    secret = 'pa"ss\\word'
    s = Scrubber([secret, ""])
    assert s.obj({"a": [secret, 1], secret: None}) == {"a": ["[REDACTED]", 1], "[REDACTED]": None}
    assert s.text(json.dumps({"x": secret})) == '{"x": "[REDACTED]"}'
