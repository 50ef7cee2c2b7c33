"""`halo debug` end to end: real CLI, real Chromium, local sites, LLM double on loopback."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from halo_cli.trajectory.reader import read_trajectory
from tests.support.helpers import REPO, halo
from tests.support.llm_double import LLMDouble
from tests.support.reference_llm import ReferenceAnswerer, reference

pytestmark = pytest.mark.browser

KEY = "sk-test-DO-NOT-LEAK-4f1c2a9e77"


def _trajectory(out: str, data: Path) -> list[dict]:
    paths = sorted(data.glob("trajectories/**/*.jsonl"), key=lambda p: p.stat().st_mtime)
    assert paths, out
    return read_trajectory(paths[-1])


def _env(data: Path, llm_url: str | None) -> dict[str, str]:
    env = {"HALO_DATA_DIR": str(data), "OPENAI_API_KEY": KEY if llm_url else "",
           "HALO_VLLM_URL": "", "OPENAI_BASE_URL": llm_url or ""}
    return env


@pytest.mark.parametrize("task", ["gomail-1", "omnizon-3"])
@pytest.mark.timeout(900)
def test_debug_reaches_reward_1_then_replays_from_cache(tmp_path, task):
    data = tmp_path / "data"
    answerer = ReferenceAnswerer(reference(task))
    with LLMDouble() as llm:
        llm.handler = answerer
        out = halo("debug", f"v2.{task}", "--mode", "hierarchy_vac", "--no-packaged-cache",
                   cwd=tmp_path, env=_env(data, llm.url), timeout=400)
        requests = list(llm.requests)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "reward        1" in out.stdout
    lines = _trajectory(out.stdout, data)
    header, steps, final = lines[0], [x for x in lines if x["type"] == "step"], lines[-1]
    assert header["task"] == f"v2.{task}" and header["mode"] == "hierarchy_vac"
    assert final["type"] == "final" and final["reward"] == 1.0 and final["success"] is True
    # the trajectory holds exactly the actions the double answered, in order
    assert [s["action"] for s in steps if s["source"] in ("worker", "manager")] == \
        answerer.answers
    assert all(r.headers.get("authorization") == f"Bearer {KEY}" for r in requests)
    # the Manager was consulted on the high-stakes step (delete / place order)
    assert any(s["manager_called"] and s["trigger"] == "high_stakes" for s in steps)

    # second run: no LLM at all (no key, no endpoint): served from the user's cache
    again = halo("debug", f"v2.{task}", "--mode", "hierarchy_vac", "--no-packaged-cache",
                 cwd=tmp_path, env=_env(data, None), timeout=400)
    assert again.returncode == 0, again.stdout + again.stderr
    assert "reward        1" in again.stdout and "LLM calls     0" in again.stdout
    replay = _trajectory(again.stdout, data)
    assert all(s["source"] == "cache" and s["cache_hit"] for s in replay if s["type"] == "step")

    for f in tmp_path.rglob("*"):
        if f.is_file():
            assert KEY not in f.read_text(errors="ignore"), f


@pytest.mark.timeout(500)
def test_offline_main_job_uses_packaged_cache(tmp_path):
    """README's main command: no key, no endpoint, zero LLM calls, reward 1, and the panel
    says that no model decided (the packaged cache is the answer key, asked for by name)."""
    data = tmp_path / "data"
    out = halo("debug", "v2.gomail-1", "--sites", "local", "--packaged-cache", cwd=tmp_path,
               env=_env(data, None), timeout=400)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "reward        1" in out.stdout and "LLM calls     0" in out.stdout
    assert "replayed from the packaged cache (reference solutions); no model decided" in out.stdout
    remote = halo("debug", "v2.gomail-1", "--sites", "remote", "--packaged-cache", cwd=tmp_path,
                  env=_env(data, None), timeout=60)
    assert remote.returncode == 2 and "use it with --sites local" in remote.stderr
    assert len(remote.stderr.strip().splitlines()) == 1


@pytest.mark.timeout(500)
def test_cache_miss_without_llm_is_one_line_and_keeps_trajectory(tmp_path):
    data = tmp_path / "data"
    out = halo("debug", "v2.gomail-1", "--mode", "hierarchy_vac", "--no-packaged-cache",
               cwd=tmp_path, env=_env(data, None), timeout=400)
    assert out.returncode == 2
    assert out.stderr.strip() == "error: no LLM configured: set OPENAI_API_KEY or HALO_VLLM_URL"
    lines = _trajectory(out.stdout, data)
    assert lines[0]["type"] == "header" and lines[-1]["type"] == "final"
    assert "NoLLMConfigured" in lines[-1]["error"]


def test_dry_run_makes_no_llm_call(tmp_path):
    with LLMDouble() as llm:
        out = halo("debug", "gomail-1", "--dry-run", cwd=tmp_path,
                   env=_env(tmp_path / "data", llm.url), timeout=200)
        assert llm.requests == []
    assert out.returncode == 0, out.stderr
    assert "no LLM call was made" in out.stdout
    assert "GOAL: Mark all my emails as read" in out.stdout and "page type: inbox" in out.stdout
    # agisdk leaves the site's /finish page open in a background tab: not shown to the model
    assert "OPEN TABS" not in out.stdout and "finish" not in out.stdout
    assert "sites: local replicas" in out.stdout


def test_off_site_goto_is_refused(tmp_path):
    with LLMDouble() as llm:
        llm.queue("```goto('https://www.google.com/search?q=amazon')```",
                  "```send_msg_to_user('Done.')```")
        out = halo("debug", "gomail-1", "--mode", "baseline_worker", cwd=tmp_path,
                   env=_env(tmp_path / "data", llm.url), timeout=200)
    assert out.returncode == 0, out.stdout + out.stderr
    steps = [x for x in _trajectory(out.stdout, tmp_path / "data") if x["type"] == "step"]
    assert steps[0]["refused"] is True and steps[0]["action"] == "noop()"
    assert "google.com" in steps[0]["refused_action"]
    assert all("google" not in (s["url"] or "") for s in steps)


def test_hanging_llm_hits_timeout_and_ends_cleanly(tmp_path):
    from tests.support.llm_double import hang

    with LLMDouble() as llm:
        llm.queue(*[hang(20)] * 8)
        out = halo("debug", "gomail-1", "--mode", "baseline_worker", "--llm-timeout", "0.5",
                   cwd=tmp_path, env=_env(tmp_path / "data", llm.url), timeout=200)
    assert out.returncode == 1, out.stdout + out.stderr
    final = _trajectory(out.stdout, tmp_path / "data")[-1]
    assert final["type"] == "final" and final["reward"] == 0.0
    assert "Timeout" in final["error"] and final["error_phase"] == "agent"


def test_qwen_bc_sends_adapter_name_to_vllm(tmp_path):
    with LLMDouble() as vllm:
        vllm.queue("```send_msg_to_user('Done.')```")
        env = {**_env(tmp_path / "data", None), "HALO_VLLM_URL": vllm.base,
               "HALO_WORKER_BACKEND": "vllm", "OPENAI_API_KEY": KEY}
        out = halo("debug", "gomail-1", "--mode", "qwen_worker_bc", cwd=tmp_path, env=env,
                   timeout=200)
        requests = list(vllm.requests)
    assert out.returncode == 0, out.stdout + out.stderr
    assert [r.model for r in requests] == ["halo-bc"]
    assert requests[0].path == "/v1/chat/completions"
    assert KEY not in requests[0].headers.get("authorization", "")


def test_macros_run_on_the_real_replica_with_the_manager_gating_delete(tmp_path):
    """full HALO: the Worker calls macros; the Manager approves the high-stakes one."""
    answers = ["check('47')", "click('48')",  # select all, mark as read
               'macro_search("amazon")',
               'macro_select_emails_and_act("Amazon", "Delete")',  # worker proposes
               'macro_select_emails_and_act("Amazon", "Delete")',  # manager approves
               "send_msg_to_user('Done.')",  # worker ends
               "send_msg_to_user('Done.')"]  # manager confirms the end (finish trigger)
    with LLMDouble() as llm:
        llm.queue(*[f"```{a}```" for a in answers])
        out = halo("debug", "gomail-1", "--mode", "hierarchy_vac_macros", "--no-packaged-cache",
                   cwd=tmp_path, env=_env(tmp_path / "data", llm.url), timeout=300)
        models = [r.model for r in llm.requests]
    assert out.returncode == 0, out.stdout + out.stderr
    assert "reward        1" in out.stdout
    steps = [x for x in _trajectory(out.stdout, tmp_path / "data") if x["type"] == "step"]
    assert [s["macro"] for s in steps if s["source"] == "macro"] == \
        ["macro_search"] + ["macro_select_emails_and_act"] * 4  # 3 more ticks, then Delete
    assert any(s["manager_called"] and s["trigger"] == "high_stakes" for s in steps)
    assert any(s["manager_called"] and s["trigger"] == "finish" for s in steps)
    assert models.count("gpt-4o") == 2 and models.count("gpt-4o-mini") == 5


def _why_column(stdout: str) -> dict[int, str]:
    """The "error / why" cell of each step row of the debug table, wrapped lines joined."""
    cells: dict[int, list[str]] = {}
    step = None
    for line in stdout.splitlines():
        parts = line.split("│")
        if len(parts) < 9:
            continue
        if parts[1].strip().isdigit():
            step = int(parts[1])
        if step is not None and parts[5].strip():
            cells.setdefault(step, []).append(parts[5].strip())
    return {k: " ".join(v) for k, v in cells.items()}


def test_table_shows_why_a_step_failed_and_the_panel_names_sites_and_browser(tmp_path):
    """No display: headless with a one-line note. An invalid answer shows the reason and
    what the model said; an env error shows whole (wrapped), not cut to ten characters."""
    with LLMDouble() as llm:
        llm.queue("I would like to look around first.", "Still thinking about it.",
                  "```fill('48', 'hello')```", "```send_msg_to_user('Done.')```")
        out = halo("debug", "gomail-1", "--mode", "baseline_worker", cwd=tmp_path,
                   env={**_env(tmp_path / "data", llm.url), "DISPLAY": "", "WAYLAND_DISPLAY": "",
                        "COLUMNS": "110"}, timeout=300)
    assert out.returncode == 0, out.stdout + out.stderr
    assert out.stdout.splitlines()[0] == ("note: no display, so the browser runs headless "
                                          "(run under xvfb-run to watch it)")
    why = _why_column(out.stdout)
    assert why[0].startswith("worker gave no valid action: no action found")
    assert "model answered: Still thinking about it." in why[0]
    steps = [x for x in _trajectory(out.stdout, tmp_path / "data") if x["type"] == "step"]
    assert steps[0]["invalid_answer"] == "Still thinking about it."
    error = steps[1]["last_action_error"].splitlines()[0]
    assert len(error) > 40 and why[1] == error  # the env's error line, whole
    assert "sites         local replicas" in out.stdout
    assert "browser       headless" in out.stdout


def test_visible_browser_without_a_display_is_one_line(tmp_path):
    out = halo("debug", "gomail-1", "--headless", "false", cwd=tmp_path,
               env={**_env(tmp_path / "data", None), "DISPLAY": "", "WAYLAND_DISPLAY": ""})
    assert out.returncode == 2
    assert out.stderr == ("error: no display for a visible browser: run under xvfb-run or use "
                          "--headless true\n")
    assert out.stdout == ""


@pytest.mark.skipif(shutil.which("xvfb-run") is None, reason="needs xvfb-run (apt: xvfb)")
@pytest.mark.timeout(500)
def test_with_a_display_debug_shows_a_visible_browser_by_default(tmp_path):
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "200", **_env(tmp_path / "data", None)}
    out = subprocess.run(["xvfb-run", "-a", sys.executable, "-m", "halo_cli", "debug",
                          "v2.gomail-1", "--packaged-cache"], cwd=REPO, env=env,
                         capture_output=True, text=True, timeout=400)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "no display" not in out.stdout
    assert "(hierarchy_vac_macros, local replicas, visible browser)" in out.stdout
    assert "reward        1" in out.stdout and "browser       visible" in out.stdout
