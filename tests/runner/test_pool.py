"""The process pool on episodes that misbehave on purpose (hang, crash, raise, leak a
detached process): each lands as an error result, and nothing they started survives.

The episode functions below run in real child processes (`halo_cli.runner.child`),
exactly as run_episode does; they stand in for it only to make each failure certain.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
from pathlib import Path

import pytest

from halo_cli.config.modes import get_mode
from halo_cli.config.settings import Settings
from halo_cli.runner import procs
from halo_cli.runner.isolate import run_token
from halo_cli.runner.models import EpisodeResult, EpisodeSpec
from halo_cli.runner.plan import episode_specs
from halo_cli.runner.pool import LocalPool
from halo_cli.runner.store import RunStore
from halo_cli.runner.study import execute
from tests.support.helpers import REPO

HERE = "tests.runner.test_pool"


def _detached_sleeper() -> None:
    """Like Chromium under Playwright: a process in its own session that outlives us."""
    subprocess.Popen(["sleep", "600"], start_new_session=True)


def ok_episode(spec: EpisodeSpec, settings: Settings, on_step=None) -> EpisodeResult:
    for i in range(2):
        on_step(i)
    return EpisodeResult(task_id=spec.task_id, mode=spec.mode.name, attempt=spec.attempt,
                         reward=1.0, success=True, steps=2, wall_time_s=0.1)


def hang_episode(spec: EpisodeSpec, settings: Settings, on_step=None) -> EpisodeResult:
    _detached_sleeper()
    on_step(0)
    time.sleep(600)
    raise AssertionError("unreachable")


def crash_episode(spec: EpisodeSpec, settings: Settings, on_step=None) -> EpisodeResult:
    _detached_sleeper()
    on_step(0)
    os.kill(os.getpid(), signal.SIGKILL)
    raise AssertionError("unreachable")


def raise_episode(spec: EpisodeSpec, settings: Settings, on_step=None) -> EpisodeResult:
    raise RuntimeError("env init failed")


def by_task(spec: EpisodeSpec, settings: Settings, on_step=None, on_ready=None) -> EpisodeResult:
    if spec.task_id == "v2.gomail-7":  # env up, then the first LLM call never returns
        on_ready()
        time.sleep(600)
    fn = {"v2.gomail-1": ok_episode, "v2.gomail-2": hang_episode,
          "v2.gomail-4": crash_episode, "v2.gomail-5": raise_episode}[spec.task_id]
    return fn(spec, settings, on_step)


def warm_episode(spec: EpisodeSpec, settings: Settings, on_step=None) -> EpisodeResult:
    """Succeeds if the worker's Chromium was up before the episode began, and is the one
    Chromium the worker ever launched."""
    from halo_cli.harness.warm import WARM

    up = WARM._browser is not None and WARM._browser.is_connected()
    warm = WARM.launches == 1 and up
    return EpisodeResult(task_id=spec.task_id, mode=spec.mode.name, attempt=spec.attempt,
                         reward=float(warm), success=warm, steps=0, wall_time_s=0.1,
                         error_message=None if warm else f"launches {WARM.launches}, up {up}")


def _leftovers(run_id: str) -> set[int]:
    deadline = time.monotonic() + 5
    while (left := procs.with_groups(procs.marked(run_token(run_id), prefix=True))):
        if time.monotonic() > deadline:
            break
        time.sleep(0.2)
    return left


def _specs(run_id: str, tasks: list[str], limit: float = 3.0) -> list[EpisodeSpec]:
    return episode_specs(tasks, [get_mode("baseline_worker")], run_id, wall_limit_s=limit)


@pytest.mark.timeout(180)  # the hanging episodes sleep 600 s: only their 20 s limit ends them
def test_each_failure_is_recorded_and_nothing_survives(tmp_path, monkeypatch):
    monkeypatch.chdir(REPO)  # the child imports this module as tests.runner.test_pool
    run_id = "pool-failures"
    hangs = {"v2.gomail-2", "v2.gomail-7"}  # the others end on their own, however busy the machine
    specs = [s.model_copy(update={"wall_limit_s": 20.0 if s.task_id in hangs else 300.0})
             for s in _specs(run_id, ["v2.gomail-1", "v2.gomail-2", "v2.gomail-4", "v2.gomail-5",
                                      "v2.gomail-7"])]
    pool = LocalPool(Settings(_env_file=None), 2, tmp_path / "logs", f"{HERE}:by_task")  # type: ignore[call-arg]
    got: dict[str, EpisodeResult] = {}
    pool.run(specs, lambda r: got.__setitem__(r.task_id, r), threading.Event())
    assert got["v2.gomail-1"].success and got["v2.gomail-1"].error_phase is None
    hang = got["v2.gomail-2"]
    assert (hang.error_phase, hang.error_type, hang.steps) == ("agent", "EpisodeTimeout", 1)
    crash = got["v2.gomail-4"]
    assert (crash.error_phase, crash.error_type) == ("agent", "EpisodeProcessDied")
    assert "SIGKILL" in (crash.error_message or "")
    boom = got["v2.gomail-5"]
    assert (boom.error_phase, boom.error_type) == ("init", "RuntimeError")
    assert "env init failed" in (boom.traceback or "")
    ready_hang = got["v2.gomail-7"]
    assert (ready_hang.error_phase, ready_hang.error_type, ready_hang.steps) == (
        "agent", "EpisodeTimeout", 0)
    assert (tmp_path / "logs" / "v2.gomail-2__baseline_worker__attempt_1.log").exists()
    assert _leftovers(run_id) == set()


@pytest.mark.timeout(60)  # two 600 s episodes, one at a time: only the stop ends them
def test_stop_ends_running_episodes_without_recording_them(tmp_path, monkeypatch):
    monkeypatch.chdir(REPO)
    run_id = "pool-stop"
    specs = _specs(run_id, ["v2.gomail-2", "v2.gomail-2"], limit=600)
    specs[1] = specs[1].model_copy(update={"attempt": 2})
    pool = LocalPool(Settings(_env_file=None), 1, tmp_path / "logs", f"{HERE}:hang_episode",  # type: ignore[call-arg]
                     grace_s=5)
    stop = threading.Event()
    threading.Timer(2.0, stop.set).start()
    got: list[EpisodeResult] = []
    pool.run(specs, got.append, stop)
    assert got == []
    assert _leftovers(run_id) == set()


def test_resume_runs_only_what_is_missing(tmp_path, monkeypatch):
    monkeypatch.chdir(REPO)
    settings = Settings(_env_file=None)  # type: ignore[call-arg]
    store = RunStore(tmp_path, "pool-resume")
    plan = _specs("pool-resume", ["v2.gomail-1", "v2.omnizon-3", "v2.gomail-12"])
    store.append(EpisodeResult(task_id="v2.omnizon-3", mode="baseline_worker", reward=1))
    started: list[str] = []

    class Recording(LocalPool):
        def run(self, specs, on_result, stop, on_start=None):
            started.extend(s.task_id for s in specs)
            super().run(specs, on_result, stop, on_start)

    backend = Recording(settings, 2, tmp_path / "logs", f"{HERE}:ok_episode")
    out = execute(store, plan, settings, backend)
    assert started == ["v2.gomail-1", "v2.gomail-12"] and out.ran == 2
    assert len(out.results) == 3 and not out.interrupted
    assert execute(store, plan, settings, backend).ran == 0  # all done: nothing runs
    assert len((tmp_path / "pool-resume" / "episodes.jsonl").read_text().splitlines()) == 3


DRIVER = textwrap.dedent("""
    import sys, threading
    from pathlib import Path
    from halo_cli.config.settings import Settings
    from halo_cli.config.modes import get_mode
    from halo_cli.runner.plan import episode_specs
    from halo_cli.runner.pool import LocalPool
    specs = episode_specs(["v2.gomail-2", "v2.gomail-12"], [get_mode("baseline_worker")],
                          "pool-sigkill", wall_limit_s=600)
    pool = LocalPool(Settings(_env_file=None), 2, Path(sys.argv[1]), "tests.runner.test_pool:hang_episode")
    print("started", flush=True)
    pool.run(specs, print, threading.Event())
""")


def test_sigkilled_parent_leaves_no_process_behind(tmp_path):
    driver = subprocess.Popen([sys.executable, "-c", DRIVER, str(tmp_path)], cwd=REPO,
                              stdout=subprocess.PIPE, text=True)
    assert driver.stdout is not None and driver.stdout.readline().strip() == "started"
    deadline = time.monotonic() + 15
    while len(procs.marked(run_token("pool-sigkill"), prefix=True)) < 4:  # 2 children + 2 sleepers
        assert time.monotonic() < deadline, "episodes did not start"
        time.sleep(0.2)
    driver.kill()
    driver.wait()
    assert _leftovers("pool-sigkill") == set()


def test_a_run_sweeps_only_its_own_folders_processes(tmp_path, monkeypatch):
    """Two runs may share an id (two results folders on one machine): one run's sweep of
    leftovers must not kill the other's episodes."""
    from halo_cli.runner.isolate import EpisodeWorker, run_scope

    monkeypatch.chdir(REPO)
    [spec] = _specs("same-id", ["v2.gomail-2"], limit=600)
    worker = EpisodeWorker(Settings(_env_file=None), "same-id", f"{HERE}:hang_episode",  # type: ignore[call-arg]
                           scope=run_scope(tmp_path / "a"))
    worker.submit(spec, tmp_path / "a" / "logs" / "x.log")
    try:
        deadline = time.monotonic() + 15
        while len(procs.marked(run_token("same-id"), prefix=True)) < 2:  # worker + its sleeper
            assert time.monotonic() < deadline, "the episode did not start"
            time.sleep(0.2)
        procs.kill_episode(None, run_token("same-id", run_scope(tmp_path / "b")), prefix=True)
        assert worker.proc is not None and worker.proc.poll() is None  # the other folder's run
        procs.kill_episode(None, run_token("same-id", run_scope(tmp_path / "a")), prefix=True)
        assert _leftovers("same-id") == set()
    finally:
        worker.terminate(1)


@pytest.mark.browser
def test_workers_launch_chromium_before_the_first_episode_and_leave_nothing(
        tmp_path, monkeypatch, browser_ready):
    monkeypatch.chdir(REPO)
    # where Playwright puts its profiles and artifacts (short: Chromium's socket path in it
    # must fit in 108 bytes)
    temp = Path(tempfile.mkdtemp(prefix="halo-", dir="/tmp"))
    monkeypatch.setenv("TMPDIR", str(temp))
    run_id = "pool-warm"
    specs = _specs(run_id, ["v2.gomail-1", "v2.omnizon-3", "v2.gomail-2"], limit=120)
    settings = Settings(_env_file=None, HALO_DATA_DIR=browser_ready)  # type: ignore[call-arg]
    pool = LocalPool(settings, 2, tmp_path / "logs", f"{HERE}:warm_episode")
    got: list[EpisodeResult] = []
    pool.warm_up(specs)  # as `halo eval` does, before it starts the sites server
    pool.run(specs, got.append, threading.Event())
    assert sorted((r.task_id, r.success, r.error_message) for r in got) == [
        ("v2.gomail-1", True, None), ("v2.gomail-2", True, None), ("v2.omnizon-3", True, None)]
    assert _leftovers(run_id) == set()  # workers, drivers and Chromiums all gone ...
    assert [p.name for p in temp.iterdir() if p.name.startswith("playwright")] == []  # ... and their files
    shutil.rmtree(temp)
