"""Episode workers: long-lived child processes that run episodes one at a time.

A worker keeps its Chromium warm across episodes (each episode gets a fresh browser
context: see `harness/fast_env.py`). The parent hands it one job at a time on its stdin,
watches the clock, and reads back one result file per job. An episode that passes its
wall-time limit, or whose worker dies, takes the worker and its browsers down (every
process carrying the worker's marker is killed, `procs.kill_episode`); the next job
starts a fresh worker, and the run goes on. The settings (with the API key) travel on
the worker's stdin, never through a file.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from halo_cli.config.settings import Settings
from halo_cli.runner import procs
from halo_cli.runner.models import EpisodeResult, EpisodeSpec

DEFAULT_EPISODE_FN = "halo_cli.runner.agents:run_halo_episode"


@dataclass(frozen=True)
class Job:
    """One episode for a worker: what to run, where its files go."""

    spec: EpisodeSpec
    job_dir: Path  # result.json, steps, ready
    log_path: Path  # the episode's stdout and stderr
    episode_fn: str = DEFAULT_EPISODE_FN

    @property
    def result_path(self) -> Path:
        return self.job_dir / "result.json"


def run_token(run_id: str, scope: str = "") -> str:
    """The marker prefix shared by every process of a run (for sweeps and tests); with the
    run folder's `scope`, only this run's, not another folder's run of the same id."""
    return f"halo:{run_id}:" + (f"{scope}:" if scope else "")


def run_scope(run_root: Path) -> str:
    """A short, stable name for a run's folder (two runs may share an id, never a folder)."""
    return hashlib.sha1(str(Path(run_root).resolve()).encode()).hexdigest()[:8]


def log_name(spec: EpisodeSpec) -> str:
    return f"{spec.task_id}__{spec.mode.name}__attempt_{spec.attempt}.log"


def error_result(
    spec: EpisodeSpec, steps: int, error_type: str, message: str, wall: float = 0.0,
    traceback: str | None = None, ready: bool = False,
) -> EpisodeResult:
    """A result for an episode that produced none itself (killed, crashed, timed out):
    phase `init` unless the env was ready (`on_ready` seen) or a step was taken."""
    return EpisodeResult(
        task_id=spec.task_id, mode=spec.mode.name, attempt=spec.attempt,
        task_seed=spec.task_seed, temperature=spec.mode.temperature, steps=steps,
        wall_time_s=wall, error_phase="agent" if steps or ready else "init",
        error_type=error_type, error_message=message, traceback=traceback,
    )


def _signal_name(rc: int) -> str:
    if rc < 0:
        try:
            return signal.Signals(-rc).name
        except ValueError:
            return f"signal {-rc}"
    return f"exit code {rc}"


def _tail(path: Path, lines: int = 3) -> str:
    try:
        text = path.read_text(errors="replace").strip().splitlines()
    except OSError:
        return ""
    return " | ".join(text[-lines:])[-400:]


class EpisodeWorker:
    """A child process, in its own session, that runs the episodes handed to it in turn."""

    def __init__(self, settings: Settings, run_id: str, episode_fn: str = DEFAULT_EPISODE_FN,
                 scope: str = "", warm_browser: bool = False) -> None:
        self.settings = settings
        self.episode_fn = episode_fn
        self.warm_browser = warm_browser  # launch the headless Chromium before the first job
        self.token = f"{run_token(run_id, scope)}worker-{secrets.token_hex(4)}"
        self.proc: subprocess.Popen[bytes] | None = None
        self.job: Job | None = None
        self.started = 0.0
        self.deadline = 0.0

    @property
    def busy(self) -> bool:
        return self.job is not None

    def start(self) -> None:
        """Start the worker process now (if it is not running): it imports the episode
        function and, with `warm_browser`, launches its Chromium, until the first job."""
        if self.proc is None or self.proc.poll() is not None:
            self._spawn()

    def _spawn(self) -> None:
        env = {**os.environ, procs.TOKEN_VAR: self.token, "PYTHONUNBUFFERED": "1"}
        warm = ["--warm-browser"] if self.warm_browser else []
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "halo_cli.runner.child", self.episode_fn, *warm],
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env,
            start_new_session=True, close_fds=True,
        )
        self._send(self.settings)

    def _send(self, obj: object) -> None:
        assert self.proc is not None and self.proc.stdin is not None
        try:
            pickle.dump(obj, self.proc.stdin)
            self.proc.stdin.flush()
        except (BrokenPipeError, OSError):
            pass  # the worker died; poll() reports it

    def submit(self, spec: EpisodeSpec, log_path: Path) -> None:
        """Start `spec` on this worker (a fresh process if it has none or it died)."""
        self.start()
        log_path.parent.mkdir(parents=True, exist_ok=True)
        job_dir = Path(tempfile.mkdtemp(prefix="halo-episode-"))
        self.job = Job(spec, job_dir, log_path, self.episode_fn)
        self.started = time.monotonic()
        self.deadline = self.started + spec.wall_limit()
        self._send(self.job)

    def _steps(self, job: Job) -> int:
        try:
            return int((job.job_dir / "steps").read_text() or 0)
        except (OSError, ValueError):
            return 0

    def poll(self) -> EpisodeResult | None:
        """The running episode's result once it has ended (or was killed at its limit)."""
        job = self.job
        assert job is not None and self.proc is not None
        spec, wall = job.spec, time.monotonic() - self.started
        result = self._read_result(job)
        if result is None:
            rc = self.proc.poll()
            steps, ready = self._steps(job), (job.job_dir / "ready").exists()
            if rc is None and time.monotonic() < self.deadline:
                return None
            self.kill()
            if rc is None:
                kind, why = "EpisodeTimeout", (f"episode passed its wall-time limit of "
                                               f"{spec.wall_limit():.0f}s after {steps} steps; killed")
            else:
                kind, why = "EpisodeProcessDied", (f"episode process ended ({_signal_name(rc)}) "
                                                   f"without a result; log {job.log_path}: "
                                                   f"{_tail(job.log_path)}")
            result = error_result(spec, steps, kind, why, wall, ready=ready)
        else:
            fixed = {"task_seed": spec.task_seed, "temperature": spec.mode.temperature}
            if not result.wall_time_s:
                fixed["wall_time_s"] = wall
            result = result.model_copy(update=fixed)
        self._done()
        return result

    def _read_result(self, job: Job) -> EpisodeResult | None:
        try:
            return EpisodeResult.model_validate_json(job.result_path.read_text())
        except (OSError, ValueError):
            return None

    def _done(self) -> None:
        if self.job is not None:
            shutil.rmtree(self.job.job_dir, ignore_errors=True)
        self.job = None

    def stop(self, grace: float = 10.0) -> None:
        """End the worker: an idle one is told it is done (it closes its browser and exits,
        0.1 s), a busy one is terminated (`terminate`)."""
        if self.busy or self.proc is None or self.proc.poll() is not None:
            self.terminate(grace)
            return
        try:
            assert self.proc.stdin is not None
            self.proc.stdin.close()
            self.proc.wait(timeout=grace)
        except (OSError, subprocess.TimeoutExpired):
            pass
        self.kill()

    def terminate(self, grace: float = 10.0) -> None:
        """Ask the worker to stop (SIGTERM: it closes its browsers), then kill what is left."""
        if self.proc is not None and self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, signal.SIGTERM)
            except OSError:
                pass
            try:
                self.proc.wait(timeout=grace)
            except subprocess.TimeoutExpired:
                pass
        self.kill()
        self._done()

    def kill(self) -> None:
        """SIGKILL the worker, its group and everything carrying its marker."""
        if self.proc is None:
            return
        root = self.proc.pid if self.proc.poll() is None else None
        procs.kill_episode(root, self.token)
        try:
            self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            pass
        procs.kill_episode(None, self.token)  # stragglers (crashpad handlers, zygotes)
        self.proc = None


def run_on(worker: EpisodeWorker, spec: EpisodeSpec, log_path: Path, grace: float = 10.0
           ) -> EpisodeResult:
    """Blocking form (Ray actors): run `spec` on `worker`, wait, return the result; on
    KeyboardInterrupt end the worker and its browsers, then re-raise."""
    worker.submit(spec, log_path)
    try:
        while (result := worker.poll()) is None:
            time.sleep(0.1)
        return result
    except BaseException:
        worker.terminate(grace)
        raise
