"""Run one episode in its own process (its own session), with a wall-time limit.

The parent only starts the child, watches the clock and reads back one result file.
On timeout, interruption or exit, the child, its browsers and anything else carrying
its marker are killed (`procs.kill_episode`), so nothing outlives the episode. The
settings (with the API key) travel on the child's stdin, never through a file.
"""

from __future__ import annotations

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
    """What the child process receives on stdin."""

    spec: EpisodeSpec
    settings: Settings
    token: str  # the child's HALO_EPISODE_TOKEN: marks every process it starts
    result_path: Path
    episode_fn: str = DEFAULT_EPISODE_FN


def run_token(run_id: str) -> str:
    """The marker prefix shared by every process of a run (for sweeps and tests)."""
    return f"halo:{run_id}:"


def episode_token(spec: EpisodeSpec) -> str:
    return f"{run_token(spec.run_id)}{spec.task_id}:{spec.mode.name}:{spec.attempt}:" + secrets.token_hex(3)


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


class EpisodeProcess:
    """One episode in a child process started in a new session."""

    def __init__(self, spec: EpisodeSpec, settings: Settings, log_path: Path,
                 episode_fn: str = DEFAULT_EPISODE_FN) -> None:
        self.spec = spec
        self.log_path = log_path
        self.workdir = Path(tempfile.mkdtemp(prefix="halo-episode-"))
        self.job = Job(spec, settings, episode_token(spec), self.workdir / "result.json", episode_fn)
        self.proc: subprocess.Popen[bytes] | None = None
        self.started = 0.0
        self.deadline = 0.0

    @property
    def ready(self) -> bool:
        """The env finished starting (the episode called on_ready)."""
        return (self.workdir / "ready").exists()

    @property
    def steps(self) -> int:
        """Steps the child has reported so far (via on_step)."""
        try:
            return int((self.workdir / "steps").read_text() or 0)
        except (OSError, ValueError):
            return 0

    def start(self) -> None:
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        env = {**os.environ, procs.TOKEN_VAR: self.job.token, "PYTHONUNBUFFERED": "1"}
        with open(self.log_path, "ab") as log:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "halo_cli.runner.child"],
                stdin=subprocess.PIPE, stdout=log, stderr=subprocess.STDOUT,
                env=env, start_new_session=True, close_fds=True,
            )
        self.started = time.monotonic()
        self.deadline = self.started + self.spec.wall_limit()
        assert self.proc.stdin is not None
        try:
            self.proc.stdin.write(pickle.dumps(self.job))
            self.proc.stdin.close()
        except (BrokenPipeError, OSError):
            pass  # the child died at once; poll() reports it

    def poll(self) -> EpisodeResult | None:
        """The result once the episode has ended (or was killed at its limit); else None."""
        assert self.proc is not None
        rc = self.proc.poll()
        wall = time.monotonic() - self.started
        if rc is None:
            if time.monotonic() < self.deadline:
                return None
            steps, ready = self.steps, self.ready
            self.kill()
            limit = self.spec.wall_limit()
            return error_result(
                self.spec, steps, "EpisodeTimeout",
                f"episode passed its wall-time limit of {limit:.0f}s after {steps} steps; killed",
                wall, ready=ready,
            )
        result, steps, ready = self._read_result(), self.steps, self.ready
        self.cleanup()
        if result is None:
            return error_result(
                self.spec, steps, "EpisodeProcessDied",
                f"episode process ended ({_signal_name(rc)}) without a result; "
                f"log {self.log_path}: {_tail(self.log_path)}",
                wall, ready=ready,
            )
        fixed = {"task_seed": self.spec.task_seed, "temperature": self.spec.mode.temperature}
        if not result.wall_time_s:
            fixed["wall_time_s"] = wall
        return result.model_copy(update=fixed)

    def _read_result(self) -> EpisodeResult | None:
        try:
            return EpisodeResult.model_validate_json(self.job.result_path.read_text())
        except (OSError, ValueError):
            return None

    def terminate(self, grace: float = 10.0) -> None:
        """Ask the episode to stop (SIGTERM: it closes its browsers), then kill what is left."""
        assert self.proc is not None
        if self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, signal.SIGTERM)
            except OSError:
                pass
            try:
                self.proc.wait(timeout=grace)
            except subprocess.TimeoutExpired:
                pass
        self.kill()

    def kill(self) -> None:
        """SIGKILL the child, its group and everything carrying its marker."""
        assert self.proc is not None
        root = self.proc.pid if self.proc.poll() is None else None
        procs.kill_episode(root, self.job.token)
        try:
            self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            pass
        self.cleanup()

    def cleanup(self) -> None:
        """Kill stragglers of an ended episode (crashpad handlers, zygotes); drop the workdir."""
        procs.kill_episode(None, self.job.token)
        shutil.rmtree(self.workdir, ignore_errors=True)


def run_isolated(spec: EpisodeSpec, settings: Settings, log_path: Path,
                 episode_fn: str = DEFAULT_EPISODE_FN, grace: float = 10.0) -> EpisodeResult:
    """Blocking form (for Ray tasks): start, wait, return the result; on KeyboardInterrupt
    (Ray's cancel) end the episode and its browsers, then re-raise."""
    ep = EpisodeProcess(spec, settings, log_path, episode_fn)
    ep.start()
    try:
        while (result := ep.poll()) is None:
            time.sleep(0.2)
        return result
    except BaseException:
        ep.terminate(grace)
        raise
