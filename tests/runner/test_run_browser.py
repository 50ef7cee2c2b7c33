"""`halo eval` end to end: the real CLI, real episodes in real Chromium on the local sites,
the LLM double on loopback; parallel workers, SIGKILL + resume, Ray, crashes and hangs.
After each run no Chromium process of the run is left."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from halo_cli.runner import procs
from halo_cli.runner.isolate import run_token
from tests.support.helpers import REPO, halo
from tests.support.llm_double import LLMDouble, Reply, hang
from tests.support.ray_cluster import start_as_readme
from tests.support.ray_cluster import stop as stop_ray
from tests.support.run_helpers import (
    SCROLL,
    browsers_left,
    env_for,
    finish_at_once,
    goal_of,
    jsonl,
    request_text,
    rows,
)

pytestmark = pytest.mark.browser

TASKS = "gomail-1,gomail-2,omnizon-3"


@pytest.fixture()
def llm():
    with LLMDouble() as double:
        double.handler = finish_at_once
        yield double


@pytest.mark.timeout(500)
def test_subset_three_tasks_two_modes_two_workers(llm, tmp_path, browser_ready):
    env = env_for(llm, tmp_path)
    out = halo("eval", "subset", "--tasks", TASKS, "--mode", "baseline_worker,hierarchy_mgr_gate",
               "--workers", "2", "--max-steps", "3", "--run-id", "w2", env=env, timeout=400)
    assert out.returncode == 0, out.stdout + out.stderr
    run = tmp_path / "results" / "w2"
    got = rows(run / "matrix.csv")
    assert sorted((r["task_id"], r["mode"]) for r in got) == sorted(
        (f"v2.{t}", m) for t in TASKS.split(",") for m in ("baseline_worker", "hierarchy_mgr_gate"))
    for r in got:
        assert r["error_type"] == "" and r["steps"] == "1" and int(r["llm_calls"]) >= 1
        assert os.path.exists(r["trajectory_path"])
        assert f"/trajectories/{r['mode']}/w2/" in r["trajectory_path"]
    md = (run / "matrix.md").read_text()
    assert "| baseline_worker | 3 | 3 | 0 | 0 | 3 | 0.0% | [0, 56]% | 1.0 |" in md
    assert "### hierarchy_mgr_gate" in md
    assert (run / "errors.jsonl").read_text() == ""
    doc = json.loads((run / "run.json").read_text())
    assert doc["options"]["workers"] == 2 and "sk-test" not in (run / "run.json").read_text()
    assert "6/6 episodes recorded" in out.stdout and "success_rate" in out.stdout
    assert browsers_left("w2") == []


@pytest.mark.timeout(800)
def test_sigkill_then_resume_loses_and_doubles_nothing(llm, tmp_path, browser_ready):
    env = {**os.environ, "NO_COLOR": "1", **env_for(llm, tmp_path)}
    argv = [sys.executable, "-m", "halo_cli", "eval", "subset", "--tasks", TASKS + ",gomail-4",
            "--mode", "baseline_worker", "--workers", "2", "--max-steps", "3", "--run-id", "k1"]
    proc = subprocess.Popen(argv, cwd=REPO, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    log = tmp_path / "results" / "k1" / "episodes.jsonl"
    deadline = time.monotonic() + 240
    while not (log.exists() and log.read_text().count("\n") >= 1):
        assert proc.poll() is None and time.monotonic() < deadline, "no episode finished"
        time.sleep(0.2)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    before = len(jsonl(log))
    assert 1 <= before < 4
    assert browsers_left("k1") == []  # the episodes noticed their parent died
    out = halo("eval", "subset", "--resume", "k1", "--workers", "2", env=env, timeout=400)
    assert out.returncode == 0, out.stdout + out.stderr
    keys = [(r["task_id"], r["mode"], r["attempt"]) for r in jsonl(log)]
    assert len(keys) == len(set(keys)) == 4
    assert f"4/4 episodes recorded ({4 - before} this time" in out.stdout
    assert len(rows(log.parent / "matrix.csv")) == 4
    assert browsers_left("k1") == []


@pytest.mark.timeout(700)
def test_ray_backend_writes_the_same_files(llm, tmp_path, browser_ready, monkeypatch):
    """README's loopback recipe exactly as written: `RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER=0 ray
    start --head --node-ip-address=127.0.0.1 --port P`, then `halo ... --ray-address
    127.0.0.1:P` with no RAY_* variable set for halo."""
    pytest.importorskip("ray")
    for var in [k for k in os.environ if k.startswith("RAY_")]:
        monkeypatch.delenv(var)
    port = start_as_readme()
    try:
        env = {k: v for k, v in env_for(llm, tmp_path).items() if not k.startswith("RAY_")}
        out = halo("eval", "subset", "--tasks", "gomail-1,omnizon-3", "--mode", "baseline_worker",
                   "--ray-address", f"127.0.0.1:{port}", "--workers", "2", "--max-steps", "3",
                   "--run-id", "ray1", env=env, timeout=400)
    finally:
        stop_ray(port)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "Failed to connect" not in out.stderr
    assert "ray backend, 2 at once" in out.stdout
    run = tmp_path / "results" / "ray1"
    got = rows(run / "matrix.csv")
    assert sorted(r["task_id"] for r in got) == ["v2.gomail-1", "v2.omnizon-3"]
    assert all(r["error_type"] == "" and os.path.exists(r["trajectory_path"]) for r in got)
    assert (run / "matrix.md").exists() and (run / "errors.jsonl").read_text() == ""
    assert len(list((run / "logs").iterdir())) == 2
    assert browsers_left("ray1") == []


@pytest.mark.timeout(500)
def test_killed_browser_and_hung_llm_are_errors_and_the_run_goes_on(llm, tmp_path, browser_ready):
    killed_goal, hung_goal = goal_of("omnizon-3"), goal_of("gomail-2")

    def script(body):
        text = request_text(body)
        if hung_goal in text:
            return hang(600)
        if killed_goal in text and "scroll(0, 200)" not in text:
            # omnizon-3's worker is asking: kill every browser of the run (the other worker
            # is stuck in gomail-2's hung LLM call; gomail-1 has finished)
            for pid, _ in procs.browser_processes(run_token("crash")):
                os.kill(pid, signal.SIGKILL)
            return SCROLL
        return finish_at_once(body)

    llm.handler = script
    env = env_for(llm, tmp_path)
    out = halo("eval", "subset", "--tasks", TASKS, "--mode", "baseline_worker", "--workers", "2",
               "--max-steps", "3", "--episode-timeout", "45", "--run-id", "crash", env=env,
               timeout=400)
    assert out.returncode == 0, out.stdout + out.stderr
    run = tmp_path / "results" / "crash"
    by_task = {r["task_id"]: r for r in rows(run / "matrix.csv")}
    assert by_task["v2.gomail-1"]["error_type"] == ""
    assert by_task["v2.gomail-2"]["error_type"] == "EpisodeTimeout"
    assert by_task["v2.omnizon-3"]["error_type"] != ""
    errors = {e["task"]: e for e in jsonl(run / "errors.jsonl")}
    assert set(errors) == {"v2.gomail-2", "v2.omnizon-3"}
    # the env had started (run_episode's on_ready) when the LLM hung: an agent error
    assert errors["v2.gomail-2"]["phase"] == "agent"
    assert errors["v2.omnizon-3"]["phase"] in ("agent", "eval")
    md = (run / "matrix.md").read_text()
    n_init_agent = sum(e["phase"] in ("init", "agent") for e in errors.values())
    assert f"| baseline_worker | 3 | {3 - n_init_agent} | {n_init_agent} |" in md
    assert browsers_left("crash") == []


def test_ctrl_c_stops_cleanly_and_writes_the_summary(llm, tmp_path, browser_ready):
    llm.handler = lambda body: Reply(text="x", hang_s=600)  # every episode runs until stopped
    env = {**os.environ, "NO_COLOR": "1", **env_for(llm, tmp_path)}
    argv = [sys.executable, "-m", "halo_cli", "eval", "subset", "--tasks", "gomail-1,gomail-2",
            "--mode", "baseline_worker", "--workers", "2", "--run-id", "int1"]
    proc = subprocess.Popen(argv, cwd=REPO, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)
    deadline = time.monotonic() + 120
    while len(llm.requests) < 2:  # both episodes are past env start-up, waiting on the LLM
        assert proc.poll() is None and time.monotonic() < deadline
        time.sleep(0.2)
    proc.send_signal(signal.SIGINT)
    stdout, _ = proc.communicate(timeout=60)
    assert proc.returncode == 130, stdout
    assert "interrupted" in stdout and "--resume int1" in stdout
    run = tmp_path / "results" / "int1"
    assert (run / "matrix.md").exists() and not (run / "episodes.jsonl").exists()
    assert browsers_left("int1") == []


@pytest.mark.timeout(500)
def test_speed_mode_on_a_shared_sites_server_is_recorded(tmp_path, browser_ready):
    """`--speed` and `--sites-url` (a running `halo sites serve`) on eval: the episodes use
    that server, and run.json and the trajectory header say speed mode (25 steps)."""
    from halo_cli.sites.registry import all_sites
    from halo_cli.sites.server import start_server

    server = start_server(all_sites())
    root = f"http://{server.host}:{server.port}"
    try:
        env = {"HALO_RESULTS_DIR": str(tmp_path / "results"), "HALO_DATA_DIR": str(tmp_path / "data")}
        out = halo("eval", "subset", "--tasks", "gomail-1", "--mode", "hierarchy_vac", "--speed",
                   "--packaged-cache", "--sites-url", root, "--run-id", "fast", env=env,
                   timeout=400)
    finally:
        server.stop()
    assert out.returncode == 0, out.stdout + out.stderr
    run = tmp_path / "results" / "fast"
    [row] = rows(run / "matrix.csv")
    assert row["reward"] == "1.0", row
    assert json.loads((run / "run.json").read_text())["options"]["speed"] is True
    lines = jsonl(Path(row["trajectory_path"]))
    assert lines[0]["speed"] is True and lines[0]["max_steps"] == 25
    assert all(s["url"].startswith(root + "/gomail") for s in lines if s["type"] == "step")


@pytest.mark.timeout(500)
def test_every_run_summary_names_the_sites(tmp_path, browser_ready):
    """The live view's header and final line, the results table, matrix.md and matrix.csv
    say the episodes ran on HALO's local replicas (not the hosted REAL sites)."""
    env = {"HALO_RESULTS_DIR": str(tmp_path / "results"), "HALO_DATA_DIR": str(tmp_path / "data"),
           "OPENAI_API_KEY": "", "OPENAI_BASE_URL": ""}
    out = halo("eval", "subset", "--tasks", "gomail-1", "--mode", "hierarchy_vac",
               "--packaged-cache", "--run-id", "s1", env=env, timeout=400)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "run s1: 1 episodes on local replicas, local backend" in out.stdout
    assert "eval subset on local replicas" in out.stdout  # the live view's header
    assert "1/1 episodes recorded (1 this time, 0 with errors) on local replicas;" in out.stdout
    assert "(local replicas)" in out.stdout  # the results table's title
    run = tmp_path / "results" / "s1"
    assert "Sites: **local replicas**" in (run / "matrix.md").read_text()
    assert [r["sites"] for r in rows(run / "matrix.csv")] == ["local replicas"]
