"""A provider per role, end to end: `halo eval subset --mode hierarchy_mgr_gate` on a local
task (real CLI, real agisdk env, real Chromium, agisdk's eval script) whose Worker is the
OpenAI-compatible double and whose Manager is the Anthropic Messages API double, reached
by the real `anthropic` SDK. Both answer with the task's reference solution; the Worker's
end of the task triggers the Manager's finish review."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from halo_cli.policy.pricing import cost_usd
from tests.support.anthropic_double import AnthropicDouble, body_text, image_blocks, sent_key
from tests.support.helpers import halo
from tests.support.llm_double import LLMDouble, Reply
from tests.support.reference_llm import ReferenceAnswerer, reference
from tests.support.run_helpers import env_for, jsonl

CLAUDE_KEY = "sk-ant-e2e-never-written-5b7e"
TASK = "gomail-1"


def _files_text(root: Path) -> str:
    return "\n".join(p.read_text(errors="replace") for p in root.rglob("*")
                     if p.is_file() and p.suffix in (".json", ".jsonl", ".md", ".csv", ".html"))


def test_a_claude_manager_without_a_key_is_refused_before_anything_starts(tmp_path):
    env = {"HALO_RESULTS_DIR": str(tmp_path / "results"), "OPENAI_API_KEY": "sk-test",
           "HALO_MANAGER_BACKEND": "anthropic"}
    out = halo("eval", "subset", "--tasks", TASK, "--mode", "hierarchy_mgr_gate", env=env)
    assert out.returncode == 2, out.stdout + out.stderr
    assert out.stderr.strip() == ("error: mode hierarchy_mgr_gate: no LLM configured for the "
                                  "Manager: set ANTHROPIC_API_KEY or HALO_MANAGER_API_KEY")
    assert not (tmp_path / "results").exists()


@pytest.mark.browser
@pytest.mark.timeout(600)
def test_hierarchy_with_a_claude_manager_and_an_openai_worker(tmp_path, browser_ready):
    answer = ReferenceAnswerer(reference(TASK))  # one plan: both roles see the same pages
    with LLMDouble() as gpt, AnthropicDouble() as claude:
        gpt.handler = lambda body: Reply(text=answer(body), usage=(1200, 30))
        claude.handler = lambda body: Reply(text=answer(body), usage=(2500, 80))
        env = {**env_for(gpt, tmp_path), "HALO_MANAGER_BACKEND": "anthropic",
               "HALO_MANAGER_MODEL": "claude-opus-5-5", "ANTHROPIC_API_KEY": CLAUDE_KEY,
               "ANTHROPIC_BASE_URL": claude.base}
        out = halo("eval", "subset", "--tasks", TASK, "--mode", "hierarchy_mgr_gate",
                   "--sites", "local", "--run-id", "claude-mgr", env=env, timeout=500)
        worker_requests, manager_requests = list(gpt.requests), list(claude.requests)
    assert out.returncode == 0, out.stdout + out.stderr
    [episode] = jsonl(tmp_path / "results" / "claude-mgr" / "episodes.jsonl")
    assert episode["reward"] == 1.0 and episode["error_type"] is None
    assert episode["manager_calls"] >= 1

    # the Manager's calls went to the Messages API, in its format, with its key
    assert manager_requests and all(r.path == "/v1/messages" for r in manager_requests)
    assert {sent_key(r.headers) for r in manager_requests} == {CLAUDE_KEY}
    for r in manager_requests:
        assert r.body["model"] == "claude-opus-5-5"
        assert r.body["system"].startswith("You supervise a web agent")
        assert "WHY YOU ARE CALLED" in body_text(r.body)
        [image] = image_blocks(r.body)
        assert image["source"]["type"] == "base64" and image["source"]["media_type"] == "image/jpeg"
    # and the Worker's to the OpenAI-compatible endpoint, none of them a Manager call
    assert worker_requests and all(r.path == "/v1/chat/completions" for r in worker_requests)
    assert all(r.model == "gpt-4o-mini" and CLAUDE_KEY not in json.dumps(r.headers)
               for r in worker_requests)
    assert not any("WHY YOU ARE CALLED" in r.text() for r in worker_requests)

    # recorded and priced as Claude: the trajectory's header and calls, the episode's cost
    lines = jsonl(Path(episode["trajectory_path"]))
    header = lines[0]
    assert header["models"] == {"worker": "gpt-4o-mini", "manager": "claude-opus-5-5"}
    assert header["manager_backend"] == "anthropic" and header["worker_backend"] == "openai"
    calls = [c for line in lines if line["type"] == "step" for c in line["calls"]]
    claude_calls = [c for c in calls if c["role"] == "manager"]
    assert len(claude_calls) == len(manager_requests)
    assert {c["model"] for c in claude_calls} == {"claude-opus-5-5"}
    assert all((c["tokens_in"], c["tokens_out"]) == (2500, 80) for c in claude_calls)
    worker_calls = [c for c in calls if c["role"] == "worker"]
    expected = (len(claude_calls) * cost_usd("claude-opus-5-5", 2500, 80)
                + len(worker_calls) * cost_usd("gpt-4o-mini", 1200, 30))
    assert episode["usage"]["cost"] == pytest.approx(expected, rel=1e-6)
    assert cost_usd("claude-opus-5-5", 2500, 80) == pytest.approx(0.0116)
    # the Manager's request is kept in the one trajectory form (the system text once, the
    # screenshot by reference), so the trajectory reader hands it back as the policy built it
    system, user = claude_calls[0]["request"][:2]
    assert set(system["content"]) == {"$text"}
    assert [p["type"] for p in user["content"]] == ["text", "image_url"]
    # no key in anything the run wrote
    assert CLAUDE_KEY not in _files_text(tmp_path / "results")
    assert CLAUDE_KEY not in _files_text(tmp_path / "data")
